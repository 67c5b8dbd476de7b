/**
 * The seed network: the CSV tables in this folder, loaded through the same checks and write path
 * as the spreadsheet importer.
 */
import type { GraphDb } from '../api/src/db/graph-db.js';
import { readCsvDirectory } from '../api/src/spreadsheets/csv-directory.js';
import { LoadError, loadBatch } from '../api/src/curation/load.js';
import { publicationDated } from '../api/src/domain/publication-dates.js';
import type { Located } from '../api/src/domain/spreadsheet.js';
import type { GraphRelationship } from '../api/src/domain/model.js';
import { sourceDir } from '../api/src/lib/source-dir.js';

export const SEED_DIR = sourceDir(import.meta.url);

export interface SeedLoaded {
  nodes: number;
  relationships: number;
  /** Relationships dated only by a source's publication date (docs/seed-review.md says why each is). */
  publicationDated: Located<GraphRelationship>[];
}

/** Loads the seed (idempotently) from `dir`; throws LoadError naming every bad row. */
export async function loadSeed(db: GraphDb, dir = SEED_DIR): Promise<SeedLoaded> {
  const { batch, problems } = readCsvDirectory(dir);
  if (problems.length) throw new LoadError(problems);
  return { ...(await loadBatch(db, batch)), publicationDated: publicationDated(batch) };
}
