/**
 * The explorer API on the seed network, as researchers and funders use it: neighbourhoods,
 * paths told as sentences, the network at a date, metrics, gaps, exports, and the OpenAPI
 * document that describes all of it. The Cypher console is in console-researcher.test.ts.
 */
import { MultiDirectedGraph } from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Operation } from '../../api/src/http/operation.js';
import { openApiPath } from '../../api/src/http/openapi.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { createGraph, removeGraph, TEST_SOURCE } from '../support/factory.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await removeGraph(app.db, 't-explorer-');
  await app.close();
});

/** GETs a JSON answer and checks it against the operation's response schema. */
async function get<T = any>(path: string): Promise<T> {
  const body = await app.getJson(path);
  const route = new URL(path, 'http://x').pathname;
  const op = app.built.operations.find((o) => o.method === 'get' && new RegExp(`^${o.path.replace(/:\w+/g, '[^/]+')}$`).test(route));
  expect(op, `an operation serves ${route}`).toBeDefined();
  const checked = (op as Operation).response.safeParse(body);
  expect(checked.error?.issues ?? [], `response of ${path} fits its schema`).toEqual([]);
  return body as T;
}

const ids = (items: { id: string }[]) => items.map((i) => i.id);

describe('when a researcher opens a neighbourhood', () => {
  it('then depth 1 holds the node, its neighbours and the relationships with their sources', async () => {
    const view = await get('/api/nodes/meloney-lindberg/neighbourhood');
    expect(ids(view.nodes)).toEqual(expect.arrayContaining(['meloney-lindberg', 'taf', 'nodc-2024-opening']));
    expect(view.edges.find((e: any) => e.type === 'WORKS_FOR')).toMatchObject({
      from: 'meloney-lindberg',
      to: 'taf',
      properties: { role: 'Country Representative', sources: ['2024-nodc-day1-blog'] },
    });
    expect(ids(view.sources)).toContain('2024-nodc-day1-blog');
    expect(view.truncated).toBe(false);
  });

  it('then a cap cuts it openly: truncated, with counts of what was left out', async () => {
    const view = await get('/api/nodes/odc/neighbourhood?depth=2&limit=10');
    expect(view.nodes).toHaveLength(10);
    expect(view.truncated).toBe(true);
    expect(view.omitted.nodes).toBeGreaterThan(0);
    expect(view.omitted.edges).toBeGreaterThan(0);
  });

  it('then filters keep only the kinds and relationship types asked for', async () => {
    const people = await get('/api/nodes/odc/neighbourhood?relTypes=WORKS_FOR');
    expect(people.nodes.filter((n: any) => n.id !== 'odc').every((n: any) => n.kind === 'person')).toBe(true);
    expect(ids(people.nodes)).toEqual(expect.arrayContaining(['thy-try', 'siv-vatana', 'vong-pisith']));
    const events = await get('/api/nodes/odc/neighbourhood?kinds=event');
    expect(events.nodes.filter((n: any) => n.id !== 'odc').every((n: any) => n.kind === 'event')).toBe(true);
    const taiwan = await get('/api/nodes/nodc-2024-session-1/neighbourhood?kinds=person&country=taiwan&depth=1');
    expect(ids(taiwan.nodes)).toContain('dongpo-deng');
    expect(ids(taiwan.nodes)).not.toContain('rawon-jang');
  });

  it('then an as-of date shows the network of that time', async () => {
    const at2024 = await get('/api/nodes/odc/neighbourhood?asOf=2024-12-31');
    expect(ids(at2024.nodes)).toContain('nodc-2024');
    expect(ids(at2024.nodes)).not.toContain('regional-dialogue-2025');
    const at2022 = await get('/api/nodes/odc/neighbourhood?asOf=2022-12-31');
    expect(ids(at2022.nodes)).toContain('odd-2022');
    expect(ids(at2022.nodes)).not.toContain('nodc-2024');
  });

  it('then an unknown node is 404 and a bad depth is 400', async () => {
    expect((await app.get('/api/nodes/t-explorer-nobody/neighbourhood')).status).toBe(404);
    const res = await app.get('/api/nodes/odc/neighbourhood?depth=4&asOf=2024-01-01&fromDate=2023-01-01');
    expect(res.status).toBe(400);
    expect(((await res.json()) as any).errors.map((e: any) => e.field).sort()).toEqual(['query.asOf', 'query.depth']);
  });
});

