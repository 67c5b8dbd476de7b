/**
 * A closed-loop load generator: `concurrency` callers each call `once()` back to back for
 * `seconds`, and every call's latency is kept. The same loop measures HTTP requests and raw
 * driver calls, so the two are comparable. Bounded in time; stops by itself.
 */
import { latency, type Latency } from './support.js';

export interface LoadResult extends Latency {
  throughput: number;
  errors: number;
}

/** Every call's latency, as measured by a load, before it is summarised. */
export interface LoadSamples {
  samples: number[];
  errors: number;
  seconds: number;
}

export async function loadSamples(once: () => Promise<void>, seconds: number, concurrency: number): Promise<LoadSamples> {
  const samples: number[] = [];
  let errors = 0;
  const deadline = performance.now() + seconds * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < deadline) {
        const t = performance.now();
        try {
          await once();
          samples.push(performance.now() - t);
        } catch {
          errors++;
        }
      }
    }),
  );
  return { samples, errors, seconds: (performance.now() - started) / 1000 };
}

/** Latency percentiles and throughput of one or more loads taken together. */
export function summarise(loads: LoadSamples[]): LoadResult {
  const samples = loads.flatMap((l) => l.samples);
  const seconds = loads.reduce((sum, l) => sum + l.seconds, 0);
  return { ...latency(samples), throughput: Math.round(samples.length / seconds), errors: loads.reduce((sum, l) => sum + l.errors, 0) };
}

export async function load(once: () => Promise<void>, seconds: number, concurrency: number): Promise<LoadResult> {
  return summarise([await loadSamples(once, seconds, concurrency)]);
}

/** GETs a URL and reads the whole body; a status other than 200 counts as an error. */
export async function httpGet(url: string): Promise<void> {
  const res = await fetch(url);
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
}
