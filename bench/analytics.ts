/**
 * `npm run bench:analytics`: how long the metrics take on generated networks of the sizes in
 * the budgets (Louvain and PageRank on 50k nodes / 1M relationships, exact betweenness on 20k
 * nodes, sampled betweenness above), beside graphology's own PageRank and betweenness measured
 * in the same run (betweenness on a smaller graph: graphology's takes minutes at 20k); then, on
 * the generated network in the bench's Neo4j, the explorer's metrics in the worker against the
 * same computed by Graph Data Science (BENCH_ANALYTICS_DB=0 skips it; BENCH_ANALYTICS_SCALE=large).
 */
import louvainModule from 'graphology-communities-louvain';
import { betweenness as graphologyBetweenness, pagerank as graphologyPagerank } from 'graphology-metrics/centrality/index.js';
import { betweenness, pagerank, toCsr } from '../api/src/analytics/csr.js';
import { betweennessThreads, parallelBetweenness } from '../api/src/analytics/parallel-betweenness.js';
import { betweennessSampling, computeMetrics, DEFAULT_METRICS_OPTIONS, graphOf, seededRandom } from '../api/src/analytics/metrics.js';
import type { Network } from '../api/src/domain/network.js';
import { AnalyticsRepository } from '../api/src/repositories/analytics.repository.js';
import { GdsRepository } from '../api/src/repositories/gds.repository.js';
import { DEFAULT_METRICS_FILTER } from '../api/src/routes/analytics.routes.js';
import { ensureGenerated } from './generate.js';
import { generateNetwork, SCALES } from './network-generator.js';
import { openBenchDatabase, timed, writeResults } from './support.js';

const louvain = louvainModule as unknown as typeof louvainModule.default;

function asNetwork(nodes: number, relationships: number): Network {
  const generated = generateNetwork({ name: 'analytics', nodes, relationships });
  return {
    nodes: generated.nodes.filter((n) => n.kind !== 'source').map((n) => ({ id: n.id, kind: n.kind, name: String(n.props.name) })),
    edges: generated.relationships.map((r) => ({ from: r.from, to: r.to, type: r.type })),
  };
}

const results: Record<string, unknown>[] = [];
/** Wall time and CPU time; the process's CPU time counts every thread, worker threads included. */
async function measure<T>(what: string, budgetMs: number | null, fn: () => T): Promise<Awaited<T>> {
  const cpu = process.cpuUsage();
  const [value, ms] = await timed(fn);
  const used = process.cpuUsage(cpu);
  const row = { what, ms: Math.round(ms), cpuMs: Math.round((used.user + used.system) / 1000), budgetMs, met: budgetMs === null ? null : ms <= budgetMs };
  results.push(row);
  const verdict = budgetMs ? `  (budget ${budgetMs} ms: ${row.met ? 'met' : 'MISSED'})` : '';
  console.log(`${what.padEnd(64)} ${String(row.ms).padStart(7)} ms, CPU ${String(row.cpuMs).padStart(7)} ms${verdict}`);
  return value as Awaited<T>;
}

