/**
 * A release's files, made from its stored tables: the import format (XLSX, CSV zip), Popolo, and
 * the network as GraphML, GEXF or JSON, parsed by the importer's own reader so that types are
 * the model's.
 */
import type { Response } from 'express';
import { relationshipId } from '../domain/ids.js';
import type { ReleaseFormat } from '../domain/release.js';
import { batchFromTables, type SheetData } from '../domain/spreadsheet.js';
import { toSourceView } from '../domain/views.js';
import { toCsvZip, toPopolo, toXlsx } from './tables-export.js';
import { sendView, type SourcedView } from './view-export.js';

/** The tables as a graph view: every node but the source documents, which travel as its sources. */
export function viewOfTables(tables: SheetData[]): SourcedView {
  const { batch } = batchFromTables(tables.map((t) => ({ file: `${t.name}.csv`, rows: t.rows })));
  const nodes = batch.nodes.map((n) => n.record);
  return {
    nodes: nodes.filter((n) => n.kind !== 'source').map((n) => ({ id: n.id, kind: n.kind, name: n.name, properties: { ...n } })),
    edges: batch.relationships.map(({ record: r }) => ({ id: relationshipId(r), from: r.from, to: r.to, type: r.type, properties: { ...r } })),
    truncated: false,
    omitted: { nodes: 0, edges: 0 },
    sources: nodes.filter((n) => n.kind === 'source').map((n) => toSourceView({ ...n })),
  };
}

export async function sendReleaseFile(res: Response, tables: SheetData[], format: ReleaseFormat, name: string): Promise<void> {
  if (format === 'xlsx') res.attachment(`${name}.xlsx`).send(await toXlsx(tables));
  else if (format === 'csv') res.attachment(`${name}-csv.zip`).type('application/zip').send(await toCsvZip(tables));
  else if (format === 'popolo') res.attachment(`${name}-popolo.json`).json(toPopolo(tables));
  else if (format === 'json') res.attachment(`${name}.json`).json(viewOfTables(tables));
  else sendView(res, viewOfTables(tables), format, name);
}
