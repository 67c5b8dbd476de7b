/**
 * Reads a folder of CSV tables in the spreadsheet format (the layout of `seed/`): one file per
 * node kind, named after the kind's collection (`organisations.csv`, `people.csv` …), and
 * `relationships.csv`. Missing files are empty tables.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { COLLECTION_OF, NODE_KINDS, type NodeKind } from '../domain/model.js';
import { batchFromTables, type GraphBatch, type RowProblem, type Table } from '../domain/spreadsheet.js';
import { readCsv } from './read-csv.js';

export const RELATIONSHIPS_FILE = 'relationships.csv';

export function nodeFileOf(kind: NodeKind): string {
  return `${COLLECTION_OF[kind]}.csv`;
}

/** The batch the folder describes, or every problem found in its rows. */
export function readCsvDirectory(dir: string): { batch: GraphBatch; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const tables: Table[] = [];
  for (const file of [...NODE_KINDS.map(nodeFileOf), RELATIONSHIPS_FILE]) {
    const full = path.join(dir, file);
    if (!existsSync(full)) continue;
    const read = readCsv(file, readFileSync(full, 'utf8'));
    if ('rows' in read) tables.push(read);
    else problems.push(read);
  }
  const result = batchFromTables(tables);
  return { batch: result.batch, problems: [...problems, ...result.problems] };
}
