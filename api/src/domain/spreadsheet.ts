/**
 * The spreadsheet format shared by `seed/`, the importer and the exports: one table of nodes per
 * kind (or one table with a `kind` column) and one table of relationships. Cells are text; this
 * module turns a row into the model's shape and validates it, naming the row and column of every
 * problem in plain words. Pure: reading files (CSV, XLSX) is spreadsheets/'s work.
 */
import { COLLECTION_OF, DATE_FIELDS, NODE_KINDS, nodeSchema, relationshipSchema, type GraphNode, type GraphRelationship, type NodeKind } from './model.js';
import { unguard } from './formula-guard.js';
import { didYouMean, rowProblems, type RejectedRows, type RowProblem } from './row-messages.js';

/** Cells that hold lists use this separator: `ODC|Open Development Cambodia Organization`. */
export const LIST_SEPARATOR = '|';
const LIST_COLUMNS = new Set(['aliases', 'sources']);
const NUMBER_COLUMNS = new Set(['value', 'amount', 'latitude', 'longitude']);
const BOOLEAN_COLUMNS = new Set(['public']);

export type { RowProblem } from './row-messages.js';

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

/** A table to write (an export, the template): its name, its columns in order, and its rows. */
export interface SheetData {
  name: string;
  columns: string[];
  rows: Record<string, string>[];
}

/** Nodes and relationships to write together, each with the row it came from. */
export interface GraphBatch {
  nodes: Located<GraphNode>[];
  relationships: Located<GraphRelationship>[];
}

/** Appends without spreading into arguments, which overflows the stack for a few 100,000 items. */
export function appendAll<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}

const DATE_COLUMNS = new Set<string>(DATE_FIELDS);

/** What a column holds, for a spreadsheet to type its cells: XLSX numbers, dates and booleans. */
export function columnType(column: string): 'number' | 'boolean' | 'date' | 'text' {
  if (NUMBER_COLUMNS.has(column)) return 'number';
  if (BOOLEAN_COLUMNS.has(column)) return 'boolean';
  return DATE_COLUMNS.has(column) ? 'date' : 'text';
}

function cellValue(column: string, cell: string): unknown {
  if (LIST_COLUMNS.has(column))
    return cell
      .split(LIST_SEPARATOR)
      .map((part) => part.trim())
      .filter(Boolean);
  if (NUMBER_COLUMNS.has(column)) return cell === '' || Number.isNaN(Number(cell)) ? cell : Number(cell);
  if (BOOLEAN_COLUMNS.has(column)) return cell === 'true' ? true : cell === 'false' ? false : cell;
  return cell;
}

/** A row as an object for the schema: empty cells are absent, lists split, numbers parsed. */
function rowObject(row: Record<string, string>, defaults: Record<string, string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  // A default fills a column the row does not have; the row's own cell wins. No merged copy per row.
  for (const column in defaults) if (!Object.hasOwn(row, column)) addCell(out, column, defaults[column]);
  for (const column in row) addCell(out, column, row[column]);
  return out;
}

function addCell(out: Record<string, unknown>, column: string, raw: string | undefined): void {
  const cell = unguard((raw ?? '').trim());
  if (cell !== '') out[column] = cellValue(column, cell);
}

/** Whether every cell of a row is empty (a blank line is skipped, not rejected). */
function isBlank(row: Record<string, string>): boolean {
  for (const column in row) if (row[column]) return false;
  return true;
}

/** Validates a table of nodes; `kind` fills rows that have no `kind` column. */
export function nodesFromTable(
  table: Table,
  kind?: NodeKind,
): { nodes: Located<GraphNode>[]; problems: RowProblem[]; rejected: Map<string, Located<unknown>> } {
  const columns = kind ? columnsOf(kind) : ['kind', ...new Set(NODE_KINDS.flatMap((k) => columnsOf(k)))];
  return validateRows(table, (row) => nodeSchema.safeParse(rowObject(row, kind ? { kind } : {})), 'nodes', columns);
}

/** Validates a table of relationships. */
export function relationshipsFromTable(table: Table): {
  relationships: Located<GraphRelationship>[];
  problems: RowProblem[];
  rejected: Map<string, Located<unknown>>;
} {
  return validateRows(table, (row) => relationshipSchema.safeParse(rowObject(row, {})), 'relationships', columnsOf('relationships'));
}

