/**
 * `npm run bench:analytics`: how long graphology's algorithms take on generated networks of the
 * sizes in the budgets (Louvain and PageRank on 50k nodes / 1M edges, exact betweenness on 20k
 * nodes, sampled betweenness above), beside the cost of building the graph itself in the same
 * run - a baseline for how fast this machine is right now.
 */
import louvainModule from 'graphology-communities-louvain';
import { betweenness, pagerank } from 'graphology-metrics/centrality/index.js';
import { computeMetrics, seededRandom, toGraph } from '../api/src/analytics/metrics.js';
import type { Network } from '../api/src/analytics/network.js';
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
async function measure(what: string, budgetMs: number | null, fn: () => unknown, baselineMs: number) {
  const [, ms] = await timed(fn);
  const row = { what, ms: Math.round(ms), budgetMs, met: budgetMs === null ? null : ms <= budgetMs, buildBaselineMs: Math.round(baselineMs) };
  results.push(row);
  console.log(`${what.padEnd(52)} ${String(row.ms).padStart(7)} ms${budgetMs ? `  (budget ${budgetMs} ms: ${row.met ? 'met' : 'MISSED'})` : ''}  [graph build ${row.buildBaselineMs} ms]`);
}

const big = asNetwork(50_000, 1_000_000);
const [bigGraph, bigBuild] = await timed(() => toGraph(big));
console.log(`50k network: ${bigGraph.order} nodes, ${bigGraph.size} distinct links (from ${big.edges.length} relationships)`);
await measure('Louvain, 50k nodes / 1M relationships', 3_000, () => louvain.detailed(bigGraph, { rng: seededRandom(1), getEdgeWeight: null }), bigBuild);
await measure('PageRank, 50k nodes / 1M relationships', 2_000, () => pagerank(bigGraph, { getEdgeWeight: null }), bigBuild);
await measure('sampled betweenness (512 sources), 50k / 1M', null, () => computeMetrics(big, { exactBetweennessMax: 20_000, samples: 512, seed: 1 }), bigBuild);

const mid = asNetwork(20_000, 100_000);
const [midGraph, midBuild] = await timed(() => toGraph(mid));
await measure('exact betweenness, 20k nodes / 100k relationships', 30_000, () => betweenness(midGraph, { getEdgeWeight: null }), midBuild);
await measure('all metrics (exact), 20k / 100k', null, () => computeMetrics(mid), midBuild);

writeResults('analytics', { results });
