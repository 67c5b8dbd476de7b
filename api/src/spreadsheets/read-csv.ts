/** CSV text into a table of the spreadsheet format (domain/spreadsheet.ts). */
import { parse as parseCsv } from 'csv-parse/sync';
import type { RowProblem, Table } from '../domain/spreadsheet.js';

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
