/**
 * Centrality and communities: degree, betweenness (exact up to a size, sampled above it) and
 * PageRank on a compact adjacency (csr.ts), Louvain communities with graphology, and brokers -
 * nodes linked into communities other than their own that lie on many shortest paths.
 */
import { UndirectedGraph } from 'graphology';
import louvainModule from 'graphology-communities-louvain';
import { degrees, pagerank, toCsr, type Csr } from './csr.js';
import { parallelBetweenness } from './parallel-betweenness.js';
import { groupBy } from '../lib/group-by.js';
import type { LinkedNetwork, Network } from '../domain/network.js';

// The package is CommonJS with ESM-style typings: at run time the default import is the function.
const louvain = louvainModule as unknown as typeof louvainModule.default;

export interface NodeMetrics {
  id: string;
  name: string;
  kind: string;
  degree: number;
  betweenness: number;
  pagerank: number;
  community: number;
  /** How many other communities this node's neighbours belong to. */
  bridges: number;
}

export interface MetricsResult {
  nodes: NodeMetrics[];
  communities: { id: number; size: number; members: string[] }[];
  brokers: string[];
  betweenness: 'exact' | 'sampled';
  /** null when there is no relationship to measure it by (it is 0/0 then). */
  modularity: number | null;
}

export interface MetricsOptions {
  /** Above this many nodes, betweenness is estimated from `samples` random sources. */
  exactBetweennessMax: number;
  samples: number;
  seed: number;
}

export const DEFAULT_METRICS_OPTIONS: MetricsOptions = { exactBetweennessMax: 20_000, samples: 512, seed: 42 };

/** A small seeded random generator, so that results repeat for the same graph. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The graphology graph of the same simple undirected network (for Louvain and the tests). */
export function graphOf(csr: Csr, network?: Network): UndirectedGraph {
  const graph = new UndirectedGraph();
  const names = new Map(network?.nodes.map((n) => [n.id, n]) ?? []);
  for (const id of csr.ids) graph.addNode(id, { name: names.get(id)?.name ?? id, kind: names.get(id)?.kind });
  for (let k = 0; k < csr.links.from.length; k++) graph.addEdge(csr.ids[csr.links.from[k]!]!, csr.ids[csr.links.to[k]!]!);
  return graph;
}

/**
 * An empty graphology graph that answers, from the CSR, the only reads graphology's Louvain
 * makes of a graph (graphology-indices/louvain.js, as of graphology-communities-louvain 2.0.2):
 * order, size, self-loops, the nodes, their degrees and the edges. Nodes are the CSR's
 * positions and edges its links, in the order graphOf adds them, so Louvain finds the same
 * communities (a unit test compares them), without graphOf's maps: building those for 1M links
 * took 7-18 s, more than Louvain itself.
 */
export function louvainView(csr: Csr): UndirectedGraph {
  const { offsets, links } = csr;
  const n = csr.ids.length;
  const m = links.from.length;
  const fixed = (value: unknown) => ({ value });
  return Object.defineProperties(new UndirectedGraph(), {
    order: fixed(n),
    size: fixed(m),
    selfLoopCount: fixed(0),
    forEachNode: fixed((callback: (node: number) => void) => {
      for (let i = 0; i < n; i++) callback(i);
    }),
    undirectedDegreeWithoutSelfLoops: fixed((node: number) => offsets[node + 1]! - offsets[node]!),
    forEachEdge: fixed((callback: (edge: number, attributes: undefined, source: number, target: number) => void) => {
      for (let k = 0; k < m; k++) callback(k, undefined, links.from[k]!, links.to[k]!);
    }),
  });
}

/** `count` distinct node indexes out of `n`, drawn with `random`. */
function sampleSources(n: number, count: number, random: () => number): Int32Array {
  const chosen = new Set<number>();
  while (chosen.size < Math.min(count, n)) chosen.add(Math.floor(random() * n));
  return Int32Array.from(chosen);
}

/**
 * PageRank, betweenness (raw, as Graph Data Science reports it for an undirected graph: each
 * pair once) and Louvain communities computed elsewhere, per node id: in Neo4j, by GDS.
 */
export interface ExternalScores {
  pagerank: Map<string, number>;
  betweenness: Map<string, number>;
  community: Map<string, number>;
  modularity: number | null;
}

