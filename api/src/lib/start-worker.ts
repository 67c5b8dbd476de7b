/**
 * Starts a worker thread on a module of the app: compiled JavaScript beside the compiled app,
 * else (tsx: `npm run dev`, the tests, the benchmarks) through tsx on the same TypeScript
 * sources, since a worker does not inherit the loader of the thread that starts it.
 */
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { RUNS_COMPILED } from './source-dir.js';

/** The worker on module `name` (no extension) in the folder of `besideUrl` (the caller's `import.meta.url`). */
export function startWorker(besideUrl: string, name: string, options: WorkerOptions = {}): Worker {
  if (RUNS_COMPILED) return new Worker(new URL(`./${name}.js`, besideUrl), options);
  const entry = new URL(`./${name}.ts`, besideUrl).href;
  return new Worker(`import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(entry)}); });`, {
    ...options,
    eval: true,
  });
}
