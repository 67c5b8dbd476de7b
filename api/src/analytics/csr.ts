/**
 * Betweenness and PageRank on a compact adjacency (CSR: one offsets array, one neighbours
 * array). graphology's versions work through per-node maps and took minutes at the sizes the
 * budgets name (docs/performance.md); these loops do the same arithmetic on typed arrays, and
 * the unit tests check them against graphology's results.
 */
import { linkedNetwork, type LinkedNetwork, type Network } from '../domain/network.js';

export interface Csr {
  ids: string[];
  /** Neighbours of node i are neighbours[offsets[i] .. offsets[i + 1]). */
  offsets: Int32Array;
  neighbours: Int32Array;
  /** Distinct undirected links, each once (from[k] < to[k]), in the order first met. */
  links: { from: Int32Array; to: Int32Array };
}

/**
 * The network as an undirected simple graph: parallel and reverse relationships collapse.
 * Typed arrays throughout: at 1M relationships, a pair array per link and a set of pair keys
 * (most beyond the small-integer range) cost seconds.
 */
export function toCsr(network: Network | LinkedNetwork): Csr {
  const linked = 'edges' in network ? linkedNetwork(network) : network;
  const n = linked.nodes.length;
  const links = distinctLinks(n, linked.from, linked.to);
  const count = links.from.length;
  const degree = new Int32Array(n);
  for (let k = 0; k < count; k++) {
    degree[links.from[k]!]!++;
    degree[links.to[k]!]!++;
  }
  const offsets = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) offsets[i + 1] = offsets[i]! + degree[i]!;
  const neighbours = new Int32Array(offsets[n]!);
  const fill = offsets.slice(0, n);
  for (let k = 0; k < count; k++) {
    const a = links.from[k]!;
    const b = links.to[k]!;
    neighbours[fill[a]!++] = b;
    neighbours[fill[b]!++] = a;
  }
  return { ids: linked.nodes.map((node) => node.id), offsets, neighbours, links };
}

/**
 * Each pair of distinct nodes once, lower position first, in the order of its first
 * relationship (Louvain's result depends on the order of links). The relationships are
 * bucketed by their lower end; within a bucket a mark per higher end finds the repeats.
 */
function distinctLinks(n: number, from: Int32Array, to: Int32Array): { from: Int32Array; to: Int32Array } {
  const m = from.length;
  const low = (k: number) => Math.min(from[k]!, to[k]!);
  const high = (k: number) => Math.max(from[k]!, to[k]!);
  const starts = new Int32Array(n + 1);
  for (let k = 0; k < m; k++) starts[low(k) + 1]!++;
  for (let i = 0; i < n; i++) starts[i + 1]! += starts[i]!;
  const byLow = new Int32Array(m);
  const fill = starts.slice(0, n);
  for (let k = 0; k < m; k++) byLow[fill[low(k)]!++] = k;
  // marked[b] = a + 1 once the link a-b has been kept.
  const marked = new Int32Array(n);
  const kept = new Uint8Array(m);
  let count = 0;
  for (let a = 0; a < n; a++) {
    for (let q = starts[a]!; q < starts[a + 1]!; q++) {
      const k = byLow[q]!;
      const b = high(k);
      if (b === a || marked[b] === a + 1) continue;
      marked[b] = a + 1;
      kept[k] = 1;
      count++;
    }
  }
  const links = { from: new Int32Array(count), to: new Int32Array(count) };
  for (let k = 0, j = 0; k < m; k++) {
    if (kept[k] === 0) continue;
    links.from[j] = low(k);
    links.to[j++] = high(k);
  }
  return links;
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
  const { local, all } = betweennessInput(csr, sources);
  const sums = new Float64Array(csr.ids.length);
  accumulateBetweenness(local.offsets, local.neighbours, all, sums);
  scaleBetweenness(sums, all.length);
  return local.restore(sums);
}

/** The adjacency renumbered breadth-first, and the sources (all nodes by default) in its numbering. */
export function betweennessInput(csr: Csr, sources?: Int32Array): { local: Renumbered; all: Int32Array } {
  const local = breadthFirstOrder(csr);
  const n = csr.ids.length;
  const all = sources ? Int32Array.from(sources, (s) => local.rank[s]!) : Int32Array.from({ length: n }, (_, i) => i);
  return { local, all };
}

/** An adjacency renumbered for locality, and the way back to the original numbering. */
export interface Renumbered {
  offsets: Int32Array;
  neighbours: Int32Array;
  /** The new number of each original node. */
  rank: Int32Array;
  /** Per-node values in the new numbering, back in the original one. */
  restore(values: Float64Array): Float64Array;
}

/**
 * The nodes numbered in breadth-first order from the best-linked node of each component, each
 * node's neighbours sorted: neighbours then have near numbers, so the per-node arrays a search
 * reads stay in cache (about 15 % less time for betweenness on the generated 20k network).
 */
