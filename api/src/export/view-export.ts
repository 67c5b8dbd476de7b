/**
 * Every view (search result, neighbourhood, paths, filtered graph) as a file: GraphML, GEXF for
 * Gephi, CSV of nodes or of edges, or JSON. Lists become `|`-joined text; each node and edge
 * keeps its `sources`, and the source documents themselves travel in the file's description.
 */
import { MultiDirectedGraph } from 'graphology';
import { write as writeGexf } from 'graphology-gexf';
import { stringify } from 'csv-stringify/sync';
import { neutralise } from '../domain/formula-guard.js';
import type { Response } from 'express';
import type { SourceView, SourcedView } from '../domain/views.js';

export type { SourcedView };

export type ExportFormat = 'json' | 'graphml' | 'gexf' | 'nodes.csv' | 'edges.csv';

type Flat = Record<string, string | number | boolean>;

/** Properties as flat values: lists joined with `|`, other structures as JSON. */
export function flatten(properties: Record<string, unknown>): Flat {
  const flat: Flat = {};
  for (const [key, value] of Object.entries(properties)) {
    if (value === null || value === undefined) continue;
    if (Array.isArray(value)) flat[key] = value.join('|');
    else if (typeof value === 'object') flat[key] = JSON.stringify(value);
    else flat[key] = value as string | number | boolean;
  }
  return flat;
}

function describeSources(sources: SourceView[]): string {
  return sources.map((s) => `${s.id}: ${s.name} (${[s.publisher, s.date].filter(Boolean).join(', ')})${s.url ? ` ${s.url}` : ''}`).join('\n');
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
function xml(text: string): string {
  // Characters XML 1.0 cannot hold at all are dropped; the rest are escaped.
  return text.replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '').replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);
}

export function toGraphML(view: SourcedView): string {
  const nodes = view.nodes.map((n) => ({ id: n.id, data: flatten({ kind: n.kind, name: n.name, ...n.properties }) }));
  const edges = view.edges.map((e) => ({ id: e.id, from: e.from, to: e.to, data: flatten({ type: e.type, ...e.properties }) }));
  const keysOf = (items: { data: Flat }[]) => [...new Set(items.flatMap((i) => Object.keys(i.data)))].sort();
  const nodeKeys = keysOf(nodes);
  const edgeKeys = keysOf(edges);
  const data = (prefix: string, values: Flat) =>
    Object.entries(values).map(([k, v]) => `      <data key="${prefix}_${xml(k)}">${xml(String(v))}</data>`).join('\n');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">',
    ...nodeKeys.map((k) => `  <key id="n_${xml(k)}" for="node" attr.name="${xml(k)}" attr.type="string"/>`),
    ...edgeKeys.map((k) => `  <key id="e_${xml(k)}" for="edge" attr.name="${xml(k)}" attr.type="string"/>`),
    '  <graph id="spean" edgedefault="directed">',
    `    <desc>${xml(`Spean export. Sources:\n${describeSources(view.sources)}`)}</desc>`,
    ...nodes.map((n) => `    <node id="${xml(n.id)}">\n${data('n', n.data)}\n    </node>`),
    ...edges.map((e) => `    <edge id="${xml(e.id)}" source="${xml(e.from)}" target="${xml(e.to)}">\n${data('e', e.data)}\n    </edge>`),
    '  </graph>',
    '</graphml>',
    '',
  ].join('\n');
}

export function toGexf(view: SourcedView): string {
  const graph = new MultiDirectedGraph();
  graph.setAttribute('description', `Spean export. Sources:\n${describeSources(view.sources)}`);
  for (const n of view.nodes) graph.addNode(n.id, flatten({ label: n.name, kind: n.kind, ...n.properties }));
  for (const e of view.edges) {
    if (graph.hasNode(e.from) && graph.hasNode(e.to)) graph.addEdgeWithKey(e.id, e.from, e.to, flatten({ type: e.type, ...e.properties }));
  }
  return writeGexf(graph);
}


export function toCsv(view: SourcedView, part: 'nodes' | 'edges'): string {
  const rows: Flat[] =
    part === 'nodes'
      ? view.nodes.map((n) => ({ id: n.id, kind: n.kind, name: n.name, ...flatten(n.properties) }))
      : view.edges.map((e) => ({ id: e.id, from: e.from, type: e.type, to: e.to, ...flatten(e.properties) }));
  const lead = part === 'nodes' ? ['id', 'kind', 'name'] : ['id', 'from', 'type', 'to'];
  const columns = [...lead, ...[...new Set(rows.flatMap((r) => Object.keys(r)))].filter((c) => !lead.includes(c)).sort()];
  return stringify(
    rows.map((row) => columns.map((c) => neutralise(row[c] ?? ''))),
    { header: true, columns },
  );
}

const CONTENT_TYPES: Record<Exclude<ExportFormat, 'json'>, string> = {
  graphml: 'application/graphml+xml',
  gexf: 'application/gexf+xml',
  'nodes.csv': 'text/csv',
  'edges.csv': 'text/csv',
};

/** Sends the view as JSON (with `extra` fields) or as a file download named `name.format`. */
export function sendView(res: Response, view: SourcedView, format: ExportFormat, name: string, extra: object = {}): void {
  if (format === 'json') {
    res.json({ ...extra, ...view });
    return;
  }
  const body = format === 'graphml' ? toGraphML(view) : format === 'gexf' ? toGexf(view) : toCsv(view, format === 'nodes.csv' ? 'nodes' : 'edges');
  // attachment() guesses a type from the file name; the known type is set after it.
  res.attachment(`${name}.${format}`).type(CONTENT_TYPES[format]).send(body);
}
