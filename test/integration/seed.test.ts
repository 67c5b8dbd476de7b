/**
 * The seed network as a newcomer meets it: the counts its README promises, specific facts with
 * their sources read back through the API, every alias findable, every relationship sourced.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoadError } from '../../api/src/curation/load.js';
import { loadSeed, SEED_DIR } from '../../seed/seed.js';
import { graphFingerprint, startTestApp, type TestApp } from '../support/app.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

interface Relationship {
  type: string;
  direction: 'in' | 'out';
  other: { id: string; kind: string; name: string };
  properties: { sources: string[]; role?: string; quote?: string; from_date?: string; to_date?: string };
}
interface Detail {
  node: Record<string, any>;
  relationships: Relationship[];
  sources: { id: string }[];
}

const node = (id: string) => app.getJson<Detail>(`/api/nodes/${id}`);
const related = (detail: Detail, type: string, direction: 'in' | 'out') => detail.relationships.filter((r) => r.type === type && r.direction === direction);

/** The counts table of seed/README.md. */
function readmeCounts(): Record<string, number> {
  const readme = readFileSync(path.join(SEED_DIR, 'README.md'), 'utf8');
  const table = readme.slice(readme.indexOf('## Counts'));
  return Object.fromEntries([...table.matchAll(/^\| ([a-z]+) \| (\d+) \|$/gm)].map((m) => [m[1], Number(m[2])]));
}

describe('when the seed is loaded', () => {
  it('then the counts by kind match the table in seed/README.md', async () => {
    const expected = readmeCounts();
    const rows = await app.db.read<{ kind: string; n: number }>("MATCH (n:Entity) WHERE NOT n.id STARTS WITH 't-' RETURN n.kind AS kind, count(*) AS n");
    const [rels] = await app.db.read<{ n: number }>(
      "MATCH (a:Entity)-[r]->(b:Entity) WHERE NOT a.id STARTS WITH 't-' AND NOT b.id STARTS WITH 't-' RETURN count(r) AS n",
    );
    expect({ ...Object.fromEntries(rows.map((r) => [r.kind, r.n])), relationships: rels?.n }).toEqual(expected);
    expect(Object.keys(expected)).toHaveLength(9);
  });

  it('then every relationship cites at least one source, and every cited source exists', async () => {
    const [row] = await app.db.read<{ total: number; unsourced: number; dangling: string[] }>(
      `MATCH ()-[r]->()
       WITH count(r) AS total, collect(r) AS all
       RETURN total,
              size([r IN all WHERE r.sources IS NULL OR size(r.sources) = 0]) AS unsourced,
              [r IN all WHERE any(s IN r.sources WHERE NOT EXISTS { MATCH (:Source {id: s}) }) | type(r)] AS dangling`,
    );
    expect(row?.total).toBeGreaterThan(400);
    expect(row?.unsourced).toBe(0);
    expect(row?.dangling).toEqual([]);
    const [nodes] = await app.db.read<{ unsourced: string[] }>(
      `MATCH (n:Entity) WHERE n.kind <> 'source'
         AND (n.sources IS NULL OR size(n.sources) = 0 OR any(s IN n.sources WHERE NOT EXISTS { MATCH (:Source {id: s}) }))
       RETURN collect(n.id) AS unsourced`,
    );
    expect(nodes?.unsourced).toEqual([]);
  });

  it('then every figure belongs to the event or initiative it describes', async () => {
    const [row] = await app.db.read<{ orphans: string[] }>('MATCH (f:Figure) WHERE NOT EXISTS { MATCH (f)<-[:HAS_FIGURE]-() } RETURN collect(f.id) AS orphans');
    expect(row?.orphans).toEqual([]);
  });

  it('then loading it again changes nothing', async () => {
    const before = await graphFingerprint(app.db);
    await loadSeed(app.db);
    expect(await graphFingerprint(app.db)).toEqual(before);
  });
});

