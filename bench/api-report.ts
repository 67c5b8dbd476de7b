/** bench:api's summary: the Markdown table of every endpoint, and the budgets of issue #18 met or missed. */
import type { LoadResult } from './load.js';

/** A load with the CPU time per call of the process that did the work. */
export interface Measured extends LoadResult {
  /** CPU µs per call with the process's idle rate over the load's duration taken out. */
  cpuMicrosPerCall: number;
  /** CPU µs per call as measured, idle included. */
  rawCpuMicrosPerCall: number;
  /** What the process used per second with nothing asked of it, just before the load. */
  idleMicrosPerSecond: number;
}

export interface Row {
  endpoint: string;
  callers: number;
  api: Measured;
  baseline: Measured | null;
  driver: Measured | null;
  /** API over driver: p50 ratio, and the CPU the API adds per request beyond the driver call's. */
  overhead: { p50Ratio: number | null; p50AddedMs: number | null; addedCpuMicros: number | null; addedCpuShare: number | null };
}

const round2 = (x: number) => Math.round(x * 100) / 100;
export const triple = (r: LoadResult) => `${r.p50} / ${r.p95} / ${r.p99}`;

export function overheadOf(api: Measured, driver: Measured | null): Row['overhead'] {
  if (!driver) return { p50Ratio: null, p50AddedMs: null, addedCpuMicros: null, addedCpuShare: null };
  const added = api.cpuMicrosPerCall - driver.cpuMicrosPerCall;
  return {
    p50Ratio: round2(api.p50 / driver.p50),
    p50AddedMs: round2(api.p50 - driver.p50),
    addedCpuMicros: added,
    addedCpuShare: round2(added / driver.cpuMicrosPerCall),
  };
}

export function rowLine(r: Row): string {
  const cpu = (m: Measured) => `CPU ${m.cpuMicrosPerCall} µs (${m.rawCpuMicrosPerCall} with idle ${m.idleMicrosPerSecond} µs/s)`;
  const { p50Ratio, addedCpuMicros, addedCpuShare } = r.overhead;
  return (
    `${r.endpoint.padEnd(42)} API ${triple(r.api)} ms, ${r.api.throughput}/s, ${cpu(r.api)}` +
    (r.baseline ? ` | baseline ${triple(r.baseline)} ms, ${cpu(r.baseline)}` : '') +
    (r.driver ? ` | driver ${triple(r.driver)} ms, ${cpu(r.driver)} | ×${p50Ratio}, +${addedCpuMicros} µs CPU (${Math.round(addedCpuShare! * 100)} %)` : '') +
    (r.api.errors ? ` | ${r.api.errors} errors` : '')
  );
}

export function printTable(rows: Row[], withBaseline: boolean): void {
  console.log(
    '\n| endpoint | callers | API p50 / p95 / p99 ms | API CPU µs/req | driver p50 / p95 / p99 ms | driver CPU µs/call | ×p50 | added CPU |' +
      (withBaseline ? ' baseline p50 / p95 / p99 ms | baseline CPU µs/req |' : '') +
      ' idle µs/s API / driver |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |' + (withBaseline ? ' --- | --- |' : '') + ' --- |');
  for (const r of rows) {
    const { p50Ratio, addedCpuMicros, addedCpuShare } = r.overhead;
    console.log(
      `| ${r.endpoint} | ${r.callers} | ${triple(r.api)} | ${r.api.cpuMicrosPerCall} | ${r.driver ? triple(r.driver) : '—'} | ${r.driver?.cpuMicrosPerCall ?? '—'} | ×${p50Ratio} | +${addedCpuMicros} µs (${Math.round((addedCpuShare ?? 0) * 100)} %) |` +
        (r.baseline ? ` ${triple(r.baseline)} | ${r.baseline.cpuMicrosPerCall} |` : withBaseline ? ' — | — |' : '') +
        ` ${r.api.idleMicrosPerSecond} / ${r.driver?.idleMicrosPerSecond ?? '—'} |`,
    );
  }
}

export interface Budget {
  what: string;
  actual: number;
  limit: number;
  met: boolean;
}

export function budgetsOf(rows: Row[], large: boolean): Budget[] {
  const at = (endpoint: string, callers: number) => rows.find((r) => r.endpoint === endpoint && r.callers === callers);
  return [
    ...rows.map((r) => ({
      what: `${r.endpoint}, ${r.callers} caller(s): added CPU ≤ 30 % of the driver call's or ≤ 1 ms`,
      actual: r.overhead.addedCpuMicros!,
      limit: Math.max(1000, Math.round(0.3 * r.driver!.cpuMicrosPerCall)),
    })),
    ...rows.filter((r) => r.callers === 1).map((r) => ({ what: `${r.endpoint}, 1 caller: API p50 ≤ 1.3× driver`, actual: r.overhead.p50Ratio!, limit: 1.3 })),
    ...(large
      ? [
          { what: 'search p95 ≤ 20 ms (4 callers)', actual: at('GET /api/search', 4)?.api.p95 ?? NaN, limit: 20 },
          { what: 'depth-1 neighbourhood p99 ≤ 10 ms (4 callers)', actual: at('GET /api/nodes/:id/neighbourhood depth=1', 4)?.api.p99 ?? NaN, limit: 10 },
          { what: 'depth-2 neighbourhood p95 ≤ 50 ms (4 callers)', actual: at('GET /api/nodes/:id/neighbourhood depth=2', 4)?.api.p95 ?? NaN, limit: 50 },
          { what: 'shortest path p95 ≤ 30 ms (4 callers)', actual: at('GET /api/paths', 4)?.api.p95 ?? NaN, limit: 30 },
          { what: 'cached metrics p95 ≤ 10 ms (4 callers)', actual: at('GET /api/metrics (cached)', 4)?.api.p95 ?? NaN, limit: 10 },
        ]
      : []),
  ].map((b) => ({ ...b, met: b.actual <= b.limit }));
}
