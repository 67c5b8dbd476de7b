/**
 * `npm run bench:api -- small|large`: latency (p50/p95/p99) and throughput of each explorer
 * endpoint under concurrent load on loopback, side by side with the same repository calls
 * through the raw driver in the same run, and with a bare Express route (the stack's ceiling).
 * Also records the RSS of the API process and of Neo4j. Budgets are checked at the large scale.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { once } from 'node:events';
import { seededRandom } from '../api/src/analytics/metrics.js';
import { GraphRepository } from '../api/src/repositories/graph.repository.js';
import { SearchRepository } from '../api/src/repositories/search.repository.js';
import { AnalyticsRepository } from '../api/src/repositories/analytics.repository.js';
import { ensureGenerated, scaleFromArgs } from './generate.js';
import { httpGet, load, type LoadResult } from './load.js';
import { openBenchDatabase, writeResults } from './support.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 4);
const API_PORT = Number(process.env.BENCH_API_PORT ?? 8190);
const BARE_PORT = Number(process.env.BENCH_BARE_PORT ?? 8191);

function startChild(args: string[], env: Record<string, string>, ready: RegExp): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    const timer = setTimeout(() => reject(new Error(`${args.join(' ')} did not start`)), 120_000);
    const watch = (chunk: Buffer) => {
      if (ready.test(chunk.toString())) {
        clearTimeout(timer);
        resolve(child);
      }
    };
    child.stdout!.on('data', watch);
    child.stderr!.on('data', watch);
    child.on('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}`)));
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
}

/** Resident memory of a process in MiB, from /proc. */
function rssMiB(pid: number | undefined): number | null {
  if (!pid) return null;
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Math.round(Number(match[1]) / 1024) : null;
  } catch {
    return null;
  }
}

/** The pid of the bench's Neo4j launcher, found by its command line. */
function neo4jPid(): number | undefined {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const cmd = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (cmd.includes('org.spean.db.Launcher') && cmd.includes('.neo4j/bench')) return Number(entry);
    } catch {
      // The process ended while we looked.
    }
  }
  return undefined;
}

interface Row {
  endpoint: string;
  api: LoadResult;
  driver: LoadResult | null;
  overhead: { p50Ratio: number | null; p50AddedMs: number | null };
}

