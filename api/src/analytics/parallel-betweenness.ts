/**
 * Betweenness spread over the machine's cores: the sources are split into parts, this thread
 * computes one and a worker thread each of the others (betweenness-worker.ts) on the same
 * adjacency in shared memory; the parts' sums are added in a fixed order and scaled once, so the
 * result is the single-thread one up to the order of floating-point additions, and the same on
 * every run with the same number of threads.
 */
import os from 'node:os';
import type { Worker } from 'node:worker_threads';
import { accumulateBetweenness, betweenness, betweennessInput, scaleBetweenness, sourcesOfPart, type Csr } from './csr.js';
import { startWorker } from '../lib/start-worker.js';

export const PARALLEL_BETWEENNESS_DEFAULTS = {
  // Work (sources × (nodes + 2 × links)) below which one thread is faster: about half a second of
  // it, against the tens to hundreds of milliseconds that starting a worker thread takes.
  minWork: 50_000_000,
  // Sources dealt to a part at a time.
  block: 32,
};

/** What a worker is given: the adjacency and sources (in shared memory) and which part is its. */
export interface BetweennessPart {
  offsets: Int32Array;
  neighbours: Int32Array;
  sources: Int32Array;
  part: number;
  parts: number;
  block: number;
}

/** How many threads betweenness from `sources` sources on this graph is worth: 1 when small. */
export function betweennessThreads(sources: number, nodes: number, links: number, cores = os.availableParallelism()): number {
  if (sources * (nodes + 2 * links) < PARALLEL_BETWEENNESS_DEFAULTS.minWork) return 1;
  return Math.max(1, Math.min(cores, Math.ceil(sources / PARALLEL_BETWEENNESS_DEFAULTS.block)));
}

/**
 * `betweenness(csr, sources)` (csr.ts) on `threads` threads; by default as many as pay. With
 * `whileWaiting`, every part runs in a worker and this thread does that work meanwhile (the
 * metrics' PageRank and Louvain): the parts and their order of addition are the same, so is the
 * result. Without it, this thread computes part 0.
 */
export async function parallelBetweenness(csr: Csr, sources?: Int32Array, threads?: number, whileWaiting?: () => void): Promise<Float64Array> {
  const n = csr.ids.length;
  const count = sources?.length ?? n;
  const parts = threads ?? betweennessThreads(count, n, csr.links.from.length);
  if (parts <= 1) {
    const result = betweenness(csr, sources);
    whileWaiting?.();
    return result;
  }
  const { local, all: sourcesHere } = betweennessInput(csr, sources);
  const all = shared(sourcesHere);
  const work = { offsets: shared(local.offsets), neighbours: shared(local.neighbours), sources: all, parts, block: PARALLEL_BETWEENNESS_DEFAULTS.block };
  const first = whileWaiting ? 0 : 1;
  const others = Array.from({ length: parts - first }, (_, i) => startPart({ ...work, part: i + first }));
  try {
    const sums = new Float64Array(n);
    // This thread takes part 0 (or the other work) while the workers start.
    if (whileWaiting) whileWaiting();
    else accumulateBetweenness(work.offsets, work.neighbours, sourcesOfPart(all, 0, parts, work.block), sums);
    for (const partial of await Promise.all(others.map((other) => other.sums))) for (let i = 0; i < n; i++) sums[i]! += partial[i]!;
    scaleBetweenness(sums, count);
    return local.restore(sums);
  } finally {
    // A part that failed leaves the others nothing to do.
    for (const other of others) void other.worker.terminate();
  }
}

/** The same numbers in memory that worker threads share rather than copy. */
function shared(values: Int32Array): Int32Array {
  const copy = new Int32Array(new SharedArrayBuffer(values.byteLength));
  copy.set(values);
  return copy;
}

function startPart(part: BetweennessPart): { worker: Worker; sums: Promise<Float64Array> } {
  const worker = startWorker(import.meta.url, 'betweenness-worker', { workerData: part });
  const sums = new Promise<Float64Array>((resolve, reject) => {
    worker.once('message', resolve);
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`betweenness worker ${part.part} exited with ${code} before answering`)));
  });
  // Awaited once this thread's part is done; until then (or if that part throws) a failure must not count as unhandled.
  sums.catch(() => undefined);
  return { worker, sums };
}
