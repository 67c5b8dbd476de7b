/**
 * `npm run bench:api -- small|large`: latency (p50/p95/p99), throughput and CPU time per request
 * of each explorer endpoint under concurrent load on loopback, at 1 and 4 callers, side by side
 * with the same repository calls through the raw driver in the same run, and with a bare Express
 * route (the stack's ceiling). CPU per request holds on a noisy shared machine where wall-clock
 * does not: the API child's is taken with process.cpuUsage around each load (bench/cpu-report.mjs),
 * the driver call's in this process; each process's idle rate, measured just before the load,
 * is taken out. The API runs compiled, as `npm start` runs it; the bench compiles it first, so
 * it works from a fresh clone.
 *
 * BENCH_BASELINE=<folder>: a checkout of the code before a change (its node_modules linked),
 * measured in the same run against the same database, endpoint by endpoint beside this one.
 * BENCH_ROUNDS (default 2): each load split into rounds, taken in turn.
 * BENCH_PROFILE=1: after the measured pass, a separate pass with the API children under
 * `node --cpu-prof`, whose top frames are printed; nothing is timed under the profiler.
 */
import { spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import path from 'node:path';
import { ensureGenerated, scaleFromArgs } from './generate.js';
import { httpGet, load, loadSamples, summarise, type LoadResult, type LoadSamples } from './load.js';
import { apiCases, type BenchCase } from './api-cases.js';
import { budgetsOf, overheadOf, printTable, rowLine, triple, type Measured, type Row } from './api-report.js';
import { framesTable, mainThreadProfile, topFrames, topOwners, type Frame } from './profile-top.js';
import { childCpuMicros, neo4jPid, rssMiB, startChild, stopChild } from './processes.js';
import { openBenchDatabase, RESULTS_DIR, writeResults } from './support.js';

// The driver calls here must cost what they cost in the server, which runs compiled without
// source maps: the driver takes a stack trace for every query, and under tsx's source maps
// each took twice as long (22 against 10 µs for a shallow stack on the bench machine).
process.setSourceMapsEnabled(false);

const SECONDS = Number(process.env.BENCH_SECONDS ?? 8);
const IDLE_SECONDS = Number(process.env.BENCH_IDLE_SECONDS ?? 1);
const WARM_SECONDS = Number(process.env.BENCH_WARM_SECONDS ?? 2);
/** Each load is split into this many rounds, the order of servers and driver turned around each time. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const CALLERS = (process.env.BENCH_CONCURRENCY ?? '1,4').split(',').map(Number);
const API_PORT = Number(process.env.BENCH_API_PORT ?? 8190);
const BARE_PORT = Number(process.env.BENCH_BARE_PORT ?? 8191);
const BASELINE_PORT = Number(process.env.BENCH_BASELINE_PORT ?? 8192);
const BASELINE = process.env.BENCH_BASELINE ? path.resolve(process.env.BENCH_BASELINE) : undefined;
const PROFILE = process.env.BENCH_PROFILE === '1';

interface Variant {
  name: string;
  dir: string;
  port: number;
  /** The server's entry point and loader flags, as the checkout's own `npm start` runs it. */
  entry: string[];
}

/** Compiled when the checkout has a build step (compiled here, once), else under tsx. */
function serverEntry(dir: string): string[] {
  if (!existsSync(path.join(dir, 'tsconfig.server.json'))) return ['--import', 'tsx', 'api/src/server.ts'];
  const built = spawnSync(process.execPath, [path.join(dir, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.server.json'], { cwd: dir, stdio: 'inherit' });
  if (built.status !== 0) throw new Error(`compiling the server in ${dir} failed`);
  return ['dist/api/src/server.js'];
}

interface ApiServer {
  name: string;
  child: ChildProcess;
  base: string;
}

/** Starts each variant's API alone (UI_DIR empty: this bench measures the API, and needs no UI build). */
async function startServers(variants: Variant[], uri: string, profileDir?: (name: string) => string): Promise<ApiServer[]> {
  const env = (port: number) => ({ NEO4J_URI: uri, PORT: String(port), SEED_WHEN_EMPTY: 'false', LOG_LEVEL: 'info', UI_DIR: '', NODE_ENV: 'production' });
  const servers: ApiServer[] = [];
  for (const v of variants) {
    const profile = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir(v.name)}`] : [];
    const command = [...profile, '--import', path.resolve('bench/cpu-report.mjs'), ...v.entry];
    servers.push({ name: v.name, child: await startChild(command, v.dir, env(v.port), /listening on/), base: `http://127.0.0.1:${v.port}` });
  }
  return servers;
}

/** Warms each server's metrics cache, all at once (the first computation is bench:analytics' subject). */
async function warmMetrics(servers: ApiServer[]): Promise<Record<string, number>> {
  const firstMs: Record<string, number> = {};
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
      firstMs[server.name] = Math.round(performance.now() - warm);
    }),
  );
  return firstMs;
}

