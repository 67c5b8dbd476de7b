/**
 * Network metrics and collaboration gaps, computed in a worker thread and cached per filter
 * until the graph changes (the loader bumps the graph version in the same transaction as its
 * writes). A cached answer costs no query: the version is kept in memory (lib/shared-read.ts).
 */
import type { Worker } from 'node:worker_threads';
import type { AnalyticsRepository } from '../repositories/analytics.repository.js';
import type { GraphFilter } from '../repositories/cypher-filters.js';
import type { StatsRepository } from '../repositories/stats.repository.js';
import type { AnalyticsTask } from './analytics-worker.js';
import type { Logger } from 'pino';
import { betweennessSampling, DEFAULT_METRICS_OPTIONS, type ExternalScores, type MetricsOptions, type MetricsResult } from './metrics.js';
import type { BetweennessSampling, GdsRepository } from '../repositories/gds.repository.js';
import type { Participation } from '../domain/network.js';
import { CHOSEN_WEIGHTS, MatchIndex } from './matchmaking.js';
import { VersionedCache } from '../lib/versioned-cache.js';
import { startWorker } from '../lib/start-worker.js';

export class AnalyticsService {
  private worker: Worker | undefined;
  private nextId = 0;
  private readonly pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private readonly cache = new VersionedCache<unknown>(() => this.repository.graphVersion());

  constructor(
    private readonly repository: AnalyticsRepository,
    private readonly stats: StatsRepository,
    private readonly metricsOptions: MetricsOptions = DEFAULT_METRICS_OPTIONS,
    private readonly gds?: GdsRepository,
    private readonly logger?: Pick<Logger, 'warn'>,
  ) {}

  async metrics(filter: GraphFilter): Promise<{ graphVersion: number; result: MetricsResult }> {
    return this.cached(`metrics ${JSON.stringify(filter)}`, async () => {
      const network = await this.repository.linkedNetwork(filter);
      // With GDS on the server, the costly algorithms run where the data is; the worker assembles.
      const external = await this.gdsScores(filter, network.nodes.length);
      return this.run({ kind: 'metrics', network, options: this.metricsOptions, external });
    }) as Promise<{ graphVersion: number; result: MetricsResult }>;
  }

  /** Where metrics are computed: 'gds' when the server has Graph Data Science, else 'worker'. */
  async engine(): Promise<'gds' | 'worker'> {
    return (await this.gds?.available()) ? 'gds' : 'worker';
  }

  /** GDS's scores, or undefined: no GDS, or it failed (then the worker computes them, and the failure is logged). */
  private async gdsScores(filter: GraphFilter, nodes: number): Promise<ExternalScores | undefined> {
    if (!(await this.gds?.available())) return undefined;
    try {
      return await this.gds!.scores(filter, this.sampling(nodes));
    } catch (error) {
      this.logger?.warn({ err: error }, 'Graph Data Science could not compute the metrics; the worker does');
      return undefined;
    }
  }

  private sampling(nodes: number): BetweennessSampling {
    const { exact, samples } = betweennessSampling(nodes, this.metricsOptions);
    return { samples: exact ? 'all' : samples, seed: this.metricsOptions.seed };
  }

  async gaps(filter: GraphFilter, limit: number) {
    return this.cached(`gaps ${limit} ${JSON.stringify(filter)}`, async () => {
      const [network, participation] = await Promise.all([this.repository.network(filter), this.participation()]);
      return this.run({ kind: 'gaps', network, participation, limit });
    });
  }

  /**
   * Suggestions for one actor. The index behind them is built once per filter and graph version
   * in this thread: it is a pass over the network, and each answer then reads only the actor's
   * own shared items.
   */
  async suggestions(filter: GraphFilter, id: string, limit: number) {
    const { graphVersion, result } = await this.cached(`match ${JSON.stringify(filter)}`, async () => new MatchIndex(await this.repository.network(filter)));
    const index = result as MatchIndex;
    const suggestions = index.suggestionsFor(id, limit);
    const node = index.index.byId.get(id);
    if (!suggestions || !node) return { graphVersion, result: undefined };
    const method = `shared contexts, each weighted 1/ln(how many share it) times ${JSON.stringify(CHOSEN_WEIGHTS.kinds)}`;
    return { graphVersion, result: { for: { id, name: node.name, kind: node.kind as 'organisation' | 'person' }, method, suggestions } };
  }

  private async participation(): Promise<Participation[]> {
    return (await this.stats.participation()) as unknown as Participation[];
  }

  private async cached(key: string, compute: () => Promise<unknown>): Promise<{ graphVersion: number; result: unknown }> {
    const { version, value } = await this.cache.get(key, compute);
    return { graphVersion: version, result: value };
  }

  private run(task: AnalyticsTask): Promise<unknown> {
    const worker = this.ensureWorker();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.postMessage({ id, task });
    });
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const worker = startWorker(import.meta.url, 'analytics-worker');
    worker.on('message', ({ id, result, error }: { id: number; result?: unknown; error?: string }) => {
      const waiting = this.pending.get(id);
      this.pending.delete(id);
      if (error) waiting?.reject(new Error(error));
      else waiting?.resolve(result);
    });
    const failAll = (error: Error) => {
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
      this.worker = undefined;
    };
    worker.on('error', failAll);
    worker.on('exit', (code) => code !== 0 && failAll(new Error(`analytics worker exited with ${code}`)));
    worker.unref();
    this.worker = worker;
    return worker;
  }

  async close(): Promise<void> {
    await this.worker?.terminate();
    this.worker = undefined;
  }
}
