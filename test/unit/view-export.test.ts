import { parse as parseGexf } from 'graphology-gexf';
import { MultiDirectedGraph } from 'graphology';
import { parse as parseCsv } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { toCsv, toGexf, toGraphML, type SourcedView } from '../../api/src/export/view-export.js';

const view: SourcedView = {
  nodes: [
    { id: 'odc', kind: 'organisation', name: 'ODC & <friends>', properties: { id: 'odc', aliases: ['Open Development Cambodia', 'ODC'], sources: ['s1'] } },
    { id: 'kangea', kind: 'initiative', name: 'ការងារយើង', properties: { id: 'kangea', note: '=HYPERLINK("http://evil")', sources: ['s1'] } },
  ],
  edges: [{ id: 'odc|RUNS|kangea|', from: 'odc', to: 'kangea', type: 'RUNS', properties: { sources: ['s1'], quote: 'He said "yes"' } }],
  truncated: false,
  omitted: { nodes: 0, edges: 0 },
  sources: [{ id: 's1', name: 'A report', publisher: 'ODC', date: '2024-12-01', url: null }],
};

describe('exporting a view', () => {
  it('writes GEXF that Gephi tooling reads back, with sources and Khmer intact', () => {
    const graph = parseGexf(MultiDirectedGraph, toGexf(view));
    expect(graph.order).toBe(2);
    expect(graph.getNodeAttribute('kangea', 'label')).toBe('ការងារយើង');
    expect(graph.getNodeAttribute('odc', 'aliases')).toBe('Open Development Cambodia|ODC');
    expect(graph.getEdgeAttribute('odc|RUNS|kangea|', 'sources')).toBe('s1');
  });

  it('writes GraphML with escaped text and every node and edge', () => {
    const xml = toGraphML(view);
    expect(xml).toContain('<data key="n_name">ODC &amp; &lt;friends&gt;</data>');
    expect(xml).toContain('<edge id="odc|RUNS|kangea|" source="odc" target="kangea">');
    expect(xml).toContain('He said &quot;yes&quot;');
    expect(xml).toContain('s1: A report (ODC, 2024-12-01)');
  });

  it('writes CSV whose formula-like cells cannot run in a spreadsheet', () => {
    const rows = parseCsv(toCsv(view, 'nodes'), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.id)).toEqual(['odc', 'kangea']);
    expect(rows[1]!.note).toBe(`'=HYPERLINK("http://evil")`);
    const edges = parseCsv(toCsv(view, 'edges'), { columns: true }) as Record<string, string>[];
    expect(edges[0]).toMatchObject({ from: 'odc', type: 'RUNS', to: 'kangea', sources: 's1' });
  });
});
