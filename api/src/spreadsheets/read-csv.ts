/** CSV text into a table of the spreadsheet format (domain/spreadsheet.ts), within the upload limits. */
import { parse as parseCsv } from 'csv-parse/sync';
import type { RowProblem, Table } from '../domain/spreadsheet.js';
import { checkCell, checkColumns, RowBudget, UploadRejected } from './upload-limits.js';

/**
 * The field separator of a CSV file: `;` when its header line has more semicolons than commas
 * (what spreadsheets save in locales that write decimal commas), else `,`.
 */
export function csvDelimiter(text: string): ',' | ';' {
  const header = text.slice(0, text.search(/\r?\n|$/));
  const count = (char: string) => header.split(char).length - 1;
  return count(';') > count(',') ? ';' : ',';
}

/**
 * Reads CSV text into a table within the upload limits (rows drawn from `budget`, columns, cell
 * size: over one is an UploadRejected); a malformed file is one problem at the line where it
 * breaks. Parsing stops one row past the rows left, so a huge file costs no more than that.
 */
export function readCsv(file: string, text: string, budget = new RowBudget()): Table | RowProblem {
  const { limits } = budget;
  let rows: Record<string, string>[];
  try {
    rows = parseCsv(text, {
      columns: (header: string[]) => {
        checkColumns(file, header.length, limits);
        return header;
      },
      delimiter: csvDelimiter(text),
      skip_empty_lines: true,
      trim: true,
      bom: true,
      to: limits.rows + 1,
    }) as Record<string, string>[];
  } catch (error) {
    if (error instanceof UploadRejected) throw error;
    const lines = (error as { lines?: number }).lines ?? 0;
    return { file, line: lines, field: 'file', message: `not valid CSV: ${(error as Error).message}` };
  }
  rows.forEach((row, index) => {
    budget.take(file, index + 2);
    for (const [column, cell] of Object.entries(row)) checkCell(file, `${column} of line ${index + 2}`, cell, limits);
  });
  return { file, rows };
}
