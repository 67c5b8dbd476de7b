/**
 * The network in the import format (the tables of `seed/`), as an XLSX workbook or a zip of CSV
 * files, and people, organisations and memberships as Popolo JSON. Read at one moment of the
 * network (tables.repository.ts); rows sorted, so the same network exports the same bytes.
 * Exported and imported again into an empty database, it exports identically.
 */
import JSZip from 'jszip';
import { stringify } from 'csv-stringify/sync';
import { COLLECTION_OF, NODE_KINDS, type NodeKind } from '../domain/model.js';
import { columnsOf, LIST_SEPARATOR, RELATIONSHIPS_TABLE, type SheetData } from '../domain/spreadsheet.js';
import { writeWorkbook } from '../spreadsheets/workbook.js';
import type { GraphFilter } from '../repositories/cypher-filters.js';
import type { NetworkRecords, TablesRepository } from '../repositories/tables.repository.js';
import { neutralise } from '../domain/formula-guard.js';
import { relationshipId } from '../domain/ids.js';

type Row = Record<string, unknown>;

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.join(LIST_SEPARATOR);
  return String(value);
}

/** The id of a relationships-table row. */
const rowId = (row: Record<string, string>) => relationshipId({ from: row.from!, type: row.type!, to: row.to!, key: row.key });

const tableRow = (columns: string[], props: Row): Record<string, string> => Object.fromEntries(columns.map((c) => [c, cell(props[c])]));

/** The network's records as import tables: one per node kind and the relationships, rows sorted by id. */
export function tablesOf({ nodes, relationships }: NetworkRecords): SheetData[] {
  const byId = (a: Row, b: Row) => String(a.id).localeCompare(String(b.id));
  const sheets: SheetData[] = NODE_KINDS.map((kind: NodeKind) => {
    const columns = columnsOf(kind);
    return {
      name: COLLECTION_OF[kind],
      columns,
      rows: nodes
        .filter((p) => p.kind === kind)
        .sort(byId)
        .map((p) => tableRow(columns, p)),
    };
  });
  const relColumns = columnsOf('relationships');
  const relRows = relationships.map((r) => tableRow(relColumns, r)).sort((a, b) => rowId(a).localeCompare(rowId(b)));
  sheets.push({ name: RELATIONSHIPS_TABLE, columns: relColumns, rows: relRows });
  return sheets;
}

/** Every node the filter allows with the sources the exported facts cite, as import tables, read at one moment. */
export async function exportTables(tables: TablesRepository, filter: GraphFilter): Promise<SheetData[]> {
  return tablesOf(await tables.records(filter));
}

export function toCsvFile(sheet: SheetData): string {
  return stringify(
    sheet.rows.map((row) => sheet.columns.map((c) => neutralise(row[c] ?? ''))),
    { header: true, columns: sheet.columns },
  );
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
