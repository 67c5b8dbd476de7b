/**
 * The seed as a researcher checks it against the documents (issue 12): facts dated when their
 * event happened, the as-of network holding what the annexes state, the structure the texts
 * give, and search finding what people type.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

interface View {
  nodes: { id: string; kind: string }[];
  edges: { from: string; to: string; type: string; properties: { since?: string } }[];
}
const graph = (query: string) => app.getJson<View>(`/api/graph?limit=20000&${query}`);
const search = async (q: string) => (await app.getJson<{ items: { id: string }[] }>(`/api/search?q=${encodeURIComponent(q)}`)).items.map((i) => i.id);

/** Every affiliation Annexes I and II of the highlights report give a NODC 2024 speaker. */
const ANNEX_AFFILIATIONS = [
  ['thy-try', 'odc'],
  ['meloney-lindberg', 'taf'],
  ['connor-floyd', 'australian-embassy-phnom-penh'],
  ['be-chantra', 'cadt'],
  ['pak-kimchoeun', 'capred'],
  ['sam-sovannarith', 'damnok-toek'],
  ['mean-vibolratanak', 'cdpo'],
  ['veng-seanghai', 'odc'],
  ['siv-vatana', 'odc'],
  ['heng-soklay', 'cadt'],
  ['thear-sophal', 'cadt'],
  ['vong-pisith', 'odc'],
  ['bouy-somethea', 'nis'],
  ['chao-pheav', 'nis'],
  ['sam-an-mardy', 'odc'],
  ['em-somnang', 'ncdm'],
  ['sem-savuth', 'ncsd'],
  ['chomraoen-sovandy', 'moeys'],
  ['paul-amereth-kethya', 'mcs'],
  ['ban-chanphalla', 'odc'],
  ['hor-otdam', 'undp-cambodia'],
  ['oum-vantharith', 'techo-startup'],
  ['dolgion-aldar', 'taf'],
  ['kry-suyheang', 'women-peace-makers'],
  ['sana-oung-ty', 'datasr'],
  ['dongpo-deng', 'civic-sense-ocf'],
  ['dongpo-deng', 'open-data-alliance'],
  ['rawon-jang', 'nia-korea'],
  ['william-gilles', 'paris-1-pantheon-sorbonne'],
  ['william-gilles', 'imodev'],
  ['renato-berrino-malaccorto', 'open-data-charter'],
];

describe('when the seed is read as of a date', () => {
  it('then nothing tied to a NODC 2024 event or session is dated after the conference', async () => {
    const [row] = await app.db.read<{ ids: string[] }>("MATCH (e:Event)-[:PART_OF*0..3]->(:Event {id: 'nodc-2024'}) RETURN collect(e.id) AS ids");
    const nodc = new Set(row?.ids);
    expect(nodc.size).toBeGreaterThan(20);
    const { edges } = await graph('');
    const tied = edges.filter((e) => nodc.has(e.from) || nodc.has(e.to));
    expect(tied.length).toBeGreaterThan(100);
    const late = tied.filter((e) => !e.properties.since || e.properties.since > '2024-03-27').map((e) => `${e.from} ${e.type} ${e.to} ${e.properties.since}`);
    expect(late).toEqual([]);
  });

  it('then on 31 March 2024 the network holds every speaker affiliation the NODC annexes state', async () => {
    const { edges, nodes } = await graph('asOf=2024-03-31&relTypes=WORKS_FOR');
    const present = new Set(edges.map((e) => `${e.from} ${e.to}`));
    expect(ANNEX_AFFILIATIONS.filter(([p, o]) => !present.has(`${p} ${o}`))).toEqual([]);
    const ids = new Set(nodes.map((n) => n.id));
    expect(['nis', 'undp-cambodia', 'open-data-charter', 'ncdm', 'ncsd', 'techo-startup', 'datasr'].filter((id) => !ids.has(id))).toEqual([]);
  });

  it('then the day before the conference has none of its affiliations yet', async () => {
    const { edges } = await graph('asOf=2024-03-25&relTypes=WORKS_FOR');
    expect(edges.filter((e) => e.from === 'bouy-somethea' || e.from === 'hor-otdam')).toEqual([]);
  });
});

describe('when a researcher asks what the texts state', () => {
  it('then the ministries on the 2022 panel are linked to it as organisations, and MOTC to its panel', async () => {
    const panel = await app.getJson<{ relationships: { type: string; direction: string; other: { id: string } }[] }>('/api/nodes/odd-2022-panel-1');
    const speakers = panel.relationships.filter((r) => r.type === 'SPOKE_AT' && r.direction === 'in').map((r) => r.other.id);
    expect(speakers).toEqual(expect.arrayContaining(['mptc', 'mcs', 'ncdd', 'oda-taiwan']));
    const motc = await app.getJson<{ relationships: { other: { id: string } }[] }>('/api/nodes/motc-taiwan');
    expect(motc.relationships.map((r) => r.other.id)).toContain('odd-2022-panel-2');
  });

  it('then the four Taiwanese speakers are under country=taiwan', async () => {
    const people = await app.getJson<{ items: { id: string }[] }>('/api/people?country=taiwan&limit=100');
    expect(people.items.map((p) => p.id).sort()).toEqual(['chen-tim', 'chi-ming-peng', 'chia-kai-liu', 'dongpo-deng']);
  });

  it('then the embassy delivered remarks and DFAT is the one funder', async () => {
    const [row] = await app.db.read<{ funders: string[]; embassy: string[] }>(
      `MATCH (f:Organisation)-[:FUNDS]->() WITH collect(DISTINCT f.id) AS funders
       MATCH (:Organisation {id: 'australian-embassy-phnom-penh'})-[r]->(e) RETURN funders, collect(type(r) + ' ' + e.id) AS embassy`,
    );
    expect(row?.funders).toEqual(['dfat']);
    expect(row?.embassy).toEqual(['SPOKE_AT nodc-2024-opening']);
  });

  it("then ODC's own Open Data Day 2022 counts in its year, and 'over 142' keeps its qualifier", async () => {
    const stats = await app.getJson<{
      eventsByYear: { key: string; count: number }[];
      participation: { of: string; measure: string; value: number; qualifier: string }[];
    }>('/api/stats');
    // The global celebration, ODC's own Open Data Day and its two panels (every event counts, #15).
    expect(stats.eventsByYear.find((y) => y.key === '2022')?.count).toBe(4);
    const [odc] = await app.db.read<{ year: number }>("MATCH (e:Event {id: 'odd-2022'}) RETURN e.since.year AS year");
    expect(odc?.year).toBe(2022);
    expect(stats.participation).toContainEqual(expect.objectContaining({ of: 'nodc-2024-day-1', measure: 'participants', value: 142, qualifier: 'over' }));
  });
});

describe('when the seed is searched by what people type', () => {
  it.each([
    ['CADT Innovation Center', 'cadt-innovation-center'],
    ['OCF', 'civic-sense-ocf'],
    ['DFAT', 'dfat'],
  ])('then "%s" finds %s', async (q, id) => {
    expect(await search(q)).toContain(id);
  });

  it('then "ODC" ranks the organisation above its platform', async () => {
    const ids = await search('ODC');
    expect(ids[0]).toBe('odc');
    expect(ids).toContain('odc-open-data-platform');
  });

  it('then "DFAT" ranks DFAT first', async () => {
    expect((await search('DFAT'))[0]).toBe('dfat');
  });
});