/** One round of a load: its calls, and the CPU time its process used and would have used idle. */
interface Round extends LoadSamples {
  usedMicros: number;
  idleMicros: number;
  idleRate: number;
}

/**
 * A round of load with the CPU time of the process that did the work: first the process's idle
 * rate (timers, GC, the driver's pool upkeep, with nothing asked of it), then a warm-up, then the
 * load, whose CPU time less that idle rate over its duration is what the calls cost.
 */
async function round(once: () => Promise<void>, callers: number, cpuMicros: () => Promise<number>): Promise<Round> {
  const idleFrom = await cpuMicros();
  const idleStarted = performance.now();
  await sleep(IDLE_SECONDS * 1000);
  const idleRate = ((await cpuMicros()) - idleFrom) / ((performance.now() - idleStarted) / 1000);
  await load(once, 1, callers); // warm-up
  const before = await cpuMicros();
  const result = await loadSamples(once, SECONDS / ROUNDS, callers);
  const usedMicros = (await cpuMicros()) - before;
  return { ...result, usedMicros, idleMicros: Math.min(usedMicros, idleRate * result.seconds), idleRate };
}

/** The rounds of one contender taken together: latency over all their calls, CPU per call. */
function combined(rounds: Round[]): Measured {
  const calls = Math.max(
    rounds.reduce((sum, r) => sum + r.samples.length, 0),
    1,
  );
  const sum = (f: (r: Round) => number) => rounds.reduce((total, r) => total + f(r), 0);
  return {
    ...summarise(rounds),
    cpuMicrosPerCall: Math.round(sum((r) => r.usedMicros - r.idleMicros) / calls),
    rawCpuMicrosPerCall: Math.round(sum((r) => r.usedMicros) / calls),
    idleMicrosPerSecond: Math.round(sum((r) => r.idleRate) / rounds.length),
  };
}

const ownCpuMicros = async () => {
  const usage = process.cpuUsage();
  return usage.user + usage.system;
};

/** A load's target: one server's HTTP endpoint, or the driver call in this process. */
interface Contender {
  name: string;
  once: () => Promise<void>;
  cpuMicros: () => Promise<number>;
}

function contenders(servers: ApiServer[], c: BenchCase): Contender[] {
  const http = servers.map((server) => ({ name: server.name, once: () => httpGet(c.http(server.base)), cpuMicros: () => childCpuMicros(server.child) }));
  return c.driver ? [...http, { name: 'driver', once: async () => void (await c.driver!()), cpuMicros: ownCpuMicros }] : http;
}

/**
 * Every endpoint through every server and the driver before anything is measured: the first
 * load after start-up (cold JIT, cold Neo4j caches, the metrics just computed) used to come out
 * slower, and it was always this server's at 1 caller.
 */
async function warmUp(servers: ApiServer[], cases: BenchCase[]): Promise<void> {
  for (const c of cases) for (const contender of contenders(servers, c)) await load(contender.once, WARM_SECONDS, Math.max(...CALLERS));
}

/**
 * The measured pass: for each number of callers and each endpoint, every server and the driver,
 * one after the other, never at once (each gets the machine the other had), in rounds whose
 * order turns around each time, so that no one is always measured first or right after the
 * same neighbour.
 */
