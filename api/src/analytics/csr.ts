/**
 * Betweenness and PageRank on a compact adjacency (CSR: one offsets array, one neighbours
 * array). graphology's versions work through per-node maps and took minutes at the sizes the
 * budgets name (docs/performance.md); these loops do the same arithmetic on typed arrays, and
 * the unit tests check them against graphology's results.
 */
import type { Network } from '../domain/network.js';

export interface Csr {
  ids: string[];
  /** Neighbours of node i are neighbours[offsets[i] .. offsets[i + 1]). */
  offsets: Int32Array;
  neighbours: Int32Array;
  /** Distinct undirected links, each once (a < b). */
  links: [number, number][];
}

/** The network as an undirected simple graph: parallel and reverse relationships collapse. */
export function toCsr(network: Network): Csr {
  const ids = network.nodes.map((n) => n.id);
  const index = new Map(ids.map((id, i) => [id, i]));
  const seen = new Set<number>();
  const links: [number, number][] = [];
  const n = ids.length;
  for (const edge of network.edges) {
    const a = index.get(edge.from);
    const b = index.get(edge.to);
    if (a === undefined || b === undefined || a === b) continue;
    const [lo, hi] = a < b ? [a, b] : [b, a];
    const key = lo * n + hi;
    if (seen.has(key)) continue;
    seen.add(key);
    links.push([lo, hi]);
  }
  const degree = new Int32Array(n);
  for (const [a, b] of links) {
    degree[a]!++;
    degree[b]!++;
  }
  const offsets = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) offsets[i + 1] = offsets[i]! + degree[i]!;
  const neighbours = new Int32Array(offsets[n]!);
  const fill = offsets.slice(0, n);
  for (const [a, b] of links) {
    neighbours[fill[a]!++] = b;
    neighbours[fill[b]!++] = a;
  }
  return { ids, offsets, neighbours, links };
}

export function degrees(csr: Csr): Int32Array {
  const n = csr.ids.length;
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = csr.offsets[i + 1]! - csr.offsets[i]!;
  return out;
}

/**
 * Brandes' betweenness from the given sources (all nodes for the exact value), normalised as
 * graphology normalises undirected betweenness. With a sample of sources the sum is scaled up
 * to all sources (Brandes and Pich, 2007).
 */
export function betweenness(csr: Csr, sources?: Int32Array): Float64Array {
  const { offsets, neighbours } = csr;
  const n = csr.ids.length;
  const centrality = new Float64Array(n);
  const sigma = new Float64Array(n);
  const delta = new Float64Array(n);
  const dist = new Int32Array(n);
  const queue = new Int32Array(n);
  const stack = new Int32Array(n);
  const count = sources ? sources.length : n;
  for (let k = 0; k < count; k++) {
    const s = sources ? sources[k]! : k;
    sigma.fill(0);
    delta.fill(0);
    dist.fill(-1);
    sigma[s] = 1;
    dist[s] = 0;
    let head = 0;
    let tail = 0;
    let top = 0;
    queue[tail++] = s;
    while (head < tail) {
      const v = queue[head++]!;
      stack[top++] = v;
      const next = dist[v]! + 1;
      const paths = sigma[v]!;
      for (let j = offsets[v]!, end = offsets[v + 1]!; j < end; j++) {
        const w = neighbours[j]!;
        let d = dist[w]!;
        if (d < 0) {
          d = next;
          dist[w] = next;
          queue[tail++] = w;
        }
        if (d === next) sigma[w]! += paths;
      }
    }
    // Predecessors are the neighbours one step closer to the source: no lists needed.
    while (top > 0) {
      const w = stack[--top]!;
      const coefficient = (1 + delta[w]!) / sigma[w]!;
      const previous = dist[w]! - 1;
      for (let j = offsets[w]!, end = offsets[w + 1]!; j < end; j++) {
        const v = neighbours[j]!;
        if (dist[v] === previous) delta[v]! += sigma[v]! * coefficient;
      }
      if (w !== s) centrality[w]! += delta[w]!;
    }
  }
  // Each pair is counted from both ends in an undirected graph; a sample stands for all sources.
  const scale = (n / count) * 0.5 * (n > 2 ? 2 / ((n - 1) * (n - 2)) : 1);
  for (let i = 0; i < n; i++) centrality[i]! *= scale;
  return centrality;
}

/** PageRank by power iteration (damping 0.85); a node without links spreads its rank evenly. */
export function pagerank(csr: Csr, alpha = 0.85, tolerance = 1e-6, maxIterations = 100): Float64Array {
  const { offsets, neighbours } = csr;
  const n = csr.ids.length;
  const degree = degrees(csr);
  let rank = new Float64Array(n).fill(1 / n);
  let next = new Float64Array(n);
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    let dangling = 0;
    for (let i = 0; i < n; i++) if (degree[i] === 0) dangling += rank[i]!;
    const base = (1 - alpha) / n + (alpha * dangling) / n;
    for (let v = 0; v < n; v++) {
      let sum = 0;
      for (let j = offsets[v]!; j < offsets[v + 1]!; j++) {
        const u = neighbours[j]!;
        sum += rank[u]! / degree[u]!;
      }
      next[v] = base + alpha * sum;
    }
    let change = 0;
    for (let i = 0; i < n; i++) change += Math.abs(next[i]! - rank[i]!);
    [rank, next] = [next, rank];
    if (change < n * tolerance) break;
  }
  return rank;
}
