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

export async function load(once: () => Promise<void>, seconds: number, concurrency: number): Promise<LoadResult> {
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
  const elapsed = (performance.now() - started) / 1000;
  return { ...latency(samples), throughput: Math.round(samples.length / elapsed), errors };
}

/** GETs a URL and reads the whole body; a status other than 200 counts as an error. */
export async function httpGet(url: string): Promise<void> {
  const res = await fetch(url);
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`${url} answered ${res.status}`);
}
