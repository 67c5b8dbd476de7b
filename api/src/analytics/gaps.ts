/**
 * The funders' other questions (collaboration gaps are in collaboration-gaps.ts): who is
 * isolated or hangs on one link; how well the groups the sources care about are reached; where
 * funders overlap.
 */
import type { Network, Participation } from '../domain/network.js';
import { CONTEXT_KINDS, Index, moneyReach } from './network-index.js';

// ---------------------------------------------------------------------------------------------
// Isolated actors, and those that hang on one link

export interface FragileActor {
  id: string;
  name: string;
  kind: string;
  links: number;
  /** The one node it hangs on, for actors with a single link. */
  via?: string;
}

export function fragileActors(network: Network): FragileActor[] {
  const index = new Index(network);
  const result: FragileActor[] = [];
  for (const node of network.nodes) {
    if (node.kind !== 'organisation' && node.kind !== 'person') continue;
    const linked = new Set(index.neighbours(node.id).filter((id) => !CONTEXT_KINDS.has(index.kind(id) ?? '')));
    if (linked.size <= 1) {
      result.push({ id: node.id, name: node.name, kind: node.kind, links: linked.size, ...(linked.size ? { via: [...linked][0] } : {}) });
    }
  }
  return result.sort((a, b) => a.links - b.links || a.name.localeCompare(b.name));
}

// ---------------------------------------------------------------------------------------------
// Reach of the groups the sources care about

export interface ReachGroup {
  id: string;
  label: string;
  /** Members are organisations and initiatives about this topic … */
  topic?: string;
  /** … or places of this kind (provinces outside the capital). */
  placeKind?: string;
  /** Figures that count this group at events. */
  measures: string[];
}

export const REACH_GROUPS: readonly ReachGroup[] = [
  { id: 'people-with-disabilities', label: 'People with disabilities', topic: 'disability-inclusion', measures: ['people-with-disabilities'] },
  { id: 'women', label: 'Women', topic: 'gender-inclusion', measures: ['women', 'women-speakers', 'indigenous-women'] },
  { id: 'indigenous', label: 'Indigenous communities', topic: 'indigenous-inclusion', measures: ['indigenous', 'indigenous-women'] },
  { id: 'provinces', label: 'Provinces outside the capital', placeKind: 'province', measures: [] },
];

/**
 * Hops from `start` to the nearest node that satisfies `isTarget` (undirected), or null. The
 * start may be a place; the search never passes through places or topics.
 */
function distance(index: Index, start: string, isTarget: (id: string) => boolean, maxHops = 6): number | null {
  let frontier = [start];
  const seen = new Set(frontier);
  for (let hops = 0; hops <= maxHops; hops++) {
    if (frontier.some(isTarget)) return hops;
    const next: string[] = [];
    for (const id of frontier) {
      for (const n of index.neighbours(id)) {
        // Topics and places link everything to everything; they are not a way to reach anyone.
        if (!seen.has(n) && !CONTEXT_KINDS.has(index.kind(n) ?? '')) {
          seen.add(n);
          next.push(n);
        }
      }
    }
    frontier = next;
  }
  return null;
}

export function groupReach(network: Network, participation: Participation[]) {
  const index = new Index(network);
  const funders = new Set(funderIds(index));
  return REACH_GROUPS.map((group) => {
    const members = group.topic
      ? index
          .incoming(group.topic, new Set(['ABOUT']))
          .map((e) => e.from)
          .filter((id) => ['organisation', 'initiative'].includes(index.kind(id) ?? ''))
      : network.nodes.filter((n) => n.kind === 'place' && n.placeKind === group.placeKind).map((n) => n.id);
    const reached = members.map((id) => ({
      id,
      name: index.byId.get(id)?.name ?? id,
      distanceToFunder: distance(index, id, (n) => funders.has(n)),
      distanceToEvent: distance(index, id, (n) => index.kind(n) === 'event'),
      events: index.neighbours(id).filter((n) => index.kind(n) === 'event').length,
    }));
    return {
      id: group.id,
      label: group.label,
      members: reached.sort((a, b) => (a.distanceToFunder ?? 99) - (b.distanceToFunder ?? 99) || a.name.localeCompare(b.name)),
      unreached: reached.filter((m) => m.distanceToEvent === null).length,
      participation: participation.filter((p) => group.measures.includes(p.measure)),
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Funder overlap and reach

/** Organisations whose support is money: any that funds, and donors, foundations and embassies that support. */
const FUNDING_KINDS = new Set(['donor', 'foundation', 'embassy', 'un-agency']);
function funderIds(index: Index): string[] {
  const funders = index.network.edges
    .filter((e) => index.kind(e.from) === 'organisation')
    .filter((e) => e.type === 'FUNDS' || (e.type === 'SUPPORTS' && FUNDING_KINDS.has(index.byId.get(e.from)?.orgKind ?? '')))
    .map((e) => e.from);
  return [...new Set(funders)].sort();
}

export function funderOverlap(network: Network) {
  const index = new Index(network);
  const funders = funderIds(index);
  const actors = network.nodes.filter((n) => !CONTEXT_KINDS.has(n.kind)).length;
  const grantees = new Map(funders.map((f) => [f, moneyReach(index, f)]));
  const reach = funders.map((f) => {
    const twoHop = new Set<string>();
    for (const g of grantees.get(f)!) {
      twoHop.add(g);
      for (const n of index.neighbours(g)) if (!CONTEXT_KINDS.has(index.kind(n) ?? '') && n !== f) twoHop.add(n);
    }
    return {
      funder: f,
      name: index.byId.get(f)?.name ?? f,
      grantees: [...grantees.get(f)!].sort(),
      twoHopNetwork: twoHop.size,
      shareOfNetwork: actors ? Math.round((twoHop.size / actors) * 1000) / 1000 : 0,
    };
  });
  const overlaps = [];
  for (let i = 0; i < funders.length; i++) {
    for (let j = i + 1; j < funders.length; j++) {
      const a = grantees.get(funders[i]!)!;
      const b = grantees.get(funders[j]!)!;
      const shared = [...a].filter((g) => b.has(g)).sort();
      if (!shared.length) continue;
      const union = new Set([...a, ...b]).size;
      overlaps.push({ a: funders[i]!, b: funders[j]!, shared, jaccard: Math.round((shared.length / union) * 1000) / 1000 });
    }
  }
  return { reach: reach.sort((x, y) => y.twoHopNetwork - x.twoHopNetwork), overlaps: overlaps.sort((x, y) => y.jaccard - x.jaccard) };
}