const scale = scaleFromArgs();
const bench = await openBenchDatabase();
let api: ChildProcess | undefined;
let bare: ChildProcess | undefined;
try {
  const generated = await ensureGenerated(bench.db, scale);
  if (generated) console.log(`loaded ${scale.name}: ${generated.nodesPerSecond} nodes/s, ${generated.relationshipsPerSecond} relationships/s`);

  // The API alone (UI_DIR empty): this bench measures the API, and needs no UI build.
  api = await startChild(['api/src/server.ts'], { NEO4J_URI: bench.uri, PORT: String(API_PORT), SEED_WHEN_EMPTY: 'false', LOG_LEVEL: 'info', UI_DIR: '' }, /listening on/);
  bare = await startChild(['bench/bare-server.ts'], { PORT: String(BARE_PORT) }, /BARE_READY/);
  const base = `http://127.0.0.1:${API_PORT}`;

  const random = seededRandom(99);
  const people = scale.nodes - Math.round(scale.nodes * 0.5) - 200;
  const communities = Math.max(10, Math.round(scale.nodes / 400));
  const person = () => `g-person-${Math.floor(random() * people)}`;
  /** Two people of the same community: the paths researchers ask about are mostly local. */
  const pair = () => {
    const a = Math.floor(random() * people);
    const b = Math.min(people - 1, a + communities * (1 + Math.floor(random() * 5)));
    return [`g-person-${a}`, `g-person-${b}`];
  };
  const words = ['kamo', 'rith', 'sokdara', 'pheap', 'open data', 'lina', 'chea', 'forum', 'portal', 'bosen'];
  const word = () => words[Math.floor(random() * words.length)]!;

  const graph = new GraphRepository(bench.db);
  const search = new SearchRepository(bench.db);
  const analyticsRepo = new AnalyticsRepository(bench.db);
  // The benchmark reads as an anonymous visitor does: people marked not public left out.
  const all = { window: {}, publicOnly: true };

  // Warm the metrics cache once (the first computation is measured by bench:analytics).
  const warm = performance.now();
  await httpGet(`${base}/api/metrics?limit=20`);
  const metricsFirstMs = Math.round(performance.now() - warm);

  const cases: { endpoint: string; http: () => string; driver: (() => Promise<unknown>) | null }[] = [
    { endpoint: 'bare express res.json', http: () => `http://127.0.0.1:${BARE_PORT}/bare`, driver: null },
    { endpoint: 'GET /api/search', http: () => `${base}/api/search?q=${encodeURIComponent(word())}`, driver: () => search.search(word(), { kinds: [], limit: 20, window: {}, publicOnly: true }) },
    {
      endpoint: 'GET /api/nodes/:id/neighbourhood depth=1',
      http: () => `${base}/api/nodes/${person()}/neighbourhood?depth=1`,
      driver: async () => graph.withSources((await graph.neighbourhood(person(), 1, 150, all))!),
    },
    {
      endpoint: 'GET /api/nodes/:id/neighbourhood depth=2',
      http: () => `${base}/api/nodes/${person()}/neighbourhood?depth=2`,
      driver: async () => graph.withSources((await graph.neighbourhood(person(), 2, 150, all))!),
    },
    {
      endpoint: 'GET /api/paths',
      http: () => {
        const [from, to] = pair();
        return `${base}/api/paths?from=${from}&to=${to}&maxLength=4`;
      },
      driver: async () => {
        const [from, to] = pair();
        const found = await graph.shortestPaths({ from: from!, to: to!, maxLength: 4, limit: 20, avoidKinds: ['topic', 'place', 'figure', 'source'], filter: all });
        return graph.withSources(found.view);
      },
    },
    { endpoint: 'GET /api/metrics (cached)', http: () => `${base}/api/metrics?limit=20`, driver: () => analyticsRepo.graphVersion() },
  ];

  const rows: Row[] = [];
  for (const c of cases) {
    await load(() => httpGet(c.http()), 1, CONCURRENCY); // warm-up
    const apiResult = await load(() => httpGet(c.http()), SECONDS, CONCURRENCY);
    let driverResult: LoadResult | null = null;
    if (c.driver) {
      await load(async () => void (await c.driver!()), 1, CONCURRENCY);
      driverResult = await load(async () => void (await c.driver!()), SECONDS, CONCURRENCY);
    }
    const overhead = {
      p50Ratio: driverResult ? Math.round((apiResult.p50 / driverResult.p50) * 100) / 100 : null,
      p50AddedMs: driverResult ? Math.round((apiResult.p50 - driverResult.p50) * 100) / 100 : null,
    };
    rows.push({ endpoint: c.endpoint, api: apiResult, driver: driverResult, overhead });
    console.log(
      `${c.endpoint.padEnd(44)} API p50 ${apiResult.p50} p95 ${apiResult.p95} p99 ${apiResult.p99} ms, ${apiResult.throughput}/s` +
        (driverResult ? ` | driver p50 ${driverResult.p50} p95 ${driverResult.p95} p99 ${driverResult.p99} ms, ${driverResult.throughput}/s | ×${overhead.p50Ratio} (+${overhead.p50AddedMs} ms)` : '') +
        (apiResult.errors ? ` | ${apiResult.errors} errors` : ''),
    );
  }

  const byName = Object.fromEntries(rows.map((r) => [r.endpoint, r]));
  const budgets = [
    { what: 'search p95 ≤ 20 ms', actual: byName['GET /api/search']!.api.p95, limit: 20 },
    { what: 'depth-1 neighbourhood p99 ≤ 10 ms', actual: byName['GET /api/nodes/:id/neighbourhood depth=1']!.api.p99, limit: 10 },
    { what: 'depth-2 neighbourhood p95 ≤ 50 ms', actual: byName['GET /api/nodes/:id/neighbourhood depth=2']!.api.p95, limit: 50 },
    { what: 'shortest path p95 ≤ 30 ms', actual: byName['GET /api/paths']!.api.p95, limit: 30 },
    { what: 'cached metrics p95 ≤ 10 ms', actual: byName['GET /api/metrics (cached)']!.api.p95, limit: 10 },
    ...rows
      .filter((r) => r.overhead.p50Ratio !== null && !r.endpoint.includes('metrics'))
      .map((r) => ({ what: `${r.endpoint}: API p50 ≤ 1.3× driver and ≤ +2 ms`, actual: r.overhead.p50AddedMs!, limit: Math.min(2, r.driver!.p50 * 0.3) })),
  ].map((b) => ({ ...b, met: b.actual <= b.limit }));
  const memory = { apiRssMiB: rssMiB(api.pid), neo4jRssMiB: rssMiB(neo4jPid()) };
  for (const b of budgets) console.log(`${b.met ? 'met   ' : 'MISSED'} ${b.what}: ${b.actual}`);
  console.log(`RSS: API ${memory.apiRssMiB} MiB, Neo4j ${memory.neo4jRssMiB} MiB; first metrics computation ${metricsFirstMs} ms`);
  writeResults(`api-${scale.name}`, { scale, seconds: SECONDS, concurrency: CONCURRENCY, generated, rows, budgets, memory, metricsFirstMs });
} finally {
  if (api) await stopChild(api);
  if (bare) await stopChild(bare);
  await bench.close();
}
