/**
 * The metrics computed by Graph Data Science in a Neo4j of its own (the embedded launcher built
 * with GDS, fetched from Maven Central like Neo4j itself), against the same metrics computed in
 * the worker, on the seed network.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startLocalNeo4j, type LocalNeo4j } from '../../db/neo4j-process.js';
import type { GraphDb } from '../../api/src/db/graph-db.js';
import { migrate } from '../../api/src/db/migrations.js';
import { AnalyticsService } from '../../api/src/analytics/analytics.service.js';
import { computeMetrics, DEFAULT_METRICS_OPTIONS, type MetricsOptions, type MetricsResult } from '../../api/src/analytics/metrics.js';
import { AnalyticsRepository } from '../../api/src/repositories/analytics.repository.js';
import { GdsRepository } from '../../api/src/repositories/gds.repository.js';
import { StatsRepository } from '../../api/src/repositories/stats.repository.js';
import { DEFAULT_METRICS_FILTER } from '../../api/src/routes/analytics.routes.js';
import type { Network } from '../../api/src/domain/network.js';
import { loadSeed } from '../../seed/seed.js';
import { testDb } from '../support/app.js';

const HOME = mkdtempSync(path.join(tmpdir(), 'spean-gds-'));
const PORT = Number(process.env.TEST_NEO4J_GDS_PORT ?? 7694);

let neo4j: LocalNeo4j;
let db: GraphDb;
let network: Network;
const services: AnalyticsService[] = [];

beforeAll(async () => {
  neo4j = await startLocalNeo4j({ port: PORT, home: HOME, heapMiB: 512, pageCacheMiB: 64, gds: true });
  db = testDb(neo4j.uri, 60_000);
  await migrate(db);
  await loadSeed(db);
  network = await new AnalyticsRepository(db).network(DEFAULT_METRICS_FILTER);
});
afterAll(async () => {
  await Promise.all(services.map((service) => service.close()));
  await db?.close();
  await neo4j?.stop();
  rmSync(HOME, { recursive: true, force: true });
});

function service(options: MetricsOptions, gds: boolean, warn = vi.fn()): AnalyticsService {
  const created = new AnalyticsService(new AnalyticsRepository(db), new StatsRepository(db), options, gds ? new GdsRepository(db) : undefined, { warn });
  services.push(created);
  return created;
}

const byId = (result: MetricsResult) => new Map(result.nodes.map((m) => [m.id, m]));

describe('when the server has Graph Data Science', () => {
  it('then the analytics engine is GDS', async () => {
    expect(await new GdsRepository(db).available()).toMatch(/^2\.13\./);
    expect(await service(DEFAULT_METRICS_OPTIONS, true).engine()).toBe('gds');
    expect(await service(DEFAULT_METRICS_OPTIONS, false).engine()).toBe('worker');
  });

  it('then exact betweenness and PageRank equal the worker’s', async () => {
    const warn = vi.fn();
    const [viaGds, inWorker] = await Promise.all([
      service(DEFAULT_METRICS_OPTIONS, true, warn).metrics(DEFAULT_METRICS_FILTER),
      service(DEFAULT_METRICS_OPTIONS, false).metrics(DEFAULT_METRICS_FILTER),
    ]);
    // GDS did the work: a failure there would have been logged and the worker used instead.
    expect(warn).not.toHaveBeenCalled();
    expect(viaGds.result.betweenness).toBe('exact');
    expect(viaGds.result.nodes.length).toBe(network.nodes.length);
    const worker = byId(inWorker.result);
    for (const m of viaGds.result.nodes) {
      const w = worker.get(m.id)!;
      expect(m.betweenness).toBeCloseTo(w.betweenness, 9);
      expect(m.pagerank).toBeCloseTo(w.pagerank, 4);
      expect(m.degree).toBe(w.degree);
    }
    expect(viaGds.result.modularity).toBeGreaterThan(0);
  });

  it('then sampled betweenness runs with the seed and looks like the worker’s estimate', async () => {
    const sampling = { samples: 64, seed: 7 };
    // The numbers go to GDS as integers: as JavaScript numbers they arrived as Doubles and were refused.
    // (At its default concurrency, 4, GDS does not give the same scores twice for the same seed.)
    const direct = await new GdsRepository(db).scores(DEFAULT_METRICS_FILTER, sampling);
    expect(direct.betweenness.size).toBe(network.nodes.length);

    const options = { ...DEFAULT_METRICS_OPTIONS, exactBetweennessMax: 10, samples: sampling.samples, seed: sampling.seed };
    const warn = vi.fn();
    const sampled = (await service(options, true, warn).metrics(DEFAULT_METRICS_FILTER)).result;
    expect(warn).not.toHaveBeenCalled();
    expect(sampled.betweenness).toBe('sampled');
    const fromWorker = await computeMetrics(network, options);
    const exact = await computeMetrics(network);
    for (const m of sampled.nodes) {
      expect(Number.isFinite(m.betweenness) && m.betweenness >= 0).toBe(true);
      // A node with one neighbour lies on no shortest path between two others.
      if (m.degree <= 1) expect(m.betweenness).toBe(0);
    }
    // Different sources are drawn (GDS's generator is not the worker's), so only the picture is compared:
    // the most central node of the exact ranking is near the top of both estimates.
    const top = (result: MetricsResult, k: number) =>
      [...result.nodes]
        .sort((a, b) => b.betweenness - a.betweenness)
        .slice(0, k)
        .map((m) => m.id);
    const [centre] = top(exact, 1);
    expect(top(sampled, 10)).toContain(centre);
    expect(top(fromWorker, 10)).toContain(centre);
  });
});
