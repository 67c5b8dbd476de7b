/**
 * Clusters for a first layout: Louvain communities (graphology's implementation, the one the
 * API's metrics use), each started in its own region of the plane so that ForceAtlas2 ends with
 * the communities apart instead of one round blob.
 */
import type { AbstractGraph } from 'graphology-types';
import louvainModule from 'graphology-communities-louvain';
import { defaults } from './defaults.js';
import { EDGE_LENGTH } from './layout-start.js';

// A CommonJS package with ESM-style typings: at run time the default import is the function itself.
const louvain = louvainModule as unknown as typeof louvainModule.default;

/** Too few nodes to cluster, or so many that Louvain would cost more than the forces. */
const CLUSTER_RANGE = { min: 20, max: 5_000 };

/** A small seeded generator, so that the same network is always laid out the same way. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** The community of every node: the ones given, else Louvain's (the graph needs at least one edge). */
export function communitiesOf(graph: AbstractGraph, given?: Record<string, number>): Record<string, number> {
  if (given && Object.keys(given).length) return given;
  if (!graph.size) return {};
  return louvain(graph, { rng: seeded(1), getEdgeWeight: null });
}

/**
 * Centres for communities of these sizes, largest first, on a sunflower spiral whose spacing grows
 * with each community's size: big communities get room, small ones gather around them.
 */
export function communityCentres(sizes: number[]): { x: number; y: number }[] {
  const golden = Math.PI * (3 - Math.sqrt(5));
  let area = 0;
  return sizes.map((size, i) => {
    area += size;
    const radius = i === 0 ? 0 : EDGE_LENGTH * defaults.layout.communitySpread * Math.sqrt(area);
    return { x: radius * Math.cos(i * golden), y: radius * Math.sin(i * golden) };
  });
}

/**
 * Starts each node in its community's region (x and y attributes) and weighs edges (`weight`)
 * so that ForceAtlas2 pulls a community together more than it pulls communities to each other.
 */
export function seedByCommunity(graph: AbstractGraph<{ x: number; y: number }, { weight?: number }>, given?: Record<string, number>): void {
  if (graph.order < CLUSTER_RANGE.min || graph.order > CLUSTER_RANGE.max) return;
  const community = communitiesOf(graph, given);
  const { insideWeight, acrossWeight } = defaults.layout;
  graph.updateEachEdgeAttributes((_e, a, source, target) => ({ ...a, weight: community[source] === community[target] ? insideWeight : acrossWeight }));
  const members = new Map<number, number>();
  for (const c of Object.values(community)) members.set(c, (members.get(c) ?? 0) + 1);
  const order = [...members.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  const centres = communityCentres(order.map(([, size]) => size));
  const centreOf = new Map(order.map(([c], i) => [c, centres[i]!]));
  // The start disc spans the whole network; each community shrinks into a disc of its own size.
  graph.updateEachNodeAttributes((id, a) => {
    const c = community[id];
    const centre = c === undefined ? undefined : centreOf.get(c);
    if (!centre) return a;
    const shrink = Math.sqrt((members.get(c!) ?? 1) / graph.order);
    return { ...a, x: centre.x + a.x * shrink, y: centre.y + a.y * shrink };
  });
}