async function measure(servers: ApiServer[], cases: BenchCase[]): Promise<{ rows: Row[]; bare: { callers: number; bare: LoadResult }[] }> {
  const rows: Row[] = [];
  const bare: { callers: number; bare: LoadResult }[] = [];
  for (const callers of CALLERS) {
    const bareResult = await load(() => httpGet(`http://127.0.0.1:${BARE_PORT}/bare`), SECONDS, callers);
    bare.push({ callers, bare: bareResult });
    console.log(`\n${callers} caller(s); bare Express res.json p50 / p95 / p99 ${triple(bareResult)} ms, ${bareResult.throughput}/s`);
    for (const c of cases) {
      const all = contenders(servers, c);
      const rounds = new Map<string, Round[]>(all.map((contender) => [contender.name, []]));
      for (let r = 0; r < ROUNDS; r++)
        for (const contender of (rows.length + r) % 2 === 0 ? all : [...all].reverse())
          rounds.get(contender.name)!.push(await round(contender.once, callers, contender.cpuMicros));
      const results = new Map([...rounds].map(([name, taken]) => [name, combined(taken)]));
      const api = results.get('this')!;
      const baseline = results.get('baseline') ?? null;
      const driver = results.get('driver') ?? null;
      const row = { endpoint: c.endpoint, callers, api, baseline, driver, overhead: overheadOf(api, driver) };
      rows.push(row);
      console.log(rowLine(row));
    }
  }
  return { rows, bare };
}

/** The profile pass, apart from the measured one: each endpoint under load at the most callers. */
async function profile(variants: Variant[], uri: string, cases: BenchCase[]): Promise<Record<string, Frame[]>> {
  const dirOf = (name: string) => path.join(RESULTS_DIR, `profile-${name}`);
  const servers = await startServers(variants, uri, dirOf);
  try {
    await warmMetrics(servers);
    for (const c of cases) for (const server of servers) await load(() => httpGet(c.http(server.base)), SECONDS, Math.max(...CALLERS));
  } finally {
    for (const server of servers) await stopChild(server.child);
  }
  const profiles: Record<string, Frame[]> = {};
  for (const v of variants) {
    const newest = mainThreadProfile(readdirSync(dirOf(v.name)));
    if (!newest) continue;
    profiles[v.name] = topFrames(path.join(dirOf(v.name), newest), 15);
    console.log(`\nTop frames by self time, API process (${v.name}), ${path.join(dirOf(v.name), newest)}:\n${framesTable(profiles[v.name]!)}`);
    console.log(`\nBusy time by owner, API process (${v.name}):\n${framesTable(topOwners(path.join(dirOf(v.name), newest), 15))}`);
  }
  return profiles;
}

const scale = scaleFromArgs();
const bench = await openBenchDatabase();
let servers: ApiServer[] = [];
let bareServer: ChildProcess | undefined;
try {
  const generated = await ensureGenerated(bench.db, scale);
  if (generated) console.log(`loaded ${scale.name}: ${generated.nodesPerSecond} nodes/s, ${generated.relationshipsPerSecond} relationships/s`);
  const dirs = [{ name: 'this', dir: process.cwd(), port: API_PORT }, ...(BASELINE ? [{ name: 'baseline', dir: BASELINE, port: BASELINE_PORT }] : [])];
  const variants: Variant[] = dirs.map((d) => ({ ...d, entry: serverEntry(d.dir) }));
  servers = await startServers(variants, bench.uri);
  bareServer = await startChild(['--import', 'tsx', 'bench/bare-server.ts'], process.cwd(), { PORT: String(BARE_PORT) }, /BARE_READY/);
  const cases = apiCases(bench.db, scale);
  const metricsFirstMs = await warmMetrics(servers);
  await warmUp(servers, cases);

  const { rows, bare } = await measure(servers, cases);
  printTable(rows, Boolean(BASELINE));
  const budgets = budgetsOf(rows, scale.name === 'large');
  const memory = { apiRssMiB: rssMiB(servers[0]!.child.pid), neo4jRssMiB: rssMiB(neo4jPid()) };
  console.log('');
  for (const b of budgets) console.log(`${b.met ? 'met   ' : 'MISSED'} ${b.what}: ${b.actual} (limit ${b.limit})`);
  console.log(`RSS: API ${memory.apiRssMiB} MiB, Neo4j ${memory.neo4jRssMiB} MiB; first metrics computation ${JSON.stringify(metricsFirstMs)} ms`);
  for (const server of servers.splice(0)) await stopChild(server.child);

  const profiles = PROFILE ? await profile(variants, bench.uri, cases) : {};
  writeResults(`api-${scale.name}`, {
    scale,
    seconds: SECONDS,
    idleSeconds: IDLE_SECONDS,
    warmSeconds: WARM_SECONDS,
    rounds: ROUNDS,
    callers: CALLERS,
    baseline: BASELINE ?? null,
    generated,
    bare,
    rows,
    budgets,
    memory,
    metricsFirstMs,
    profiles,
  });
} finally {
  for (const server of servers) await stopChild(server.child);
  if (bareServer) await stopChild(bareServer);
  await bench.close();
}
