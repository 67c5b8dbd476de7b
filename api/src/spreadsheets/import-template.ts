/**
 * The import template: an instructions sheet (how to fill it, every column with whether it is
 * required and what it allows, an example row of each table), a sheet per table whose enum
 * columns offer a dropdown of the allowed values, and the sheet of allowed values those dropdowns
 * list. Everything about columns and values comes from the model (allowed-values.ts); the
 * importer ignores the two note sheets, so a filled-in template imports as it is.
 */
import ExcelJS from 'exceljs';
import { COLLECTION_OF, LABEL_OF } from '../domain/model.js';
import { columnRules, TABLES, type ColumnRule } from '../domain/allowed-values.js';
import { columnType, LIST_SEPARATOR, NOTE_SHEETS, RELATIONSHIPS_TABLE } from '../domain/spreadsheet.js';

const [INSTRUCTIONS, ALLOWED] = NOTE_SHEETS;
const tableName = (table: (typeof TABLES)[number]) => (table === 'relationships' ? RELATIONSHIPS_TABLE : COLLECTION_OF[table]);

/** One consistent example per table: a source, what it names, and how they relate. */
export const TEMPLATE_EXAMPLES: Record<(typeof TABLES)[number], Record<string, string>> = {
  source: {
    id: 'example-report-2024',
    name: 'Open Data Day 2024 report',
    sourceKind: 'report',
    publisher: 'Example Network',
    date: '2024-03-30',
    url: 'https://example.org/odd-2024',
  },
  organisation: {
    id: 'example-org',
    name: 'Example Open Data Organisation',
    aliases: 'EODO|Example Org',
    orgKind: 'cso',
    acronym: 'EODO',
    country: 'cambodia',
    website: 'https://example.org',
    sources: 'example-report-2024',
  },
  person: { id: 'example-person', name: 'Example Person', honorific: 'Ms.', gender: 'female', public: 'true', sources: 'example-report-2024' },
  event: {
    id: 'example-odd-2024',
    name: 'Open Data Day 2024, Phnom Penh',
    eventKind: 'open-data-day',
    startDate: '2024-03-02',
    endDate: '2024-03-02',
    format: 'in-person',
    venue: 'Example Hall',
    sources: 'example-report-2024',
  },
  initiative: {
    id: 'example-portal',
    name: 'Example Data Portal',
    initiativeKind: 'portal',
    url: 'https://data.example.org',
    startDate: '2023-01-01',
    sources: 'example-report-2024',
  },
  place: { id: 'example-province', name: 'Example Province', placeKind: 'province', sources: 'example-report-2024' },
  topic: { id: 'example-topic', name: 'Open contracting', sources: 'example-report-2024' },
  figure: {
    id: 'example-odd-2024-participants',
    name: 'Participants at Open Data Day 2024',
    measure: 'participants',
    value: '120',
    qualifier: 'about',
    quote: 'about 120 participants',
    sources: 'example-report-2024',
  },
  relationships: {
    from: 'example-person',
    type: 'WORKS_FOR',
    to: 'example-org',
    role: 'Data lead',
    confidence: 'confirmed',
    from_date: '2022-01-01',
    sources: 'example-report-2024',
  },
};

const HOW_TO = [
  'Fill in one sheet per table; leave the sheets you do not need empty. Row 1 holds the column names: keep them as they are.',
  'Ids are lowercase slugs (a-z, 0-9 and "-"), such as open-development-cambodia. A row with an id that Spean has updates that node; a new id creates one.',
  `Every fact cites at least one source: put the id of a source (a row of the sources sheet, or a source Spean has) in "sources". Several values in one cell are separated by ${LIST_SEPARATOR}.`,
  'Relationships join two ids (from, to) with a type; the instructions below list which types there are.',
  'Dates are written YYYY-MM-DD; numbers are numbers; "public" is true or false.',
  `Columns with a dropdown take only the values listed on the "${ALLOWED}" sheet (and below).`,
  'Upload the workbook in the Curate tab: "Check" shows what would be created and changed, and each rejected row with the reason; "Import all" then writes all of it, or nothing.',
  `The "${INSTRUCTIONS}" and "${ALLOWED}" sheets are ignored by the import.`,
];

function describeColumn(rule: ColumnRule): string {
  const kind = columnType(rule.column);
  if (rule.values) return rule.values.join(', ');
  if (kind === 'date') return 'a date, YYYY-MM-DD';
  if (kind === 'number') return 'a number';
  if (kind === 'boolean') return 'true or false';
  if (rule.column === 'aliases' || rule.column === 'sources') return `ids or names separated by ${LIST_SEPARATOR}`;
  return 'text';
}