// In memory, no database (BENCH_ANALYTICS_MEMORY=0 skips it).
if (process.env.BENCH_ANALYTICS_MEMORY !== '0') {
  const big = asNetwork(50_000, 1_000_000);
  const bigCsr = await measure('adjacency (CSR) from 1M relationships', null, () => toCsr(big));
  const bigGraph = await measure('graphology graph from the same links', null, () => graphOf(bigCsr));
  console.log(`50k network: ${bigCsr.ids.length} nodes, ${bigCsr.links.from.length} distinct links`);
  await measure('Louvain (graphology), 50k nodes / 1M relationships', 3_000, () => louvain.detailed(bigGraph, { rng: seededRandom(1), getEdgeWeight: null }));
  await measure('PageRank (CSR), 50k / 1M', 2_000, () => pagerank(bigCsr));
  await measure('PageRank (graphology, for comparison), 50k / 1M', null, () => graphologyPagerank(bigGraph, { getEdgeWeight: null }));
  const bigSample = Int32Array.from({ length: 512 }, (_, i) => (i * 97) % bigCsr.ids.length);
  await measure('sampled betweenness (512 sources, CSR, 1 thread), 50k / 1M', null, () => betweenness(bigCsr, bigSample));
  const bigThreads = betweennessThreads(bigSample.length, bigCsr.ids.length, bigCsr.links.from.length);
  await measure(`sampled betweenness (512 sources, CSR, ${bigThreads} threads), 50k / 1M`, null, () => parallelBetweenness(bigCsr, bigSample));
  await measure('all metrics (sampled betweenness), 50k / 1M', null, () => computeMetrics(big));

  const mid = asNetwork(20_000, 100_000);
  const midCsr = toCsr(mid);
  await measure('exact betweenness (CSR, 1 thread), 20k nodes / 100k relationships', null, () => betweenness(midCsr));
  const midThreads = betweennessThreads(midCsr.ids.length, midCsr.ids.length, midCsr.links.from.length);
  await measure(`exact betweenness (CSR, ${midThreads} threads), 20k / 100k, as the worker runs it`, 30_000, () => parallelBetweenness(midCsr));
  await measure('all metrics (exact), 20k / 100k', null, () => computeMetrics(mid));

  const small = asNetwork(3_000, 15_000);
  const smallCsr = toCsr(small);
  await measure('exact betweenness (CSR), 3k / 15k', null, () => betweenness(smallCsr));
  await measure('exact betweenness (graphology, for comparison), 3k / 15k', null, () => graphologyBetweenness(graphOf(smallCsr), { getEdgeWeight: null }));
}

// Worker against Graph Data Science, in one run, on the generated network in the bench's Neo4j,
// when that server has GDS: the embedded launcher with it (BENCH_ANALYTICS_GDS=1), or NEO4J_URI
// to one that has it. The same filter as the explorer's default metrics.
if (process.env.BENCH_ANALYTICS_DB !== '0') {
  const scale = SCALES[process.env.BENCH_ANALYTICS_SCALE ?? 'small']!;
  const bench = await openBenchDatabase(undefined, undefined, { gds: process.env.BENCH_ANALYTICS_GDS === '1' });
  try {
    await ensureGenerated(bench.db, scale);
    const gds = new GdsRepository(bench.db);
    const version = await gds.available();
    console.log(`\n${scale.name} network in Neo4j; GDS ${version ?? 'not available'}`);
    const network = await measure(`reading the network (${scale.name})`, null, () => new AnalyticsRepository(bench.db).linkedNetwork(DEFAULT_METRICS_FILTER));
    const { exact, samples } = betweennessSampling(network.nodes.length, DEFAULT_METRICS_OPTIONS);
    const what = `${exact ? 'exact' : `sampled (${samples})`} betweenness, ${network.nodes.length} nodes / ${network.from.length} relationships`;
    const inWorker = await measure(`all metrics in the worker, ${what}`, exact ? 30_000 : 20_000, () => computeMetrics(network));
    if (version) {
      const scores = await measure(`PageRank, Louvain, ${what} in GDS`, exact ? 30_000 : 20_000, () =>
        gds.scores(DEFAULT_METRICS_FILTER, { samples: exact ? 'all' : samples, seed: DEFAULT_METRICS_OPTIONS.seed }),
      );
      const viaGds = await measure('assembling the metrics from GDS scores', null, () => computeMetrics(network, DEFAULT_METRICS_OPTIONS, scores));
      const top = (result: typeof inWorker, key: 'pagerank' | 'betweenness') =>
        [...result.nodes]
          .sort((a, b) => b[key] - a[key])
          .slice(0, 20)
          .map((n) => n.id);
      const overlap = (key: 'pagerank' | 'betweenness') => top(inWorker, key).filter((id) => top(viaGds, key).includes(id)).length;
      const agreement = {
        pagerankTop20: overlap('pagerank'),
        betweennessTop20: overlap('betweenness'),
        modularity: [inWorker.modularity, viaGds.modularity],
        communities: [inWorker.communities.length, viaGds.communities.length],
      };
      results.push({ what: 'worker and GDS agree', ...agreement });
      console.log(
        `worker and GDS agree on ${agreement.pagerankTop20}/20 of the top PageRank and ${agreement.betweennessTop20}/20 of the top betweenness; modularity ${agreement.modularity.map((m) => m?.toFixed(3) ?? 'none').join(' vs ')}, communities ${agreement.communities.join(' vs ')}`,
      );
    }
  } finally {
    await bench.close();
  }
}

writeResults('analytics', { results });
