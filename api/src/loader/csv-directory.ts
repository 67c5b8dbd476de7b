/**
 * Reads a folder of CSV tables in the spreadsheet format (the layout of `seed/`): one file per
 * node kind, named after the kind's collection (`organisations.csv`, `people.csv` …), and
 * `relationships.csv`. Missing files are empty tables.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { COLLECTION_OF, NODE_KINDS, type NodeKind } from '../domain/model.js';
import type { GraphBatch } from './graph-loader.js';
import { nodesFromTable, readCsv, relationshipsFromTable, type RowProblem, type Table } from './tabular.js';

export const RELATIONSHIPS_FILE = 'relationships.csv';

export function nodeFileOf(kind: NodeKind): string {
  return `${COLLECTION_OF[kind]}.csv`;
}

/** The batch the folder describes, or every problem found in its rows. */
export function readCsvDirectory(dir: string): { batch: GraphBatch; problems: RowProblem[] } {
  const problems: RowProblem[] = [];
  const batch: GraphBatch = { nodes: [], relationships: [] };
  const table = (file: string): Table | undefined => {
    const full = path.join(dir, file);
    if (!existsSync(full)) return undefined;
    const read = readCsv(file, readFileSync(full, 'utf8'));
    if ('rows' in read) return read;
    problems.push(read);
    return undefined;
  };
  for (const kind of NODE_KINDS) {
    const nodes = table(nodeFileOf(kind));
    if (!nodes) continue;
    const result = nodesFromTable(nodes, kind);
    batch.nodes.push(...result.nodes);
    problems.push(...result.problems);
  }
  const relationships = table(RELATIONSHIPS_FILE);
  if (relationships) {
    const result = relationshipsFromTable(relationships);
    batch.relationships.push(...result.relationships);
    problems.push(...result.problems);
  }
  return { batch, problems };
}
