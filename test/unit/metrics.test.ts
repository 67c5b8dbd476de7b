import { describe, expect, it } from 'vitest';
import { betweenness as graphologyBetweenness, pagerank as graphologyPagerank } from 'graphology-metrics/centrality/index.js';
import { betweenness, pagerank, toCsr } from '../../api/src/analytics/csr.js';
import louvainModule from 'graphology-communities-louvain';
import { computeMetrics, graphOf, louvainView, seededRandom } from '../../api/src/analytics/metrics.js';
import { betweennessThreads, parallelBetweenness } from '../../api/src/analytics/parallel-betweenness.js';
import { linkedNetwork, type Network } from '../../api/src/domain/network.js';

const louvain = louvainModule as unknown as typeof louvainModule.default;

/** Two cliques of five joined through one bridge node. */
function barbell(): Network {
  const nodes = ['a', 'b', 'c', 'd', 'e', 'bridge', 'v', 'w', 'x', 'y', 'z'].map((id) => ({ id, kind: 'organisation', name: id.toUpperCase() }));
  const edges: Network['edges'] = [];
  for (const clique of [
    ['a', 'b', 'c', 'd', 'e'],
    ['v', 'w', 'x', 'y', 'z'],
  ]) {
    for (let i = 0; i < clique.length; i++) for (let j = i + 1; j < clique.length; j++) edges.push({ from: clique[i]!, to: clique[j]!, type: 'PARTNERS_WITH' });
  }
  edges.push({ from: 'e', to: 'bridge', type: 'PARTNERS_WITH' }, { from: 'bridge', to: 'v', type: 'PARTNERS_WITH' });
  return { nodes, edges };
}

/** A random graph with a few hubs, the same every time. */
function randomNetwork(size: number, edgesPerNode: number): Network {
  const random = seededRandom(7);
  const nodes = Array.from({ length: size }, (_, i) => ({ id: `n${i}`, kind: 'person', name: `N${i}` }));
  const edges: Network['edges'] = [];
  for (let i = 1; i < size; i++) {
    for (let k = 0; k < edgesPerNode; k++) {
      const j = random() < 0.3 ? Math.floor(random() * 5) : Math.floor(random() * i);
      edges.push({ from: `n${i}`, to: `n${j}`, type: 'WORKS_FOR' });
    }
  }
  return { nodes, edges };
}

describe('network metrics', () => {
  it('gives no modularity (null, not a number) when there is no relationship to divide', async () => {
    const lonely: Network = { nodes: barbell().nodes, edges: [] };
    expect((await computeMetrics(lonely)).modularity).toBeNull();
    expect((await computeMetrics({ nodes: [], edges: [] })).modularity).toBeNull();
    expect((await computeMetrics(barbell())).modularity).toBeGreaterThan(0.3);
  });

  it('finds the two communities and the node that bridges them', async () => {
    const result = await computeMetrics(barbell());
    const byId = new Map(result.nodes.map((n) => [n.id, n]));
    expect(result.betweenness).toBe('exact');
    expect(byId.get('bridge')!.betweenness).toBeGreaterThan(byId.get('a')!.betweenness);
    expect(byId.get('a')!.community).toBe(byId.get('b')!.community);
    expect(byId.get('a')!.community).not.toBe(byId.get('z')!.community);
    expect(result.brokers[0]).toMatch(/^(bridge|e|v)$/);
    expect(byId.get('e')!.degree).toBe(5);
    const total = result.nodes.reduce((sum, n) => sum + n.pagerank, 0);
    expect(total).toBeCloseTo(1, 5);
  });

  it('collapses parallel and reverse relationships into one link', async () => {
    const network = barbell();
    network.edges.push({ from: 'b', to: 'a', type: 'FUNDS' }, { from: 'a', to: 'b', type: 'SUPPORTS' });
    const a = (await computeMetrics(network)).nodes.find((n) => n.id === 'a')!;
    expect(a.degree).toBe(4);
  });

  it('estimates betweenness by sampling above the exact limit, close to the exact values', async () => {
    const network = randomNetwork(400, 2);
    const exact = await computeMetrics(network);
    const sampled = await computeMetrics(network, { exactBetweennessMax: 100, samples: 200, seed: 1 });
    expect(sampled.betweenness).toBe('sampled');
    const top = (r: typeof exact) =>
      [...r.nodes]
        .sort((x, y) => y.betweenness - x.betweenness)
        .slice(0, 5)
        .map((n) => n.id);
    // The same hubs lead, and the estimate of the largest value is within 25 %.
    expect(top(sampled).filter((id) => top(exact).includes(id)).length).toBeGreaterThanOrEqual(4);
    const best = exact.nodes.find((n) => n.id === top(exact)[0])!;
    const estimate = sampled.nodes.find((n) => n.id === best.id)!;
    expect(Math.abs(estimate.betweenness - best.betweenness) / best.betweenness).toBeLessThan(0.25);
  });

  it('computes the same betweenness and PageRank as graphology', () => {
    const network = randomNetwork(300, 3);
    network.nodes.push({ id: 'alone', kind: 'person', name: 'Alone' });
    const csr = toCsr(network);
    const graph = graphOf(csr);
    const expectedBetweenness = graphologyBetweenness(graph, { getEdgeWeight: null, normalized: true });
    const expectedRank = graphologyPagerank(graph, { getEdgeWeight: null });
    const ours = betweenness(csr);
    const rank = pagerank(csr);
    csr.ids.forEach((id, i) => {
      expect(ours[i]).toBeCloseTo(expectedBetweenness[id]!, 9);
      expect(rank[i]).toBeCloseTo(expectedRank[id]!, 4);
    });
  });
});

