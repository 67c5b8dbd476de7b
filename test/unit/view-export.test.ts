/**
 * Every view export read back by a parser nobody here wrote: graphology-gexf for GEXF,
 * graphology-graphml for GraphML, csv-parse for CSV; and the defects tools met on arrival
 * (a static GEXF, a malformed viz namespace, untyped GraphML, Gephi finding no edges in the CSV,
 * booleans as 1/empty, no BOM) each fail a test here.
 */
import { parse as parseGexf } from 'graphology-gexf';
import { parse as parseGraphml } from 'graphology-graphml';
import { MultiDirectedGraph } from 'graphology';
import { parse as parseCsv } from 'csv-parse/sync';
import { DOMParser } from '@xmldom/xmldom';
import { describe, expect, it } from 'vitest';
import { toCsv, toGexf, toGraphML, type SourcedView } from '../../api/src/export/view-export.js';

const view: SourcedView = {
  nodes: [
    { id: 'odc', kind: 'organisation', name: 'ODC & <friends>', properties: { id: 'odc', aliases: ['Open Development Cambodia', 'ODC'], sources: ['s1'] } },
    {
      id: 'kangea',
      kind: 'initiative',
      name: 'ការងារយើង',
      properties: { id: 'kangea', note: '=HYPERLINK("http://evil")', startDate: '2019-05-01', sources: ['s1'] },
    },
    { id: 'thy', kind: 'person', name: 'Thy Try', properties: { id: 'thy', public: true, sources: ['s1'] } },
  ],
  edges: [
    {
      id: 'odc|RUNS|kangea|',
      from: 'odc',
      to: 'kangea',
      type: 'RUNS',
      properties: { sources: ['s1'], quote: 'He said "yes"', since: '2019-06-01', amount: 2500.5 },
    },
    {
      id: 'thy|WORKS_FOR|odc|',
      from: 'thy',
      to: 'odc',
      type: 'WORKS_FOR',
      properties: { sources: ['s1'], from_date: '2015-01-01', to_date: '2022-12-31', since: '2015-01-01' },
    },
  ],
  truncated: false,
  omitted: { nodes: 0, edges: 0 },
  sources: [{ id: 's1', name: 'A report', publisher: 'ODC', date: '2024-12-01', url: null }],
};

const drawn: SourcedView = {
  ...view,
  layout: { positions: { odc: { x: 10, y: 20 }, kangea: { x: -5.5, y: 0 } }, colours: { odc: '#0072B2' }, sizes: { odc: 30 } },
};

const dom = (text: string) => new DOMParser().parseFromString(text, 'text/xml');

describe('GEXF', () => {
  it('is GEXF 1.3 that graphology-gexf reads back, with sources and Khmer intact', () => {
    const graph = parseGexf(MultiDirectedGraph, toGexf(view));
    expect(graph.order).toBe(3);
    expect(graph.size).toBe(2);
    expect(graph.getNodeAttribute('kangea', 'label')).toBe('ការងារយើង');
    expect(graph.getNodeAttribute('odc', 'aliases')).toBe('Open Development Cambodia|ODC');
    expect(graph.getEdgeAttribute('odc|RUNS|kangea|', 'sources')).toBe('s1');
    expect(graph.getEdgeAttribute('odc|RUNS|kangea|', 'amount')).toBe(2500.5);
    expect(graph.getNodeAttribute('thy', 'public')).toBe(true);
  });

  it('is dynamic: each edge and node has its spell, from the model dates', () => {
    const doc = dom(toGexf(view));
    const root = doc.documentElement!;
    expect(root.getAttribute('xmlns')).toBe('http://gexf.net/1.3');
    expect(root.getAttribute('version')).toBe('1.3');
    const graph = root.getElementsByTagName('graph')[0]!;
    expect(graph.getAttribute('mode')).toBe('dynamic');
    expect(graph.getAttribute('timeformat')).toBe('date');
    const spellOf = (tag: string, id: string) => {
      const el = [...Array.from(doc.getElementsByTagName(tag))].find((e) => e.getAttribute('id') === id)!;
      const spell = el.getElementsByTagName('spell')[0];
      return spell ? { start: spell.getAttribute('start'), end: spell.getAttribute('end') || undefined } : undefined;
    };
    expect(spellOf('edge', 'thy|WORKS_FOR|odc|')).toEqual({ start: '2015-01-01', end: '2022-12-31' });
    expect(spellOf('edge', 'odc|RUNS|kangea|')).toEqual({ start: '2019-06-01', end: undefined });
    // A node is there from its own start, or from its first edge when that is earlier.
    expect(spellOf('node', 'kangea')).toEqual({ start: '2019-05-01', end: undefined });
    expect(spellOf('node', 'odc')).toEqual({ start: '2015-01-01', end: undefined });
  });

  it('types attributes: booleans, numbers and text', () => {
    const doc = dom(toGexf(view));
    const types = Object.fromEntries(
      Array.from(doc.getElementsByTagName('attribute')).map((a) => [
        `${(a.parentNode as Element).getAttribute('class')}.${a.getAttribute('title')}`,
        a.getAttribute('type'),
      ]),
    );
    expect(types).toMatchObject({ 'node.public': 'boolean', 'node.name': 'string', 'edge.amount': 'double', 'edge.type': 'string' });
  });

  it('uses the viz namespace of GEXF 1.3 and carries the colours, sizes and positions of a drawn view', () => {
    const text = toGexf(drawn);
    expect(dom(text).documentElement!.getAttribute('xmlns:viz')).toBe('http://gexf.net/1.3/viz');
    const graph = parseGexf(MultiDirectedGraph, text);
    expect(graph.getNodeAttributes('odc')).toMatchObject({ color: 'rgb(0,114,178)', size: 30, x: 10, y: -20 });
    expect(graph.getNodeAttributes('kangea')).toMatchObject({ x: -5.5, y: 0 });
    expect(graph.getNodeAttributes('thy')).not.toHaveProperty('x');
    expect(toGexf(view)).not.toContain('<viz:');
  });
});

