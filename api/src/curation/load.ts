/**
 * Loading a batch of nodes and relationships (the seed, test data, a committed import): checked
 * against itself and the database first, then written in one transaction through the one write
 * path, so a failed load leaves the graph as it was. Loading the same batch twice changes nothing.
 */
import type { GraphDb, Tx } from '../db/graph-db.js';
import { batchProblems, referencedIds } from '../domain/batch-check.js';
import type { NodeKind } from '../domain/model.js';
import type { GraphBatch, RowProblem } from '../domain/spreadsheet.js';
import { storedIds, writeNetwork, type WriteOptions } from '../repositories/network-write.repository.js';

export class LoadError extends Error {
  constructor(readonly problems: RowProblem[]) {
    super(`${problems.length} problem(s) in the data; nothing was loaded`);
    this.name = 'LoadError';
  }
}

/** Every problem that would make the batch inconsistent; empty when it can be written. */
export async function checkBatch(reader: GraphDb | Tx, batch: GraphBatch): Promise<RowProblem[]> {
  return (await checkBatchAgainst(reader, batch)).problems;
}

/** What a check found stored: the kind of every id the batch names that exists (what else is new), and the content hashes. */
export interface StoredIds {
  stored: ReadonlyMap<string, NodeKind>;
  hashes: ReadonlyMap<string, string>;
}

/** checkBatch's problems, and what it found stored. */
export async function checkBatchAgainst(reader: GraphDb | Tx, batch: GraphBatch): Promise<{ problems: RowProblem[] } & StoredIds> {
  const { kinds, hashes } = await storedIds(reader, referencedIds(batch));
  return { problems: batchProblems(batch, kinds), stored: kinds, hashes };
}

export interface LoadOptions {
  timeoutMs?: number;
  /** The caller checked the batch already. */
  checked?: boolean;
  /** More writes in the same transaction (the history entry of an import). */
  within?: (tx: Tx) => Promise<void>;
  /** Ids of the nodes and relationships that exist already, when the caller knows. */
  existing?: WriteOptions['existing'];
}

/** Checks the batch (unless the caller just did), then writes all of it in one transaction; throws LoadError on any problem. */
export async function loadBatch(db: GraphDb, batch: GraphBatch, options: LoadOptions = {}): Promise<{ nodes: number; relationships: number }> {
  const problems = options.checked ? [] : await checkBatch(db, batch);
  if (problems.length) throw new LoadError(problems);
  await db.writeTransaction(async (tx) => {
    await writeNetwork(
      tx,
      batch.nodes.map((n) => n.record),
      batch.relationships.map((r) => r.record),
      { existing: options.existing },
    );
    await options.within?.(tx);
  }, options.timeoutMs ?? 120_000);
  return { nodes: batch.nodes.length, relationships: batch.relationships.length };
}