describe('when a researcher asks how two people are connected', () => {
  it('then the shortest paths come back, each told as a sentence', async () => {
    const answer = await get('/api/paths?from=thy-try&to=meloney-lindberg');
    expect(answer.paths).toEqual([
      {
        nodes: ['thy-try', 'nodc-2024-opening', 'meloney-lindberg'],
        edges: expect.any(Array),
        sentence: 'Thy Try spoke at NODC 2024 opening remarks. Meloney C. Lindberg spoke at NODC 2024 opening remarks.',
      },
    ]);
  });

  it('then every path of the shortest length is returned, and kinds to avoid are avoided', async () => {
    // Both work for CADT and both presented in session 2.
    const answer = await get('/api/paths?from=heng-soklay&to=thear-sophal');
    expect(answer.paths.map((p: any) => p.nodes[1]).sort()).toEqual(['cadt', 'nodc-2024-session-2']);
    expect(answer.paths.map((p: any) => p.sentence)).toContain(
      'Heng Soklay works for Cambodia Academy of Digital Technology. Thear Sophal works for Cambodia Academy of Digital Technology.',
    );
    const avoidingEvents = await get('/api/paths?from=heng-soklay&to=thear-sophal&avoidKinds=event,topic,place,figure,source');
    expect(avoidingEvents.paths.map((p: any) => p.nodes)).toEqual([['heng-soklay', 'cadt', 'thear-sophal']]);
  });

  it('then a relationship filter or a date can leave no path', async () => {
    expect((await get('/api/paths?from=thy-try&to=meloney-lindberg&relTypes=WORKS_FOR')).paths).toEqual([]);
    expect((await get('/api/paths?from=thy-try&to=ccc&asOf=2024-12-31')).paths).toEqual([]);
    expect((await get('/api/paths?from=thy-try&to=ccc')).paths.length).toBeGreaterThan(0);
  });

  it('then unknown or identical ends are refused', async () => {
    expect((await app.get('/api/paths?from=thy-try&to=t-explorer-nobody')).status).toBe(404);
    expect((await app.get('/api/paths?from=thy-try&to=thy-try')).status).toBe(400);
  });
});

describe('when the network is seen over time', () => {
  it('then the graph of 2024 has the 2024 events and none of 2025', async () => {
    const at2024 = await get('/api/graph?asOf=2024-12-31');
    const nodeIds = ids(at2024.nodes);
    expect(nodeIds).toEqual(expect.arrayContaining(['nodc-2024', 'odd-2024', 'odd-2022', 'odc']));
    expect(nodeIds).not.toContain('regional-dialogue-2025');
    expect(nodeIds).not.toContain('provincial-workshop-2025');
    expect(nodeIds).not.toContain('ccc');
    const all = await get('/api/graph');
    expect(ids(all.nodes)).toEqual(expect.arrayContaining(['regional-dialogue-2025', 'ccc']));
  });

  it('then search at a date finds only what was in the network then', async () => {
    const now = await get('/api/search?q=Cooperation%20Committee');
    expect(ids(now.items)).toContain('ccc');
    const then = await get('/api/search?q=Cooperation%20Committee&asOf=2024-12-31');
    expect(ids(then.items)).not.toContain('ccc');
    expect(ids((await get('/api/search?q=Open%20Development%20Cambodia&asOf=2022-12-31')).items)).toContain('odc');
  });

  it('then the timeline counts events, links and newcomers per year', async () => {
    const timeline = await get('/api/timeline?from=2022-01-01&to=2025-12-31');
    const years = Object.fromEntries(timeline.periods.map((p: any) => [p.period, p]));
    expect(Object.keys(years)).toEqual(expect.arrayContaining(['2022', '2024', '2025']));
    expect(years['2024'].events).toBe(2);
    expect(years['2025'].events).toBe(2);
    expect(years['2024'].relationships).toBeGreaterThan(years['2025'].relationships);
  });

  it('then the diff from 2024 to 2025 says who joined and which links appeared', async () => {
    const diff = await get('/api/timeline/diff?from=2024-12-31&to=2025-12-31');
    expect(ids(diff.joined)).toEqual(expect.arrayContaining(['ccc', 'idrc', 'regional-dialogue-2025']));
    expect(ids(diff.joined)).not.toContain('odc');
    expect(diff.links.map((l: any) => `${l.from} ${l.type} ${l.to}`)).toContain('ccc PARTNER_IN regional-dialogue-2025');
    // Each link names its ends, which may have joined long before it.
    const odcLink = diff.links.find((l: any) => l.from === 'odc' || l.to === 'odc');
    expect(odcLink.ends[odcLink.from === 'odc' ? 'from' : 'to']).toEqual({ id: 'odc', kind: 'organisation', name: 'Open Development Cambodia Organization' });
    // A link dated to 27 October 2025 and no later ends then; one that ended in 2024 is not in 2025's diff.
    const ended = diff.ended.map((l: any) => `${l.from} ${l.type} ${l.to}`);
    expect(ended).toContain('odc PARTNERS_WITH ccc');
    expect(ended).not.toContain('taf PARTNERS_WITH odc');
    expect(diff.totals.ended).toBe(diff.ended.length);
  });
});