/** Whether betweenness is exact for a network of n nodes, and how many sources sample it otherwise. */
export function betweennessSampling(n: number, options: MetricsOptions): { exact: boolean; samples: number } {
  return { exact: n <= options.exactBetweennessMax, samples: Math.min(n, options.samples) };
}

interface Scores {
  between: Float64Array;
  ranks: Float64Array;
  community: Int32Array;
  modularity: number | null;
}

async function ownScores(csr: Csr, exact: boolean, options: MetricsOptions): Promise<Scores> {
  const random = seededRandom(options.seed);
  const n = csr.ids.length;
  // The sample is drawn before Louvain draws from the same generator, so both stay as they were.
  const sources = exact ? undefined : sampleSources(n, options.samples, random);
  // PageRank and Louvain run on this thread while the betweenness workers run: on a large
  // network Louvain takes seconds, which the cores would otherwise spend one after the other.
  let rest: Omit<Scores, 'between'> | undefined;
  const between = await parallelBetweenness(csr, sources, undefined, () => (rest = ranksAndCommunities(csr, random)));
  return { between, ...rest! };
}

function ranksAndCommunities(csr: Csr, random: () => number): Omit<Scores, 'between'> {
  const detailed = louvain.detailed(louvainView(csr), { rng: random, getEdgeWeight: null });
  // The view's node keys are positions.
  return { ranks: pagerank(csr), community: Int32Array.from(csr.ids, (_, i) => detailed.communities[i]!), modularity: detailed.modularity };
}

/** GDS's scores in this module's terms: betweenness normalised as `betweenness` in csr.ts normalises it. */
function externalScores(csr: Csr, external: ExternalScores): Scores {
  const n = csr.ids.length;
  const normalise = n > 2 ? 2 / ((n - 1) * (n - 2)) : 1;
  return {
    between: Float64Array.from(csr.ids, (id) => (external.betweenness.get(id) ?? 0) * normalise),
    ranks: Float64Array.from(csr.ids, (id) => external.pagerank.get(id) ?? 0),
    community: Int32Array.from(csr.ids, (id) => external.community.get(id) ?? -1),
    modularity: external.modularity,
  };
}

/** The metrics of a network; betweenness on several threads when it is large enough to pay (parallel-betweenness.ts). */
export async function computeMetrics(
  network: Network | LinkedNetwork,
  options: MetricsOptions = DEFAULT_METRICS_OPTIONS,
  external?: ExternalScores,
): Promise<MetricsResult> {
  const csr = toCsr(network);
  const { exact } = betweennessSampling(csr.ids.length, options);
  const { between, ranks, community, modularity } = external ? externalScores(csr, external) : await ownScores(csr, exact, options);
  const degree = degrees(csr);

  const nodes: NodeMetrics[] = csr.ids.map((id, i) => {
    const others = new Set<number>();
    for (let j = csr.offsets[i]!; j < csr.offsets[i + 1]!; j++) {
      const c = community[csr.neighbours[j]!]!;
      if (c !== community[i]) others.add(c);
    }
    return {
      id,
      // The CSR keeps the nodes' order.
      name: network.nodes[i]!.name ?? id,
      kind: network.nodes[i]!.kind ?? 'unknown',
      degree: degree[i]!,
      betweenness: between[i]!,
      pagerank: ranks[i]!,
      community: community[i]!,
      bridges: others.size,
    };
  });

  const members = groupBy(nodes, (node) => node.community);
  const communities = [...members.entries()]
    .map(([id, list]) => ({
      id,
      size: list.length,
      members: list
        .sort((a, b) => b.degree - a.degree)
        .slice(0, 10)
        .map((m) => m.id),
    }))
    .sort((a, b) => b.size - a.size);
  const brokers = nodes
    .filter((m) => m.bridges >= 1 && m.betweenness > 0)
    .sort((a, b) => b.betweenness - a.betweenness)
    .slice(0, 25)
    .map((m) => m.id);
  return {
    nodes,
    communities,
    brokers,
    betweenness: exact ? 'exact' : 'sampled',
    modularity: modularity !== null && Number.isFinite(modularity) ? modularity : null,
  };
}