describe('when a newcomer checks facts against their sources', () => {
  it('then the first day of NODC 2024 has its date, place and attendance, each sourced', async () => {
    const day1 = await node('nodc-2024-day-1');
    expect(day1.node).toMatchObject({ startDate: '2024-03-26', venue: 'CADT Innovation Center, Phnom Penh' });
    const conference = await node('nodc-2024');
    expect(related(conference, 'HELD_IN', 'out').map((r) => r.other.id)).toEqual(['phnom-penh']);
    const figures: Record<string, number> = {};
    for (const r of related(day1, 'HAS_FIGURE', 'out')) {
      const figure = await node(r.other.id);
      figures[figure.node.measure] = figure.node.value;
      expect(figure.node.sources).toContain('2024-nodc-day1-blog');
      expect(figure.node.quote).toBeTruthy();
    }
    expect(figures).toEqual({ participants: 142, women: 59, 'indigenous-women': 5, 'people-with-disabilities': 6 });
  });

  it("then a person's organisation and title come with the source that states them", async () => {
    const lindberg = await node('meloney-lindberg');
    expect(related(lindberg, 'WORKS_FOR', 'out')).toEqual([
      expect.objectContaining({
        other: { id: 'taf', kind: 'organisation', name: 'The Asia Foundation' },
        properties: expect.objectContaining({ role: 'Country Representative', sources: ['2024-nodc-day1-blog'] }),
      }),
    ]);
    expect(lindberg.sources.map((s) => s.id)).toContain('2024-nodc-day1-blog');
    const maoNeang = await node('mao-neang');
    expect(related(maoNeang, 'WORKS_FOR', 'out')[0]).toMatchObject({ other: { id: 'gdittt-mptc' }, properties: { role: 'Director General' } });
    const department = await node('gdittt-mptc');
    expect(related(department, 'PART_OF', 'out').map((r) => r.other.id)).toEqual(['mptc']);
  });

  it('then the funding chain runs from the Australian government to both 2024 events', async () => {
    const dfat = await node('dfat');
    const funds = related(dfat, 'FUNDS', 'out');
    expect(funds.map((r) => r.other.id).sort()).toEqual(['nodc-2024', 'odd-2024', 'odd-nodc-2024-highlights-report', 'ponlok-chomnes-ii']);
    expect(funds.find((r) => r.other.id === 'ponlok-chomnes-ii')?.properties).toMatchObject({
      from_date: '2023-07-01',
      to_date: '2027-06-30',
      sources: expect.arrayContaining(['2024-nodc-announcement']),
    });
    const programme = await node('ponlok-chomnes-ii');
    expect(related(programme, 'IMPLEMENTS', 'in').map((r) => r.other.id)).toEqual(['taf']);
    expect(related(programme, 'SUPPORTS', 'out').map((r) => r.other.id)).toEqual(expect.arrayContaining(['odc', 'odd-2024', 'nodc-2024']));
    const nodc = await node('nodc-2024');
    expect(related(nodc, 'ORGANISED', 'in').map((r) => r.other.id)).toEqual(['odc']);
    const [{ funders }] = (await app.db.read('MATCH (f:Organisation)-[:FUNDS]->() RETURN collect(DISTINCT f.id) AS funders')) as [{ funders: string[] }];
    expect(funders).toEqual(['dfat']);
  });

  it('then the 2025 regional dialogue names its partner, its supporter and the provinces it drew', async () => {
    const dialogue = await node('regional-dialogue-2025');
    expect(dialogue.node.startDate).toBe('2025-10-27');
    expect(related(dialogue, 'PARTNER_IN', 'in').map((r) => r.other.id)).toEqual(['ccc']);
    expect(related(dialogue, 'SUPPORTS', 'in').map((r) => r.other.id)).toEqual(['idrc']);
    const provinces = related(dialogue, 'REPRESENTED_AT', 'in').filter((r) => r.properties.role === 'participants travelled from');
    expect(provinces).toHaveLength(8);
    expect(related(dialogue, 'PARTNER_IN', 'in')[0]?.properties.sources).toEqual(['2025-mekong-regional-dialogue']);
  });

  it('then the hackathon has its three winners, their projects and its judges', async () => {
    const final = await node('nodc-2024-hackathon-final');
    expect(
      related(final, 'WON', 'in')
        .map((r) => r.other.id)
        .sort(),
    ).toEqual(['team-5gb', 'team-able2work', 'team-read2rise']);
    expect(related(final, 'JUDGED', 'in')).toHaveLength(4);
    const team = await node('team-5gb');
    expect(related(team, 'DEVELOPED', 'out')[0]?.other).toMatchObject({ id: 'kangea-yeung', name: 'ការងារយើង - KANGEA YEUNG' });
  });
});