describe('when the network is read by positions and Louvain runs on a view of the adjacency', () => {
  // Parallel and reverse relationships, self-loops and an isolated node, to collapse as before.
  const network = randomNetwork(2_000, 3);
  network.edges.push({ from: 'n5', to: 'n5', type: 'WORKS_FOR' }, { from: 'n9', to: 'n1', type: 'WORKS_FOR' }, { from: 'n1', to: 'n9', type: 'WORKS_FOR' });
  network.nodes.push({ id: 'alone', kind: 'person', name: 'Alone' });

  it('then the adjacency keeps each pair once, lower end first, in the order first met', () => {
    const csr = toCsr(linkedNetwork(network));
    const index = new Map(csr.ids.map((id, i) => [id, i]));
    const expected: string[] = [];
    for (const edge of network.edges) {
      const [a, b] = [index.get(edge.from)!, index.get(edge.to)!].sort((x, y) => x - y);
      if (a !== b && !expected.includes(`${a} ${b}`)) expected.push(`${a} ${b}`);
    }
    expect(Array.from(csr.links.from, (a, k) => `${a} ${csr.links.to[k]}`)).toEqual(expected);
    expect(csr).toEqual(toCsr(network));
  });

  it("then Louvain finds graphology's communities and modularity, node for node", () => {
    const csr = toCsr(network);
    const options = { getEdgeWeight: null };
    const onGraph = louvain.detailed(graphOf(csr), { ...options, rng: seededRandom(3) });
    const onView = louvain.detailed(louvainView(csr), { ...options, rng: seededRandom(3) });
    csr.ids.forEach((id, i) => expect(onView.communities[i]).toBe(onGraph.communities[id]));
    expect(onView.modularity).toBe(onGraph.modularity);
    expect(onView.count).toBeGreaterThan(5);
  });
});

describe('when betweenness is spread over threads', () => {
  // Large enough that the default plan spreads it on a machine with 2 cores, small enough for graphology.
  const network = randomNetwork(3_000, 3);
  const csr = toCsr(network);
  const n = csr.ids.length;

  it('then a graph of this size goes parallel, and a small one stays on one thread', () => {
    expect(betweennessThreads(n, n, csr.links.from.length, 2)).toBe(2);
    expect(betweennessThreads(n, n, csr.links.from.length, 1)).toBe(1);
    expect(betweennessThreads(244, 244, 600, 2)).toBe(1);
  });

  it("then every part counts: the result is one thread's and graphology's", async () => {
    // Three parts, whatever this machine's cores: each part's sources are a third of the sum.
    const parallel = await parallelBetweenness(csr, undefined, 3);
    const single = betweenness(csr);
    const expected = graphologyBetweenness(graphOf(csr), { getEdgeWeight: null, normalized: true });
    csr.ids.forEach((id, i) => {
      expect(parallel[i]).toBeCloseTo(single[i]!, 12);
      expect(parallel[i]).toBeCloseTo(expected[id]!, 9);
    });
    expect(parallel.reduce((sum, x) => sum + x, 0)).toBeGreaterThan(0);
  });

  it('then with other work for this thread, every part runs in a worker and the sums are the same', async () => {
    let ran = 0;
    const withWork = await parallelBetweenness(csr, undefined, 3, () => ran++);
    const without = await parallelBetweenness(csr, undefined, 3);
    expect(ran).toBe(1);
    expect(withWork).toEqual(without);
  });

  it('then a sample of sources gives what it gives on one thread', async () => {
    const sources = Int32Array.from({ length: 500 }, (_, i) => (i * 7) % n);
    const parallel = await parallelBetweenness(csr, sources, 2);
    const single = betweenness(csr, sources);
    for (let i = 0; i < n; i++) expect(parallel[i]).toBeCloseTo(single[i]!, 12);
  });
});

describe('when PageRank, betweenness and communities come from Graph Data Science', () => {
  it('then the metrics are assembled from them: raw pair counts normalised, degrees, bridges and brokers as in the worker', async () => {
    const network = barbell();
    const own = await computeMetrics(network);
    const csr = toCsr(network);
    const n = csr.ids.length;
    // GDS reports undirected betweenness as the number of pairs through a node, each pair once.
    const raw = betweenness(csr);
    const external = {
      pagerank: new Map(own.nodes.map((m) => [m.id, m.pagerank])),
      betweenness: new Map(csr.ids.map((id, i) => [id, raw[i]! / (2 / ((n - 1) * (n - 2)))])),
      community: new Map(own.nodes.map((m) => [m.id, m.community])),
      modularity: own.modularity,
    };
    const assembled = await computeMetrics(network, undefined, external);
    for (const [i, m] of assembled.nodes.entries()) {
      expect(m.betweenness).toBeCloseTo(own.nodes[i]!.betweenness, 12);
      expect(m).toMatchObject({ id: own.nodes[i]!.id, degree: own.nodes[i]!.degree, bridges: own.nodes[i]!.bridges, pagerank: own.nodes[i]!.pagerank });
    }
    expect(assembled.brokers).toEqual(own.brokers);
    expect(assembled.communities).toEqual(own.communities);
    expect(assembled.modularity).toBe(own.modularity);
  });
});