describe('GraphML', () => {
  it('declares typed keys and a label, and graphology-graphml reads the values back typed', () => {
    const text = toGraphML(drawn);
    const keys = Object.fromEntries(
      Array.from(dom(text).getElementsByTagName('key')).map((k) => [`${k.getAttribute('for')}.${k.getAttribute('attr.name')}`, k.getAttribute('attr.type')]),
    );
    expect(keys).toMatchObject({ 'node.label': 'string', 'node.public': 'boolean', 'node.x': 'double', 'edge.amount': 'double', 'edge.label': 'string' });
    const graph = parseGraphml(MultiDirectedGraph, text);
    expect(graph.order).toBe(3);
    expect(graph.getNodeAttribute('odc', 'label')).toBe('ODC & <friends>');
    expect(graph.getNodeAttribute('thy', 'public')).toBe(true);
    expect(graph.getNodeAttribute('odc', 'x')).toBe(10);
    expect(graph.getNodeAttribute('odc', 'color')).toBe('#0072B2');
    // Edge ids are XML name tokens (the GraphML schema's xs:NMTOKEN); the relationship's id is data.
    expect(graph.mapEdges((e) => e).every((e) => /^[\w.:-]+$/.test(e))).toBe(true);
    const runs = graph.findEdge((_e, a) => a.spean_id === 'odc|RUNS|kangea|')!;
    expect(graph.getEdgeAttribute(runs, 'amount')).toBe(2500.5);
    expect(graph.getEdgeAttribute(runs, 'label')).toBe('RUNS');
    expect(graph.getEdgeAttribute(runs, 'quote')).toBe('He said "yes"');
    expect(text).toContain('s1: A report (ODC, 2024-12-01)');
  });
});

describe('CSV', () => {
  it("names edge columns as Gephi's spreadsheet import expects", () => {
    const text = toCsv(view, 'edges');
    expect(text.split('\n')[0]!.startsWith('Source,Target,Type,Label,Weight,Id')).toBe(true);
    const edges = parseCsv(text, { columns: true }) as Record<string, string>[];
    expect(edges[0]).toMatchObject({ Source: 'odc', Target: 'kangea', Type: 'Directed', Label: 'RUNS', Weight: '1', sources: 's1' });
    const nodes = parseCsv(toCsv(drawn, 'nodes'), { columns: true }) as Record<string, string>[];
    expect(nodes[0]).toMatchObject({ Id: 'odc', Label: 'ODC & <friends>', kind: 'organisation', x: '10', y: '20', color: '#0072B2' });
  });

  it('writes booleans as true/false and neutralises formula-like cells', () => {
    const rows = parseCsv(toCsv(view, 'nodes'), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.Id)).toEqual(['odc', 'kangea', 'thy']);
    expect(rows[1]!.note).toBe(`'=HYPERLINK("http://evil")`);
    expect(rows[2]!.public).toBe('true');
    expect(
      (parseCsv(toCsv({ ...view, nodes: [{ ...view.nodes[2]!, properties: { public: false } }] }, 'nodes'), { columns: true }) as Record<string, string>[])[0]!
        .public,
    ).toBe('false');
  });

  it('starts with a UTF-8 byte order mark when asked, and only then', () => {
    expect(toCsv(view, 'nodes', { bom: true }).startsWith('\uFEFFId,')).toBe(true);
    expect(toCsv(view, 'nodes').startsWith('Id,')).toBe(true);
  });
});
