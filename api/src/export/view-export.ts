/**
 * Every view (search result, neighbourhood, paths, filtered graph) as a file: GraphML, GEXF for
 * Gephi, CSV of nodes or of edges, or JSON. Lists become `|`-joined text; each node and edge
 * keeps its `sources`, and the source documents themselves travel in the file's description.
 */
import { stringify } from 'csv-stringify/sync';
import { neutralise } from '../domain/formula-guard.js';
import type { Response } from 'express';
import { DATA_LICENCE } from '../domain/licence.js';
import { flatten, toGexf, toGraphML, type Flat, type SourcedView } from './graph-files.js';

export { flatten, toGexf, toGraphML, type SourcedView };
export type ExportFormat = 'json' | 'graphml' | 'gexf' | 'nodes.csv' | 'edges.csv';

export interface CsvOptions {
  /** Start with a UTF-8 byte order mark, so that Excel on Windows reads Khmer and other non-Latin text right. */
  bom?: boolean;
}

/** Gephi's spreadsheet import reads these columns by name (Id and Label for nodes; Source, Target, Type, Label, Weight for edges). */
const CSV_LEAD = { nodes: ['Id', 'Label', 'kind'], edges: ['Source', 'Target', 'Type', 'Label', 'Weight', 'Id'] } as const;

function csvRows(view: SourcedView, part: 'nodes' | 'edges'): Flat[] {
  if (part === 'edges')
    return view.edges.map((e) => ({ Source: e.from, Target: e.to, Type: 'Directed', Label: e.type, Weight: 1, Id: e.id, ...flatten(e.properties) }));
  return view.nodes.map((n) => {
    const point = view.layout?.positions[n.id];
    const look = {
      ...(point ? { x: point.x, y: point.y } : {}),
      ...(view.layout?.colours[n.id] ? { color: view.layout.colours[n.id]! } : {}),
      ...(view.layout?.sizes[n.id] ? { size: view.layout.sizes[n.id]! } : {}),
    };
    return { Id: n.id, Label: n.name, kind: n.kind, ...flatten(n.properties), ...look };
  });
}

export function toCsv(view: SourcedView, part: 'nodes' | 'edges', { bom = false }: CsvOptions = {}): string {
  const rows = csvRows(view, part);
  const lead: readonly string[] = CSV_LEAD[part];
  // A node's own `id` and `name` are the Id and Label columns already.
  const columns = [...lead, ...[...new Set(rows.flatMap((r) => Object.keys(r)))].filter((c) => !lead.includes(c) && c !== 'id' && c !== 'name').sort()];
  return stringify(
    rows.map((row) => columns.map((c) => neutralise(row[c] ?? ''))),
    // csv-stringify writes booleans as 1 and an empty cell by default; tools expect true and false.
    { header: true, columns, bom, cast: { boolean: (value) => String(value) } },
  );
}

const CONTENT_TYPES: Record<Exclude<ExportFormat, 'json'>, string> = {
  graphml: 'application/graphml+xml',
  gexf: 'application/gexf+xml',
  'nodes.csv': 'text/csv; charset=utf-8',
  'edges.csv': 'text/csv; charset=utf-8',
};

/** What a request asks for: a format, and for CSV whether to start with a byte order mark. */
export type ExportChoice = ExportFormat | ({ format: ExportFormat } & CsvOptions);

/** Sends the view as JSON (with `extra` fields) or as a file download named `name.format`. */
export function sendView(res: Response, view: SourcedView, choice: ExportChoice, name: string, extra: object = {}): void {
  const { format, ...csv } = typeof choice === 'string' ? { format: choice } : choice;
  if (format === 'json') {
    res.json({ ...extra, ...view });
    return;
  }
  const body = format === 'graphml' ? toGraphML(view) : format === 'gexf' ? toGexf(view) : toCsv(view, format === 'nodes.csv' ? 'nodes' : 'edges', csv);
  // attachment() guesses a type from the file name; the known type is set after it.
  res.links({ license: DATA_LICENCE.url });
  res.attachment(`${name}.${format}`).type(CONTENT_TYPES[format]).send(body);
}
