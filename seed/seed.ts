/**
 * The seed network: the CSV tables in this folder, loaded through the same checks and write path
 * as the spreadsheet importer.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GraphDb } from '../api/src/db/graph-db.js';
import { readCsvDirectory } from '../api/src/spreadsheets/csv-directory.js';
import { LoadError, loadBatch } from '../api/src/curation/load.js';

export const SEED_DIR = path.dirname(fileURLToPath(import.meta.url));

/** Loads the seed (idempotently) from `dir`; throws LoadError naming every bad row. */
export async function loadSeed(db: GraphDb, dir = SEED_DIR): Promise<{ nodes: number; relationships: number }> {
  const { batch, problems } = readCsvDirectory(dir);
  if (problems.length) throw new LoadError(problems);
  return loadBatch(db, batch);
}
