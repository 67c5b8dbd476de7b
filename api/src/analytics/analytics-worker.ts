/**
 * Runs analytics off the request thread. Receives `{ id, task }`, answers `{ id, result }` or
 * `{ id, error }`.
 */
import { parentPort } from 'node:worker_threads';
import { collaborationGaps } from './collaboration-gaps.js';
import { fragileActors, funderOverlap, groupReach } from './gaps.js';
import { computeMetrics, type ExternalScores, type MetricsOptions } from './metrics.js';
import type { LinkedNetwork, Network, Participation } from '../domain/network.js';

export type AnalyticsTask =
  | { kind: 'metrics'; network: LinkedNetwork; options: MetricsOptions; external?: ExternalScores }
  | { kind: 'gaps'; network: Network; participation: Participation[]; limit: number };

async function run(task: AnalyticsTask): Promise<unknown> {
  if (task.kind === 'metrics') return await computeMetrics(task.network, task.options, task.external);
  return {
    pairs: collaborationGaps(task.network, task.limit),
    fragile: fragileActors(task.network),
    reach: groupReach(task.network, task.participation),
    funders: funderOverlap(task.network),
  };
}

parentPort?.on('message', async ({ id, task }: { id: number; task: AnalyticsTask }) => {
  try {
    parentPort!.postMessage({ id, result: await run(task) });
  } catch (error) {
    parentPort!.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