function fillInstructions(ws: ExcelJS.Worksheet): void {
  ws.columns = [{ width: 16 }, { width: 18 }, { width: 11 }, { width: 90 }, { width: 12 }];
  ws.addRow(['Spean import template']).font = { bold: true, size: 14 };
  for (const line of HOW_TO) ws.addRow([line]);
  ws.addRow([]);
  ws.addRow(['table', 'column', 'required', 'allowed values', 'if empty']).font = { bold: true };
  for (const table of TABLES) {
    for (const rule of columnRules(table)) {
      const empty = rule.defaultValue === undefined ? '' : Array.isArray(rule.defaultValue) ? '(none)' : String(rule.defaultValue) || '(none)';
      ws.addRow([tableName(table), rule.column, rule.required ? 'required' : '', describeColumn(rule), empty]);
    }
  }
  ws.addRow([]);
  ws.addRow(['Examples: one row of each table (copy a row to its sheet, then change it)']).font = { bold: true };
  for (const table of TABLES) {
    const columns = columnRules(table).map((rule) => rule.column);
    ws.addRow([]);
    ws.addRow([`${tableName(table)}${table === 'relationships' ? '' : ` (${LABEL_OF[table]})`}`]).font = { italic: true };
    ws.addRow(columns).font = { bold: true };
    ws.addRow(columns.map((column) => TEMPLATE_EXAMPLES[table][column] ?? ''));
  }
}

/** The allowed-values sheet: one column per enum column; returns where each list is. */
function fillAllowedValues(ws: ExcelJS.Worksheet): Map<string, string> {
  const lists = new Map<string, readonly string[]>();
  for (const table of TABLES) for (const rule of columnRules(table)) if (rule.values && !lists.has(rule.column)) lists.set(rule.column, rule.values);
  const where = new Map<string, string>();
  [...lists].forEach(([column, values], i) => {
    const col = ws.getColumn(i + 1);
    col.width = Math.max(column.length, ...values.map((v) => v.length)) + 2;
    col.values = [column, ...values];
    const letter = col.letter;
    where.set(column, `'${ALLOWED}'!$${letter}$2:$${letter}$${values.length + 1}`);
  });
  ws.getRow(1).font = { bold: true };
  return where;
}

/**
 * Rows that get the dropdowns: plenty for a sheet filled by hand, and few enough that tools which
 * expand a range into one rule per cell (exceljs among them) still open the template quickly.
 */
const TEMPLATE_ROWS = 5_000;

/** exceljs validates whole ranges through `dataValidations`, which its types leave out. */
type WithValidations = ExcelJS.Worksheet & { dataValidations: { add(range: string, validation: ExcelJS.DataValidation): void } };

/** A table's sheet: its header, and a dropdown on every column with allowed values. */
function fillTableSheet(ws: ExcelJS.Worksheet, table: (typeof TABLES)[number], lists: Map<string, string>): void {
  const rules = columnRules(table);
  ws.addRow(rules.map((rule) => rule.column)).font = { bold: true };
  rules.forEach((rule, i) => {
    const col = ws.getColumn(i + 1);
    col.width = Math.max(12, rule.column.length + 2);
    const list = lists.get(rule.column) ?? (columnType(rule.column) === 'boolean' ? '"true,false"' : undefined);
    if (!list) return;
    (ws as WithValidations).dataValidations.add(`${col.letter}2:${col.letter}${TEMPLATE_ROWS + 1}`, {
      type: 'list',
      allowBlank: !rule.required,
      formulae: [list],
      showErrorMessage: true,
      errorStyle: 'stop',
      errorTitle: `Not an allowed ${rule.column}`,
      error: `Pick one of the values of the list (the "${ALLOWED}" sheet has them all).`,
    });
  });
}

/** The template workbook, as XLSX bytes. */
export async function templateWorkbook(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Spean';
  // Sheets in the order a curator reads them; the lists are filled first, as the dropdowns point at them.
  const instructions = workbook.addWorksheet(INSTRUCTIONS);
  const tables = TABLES.map((table) => [table, workbook.addWorksheet(tableName(table), { views: [{ state: 'frozen', ySplit: 1 }] })] as const);
  const lists = fillAllowedValues(workbook.addWorksheet(ALLOWED));
  fillInstructions(instructions);
  for (const [table, ws] of tables) fillTableSheet(ws, table, lists);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
