/**
 * A release's files, made from its stored tables: the import format (XLSX, CSV zip), Popolo, and
 * the network as GraphML, GEXF or JSON, parsed by the importer's own reader so that types are
 * the model's.
 */
import type { Response } from 'express';
import { relationshipId } from '../domain/ids.js';
import type { Release, ReleaseFormat } from '../domain/release.js';
import { DATA_LICENCE } from '../domain/licence.js';
import { toCitationCff, toDataPackage } from './open-data.js';
import { batchFromTables, type SheetData } from '../domain/spreadsheet.js';
import { toSourceView } from '../domain/views.js';
import { toCsvZip, toXlsx } from './tables-export.js';
import { toPopolo, type PopoloOptions } from './popolo.js';
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

/** The release's file in a format; the CSV zip is a Frictionless Data Package with a CITATION.cff. */
export async function sendReleaseFile(res: Response, release: Release, tables: SheetData[], format: ReleaseFormat, popolo: PopoloOptions): Promise<void> {
  const name = `spean-release-${release.id}`;
  res.links({ license: DATA_LICENCE.url });
  if (format === 'xlsx') res.attachment(`${name}.xlsx`).send(await toXlsx(tables));
  else if (format === 'csv') {
    const described = { 'datapackage.json': `${JSON.stringify(toDataPackage(release, tables), null, 2)}\n`, 'CITATION.cff': toCitationCff(release) };
    res
      .attachment(`${name}-csv.zip`)
      .type('application/zip')
      .send(await toCsvZip(tables, described));
  } else if (format === 'popolo') res.attachment(`${name}-popolo.json`).json(toPopolo(tables, popolo));
  else if (format === 'json') res.attachment(`${name}.json`).json(viewOfTables(tables));
  else sendView(res, viewOfTables(tables), format, name);
}
