/**
 * XLSX in and out (exceljs): one sheet per table, a header row, then one row per record, the same
 * tables as the CSV files. Reading streams each sheet within the upload limits and refuses
 * formula cells rather than trust their cached result. Writing neutralises cells that a
 * spreadsheet would run as a formula.
 */
import ExcelJS from 'exceljs';
import type { PassThrough } from 'node:stream';
import JSZip from 'jszip';
import { neutralise } from '../domain/formula-guard.js';
import { columnType, isNoteSheet, type SheetData, type Table } from '../domain/spreadsheet.js';
import { checkCell, checkColumns, checkXlsxArchive, coreStream, RowBudget, UploadRejected } from './upload-limits.js';

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === 'object') {
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('text' in value && typeof value.text === 'string') return value.text;
    if ('result' in value) return cellText(value.result as ExcelJS.CellValue);
    if ('error' in value) return '';
    return '';
  }
  return String(value);
}

/** What the streaming reader gives for each sheet (its id and name are not in exceljs's types). */
type SheetReader = AsyncIterable<ExcelJS.Row> & { id: number | string; name?: string };

/** Rows that hold nothing share one object, so a sheet with gaps costs no memory per gap. */
const EMPTY_ROW: Record<string, string> = Object.freeze({}) as Record<string, string>;

/**
 * A cell as text, refusing what the importer must not take at face value: a formula (its cached
 * result is whatever the spreadsheet last computed) and a cell over the size limit.
 */
function checkedCellText(file: string, cell: ExcelJS.Cell, budget: RowBudget): string {
  const value = cell.value;
  if (value && typeof value === 'object' && 'formula' in value) {
    throw new UploadRejected(
      400,
      file,
      `${file}: cell ${cell.address} holds a formula (=${String(value.formula).slice(0, 60)}); the importer takes values only: copy the sheet and paste it as values.`,
    );
  }
  const text = cellText(value).trim();
  checkCell(file, cell.address, text, budget.limits);
  return text;
}

function rowCells(file: string, row: ExcelJS.Row, budget: RowBudget): string[] {
  checkColumns(file, row.cellCount, budget.limits);
  const cells: string[] = [];
  row.eachCell({ includeEmpty: false }, (cell, column) => {
    cells[column - 1] = checkedCellText(file, cell, budget);
  });
  return cells;
}

/** One sheet, streamed row by row: the first row names the columns. */
async function readSheet(file: string, sheet: SheetReader, budget: RowBudget): Promise<Table> {
  let header: string[] = [];
  const rows: Record<string, string>[] = [];
  for await (const row of sheet) {
    if (row.number === 1) {
      header = rowCells(file, row, budget).map((name) => name ?? '');
      continue;
    }
    // Empty rows stay (and are skipped by validation), so that line numbers match the sheet.
    while (rows.length + 2 < row.number) {
      budget.take(file, rows.length + 2);
      rows.push(EMPTY_ROW);
    }
    budget.take(file, row.number);
    const cells = rowCells(file, row, budget);
    const record: Record<string, string> = {};
    let filled = false;
    header.forEach((column, i) => {
      if (!column) return;
      record[column] = cells[i] ?? '';
      filled ||= record[column] !== '';
    });
    rows.push(filled ? record : EMPTY_ROW);
  }
  return { file, rows };
}

/** The parts exceljs's streaming reader must see before any sheet, or it fails or buffers sheets in temporary files. */
const READ_FIRST = ['xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/sharedStrings.xml', 'xl/styles.xml'];

/**
 * The archive with the workbook's parts before its sheets (Excel writes them so, exceljs and
 * others do not). JSZip reuses each entry's compressed bytes, so this costs no inflating.
 */
function inStreamingOrder(zip: JSZip): PassThrough {
  const rank = (name: string) => READ_FIRST.indexOf(name) + 1 || READ_FIRST.length + 1;
  const ordered = new JSZip();
  const files = ordered.files as Record<string, JSZip.JSZipObject>;
  for (const name of Object.keys(zip.files).sort((a, b) => rank(a) - rank(b))) files[name] = zip.files[name]!;
  return coreStream(ordered.generateNodeStream({ compression: 'DEFLATE', streamFiles: true }));
}

/**
 * Every sheet of the workbook as a table; the first row names the columns. The archive is checked
 * against the upload limits first, then each sheet is streamed, so memory stays bounded by the
 * limits whatever the file declares. Throws UploadRejected.
 */
export async function readWorkbook(file: string, data: Buffer, budget = new RowBudget()): Promise<Table[]> {
  const zip = await checkXlsxArchive(file, data, budget);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(inStreamingOrder(zip), {
    sharedStrings: 'cache',
    // Styles tell a date from a number; hyperlinks are read as their text.
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  const tables: Table[] = [];
  try {
    for await (const sheet of reader as AsyncIterable<SheetReader>) {
      const name = `${file}#${sheet.name ?? `sheet${sheet.id}`}`;
      if (isNoteSheet(sheet.name ?? '')) {
        // Read past it (the archive check bounded its size); nothing of it is kept or counted.
        for await (const _row of sheet);
        continue;
      }
      tables.push(await readSheet(name, sheet, budget));
    }
  } catch (error) {
    if (error instanceof UploadRejected) throw error;
    throw new UploadRejected(400, file, `${file} is not a readable XLSX workbook (${(error as Error).message}).`);
  }
  return tables;
}

/**
 * A cell as the spreadsheet should hold it: numbers, dates and booleans typed (so that sorting,
 * filters and formulas work on them), text neutralised against formula injection. A cell that does
 * not parse as its column's type stays text, so that what the importer rejects is shown as it is.
 */
function typedCell(column: string, text: string): ExcelJS.CellValue {
  if (text === '') return '';
  switch (columnType(column)) {
    case 'number':
      return /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(text) && String(Number(text)) === text ? Number(text) : neutralise(text);
    case 'boolean':
      return text === 'true' ? true : text === 'false' ? false : neutralise(text);
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(`${text}T00:00:00Z`)) ? new Date(`${text}T00:00:00Z`) : neutralise(text);
    default:
      return neutralise(text);
  }
}

/** The format dates show in, the same as the CSV files and the API. */
const DATE_FORMAT = 'yyyy-mm-dd';

export async function writeWorkbook(sheets: SheetData[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Spean';
  for (const sheet of sheets) {
    const ws = workbook.addWorksheet(sheet.name);
    ws.addRow(sheet.columns).font = { bold: true };
    sheet.columns.forEach((column, i) => {
      if (columnType(column) === 'date') ws.getColumn(i + 1).numFmt = DATE_FORMAT;
    });
    for (const row of sheet.rows) ws.addRow(sheet.columns.map((column) => typedCell(column, row[column] ?? '')));
    ws.views = [{ state: 'frozen', ySplit: 1 }];
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
