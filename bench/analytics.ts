/**
 * `npm run bench:analytics`: how long the metrics take on generated networks of the sizes in
 * the budgets (Louvain and PageRank on 50k nodes / 1M relationships, exact betweenness on 20k
 * nodes, sampled betweenness above), beside graphology's own PageRank and betweenness measured
 * in the same run (betweenness on a smaller graph: graphology's takes minutes at 20k).
 */
import louvainModule from 'graphology-communities-louvain';
import { betweenness as graphologyBetweenness, pagerank as graphologyPagerank } from 'graphology-metrics/centrality/index.js';
import { betweenness, pagerank, toCsr } from '../api/src/analytics/csr.js';
import { computeMetrics, graphOf, seededRandom } from '../api/src/analytics/metrics.js';
import type { Network } from '../api/src/domain/network.js';
import { generateNetwork } from './network-generator.js';
import { timed, writeResults } from './support.js';

const louvain = louvainModule as unknown as typeof louvainModule.default;

function asNetwork(nodes: number, relationships: number): Network {
  const generated = generateNetwork({ name: 'analytics', nodes, relationships });
  return {
    nodes: generated.nodes.filter((n) => n.kind !== 'source').map((n) => ({ id: n.id, kind: n.kind, name: String(n.props.name) })),
    edges: generated.relationships.map((r) => ({ from: r.from, to: r.to, type: r.type })),
  };
}

const results: Record<string, unknown>[] = [];
async function measure<T>(what: string, budgetMs: number | null, fn: () => T): Promise<T> {
  const [value, ms] = await timed(fn);
  const row = { what, ms: Math.round(ms), budgetMs, met: budgetMs === null ? null : ms <= budgetMs };
  results.push(row);
  console.log(`${what.padEnd(60)} ${String(row.ms).padStart(7)} ms${budgetMs ? `  (budget ${budgetMs} ms: ${row.met ? 'met' : 'MISSED'})` : ''}`);
  return value;
}

const big = asNetwork(50_000, 1_000_000);
const bigCsr = await measure('adjacency (CSR) from 1M relationships', null, () => toCsr(big));
const bigGraph = await measure('graphology graph from the same links', null, () => graphOf(bigCsr));
console.log(`50k network: ${bigCsr.ids.length} nodes, ${bigCsr.links.length} distinct links`);
await measure('Louvain (graphology), 50k nodes / 1M relationships', 3_000, () => louvain.detailed(bigGraph, { rng: seededRandom(1), getEdgeWeight: null }));
await measure('PageRank (CSR), 50k / 1M', 2_000, () => pagerank(bigCsr));
await measure('PageRank (graphology, for comparison), 50k / 1M', null, () => graphologyPagerank(bigGraph, { getEdgeWeight: null }));
await measure('sampled betweenness (512 sources, CSR), 50k / 1M', null, () =>
  betweenness(bigCsr, Int32Array.from({ length: 512 }, (_, i) => (i * 97) % bigCsr.ids.length)),
);
await measure('all metrics (sampled betweenness), 50k / 1M', null, () => computeMetrics(big));

const mid = asNetwork(20_000, 100_000);
const midCsr = toCsr(mid);
await measure('exact betweenness (CSR), 20k nodes / 100k relationships', 30_000, () => betweenness(midCsr));
await measure('all metrics (exact), 20k / 100k', null, () => computeMetrics(mid));

const small = asNetwork(3_000, 15_000);
const smallCsr = toCsr(small);
await measure('exact betweenness (CSR), 3k / 15k', null, () => betweenness(smallCsr));
await measure('exact betweenness (graphology, for comparison), 3k / 15k', null, () => graphologyBetweenness(graphOf(smallCsr), { getEdgeWeight: null }));

writeResults('analytics', { results });
