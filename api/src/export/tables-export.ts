/**
 * The network in the import format (the tables of `seed/`), as an XLSX workbook or a zip of CSV
 * files, and people, organisations and memberships as Popolo JSON. Read in one transaction, so an
 * export is one moment of the network; rows sorted, so the same network exports the same bytes.
 * Exported and imported again into an empty database, it exports identically.
 */
import JSZip from 'jszip';
import { stringify } from 'csv-stringify/sync';
import type { GraphDb } from '../db/graph-db.js';
import { COLLECTION_OF, NODE_KINDS, type NodeKind } from '../domain/model.js';
import { columnsOf, LIST_SEPARATOR, RELATIONSHIPS_TABLE } from '../loader/tabular.js';
import { writeWorkbook, type SheetData } from '../loader/workbook.js';
import { filterParams, nodeAllowed, relationshipAllowed, type GraphFilter } from '../repositories/cypher-filters.js';
import { neutralise } from './formula-guard.js';

type Row = Record<string, unknown>;

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.join(LIST_SEPARATOR);
  return String(value);
}

const tableRow = (columns: string[], props: Row): Record<string, string> => Object.fromEntries(columns.map((c) => [c, cell(props[c])]));

/** Every allowed node, the sources they cite, and the allowed relationships among them, as import tables. */
export async function exportTables(db: GraphDb, filter: GraphFilter): Promise<SheetData[]> {
  const params = filterParams(filter);
  return db.readTransaction(async (tx) => {
    const nodes = await tx.run(`MATCH (n:Entity) WHERE ${nodeAllowed('n', filter)} RETURN properties(n) AS p`, params);
    const picked = new Set(nodes.map((r) => (r.p as Row).id as string));
    // The sources the exported facts cite come along, whatever the filter, so that the tables load.
    const cited = [...new Set(nodes.flatMap((r) => ((r.p as Row).sources as string[] | undefined) ?? []))].filter((id) => !picked.has(id));
    const sources = await tx.run('MATCH (s:Source) WHERE s.id IN $ids RETURN properties(s) AS p', { ids: cited });
    const rels = await tx.run(
      `MATCH (a:Entity)-[r]->(b:Entity) WHERE a.id IN $ids AND b.id IN $ids AND ${relationshipAllowed('r', filter)}
       RETURN a.id AS from, type(r) AS type, b.id AS to, properties(r) AS p`,
      { ...params, ids: [...picked] },
    );
    const extraSources = new Set(rels.flatMap((r) => ((r.p as Row).sources as string[] | undefined) ?? []).filter((id) => !picked.has(id) && !cited.includes(id)));
    const more = extraSources.size ? await tx.run('MATCH (s:Source) WHERE s.id IN $ids RETURN properties(s) AS p', { ids: [...extraSources] }) : [];
    const all = [...nodes, ...sources, ...more].map((r) => r.p as Row);
    const byId = (a: Row, b: Row) => String(a.id).localeCompare(String(b.id));
    const sheets: SheetData[] = NODE_KINDS.map((kind: NodeKind) => {
      const columns = columnsOf(kind);
      return { name: COLLECTION_OF[kind], columns, rows: all.filter((p) => p.kind === kind).sort(byId).map((p) => tableRow(columns, p)) };
    });
    const relColumns = columnsOf('relationships');
    const relRows = rels
      .map((r) => tableRow(relColumns, { ...(r.p as Row), from: r.from, type: r.type, to: r.to }))
      .sort((a, b) => `${a.from}|${a.type}|${a.to}|${a.key}`.localeCompare(`${b.from}|${b.type}|${b.to}|${b.key}`));
    sheets.push({ name: RELATIONSHIPS_TABLE, columns: relColumns, rows: relRows });
    return sheets;
  });
}

export function toCsvFile(sheet: SheetData): string {
  return stringify(sheet.rows.map((row) => sheet.columns.map((c) => neutralise(row[c] ?? ''))), { header: true, columns: sheet.columns });
}

/** The tables as `<name>.csv` files in a zip (with `extra` files beside them), with fixed timestamps so that the bytes depend on the data only. */
export async function toCsvZip(sheets: SheetData[], extra: Record<string, string> = {}): Promise<Buffer> {
  const zip = new JSZip();
  const date = new Date(Date.UTC(2000, 0, 1));
  for (const sheet of sheets) zip.file(`${sheet.name}.csv`, toCsvFile(sheet), { date });
  for (const [name, text] of Object.entries(extra)) zip.file(name, text, { date });
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

export const toXlsx = writeWorkbook;
