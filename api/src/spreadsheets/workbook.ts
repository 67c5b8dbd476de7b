/**
 * XLSX in and out (exceljs): one sheet per table, a header row, then one row per record, the same
 * tables as the CSV files. Reading never evaluates a formula: a formula cell counts as its cached
 * result, as text. Writing neutralises cells that a spreadsheet would run as a formula.
 */
import ExcelJS from 'exceljs';
import { neutralise } from '../domain/formula-guard.js';
import type { SheetData, Table } from '../domain/spreadsheet.js';

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

/** Every sheet of the workbook as a table; the first row names the columns. */
export async function readWorkbook(file: string, data: Buffer): Promise<Table[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(data as unknown as ArrayBuffer);
  const tables: Table[] = [];
  workbook.eachSheet((sheet) => {
    const header: string[] = [];
    sheet.getRow(1).eachCell({ includeEmpty: true }, (cell, column) => {
      header[column - 1] = cellText(cell.value).trim();
    });
    const rows: Record<string, string>[] = [];
    for (let r = 2; r <= sheet.rowCount; r++) {
      const row = sheet.getRow(r);
      const record: Record<string, string> = {};
      let filled = false;
      header.forEach((column, i) => {
        if (!column) return;
        const text = cellText(row.getCell(i + 1).value).trim();
        record[column] = text;
        filled ||= text !== '';
      });
      // Empty rows stay (and are skipped by validation), so that line numbers match the sheet.
      rows.push(filled ? record : {});
    }
    tables.push({ file: `${file}#${sheet.name}`, rows });
  });
  return tables;
}

export async function writeWorkbook(sheets: SheetData[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Spean';
  for (const sheet of sheets) {
    const ws = workbook.addWorksheet(sheet.name);
    ws.addRow(sheet.columns).font = { bold: true };
    for (const row of sheet.rows) ws.addRow(sheet.columns.map((column) => neutralise(row[column] ?? '')));
    ws.views = [{ state: 'frozen', ySplit: 1 }];
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
