/**
 * The seed network: the CSV tables in this folder, loaded through the same checks and write path
 * as the spreadsheet importer.
 */
import type { GraphDb } from '../api/src/db/graph-db.js';
import { readCsvDirectory } from '../api/src/loader/csv-directory.js';
import { LoadError, loadBatch } from '../api/src/loader/graph-loader.js';
import { sourceDir } from '../api/src/lib/source-dir.js';

export const SEED_DIR = sourceDir(import.meta.url);

/** Loads the seed (idempotently) from `dir`; throws LoadError naming every bad row. */
export async function loadSeed(db: GraphDb, dir = SEED_DIR): Promise<{ nodes: number; relationships: number }> {
  const { batch, problems } = readCsvDirectory(dir);
  if (problems.length) throw new LoadError(problems);
  return loadBatch(db, batch);
}
