/**
 * What the benchmarks share: a Neo4j of their own (never the explorer's or the tests'), latency
 * statistics, and results written as JSON under bench/results/.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { GraphDb } from '../api/src/db/graph-db.js';
import { migrate } from '../api/src/db/migrations.js';
import { startLocalNeo4j, type LocalNeo4j } from '../db/neo4j-process.js';

export const RESULTS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'results');

export interface BenchDatabase {
  db: GraphDb;
  uri: string;
  close(): Promise<void>;
}

/**
 * The bench's Neo4j: NEO4J_URI when set, else a local one on port 7690 with data in .neo4j/bench
 * (with `gds`, the launcher built with Graph Data Science).
 */
export async function openBenchDatabase(heapMiB = 4096, pageCacheMiB = 2048, { gds = false } = {}): Promise<BenchDatabase> {
  let local: LocalNeo4j | undefined;
  let uri = process.env.NEO4J_URI;
  if (!uri) {
    // Loading and wiping a million relationships outlasts the explorer's 60 s transaction limit.
    local = await startLocalNeo4j({
      port: Number(process.env.BENCH_NEO4J_PORT ?? 7690),
      home: '.neo4j/bench',
      heapMiB,
      pageCacheMiB,
      txMaxMiB: 2048,
      txTimeoutSeconds: 3_600,
      gds,
    });
    uri = local.uri;
  }
  const db = new GraphDb({ uri, user: process.env.NEO4J_USER ?? 'neo4j', password: process.env.NEO4J_PASSWORD ?? '', queryTimeoutMs: 600_000 });
  await migrate(db);
  return {
    db,
    uri,
    close: async () => {
      await db.close();
      await local?.stop();
    },
  };
}

export interface Latency {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  mean: number;
}

export function latency(samplesMs: number[]): Latency {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
  const round = (x: number) => Math.round(x * 100) / 100;
  return {
    count: sorted.length,
    p50: round(at(0.5)),
    p95: round(at(0.95)),
    p99: round(at(0.99)),
    mean: round(sorted.reduce((s, x) => s + x, 0) / Math.max(sorted.length, 1)),
  };
}

/** Writes `results/<name>.json` with the machine it ran on, and prints where. */
export function writeResults(name: string, results: object): void {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const file = path.join(RESULTS_DIR, `${name}.json`);
  const machine = { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version };
  writeFileSync(file, JSON.stringify({ name, at: new Date().toISOString(), machine, ...results }, null, 2));
  console.log(`results written to ${path.relative(process.cwd(), file)}`);
}

/** Runs `fn` and returns its result and how long it took in milliseconds. */
export async function timed<T>(fn: () => Promise<T> | T): Promise<[T, number]> {
  const started = performance.now();
  const value = await fn();
  return [value, performance.now() - started];
}
