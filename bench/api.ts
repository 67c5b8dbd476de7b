/**
 * `npm run bench:api -- small|large`: latency (p50/p95/p99), throughput and CPU time per request
 * of each explorer endpoint under concurrent load on loopback, at 1 and 4 callers, side by side
 * with the same repository calls through the raw driver in the same run, and with a bare Express
 * route (the stack's ceiling). CPU per request holds on a noisy shared machine where wall-clock
 * does not: the API child's is taken with process.cpuUsage around each load (bench/cpu-report.mjs),
 * the driver call's in this process. The API runs compiled, as `npm start` runs it; the bench
 * compiles it first, so it works from a fresh clone.
 *
 * BENCH_BASELINE=<folder>: a checkout of the code before a change (its node_modules linked),
 * measured in the same run against the same database, endpoint by endpoint beside this one.
 * BENCH_PROFILE=1: the API children run under `node --cpu-prof`; the top frames are printed.
 */
import { spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { seededRandom } from '../api/src/analytics/metrics.js';
import { GraphRepository } from '../api/src/repositories/graph.repository.js';
import { SearchRepository } from '../api/src/repositories/search.repository.js';
import { AnalyticsRepository } from '../api/src/repositories/analytics.repository.js';
import { ensureGenerated, scaleFromArgs } from './generate.js';
import { httpGet, load, type LoadResult } from './load.js';
import { framesTable, mainThreadProfile, topFrames, type Frame } from './profile-top.js';
import { childCpuMicros, neo4jPid, rssMiB, startChild, stopChild } from './processes.js';
import { openBenchDatabase, RESULTS_DIR, writeResults } from './support.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const CALLERS = (process.env.BENCH_CONCURRENCY ?? '1,4').split(',').map(Number);
const API_PORT = Number(process.env.BENCH_API_PORT ?? 8190);
const BARE_PORT = Number(process.env.BENCH_BARE_PORT ?? 8191);
const BASELINE_PORT = Number(process.env.BENCH_BASELINE_PORT ?? 8192);
const BASELINE = process.env.BENCH_BASELINE ? path.resolve(process.env.BENCH_BASELINE) : undefined;
const PROFILE = process.env.BENCH_PROFILE === '1';

/** The server of a checkout as its own `npm start` runs it: compiled when it has a build step, else under tsx. */
function serverCommand(dir: string, profileDir: string): string[] {
  const profile = PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const probe = ['--import', path.resolve('bench/cpu-report.mjs')];
  if (!existsSync(path.join(dir, 'tsconfig.server.json'))) return [...profile, ...probe, '--import', 'tsx', 'api/src/server.ts'];
  const built = spawnSync(process.execPath, [path.join(dir, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.server.json'], { cwd: dir, stdio: 'inherit' });
  if (built.status !== 0) throw new Error(`compiling the server in ${dir} failed`);
  return [...profile, ...probe, 'dist/api/src/server.js'];
}

/** A load with the CPU time per call of the process that did the work. */
async function measured(once: () => Promise<void>, callers: number, cpuMicros: () => Promise<number>): Promise<LoadResult & { cpuMicrosPerCall: number }> {
  await load(once, 1, callers); // warm-up
  const before = await cpuMicros();
  const result = await load(once, SECONDS, callers);
  const used = (await cpuMicros()) - before;
  return { ...result, cpuMicrosPerCall: Math.round(used / Math.max(result.count, 1)) };
}

const ownCpuMicros = async () => {
  const usage = process.cpuUsage();
  return usage.user + usage.system;
};

type Measured = LoadResult & { cpuMicrosPerCall: number };

interface Row {
  endpoint: string;
  callers: number;
  api: Measured;
  baseline: Measured | null;
  driver: Measured | null;
  /** API over driver: p50 ratio, and the CPU the API adds per request beyond the driver call's. */
  overhead: { p50Ratio: number | null; p50AddedMs: number | null; addedCpuMicros: number | null; addedCpuShare: number | null };
}

interface ApiServer {
  name: string;
  child: ChildProcess;
  base: string;
}

const round2 = (x: number) => Math.round(x * 100) / 100;
const triple = (r: LoadResult) => `${r.p50} / ${r.p95} / ${r.p99}`;

const scale = scaleFromArgs();
const bench = await openBenchDatabase();
const servers: ApiServer[] = [];
let bare: ChildProcess | undefined;
try {
  const generated = await ensureGenerated(bench.db, scale);
  if (generated) console.log(`loaded ${scale.name}: ${generated.nodesPerSecond} nodes/s, ${generated.relationshipsPerSecond} relationships/s`);

  // The API alone (UI_DIR empty): this bench measures the API, and needs no UI build.
  const env = (port: number) => ({ NEO4J_URI: bench.uri, PORT: String(port), SEED_WHEN_EMPTY: 'false', LOG_LEVEL: 'info', UI_DIR: '', NODE_ENV: 'production' });
  const variants = [{ name: 'this', dir: process.cwd(), port: API_PORT }, ...(BASELINE ? [{ name: 'baseline', dir: BASELINE, port: BASELINE_PORT }] : [])];
  for (const v of variants) {
    const child = await startChild(serverCommand(v.dir, path.join(RESULTS_DIR, `profile-${v.name}`)), v.dir, env(v.port), /listening on/);
    servers.push({ name: v.name, child, base: `http://127.0.0.1:${v.port}` });
  }
  bare = await startChild(['--import', 'tsx', 'bench/bare-server.ts'], process.cwd(), { PORT: String(BARE_PORT) }, /BARE_READY/);

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

  // Warm the metrics cache of each server, both at once (the first computation is measured by bench:analytics).
  const metricsFirstMs: Record<string, number> = {};
  await Promise.all(
    servers.map(async (server) => {
      const warm = performance.now();
      // On a busy machine the first computation outlasts fetch's 300 s wait for headers; a
      // request asked again joins the same computation (the cache shares it), so ask again.
      for (let attempt = 1; ; attempt++) {
        try {
          await httpGet(`${server.base}/api/metrics?limit=20`);
          break;
        } catch (error) {
          if (attempt === 6) throw error;
        }
      }
      metricsFirstMs[server.name] = Math.round(performance.now() - warm);
    }),
  );

  const cases: { endpoint: string; http: (base: string) => string; driver: (() => Promise<unknown>) | null }[] = [
    {
      endpoint: 'GET /api/search',
      http: (base) => `${base}/api/search?q=${encodeURIComponent(word())}`,
      driver: () => search.search(word(), { kinds: [], limit: 20, window: {}, publicOnly: true }),
    },
    {
      endpoint: 'GET /api/nodes/:id/neighbourhood depth=1',
      http: (base) => `${base}/api/nodes/${person()}/neighbourhood?depth=1`,
      driver: async () => graph.withSources((await graph.neighbourhood(person(), 1, 150, all))!),
    },
    {
      endpoint: 'GET /api/nodes/:id/neighbourhood depth=2',
      http: (base) => `${base}/api/nodes/${person()}/neighbourhood?depth=2`,
      driver: async () => graph.withSources((await graph.neighbourhood(person(), 2, 150, all))!),
    },
    {
      endpoint: 'GET /api/paths',
      http: (base) => {
        const [from, to] = pair();
        return `${base}/api/paths?from=${from}&to=${to}&maxLength=4`;
      },
      driver: async () => {
        const [from, to] = pair();
        const found = await graph.shortestPaths({
          from: from!,
          to: to!,
          maxLength: 4,
          limit: 20,
          avoidKinds: ['topic', 'place', 'figure', 'source'],
          filter: all,
        });
        return graph.withSources(found.view);
      },
    },
    { endpoint: 'GET /api/metrics (cached)', http: (base) => `${base}/api/metrics?limit=20`, driver: () => analyticsRepo.graphVersion() },
  ];

  const rows: Row[] = [];
  const bareRows: { callers: number; bare: LoadResult }[] = [];
  for (const callers of CALLERS) {
    const bareResult = await load(() => httpGet(`http://127.0.0.1:${BARE_PORT}/bare`), SECONDS, callers);
    bareRows.push({ callers, bare: bareResult });
    console.log(`\n${callers} caller(s); bare Express res.json p50 / p95 / p99 ${triple(bareResult)} ms, ${bareResult.throughput}/s`);
    for (const c of cases) {
      // One server after the other, never at once: each gets the machine the other had.
      const perServer: Measured[] = [];
      for (const server of servers)
        perServer.push(
          await measured(
            () => httpGet(c.http(server.base)),
            callers,
            () => childCpuMicros(server.child),
          ),
        );
      const [api, baseline = null] = perServer as [Measured, Measured?];
      const driver = c.driver ? await measured(async () => void (await c.driver!()), callers, ownCpuMicros) : null;
      const addedCpu = driver ? api.cpuMicrosPerCall - driver.cpuMicrosPerCall : null;
      const overhead = {
        p50Ratio: driver ? round2(api.p50 / driver.p50) : null,
        p50AddedMs: driver ? round2(api.p50 - driver.p50) : null,
        addedCpuMicros: addedCpu,
        addedCpuShare: driver && addedCpu !== null ? round2(addedCpu / driver.cpuMicrosPerCall) : null,
      };
      rows.push({ endpoint: c.endpoint, callers, api, baseline, driver, overhead });
      console.log(
        `${c.endpoint.padEnd(42)} API ${triple(api)} ms, ${api.throughput}/s, CPU ${api.cpuMicrosPerCall} µs` +
          (baseline ? ` | baseline ${triple(baseline)} ms, CPU ${baseline.cpuMicrosPerCall} µs` : '') +
          (driver
            ? ` | driver ${triple(driver)} ms, CPU ${driver.cpuMicrosPerCall} µs | ×${overhead.p50Ratio}, +${addedCpu} µs CPU (${Math.round(overhead.addedCpuShare! * 100)} %)`
            : '') +
          (api.errors ? ` | ${api.errors} errors` : ''),
      );
    }
  }

  console.log(
    '\n| endpoint | callers | API p50 / p95 / p99 ms | driver p50 / p95 / p99 ms | ×p50 | API CPU µs/req | driver CPU µs/call | added CPU |' +
      (BASELINE ? ' baseline p50 / p95 / p99 ms | baseline CPU µs/req |' : ''),
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |' + (BASELINE ? ' --- | --- |' : ''));
  for (const r of rows) {
    console.log(
      `| ${r.endpoint} | ${r.callers} | ${triple(r.api)} | ${r.driver ? triple(r.driver) : '—'} | ×${r.overhead.p50Ratio} | ${r.api.cpuMicrosPerCall} | ${r.driver?.cpuMicrosPerCall ?? '—'} | +${r.overhead.addedCpuMicros} µs (${Math.round((r.overhead.addedCpuShare ?? 0) * 100)} %) |` +
        (r.baseline ? ` ${triple(r.baseline)} | ${r.baseline.cpuMicrosPerCall} |` : ''),
    );
  }

  const at = (endpoint: string, callers: number) => rows.find((r) => r.endpoint === endpoint && r.callers === callers);
  const budgets = [
    ...rows.map((r) => ({
      what: `${r.endpoint}, ${r.callers} caller(s): added CPU ≤ 30 % of the driver call's or ≤ 1 ms`,
      actual: r.overhead.addedCpuMicros!,
      limit: Math.max(1000, Math.round(0.3 * r.driver!.cpuMicrosPerCall)),
    })),
    ...rows.filter((r) => r.callers === 1).map((r) => ({ what: `${r.endpoint}, 1 caller: API p50 ≤ 1.3× driver`, actual: r.overhead.p50Ratio!, limit: 1.3 })),
    ...(scale.name === 'large'
      ? [
          { what: 'search p95 ≤ 20 ms (4 callers)', actual: at('GET /api/search', 4)?.api.p95 ?? NaN, limit: 20 },
          { what: 'depth-1 neighbourhood p99 ≤ 10 ms (4 callers)', actual: at('GET /api/nodes/:id/neighbourhood depth=1', 4)?.api.p99 ?? NaN, limit: 10 },
          { what: 'depth-2 neighbourhood p95 ≤ 50 ms (4 callers)', actual: at('GET /api/nodes/:id/neighbourhood depth=2', 4)?.api.p95 ?? NaN, limit: 50 },
          { what: 'shortest path p95 ≤ 30 ms (4 callers)', actual: at('GET /api/paths', 4)?.api.p95 ?? NaN, limit: 30 },
          { what: 'cached metrics p95 ≤ 10 ms (4 callers)', actual: at('GET /api/metrics (cached)', 4)?.api.p95 ?? NaN, limit: 10 },
        ]
      : []),
  ].map((b) => ({ ...b, met: b.actual <= b.limit }));
  const memory = { apiRssMiB: rssMiB(servers[0]!.child.pid), neo4jRssMiB: rssMiB(neo4jPid()) };
  console.log('');
  for (const b of budgets) console.log(`${b.met ? 'met   ' : 'MISSED'} ${b.what}: ${b.actual} (limit ${b.limit})`);
  console.log(`RSS: API ${memory.apiRssMiB} MiB, Neo4j ${memory.neo4jRssMiB} MiB; first metrics computation ${JSON.stringify(metricsFirstMs)} ms`);

  for (const server of servers.splice(0)) await stopChild(server.child);
  const profiles: Record<string, Frame[]> = {};
  if (PROFILE) {
    for (const v of variants) {
      const dir = path.join(RESULTS_DIR, `profile-${v.name}`);
      const newest = mainThreadProfile(readdirSync(dir));
      if (!newest) continue;
      profiles[v.name] = topFrames(path.join(dir, newest), 15);
      console.log(`\nTop frames by self time, API process (${v.name}), ${path.join(dir, newest)}:\n${framesTable(profiles[v.name]!)}`);
    }
  }
  writeResults(`api-${scale.name}`, {
    scale,
    seconds: SECONDS,
    callers: CALLERS,
    baseline: BASELINE ?? null,
    generated,
    bare: bareRows,
    rows,
    budgets,
    memory,
    metricsFirstMs,
    profiles,
  });
} finally {
  for (const server of servers) await stopChild(server.child);
  if (bare) await stopChild(bare);
  await bench.close();
}