type SafeParse<T> = { success: true; data: T } | { success: false; error: { issues: unknown[] } };

/**
 * Validates each non-empty row; a rejected row's problems are in plain words, and its id (when it
 * has one) is kept, so that what refers to it can say why it fails too.
 */
function validateRows<T, K extends string>(
  table: Table,
  validate: (row: Record<string, string>) => SafeParse<T>,
  key: K,
  columns: readonly string[],
): Record<K, Located<T>[]> & { problems: RowProblem[]; rejected: Map<string, Located<unknown>> } {
  const records: Located<T>[] = [];
  const problems: RowProblem[] = [];
  const rejected = new Map<string, Located<unknown>>();
  table.rows.forEach((row, index) => {
    const line = index + 2;
    if (isBlank(row)) return;
    const result = validate(row);
    if (result.success) records.push({ record: result.data, file: table.file, line });
    else {
      appendAll(problems, rowProblems(table.file, line, result.error.issues as never, row, columns));
      const id = row.id?.trim();
      if (id) rejected.set(id, { record: row, file: table.file, line });
    }
  });
  return { [key]: records, problems, rejected } as Record<K, Located<T>[]> & { problems: RowProblem[]; rejected: Map<string, Located<unknown>> };
}

/** The table name of relationships; node tables are named after their kind's collection. */
export const RELATIONSHIPS_TABLE = 'relationships';

/** The kind a table holds, from its name (`people`, `people.csv`, a sheet called `People`). */
export function kindOfTable(file: string): NodeKind | 'relationships' | undefined {
  // A sheet of a workbook is named `book.xlsx#people`.
  const name = (file.split('#').pop() ?? '')
    .replace(/\.csv$/i, '')
    .trim()
    .toLowerCase();
  if (name === RELATIONSHIPS_TABLE) return 'relationships';
  return NODE_KINDS.find((kind) => COLLECTION_OF[kind] === name);
}

/**
 * Sheets of the import template that explain the format rather than hold data (the instructions,
 * the allowed values that its dropdowns list); a workbook made from the template imports
 * without removing them.
 */
export const NOTE_SHEETS = ['instructions', 'allowed values'] as const;

/** Whether a workbook's sheet is one of the template's note sheets, which the importer skips. */
export const isNoteSheet = (sheetName: string) => (NOTE_SHEETS as readonly string[]).includes(sheetName.trim().toLowerCase());

/**
 * Validates every table into one batch; a table with a name the format does not know is a
 * problem. `rejected` holds the ids of rejected rows, for knock-on explanations.
 */
export function batchFromTables(tables: Table[]): { batch: GraphBatch; problems: RowProblem[]; rejected: RejectedRows } {
  const batch: GraphBatch = { nodes: [], relationships: [] };
  const problems: RowProblem[] = [];
  const rejected = new Map<string, { file: string; line: number }>();
  for (const table of tables) {
    const kind = kindOfTable(table.file);
    if (!kind) {
      const known = [...NODE_KINDS.map((k) => COLLECTION_OF[k]), RELATIONSHIPS_TABLE];
      const name = (table.file.split('#').pop() ?? '').replace(/\.csv$/i, '');
      const suggestion = didYouMean(name, known);
      problems.push({
        file: table.file,
        line: 0,
        field: 'file',
        value: name,
        didYouMean: suggestion,
        message: `not a table of the format; name it one of ${known.join(', ')}${suggestion ? ` (did you mean “${suggestion}”?)` : ''}`,
      });
      continue;
    }
    const result = kind === 'relationships' ? relationshipsFromTable(table) : nodesFromTable(table, kind);
    if ('relationships' in result) appendAll(batch.relationships, result.relationships);
    else appendAll(batch.nodes, result.nodes);
    appendAll(problems, result.problems);
    for (const [id, row] of result.rejected) if (!rejected.has(id)) rejected.set(id, { file: row.file, line: row.line });
  }
  return { batch, problems, rejected };
}

/** The columns of each table, in the order the template and exports use. */
export function columnsOf(kind: NodeKind | 'relationships'): string[] {
  if (kind === 'relationships') return Object.keys(relationshipSchema.shape);
  const schema = nodeSchema.options.find((option) => option.shape.kind.value === kind)!;
  return Object.keys(schema.shape).filter((column) => column !== 'kind');
}