export function breadthFirstOrder(csr: Csr): Renumbered {
  const { offsets, neighbours } = csr;
  const n = csr.ids.length;
  const degree = degrees(csr);
  const byDegree = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => degree[b]! - degree[a]! || a - b);
  const rank = new Int32Array(n).fill(-1);
  const order = new Int32Array(n);
  let tail = 0;
  for (const start of byDegree) {
    if (rank[start] !== -1) continue;
    rank[start] = tail;
    order[tail++] = start;
    for (let head = tail - 1; head < tail; head++) {
      const v = order[head]!;
      for (let j = offsets[v]!; j < offsets[v + 1]!; j++) {
        const u = neighbours[j]!;
        if (rank[u] !== -1) continue;
        rank[u] = tail;
        order[tail++] = u;
      }
    }
  }
  const newOffsets = new Int32Array(n + 1);
  const newNeighbours = new Int32Array(neighbours.length);
  for (let i = 0; i < n; i++) {
    const v = order[i]!;
    const from = newOffsets[i]!;
    newOffsets[i + 1] = from + offsets[v + 1]! - offsets[v]!;
    for (let j = offsets[v]!, k = from; j < offsets[v + 1]!; j++, k++) newNeighbours[k] = rank[neighbours[j]!]!;
    newNeighbours.subarray(from, newOffsets[i + 1]!).sort();
  }
  return {
    offsets: newOffsets,
    neighbours: newNeighbours,
    rank,
    restore: (values) => Float64Array.from(rank, (r) => values[r]!),
  };
}

/** Turns the sum over `count` sources into the normalised value, in place. */
export function scaleBetweenness(centrality: Float64Array, count: number): void {
  const n = centrality.length;
  // Each pair is counted from both ends in an undirected graph; a sample stands for all sources.
  const scale = count === 0 ? 0 : (n / count) * 0.5 * (n > 2 ? 2 / ((n - 1) * (n - 2)) : 1);
  for (let i = 0; i < n; i++) centrality[i]! *= scale;
}

/**
 * Adds each source's dependencies to `centrality` (not yet scaled). Level by level, each node
 * pulls from its neighbours rather than testing which of them are one step nearer or further:
 * a node's neighbours lie on its own level or the next or previous one, and each level writes
 * into the array of its parity (even or odd) while it reads the other one, which holds only the
 * level it needs (the level two steps away, in the same array, is no neighbour). The neighbours
 * that must not count thus read 0, and the inner loops are a plain sum with no unpredictable
 * branch, which is what the old push form spent most of its time on.
 */
export function accumulateBetweenness(offsets: Int32Array, neighbours: Int32Array, sources: Int32Array, centrality: Float64Array): void {
  const n = offsets.length - 1;
  // Shortest paths from the source, and (1 + dependency) / paths, by the parity of the level.
  const sigmas = [new Float64Array(n), new Float64Array(n)] as const;
  const coefficients = [new Float64Array(n), new Float64Array(n)] as const;
  const seen = new Uint8Array(n);
  // Nodes in the order found: level d holds queue[levels[d] .. levels[d + 1]).
  const queue = new Int32Array(n);
  const levels = new Int32Array(n + 1);
  for (let k = 0; k < sources.length; k++) {
    const s = sources[k]!;
    queue[0] = s;
    seen[s] = 1;
    sigmas[0][s] = 1;
    let tail = 1;
    for (let j = offsets[s]!, end = offsets[s + 1]!; j < end; j++) {
      const u = neighbours[j]!;
      if (seen[u] === 0) {
        seen[u] = 1;
        queue[tail++] = u;
      }
    }
    let depth = 1;
    levels[0] = 0;
    levels[1] = 1;
    // Forward: a node's paths are the sum of its neighbours' paths on the level before.
    while (levels[depth]! < tail) {
      const from = levels[depth]!;
      const to = tail;
      const before = sigmas[(depth - 1) & 1]!;
      const own = sigmas[depth & 1]!;
      levels[++depth] = to;
      for (let q = from; q < to; q++) {
        const w = queue[q]!;
        let paths = 0;
        for (let j = offsets[w]!, end = offsets[w + 1]!; j < end; j++) {
          const u = neighbours[j]!;
          paths += before[u]!;
          if (seen[u] === 0) {
            seen[u] = 1;
            queue[tail++] = u;
          }
        }
        own[w] = paths;
      }
    }
    // Backward: a node's dependency is its paths times the sum of its neighbours' coefficients
    // on the level after. The source, level 0, takes no credit.
    for (let d = depth - 1; d >= 1; d--) {
      const after = coefficients[(d + 1) & 1]!;
      const own = coefficients[d & 1]!;
      const sigma = sigmas[d & 1]!;
      for (let q = levels[d]!, to = levels[d + 1]!; q < to; q++) {
        const v = queue[q]!;
        let sum = 0;
        for (let j = offsets[v]!, end = offsets[v + 1]!; j < end; j++) sum += after[neighbours[j]!]!;
        const paths = sigma[v]!;
        const dependency = paths * sum;
        centrality[v]! += dependency;
        own[v] = (1 + dependency) / paths;
      }
    }
    // Only the nodes reached were written: reset those.
    for (let d = 0; d < depth; d++) {
      const sigma = sigmas[d & 1]!;
      const coefficient = coefficients[d & 1]!;
      for (let q = levels[d]!, to = levels[d + 1]!; q < to; q++) {
        const v = queue[q]!;
        sigma[v] = 0;
        coefficient[v] = 0;
        seen[v] = 0;
      }
    }
  }
}

/**
 * The sources of one part out of `parts`: blocks of `block` sources dealt in turn, so that each
 * part gets sources from everywhere in the (breadth-first) numbering and about the same work.
 */
export function sourcesOfPart(sources: Int32Array, part: number, parts: number, block: number): Int32Array {
  const mine: number[] = [];
  for (let start = part * block; start < sources.length; start += parts * block) {
    for (let k = start; k < Math.min(start + block, sources.length); k++) mine.push(sources[k]!);
  }
  return Int32Array.from(mine);
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