describe('when the seed is searched', () => {
  it('then every name and alias finds its entity', async () => {
    const rows = await app.db.read<{ id: string; names: string[] }>(
      "MATCH (n:Entity) WHERE n.kind <> 'figure' AND NOT n.id STARTS WITH 't-' RETURN n.id AS id, [n.name] + n.aliases AS names",
    );
    const lookups = rows.flatMap(({ id, names }) => names.map((name) => ({ id, name })));
    expect(lookups.length).toBeGreaterThan(300);
    const missed: string[] = [];
    // A few requests at a time: hundreds of lookups, on a machine that may be busy.
    for (let i = 0; i < lookups.length; i += 8) {
      await Promise.all(
        lookups.slice(i, i + 8).map(async ({ id, name }) => {
          const result = await app.getJson<{ items: { id: string }[] }>(`/api/search?limit=20&q=${encodeURIComponent(name)}`);
          if (!result.items.some((hit) => hit.id === id)) missed.push(`${name} → ${id}`);
        }),
      );
    }
    expect(missed).toEqual([]);
  }, 180_000);

  it.each([
    ['Kimcheun Pak', 'pak-kimchoeun'],
    ['Mean Vibolratanack', 'mean-vibolratanak'],
    ['Meloney Lindburg', 'meloney-lindberg'],
    ['Siv Vattana', 'siv-vatana'],
    ['Damnok Tuek', 'damnok-toek'],
    ['Kampuchea Sela Handicap', 'kampuchea-sela-handicap'],
  ])('then the unstored spelling "%s" still finds %s first', async (q, id) => {
    const result = await app.getJson<{ items: { id: string }[] }>(`/api/search?q=${encodeURIComponent(q)}`);
    expect(result.items[0]?.id).toBe(id);
  });

  it('then a Khmer word finds the project whose title contains it, and kinds filter', async () => {
    const result = await app.getJson<{ items: { id: string; kind: string }[] }>(`/api/search?q=${encodeURIComponent('ការងារ')}&kinds=initiative`);
    expect(result.items.map((i) => i.id)).toEqual(['kangea-yeung']);
  });
});

describe('when a seed folder has a bad row', () => {
  it('then loading names the file, line and field, and loads nothing', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'spean-seed-'));
    cpSync(SEED_DIR, dir, { recursive: true });
    /** Appends rows to a copied seed file; returns the line number of the first appended row. */
    const append = (file: string, ...rows: string[]) => {
      const full = path.join(dir, file);
      const text = readFileSync(full, 'utf8');
      writeFileSync(full, text + rows.join('\n') + '\n');
      return text.trimEnd().split('\n').length + 1;
    };
    const newOrgLine = append(
      'organisations.csv',
      't-seed-new,A New Organisation,,,cso,,,2022-open-data-day-blog,',
      't-seed-bad,Bad Org,,,club,,,2022-open-data-day-blog,',
    );
    const danglingLine = append('relationships.csv', 't-seed-new,FUNDS,t-seed-nobody,,,2022-open-data-day-blog,,,,,,,');
    const before = await graphFingerprint(app.db);

    const error = await loadSeed(app.db, dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LoadError);
    expect((error as LoadError).problems).toEqual([expect.objectContaining({ file: 'organisations.csv', line: newOrgLine + 1, field: 'orgKind' })]);
    expect(await graphFingerprint(app.db)).toEqual(before);
    expect(await app.db.read("MATCH (n:Entity) WHERE n.id STARTS WITH 't-seed-' RETURN n")).toEqual([]);

    // With the bad row fixed, the dangling relationship is the next thing it names.
    const orgs = path.join(dir, 'organisations.csv');
    writeFileSync(orgs, readFileSync(orgs, 'utf8').replace('Bad Org,,,club', 'Bad Org,,,cso'));
    const second = (await loadSeed(app.db, dir).catch((e: unknown) => e)) as LoadError;
    expect(second.problems).toEqual([expect.objectContaining({ file: 'relationships.csv', line: danglingLine, field: 'to' })]);
    expect(await app.db.read("MATCH (n:Entity) WHERE n.id STARTS WITH 't-seed-' RETURN n")).toEqual([]);
  });
});