describe('when a researcher asks for network metrics', () => {
  it('then the hubs lead, communities and brokers are named, and the answer is cached until the graph changes', async () => {
    const first = await get('/api/metrics?limit=5&sort=pagerank');
    expect(ids(first.nodes)).toContain('odc');
    expect(first.betweenness).toBe('exact');
    expect(first.communities.length).toBeGreaterThan(2);
    expect(first.brokers).toContain('odc');
    // Other test files write meanwhile: take two answers with no write between them, which must
    // be the same cached answer. Their version is the process's kept one, which sees other
    // processes' writes within about a second, so it may trail the database's by as much.
    const version = async () => (await app.db.read("MATCH (m:GraphMeta {key: 'graph'}) RETURN m.version AS v"))[0]!.v;
    let quiet: { answers: [any, any]; version: number } | undefined;
    for (let attempt = 0; attempt < 20 && !quiet; attempt++) {
      const before = await version();
      const answers: [any, any] = [await get('/api/metrics?limit=5&sort=pagerank'), await get('/api/metrics?limit=5&sort=pagerank')];
      if ((await version()) === before) quiet = { answers, version: before as number };
    }
    expect(quiet, 'two answers with no write between them').toBeDefined();
    expect(quiet!.answers[1]).toEqual(quiet!.answers[0]);
    expect(quiet!.answers[0].graphVersion).toBeLessThanOrEqual(quiet!.version);

    await createGraph(app.db, [{ kind: 'organisation', id: 't-explorer-org', name: 'Explorer Test Org', orgKind: 'cso', sources: [TEST_SOURCE] }]);
    const after = await get('/api/metrics?limit=5000');
    expect(after.graphVersion).toBeGreaterThan(first.graphVersion);
    expect(ids(after.nodes)).toContain('t-explorer-org');
  });

  it('then sorting by betweenness ranks by betweenness', async () => {
    const ranked = await get('/api/metrics?sort=betweenness&limit=10');
    const values = ranked.nodes.map((n: any) => n.betweenness);
    expect(values).toEqual([...values].sort((a, b) => b - a));
  });
});

describe('when a funder looks for collaboration gaps', () => {
  it('then the two disability organisations that shared a panel but never partnered are a top match', async () => {
    const gaps = await get('/api/gaps');
    const pair = gaps.pairs.find((p: any) => p.a === 'cdpo' && p.b === 'damnok-toek');
    expect(pair).toMatchObject({ shared: { events: ['nodc-2024'], topics: ['disability-inclusion'] } });
    expect(gaps.pairs.indexOf(pair)).toBeLessThan(3);
    const keys = gaps.pairs.map((p: any) => `${p.a} ${p.b}`);
    expect(keys).not.toContain('dfat odc');
    expect(keys).not.toContain('odc taf');
  });

  it('then isolated actors, group reach and funder overlap are there', async () => {
    const gaps = await get('/api/gaps');
    expect(gaps.fragile.find((f: any) => f.id === 'motc-taiwan')).toMatchObject({ links: 1, via: 'odd-2022-panel-2' });
    const reach = Object.fromEntries(gaps.reach.map((g: any) => [g.id, g]));
    expect(reach.indigenous.members).toEqual([]);
    expect(reach.indigenous.participation[0]).toMatchObject({ measure: 'indigenous-women', value: 5 });
    expect(reach['people-with-disabilities'].members.map((m: any) => m.id)).toEqual(expect.arrayContaining(['cdpo', 'damnok-toek']));
    expect(reach.provinces.members).toHaveLength(7);
    const dfat = gaps.funders.reach.find((r: any) => r.funder === 'dfat');
    expect(dfat.grantees).toEqual(expect.arrayContaining(['ponlok-chomnes-ii', 'taf', 'odc', 'nodc-2024', 'odd-2024']));
    const overlaps = gaps.funders.overlaps.map((o: any) => `${o.a} ${o.b}`);
    expect(overlaps).toContain('dfat taf');
    // The embassy delivered remarks; it does not fund (the money is DFAT's, through Ponlok Chomnes).
    expect(overlaps.filter((o: string) => o.includes('australian-embassy'))).toEqual([]);
  });
});

