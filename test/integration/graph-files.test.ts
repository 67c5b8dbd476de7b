/**
 * When the seed network and views of it are exported through the API, then graph tools' own
 * parsers read them back with what those tools need: Gephi's timeline (GEXF spells from the
 * model's dates), typed GraphML, Gephi's CSV column names, and the layout of a view as drawn;
 * and both XML formats validate against their official schemas (test/schemas/README.md).
 */
import { parse as parseGexf } from 'graphology-gexf';
import { parse as parseGraphml } from 'graphology-graphml';
import { MultiDirectedGraph } from 'graphology';
import { parse as parseCsv } from 'csv-parse/sync';
import { DOMParser } from '@xmldom/xmldom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { checkXml, ensureSchemaTools, SCHEMAS } from '../support/schema-check.js';

let app: TestApp;
beforeAll(async () => {
  ensureSchemaTools();
  app = await startTestApp();
});
afterAll(async () => {
  await app.db.write('MATCH (v:SavedView) WHERE v.name STARTS WITH "t-gf-" DETACH DELETE v');
  await app.close();
});

const postJson = (path: string, body: unknown) =>
  fetch(`${app.baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('when the network is exported as GEXF', () => {
  it('then it is dynamic: every dated edge has a spell that starts when it entered the network', async () => {
    const text = await (await app.get('/api/graph?format=gexf')).text();
    const doc = new DOMParser().parseFromString(text, 'text/xml');
    expect(doc.getElementsByTagName('graph')[0]!.getAttribute('mode')).toBe('dynamic');
    const json = await app.getJson('/api/graph');
    const graph = parseGexf(MultiDirectedGraph, text);
    expect(graph.order).toBe(json.nodes.length);
    expect(graph.size).toBe(json.edges.length);
    const spells = new Map(
      Array.from(doc.getElementsByTagName('edge')).map((e) => [e.getAttribute('id'), e.getElementsByTagName('spell')[0]?.getAttribute('start')]),
    );
    const dated = json.edges.filter((e: { properties: { since?: string } }) => e.properties.since);
    expect(dated.length).toBeGreaterThan(50);
    for (const e of dated) expect(spells.get(e.id), e.id).toBe(e.properties.from_date ?? e.properties.since);
  });
});

describe('when a part of the network is exported as GraphML and CSV', () => {
  it('then GraphML keys are typed and carry a label', async () => {
    const text = await (await app.get('/api/nodes/odc/neighbourhood?format=graphml')).text();
    expect(text).not.toMatch(/attr\.name="public" attr\.type="string"/);
    const graph = parseGraphml(MultiDirectedGraph, text);
    expect(graph.getNodeAttribute('odc', 'label')).toBe('Open Development Cambodia Organization');
    // Edge ids are XML name tokens; the relationship's own id is data.
    const json = await app.getJson('/api/nodes/odc/neighbourhood');
    expect(graph.mapEdges((_e, a) => a.spean_id).sort()).toEqual(json.edges.map((e: { id: string }) => e.id).sort());
    const person = graph.filterNodes((_n, a) => a.kind === 'person')[0]!;
    expect(graph.getNodeAttribute(person, 'public')).toBe(true);
  });

  it("then the edge CSV has Gephi's columns, and a BOM on request", async () => {
    const text = await (await app.get('/api/graph?asOf=2022-12-31&format=edges.csv&bom=true')).text();
    // fetch's text() drops a leading BOM, so it is checked on the bytes.
    const bytes = new Uint8Array(await (await app.get('/api/graph?asOf=2022-12-31&format=edges.csv&bom=true')).arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const edges = parseCsv(text, { columns: true, bom: true }) as Record<string, string>[];
    expect(Object.keys(edges[0]!).slice(0, 5)).toEqual(['Source', 'Target', 'Type', 'Label', 'Weight']);
    expect(edges.length).toBeGreaterThan(50);
  });
});

describe('when a view is exported as drawn', () => {
  it('then a saved view exports with its positions', async () => {
    const res = await postJson('/api/views', {
      name: 't-gf-view',
      state: '',
      nodes: ['odc', 'thy-try'],
      edges: ['thy-try|WORKS_FOR|odc|'],
      positions: { odc: { x: 12, y: 34 }, 'thy-try': { x: -50, y: 8.5 } },
      viewport: { zoom: 1, pan: { x: 0, y: 0 } },
    });
    const { id } = await res.json();
    const graph = parseGexf(MultiDirectedGraph, await (await app.get(`/api/views/${id}?format=gexf`)).text());
    expect(graph.getNodeAttributes('odc')).toMatchObject({ x: 12, y: -34 });
    expect(graph.getNodeAttributes('thy-try')).toMatchObject({ x: -50, y: -8.5 });
    expect(graph.size).toBe(1);
  });

  it('then a posted view exports with its positions, colours and sizes, and leaves out what anonymous readers may not see', async () => {
    const res = await postJson('/api/views/export?format=gexf', {
      nodes: ['odc', 'thy-try'],
      positions: { odc: { x: 1, y: 2 } },
      colours: { odc: '#E69F00' },
      sizes: { odc: 42 },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/gexf/);
    const graph = parseGexf(MultiDirectedGraph, await res.text());
    expect(graph.getNodeAttributes('odc')).toMatchObject({ x: 1, y: -2, size: 42, color: 'rgb(230,159,0)' });
    const bad = await postJson('/api/views/export?format=gexf', { nodes: [], colours: { odc: 'red' } });
    expect(bad.status).toBe(400);
    expect(((await bad.json()).errors as { field: string }[]).map((e) => e.field)).toEqual(expect.arrayContaining(['body.nodes', 'body.colours.odc']));
  });
});

/** GEXF without xsi:schemaLocation, which the official RelaxNG grammar does not allow for. */
const withoutSchemaLocation = (gexf: string) => gexf.replace(/ xsi:schemaLocation="[^"]*"/, '');

describe('when exports are checked against the official schemas', () => {
  it('then the GEXF of the network validates against the GEXF 1.3 XSD and RelaxNG grammar', async () => {
    const gexf = await (await app.get('/api/graph?format=gexf')).text();
    expect(gexf).not.toContain('<viz:');
    expect(checkXml('xsd', SCHEMAS.gexfXsd, gexf)).toEqual({ valid: true, errors: [] });
    // The RelaxNG grammar is the one to trust with viz elements (the XSD, generated from it by
    // trang, rejects every viz element: its viz.xsd is imported without a namespace), but it
    // declares no xsi:schemaLocation, which Gephi's own files carry too: it is taken out first.
    expect(checkXml('rng', SCHEMAS.gexfRng, withoutSchemaLocation(gexf))).toEqual({ valid: true, errors: [] });
  });

  it('then a view exported with positions, colours and sizes validates against the RelaxNG grammar', async () => {
    const res = await postJson('/api/views/export?format=gexf', {
      nodes: ['odc', 'thy-try', 'kangea'],
      positions: { odc: { x: 1, y: 2 }, 'thy-try': { x: -3.5, y: 0 } },
      colours: { odc: '#E69F00' },
      sizes: { odc: 42 },
    });
    const gexf = await res.text();
    expect(gexf).toContain('<viz:position');
    expect(checkXml('rng', SCHEMAS.gexfRng, withoutSchemaLocation(gexf))).toEqual({ valid: true, errors: [] });
    // The defect tools met: viz elements in a namespace that is not GEXF 1.3's.
    const misnamed = gexf.replace('xmlns:viz="http://gexf.net/1.3/viz"', 'xmlns:viz="http://www.gexf.net/1.2draft/viz"');
    expect(checkXml('rng', SCHEMAS.gexfRng, withoutSchemaLocation(misnamed)).valid).toBe(false);
  });

  it('then GraphML of the network and of a drawn view validates against the GraphML XSD, and a bad edge id does not', async () => {
    const graphml = await (await app.get('/api/graph?format=graphml')).text();
    expect(checkXml('xsd', SCHEMAS.graphmlXsd, graphml)).toEqual({ valid: true, errors: [] });
    const res = await postJson('/api/views/export?format=graphml', { nodes: ['odc', 'thy-try'], positions: { odc: { x: 1, y: 2 } } });
    const drawn = await res.text();
    expect(drawn).toContain('attr.name="x"');
    expect(checkXml('xsd', SCHEMAS.graphmlXsd, drawn)).toEqual({ valid: true, errors: [] });
    // The defect the schema check found: a relationship id (`from|TYPE|to|key`) as an edge id.
    const barred = graphml.replace(/<edge id="[^"]*"/, '<edge id="odc|RUNS|kangea|"');
    const report = checkXml('xsd', SCHEMAS.graphmlXsd, barred);
    expect(report.valid).toBe(false);
    expect(report.errors[0]!.message).toMatch(/NMTOKEN/);
  });
});
