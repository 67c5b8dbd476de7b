/**
 * Centrality and communities with graphology: degree, betweenness (exact up to a size, sampled
 * above it), PageRank, Louvain communities, and brokers - nodes linked into communities other than
 * their own that lie on many shortest paths.
 */
import { UndirectedGraph } from 'graphology';
import louvainModule from 'graphology-communities-louvain';
import { betweenness as betweennessCentrality, pagerank } from 'graphology-metrics/centrality/index.js';
import { createUnweightedIndexedBrandes } from 'graphology-shortest-path/indexed-brandes.js';
import type { Network } from './network.js';

// The package is CommonJS with ESM-style typings: at run time the default import is the function.
const louvain = louvainModule as unknown as typeof louvainModule.default;

/** The stack graphology's Brandes step returns; its typings omit the array it keeps. */
interface BrandesStack {
  items: ArrayLike<number>;
  size: number;
  pop(): number | undefined;
}

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
  modularity: number;
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

/** Collapses parallel relationships and directions: centrality is about who is linked to whom. */
export function toGraph(network: Network): UndirectedGraph {
  const graph = new UndirectedGraph();
  for (const node of network.nodes) graph.mergeNode(node.id, { name: node.name, kind: node.kind });
  for (const edge of network.edges) {
    if (edge.from !== edge.to && graph.hasNode(edge.from) && graph.hasNode(edge.to)) graph.mergeEdge(edge.from, edge.to);
  }
  return graph;
}

/**
 * Betweenness estimated from `samples` source nodes (Brandes and Pich, 2007), built on
 * graphology's own single-source Brandes step and scaled to the whole graph, normalised like
 * graphology's exact version.
 */
function sampledBetweenness(graph: UndirectedGraph, samples: number, random: () => number): Record<string, number> {
  const brandes = createUnweightedIndexedBrandes(graph);
  const order = graph.order;
  const keys = graph.nodes();
  const centrality = new Float64Array(order);
  const delta = new Float64Array(order);
  const count = Math.min(samples, order);
  const sources = new Set<number>();
  while (sources.size < count) sources.add(Math.floor(random() * order));
  for (const source of sources) {
    const [stack, P, sigma] = brandes(source);
    const S = stack as unknown as BrandesStack;
    for (let j = 0; j < S.size; j++) delta[S.items[j]!] = 0;
    while (S.size !== 0) {
      const w = S.pop()!;
      const coefficient = (1 + delta[w]!) / sigma[w]!;
      for (const v of P[w]!) delta[v]! += sigma[v]! * coefficient;
      if (w !== source) centrality[w]! += delta[w]!;
    }
  }
  // Undirected: each pair counted twice; scale the sample to all sources; normalise.
  const scale = (order / count) * 0.5 * (order > 2 ? 2 / ((order - 1) * (order - 2)) : 1);
  return Object.fromEntries(keys.map((key, i) => [key, centrality[i]! * scale]));
}

export function computeMetrics(network: Network, options: MetricsOptions = DEFAULT_METRICS_OPTIONS): MetricsResult {
  const graph = toGraph(network);
  const random = seededRandom(options.seed);
  const exact = graph.order <= options.exactBetweennessMax;
  const betweenness = exact
    ? betweennessCentrality(graph, { getEdgeWeight: null, normalized: true })
    : sampledBetweenness(graph, options.samples, random);
  const ranks = graph.size > 0 ? pagerank(graph, { getEdgeWeight: null }) : {};
  const detailed = louvain.detailed(graph, { rng: random, getEdgeWeight: null });
  const communityOf = detailed.communities;

  const nodes: NodeMetrics[] = graph.mapNodes((id, attributes) => {
    const own = communityOf[id]!;
    const others = new Set<number>();
    graph.forEachNeighbor(id, (neighbour) => {
      if (communityOf[neighbour] !== own) others.add(communityOf[neighbour]!);
    });
    return {
      id,
      name: attributes.name as string,
      kind: attributes.kind as string,
      degree: graph.degree(id),
      betweenness: betweenness[id] ?? 0,
      pagerank: ranks[id] ?? 0,
      community: own,
      bridges: others.size,
    };
  });

  const members = new Map<number, NodeMetrics[]>();
  for (const node of nodes) members.set(node.community, [...(members.get(node.community) ?? []), node]);
  const communities = [...members.entries()]
    .map(([id, list]) => ({ id, size: list.length, members: list.sort((a, b) => b.degree - a.degree).slice(0, 10).map((n) => n.id) }))
    .sort((a, b) => b.size - a.size);
  const brokers = nodes
    .filter((n) => n.bridges >= 1 && n.betweenness > 0)
    .sort((a, b) => b.betweenness - a.betweenness)
    .slice(0, 25)
    .map((n) => n.id);
  return { nodes, communities, brokers, betweenness: exact ? 'exact' : 'sampled', modularity: detailed.modularity };
}
