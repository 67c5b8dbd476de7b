/**
 * The spreadsheet format shared by `seed/` and the importer: one table of nodes per kind (or one
 * table with a `kind` column) and one table of relationships. Cells are text; this module turns
 * a row into the model's shape and validates it, naming the row and column of every problem.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import {
  COLLECTION_OF,
  NODE_KINDS,
  nodeSchema,
  relationshipSchema,
  type GraphNode,
  type GraphRelationship,
  type NodeKind,
} from '../domain/model.js';
import type { FieldProblem } from '../http/problem.js';
import { unguard } from '../export/formula-guard.js';
import type { GraphBatch } from './graph-loader.js';

/** Cells that hold lists use this separator: `ODC|Open Development Cambodia Organization`. */
export const LIST_SEPARATOR = '|';
const LIST_COLUMNS = new Set(['aliases', 'sources']);
const NUMBER_COLUMNS = new Set(['value', 'amount', 'latitude', 'longitude']);
const BOOLEAN_COLUMNS = new Set(['public']);

export interface RowProblem extends FieldProblem {
  /** Where the row is: file name and line number (the header is line 1). */
  file: string;
  line: number;
}

/** A validated record and where it came from. */
export interface Located<T> {
  record: T;
  file: string;
  line: number;
}

export interface Table {
  file: string;
  rows: Record<string, string>[];
}

/** Reads CSV text into a table; a malformed file is one problem at the line where it breaks. */
export function readCsv(file: string, text: string): Table | RowProblem {
  try {
    const rows = parseCsv(text, { columns: true, skip_empty_lines: true, trim: true, bom: true }) as Record<string, string>[];
    return { file, rows };
  } catch (error) {
    const lines = (error as { lines?: number }).lines ?? 0;
    return { file, line: lines, field: 'file', message: `not valid CSV: ${(error as Error).message}` };
  }
}

function cellValue(column: string, cell: string): unknown {
  if (LIST_COLUMNS.has(column)) return cell.split(LIST_SEPARATOR).map((part) => part.trim()).filter(Boolean);
  if (NUMBER_COLUMNS.has(column)) return cell === '' || Number.isNaN(Number(cell)) ? cell : Number(cell);
  if (BOOLEAN_COLUMNS.has(column)) return cell === 'true' ? true : cell === 'false' ? false : cell;
  return cell;
}

/** A row as an object for the schema: empty cells are absent, lists split, numbers parsed. */
function rowObject(row: Record<string, string>, defaults: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [column, raw] of Object.entries({ ...defaults, ...row })) {
    const cell = unguard((raw ?? '').trim());
    if (cell !== '') out[column] = cellValue(column, cell);
  }
  return out;
}

function problemsOf(file: string, line: number, issues: { path: PropertyKey[]; message: string; keys?: string[] }[]): RowProblem[] {
  return issues.flatMap((issue) =>
    issue.keys?.length
      ? issue.keys.map((key) => ({ file, line, field: key, message: 'unknown column' }))
      : [{ file, line, field: issue.path.map(String).join('.') || 'row', message: issue.message }],
  );
}

/** Validates a table of nodes; `kind` fills rows that have no `kind` column. */
export function nodesFromTable(table: Table, kind?: NodeKind): { nodes: Located<GraphNode>[]; problems: RowProblem[] } {
  return validateRows(table, (row) => nodeSchema.safeParse(rowObject(row, kind ? { kind } : {})), 'nodes');
}

/** Validates a table of relationships. */
export function relationshipsFromTable(table: Table): { relationships: Located<GraphRelationship>[]; problems: RowProblem[] } {
  return validateRows(table, (row) => relationshipSchema.safeParse(rowObject(row, {})), 'relationships');
}

type SafeParse<T> = { success: true; data: T } | { success: false; error: { issues: unknown[] } };

function validateRows<T, K extends string>(
  table: Table,
  validate: (row: Record<string, string>) => SafeParse<T>,
  key: K,
): Record<K, Located<T>[]> & { problems: RowProblem[] } {
  const records: Located<T>[] = [];
  const problems: RowProblem[] = [];
  table.rows.forEach((row, index) => {
    const line = index + 2;
    if (Object.values(row).every((cell) => !cell)) return;
    const result = validate(row);
    if (result.success) records.push({ record: result.data, file: table.file, line });
    else problems.push(...problemsOf(table.file, line, result.error.issues as never));
  });
  return { [key]: records, problems } as Record<K, Located<T>[]> & { problems: RowProblem[] };
}

/** The table name of relationships; node tables are named after their kind's collection. */
export const RELATIONSHIPS_TABLE = 'relationships';

/** The kind a table holds, from its name (`people`, `people.csv`, a sheet called `People`). */
export function kindOfTable(file: string): NodeKind | 'relationships' | undefined {
  // A sheet of a workbook is named `book.xlsx#people`.
  const name = (file.split('#').pop() ?? '').replace(/\.csv$/i, '').trim().toLowerCase();
  if (name === RELATIONSHIPS_TABLE) return 'relationships';
  return NODE_KINDS.find((kind) => COLLECTION_OF[kind] === name);
}

/** Validates every table into one batch; a table with a name the format does not know is a problem. */
export function batchFromTables(tables: Table[]): { batch: GraphBatch; problems: RowProblem[] } {
  const batch: GraphBatch = { nodes: [], relationships: [] };
  const problems: RowProblem[] = [];
  for (const table of tables) {
    const kind = kindOfTable(table.file);
    if (!kind) {
      const known = [...NODE_KINDS.map((k) => COLLECTION_OF[k]), RELATIONSHIPS_TABLE].join(', ');
      problems.push({ file: table.file, line: 0, field: 'file', message: `not a table of the format; name it one of ${known}` });
    } else if (kind === 'relationships') {
      const result = relationshipsFromTable(table);
      batch.relationships.push(...result.relationships);
      problems.push(...result.problems);
    } else {
      const result = nodesFromTable(table, kind);
      batch.nodes.push(...result.nodes);
      problems.push(...result.problems);
    }
  }
  return { batch, problems };
}

/** The columns of each table, in the order the template and exports use. */
export function columnsOf(kind: NodeKind | 'relationships'): string[] {
  if (kind === 'relationships') return Object.keys(relationshipSchema.shape);
  const schema = nodeSchema.options.find((option) => option.shape.kind.value === kind)!;
  return Object.keys(schema.shape).filter((column) => column !== 'kind');
}