describe('when the dashboard asks for figures', () => {
  it('then counts and participation figures come with their sources', async () => {
    const stats = await get('/api/stats');
    expect(stats.byKind.find((k: any) => k.key === 'event').count).toBe(36);
    expect(stats.eventsByYear.map((y: any) => y.key)).toEqual(expect.arrayContaining(['2022', '2024', '2025']));
    const day1 = stats.participation.find((p: any) => p.of === 'nodc-2024-day-1' && p.measure === 'participants');
    expect(day1).toMatchObject({ value: 142, date: '2024-03-26', sources: expect.arrayContaining(['2024-odd-nodc-highlights-report']) });
  });
});

describe('when a view is exported', () => {
  it('then a neighbourhood comes as GEXF that Gephi tooling reads, with sources', async () => {
    const res = await app.get('/api/nodes/nodc-2024/neighbourhood?format=gexf');
    expect(res.headers.get('content-type')).toMatch(/gexf/);
    expect(res.headers.get('content-disposition')).toContain('neighbourhood-nodc-2024.gexf');
    const graph = parseGexf(MultiDirectedGraph, await res.text());
    expect(graph.hasNode('odc')).toBe(true);
    expect(graph.getNodeAttribute('odc', 'sources')).toContain('2024-nodc-announcement');
  });

  it('then paths, search results and the filtered graph come as GraphML and CSV', async () => {
    const graphml = await (await app.get('/api/paths?from=thy-try&to=meloney-lindberg&format=graphml')).text();
    expect(graphml).toContain('<node id="nodc-2024-opening">');
    const csv = await (await app.get(`/api/search?q=${encodeURIComponent('ការងារ')}&format=nodes.csv`)).text();
    expect((parseCsv(csv, { columns: true }) as any[]).map((r) => r.Id)).toEqual(['kangea-yeung', 'team-5gb']);
    const edges = parseCsv(await (await app.get('/api/graph?asOf=2022-12-31&format=edges.csv')).text(), { columns: true }) as any[];
    expect(edges.length).toBeGreaterThan(50);
    expect(edges.every((e) => e.sources)).toBe(true);
  });
});

describe('when the API describes itself', () => {
  it('then /api/openapi.json is OpenAPI 3.1 and lists every route Express serves', async () => {
    const spec = await app.getJson('/api/openapi.json');
    expect(spec.openapi).toBe('3.1.0');
    const routes: string[] = [];
    // Express 5 keeps the mounted routes in the router stack of each layer.
    const walk = (stack: any[]) => {
      for (const layer of stack) {
        if (layer.route) for (const method of Object.keys(layer.route.methods)) routes.push(`${method} ${layer.route.path}`);
        else if (layer.handle?.stack) walk(layer.handle.stack);
      }
    };
    walk((app.built.app as any).router.stack);
    // `_all` routes answer the methods a path does not have (405); robots.txt is not API.
    const documented = routes.filter((r) => !r.endsWith('/api/openapi.json') && !r.startsWith('_all ') && !r.endsWith('/robots.txt'));
    expect(documented.length).toBeGreaterThan(15);
    for (const route of documented) {
      const [method, path] = route.split(' ') as [string, string];
      expect(spec.paths[openApiPath(path)]?.[method], `${route} is in the spec`).toBeDefined();
    }
    const docs = await app.get('/api/docs/');
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain('swagger');
  });
});
