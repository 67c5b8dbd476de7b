/**
 * Collaboration gaps, the funders' questions: which organisations share events, topics, funders
 * or neighbours but have never worked together; who is isolated or hangs on one link; how well
 * the groups the sources care about are reached; where funders overlap.
 */
import { pushTo } from '../lib/group-by.js';
import type { Network, NetworkEdge, NetworkNode, Participation } from '../domain/network.js';

/** Relationships that mean two organisations already work together. */
const COLLABORATION = new Set(['PARTNERS_WITH', 'FUNDS', 'SUPPORTS', 'PART_OF', 'POSSIBLE_DUPLICATE']);
/** Running (part of) an event: whoever takes part in it works with the people who run it. */
export const RUNNING = new Set(['ORGANISED', 'HOSTED', 'PARTNER_IN', 'MODERATED', 'JUDGED', 'MENTORED']);
/** Taking part in an event: the way organisations (or their people) meet. Funding is not taking part. */
export const PARTICIPATION = new Set([...RUNNING, 'SPOKE_AT', 'ATTENDED', 'WON']);
export const MONEY = new Set(['FUNDS', 'SUPPORTS']);
/** Kinds that are context, not actors: they do not count as links of an actor. */
const CONTEXT_KINDS = new Set(['place', 'topic', 'source', 'figure']);

/** Indexes a network once for the questions below. */
export class Index {
  readonly byId = new Map<string, NetworkNode>();
  readonly out = new Map<string, NetworkEdge[]>();
  readonly in = new Map<string, NetworkEdge[]>();

  constructor(readonly network: Network) {
    for (const node of network.nodes) this.byId.set(node.id, node);
    for (const edge of network.edges) {
      if (!this.byId.has(edge.from) || !this.byId.has(edge.to)) continue;
      pushTo(this.out, edge.from, edge);
      pushTo(this.in, edge.to, edge);
    }
  }

  kind(id: string): string | undefined {
    return this.byId.get(id)?.kind;
  }

  outgoing(id: string, types?: Set<string>): NetworkEdge[] {
    return (this.out.get(id) ?? []).filter((e) => !types || types.has(e.type));
  }

  incoming(id: string, types?: Set<string>): NetworkEdge[] {
    return (this.in.get(id) ?? []).filter((e) => !types || types.has(e.type));
  }

  neighbours(id: string): string[] {
    return [...this.outgoing(id).map((e) => e.to), ...this.incoming(id).map((e) => e.from)];
  }

  /** The top of an event's PART_OF chain: sessions count as the conference they belong to. */
  rootEvent(id: string): string {
    let current = id;
    for (let i = 0; i < 5; i++) {
      const parent = this.outgoing(current, new Set(['PART_OF'])).find((e) => this.kind(e.to) === 'event');
      if (!parent) break;
      current = parent.to;
    }
    return current;
  }

  organisations(): NetworkNode[] {
    return this.network.nodes.filter((n) => n.kind === 'organisation');
  }
}


// ---------------------------------------------------------------------------------------------
// (a) Matchmaking: organisations with shared context that have never worked together

export interface SharedContext {
  events: string[];
  topics: string[];
  funders: string[];
  neighbours: string[];
}

export interface CollaborationGap {
  a: string;
  b: string;
  score: number;
  shared: SharedContext;
}

type ContextKind = keyof SharedContext;
const CONTEXT_WEIGHT: Record<ContextKind, number> = { events: 1, funders: 2, topics: 0.5, neighbours: 0.5 };
/** Contexts shared by more organisations than this say little about any pair (and would explode). */
const MAX_CONTEXT_SIZE = 300;

/** What each organisation is involved in, directly or through its people. */
function contextsOf(index: Index, org: string): Record<ContextKind, Set<string>> {
  const events = new Set<string>();
  const topics = new Set<string>();
  const funders = new Set<string>();
  const neighbours = new Set<string>();
  const people = index.incoming(org, new Set(['WORKS_FOR'])).map((e) => e.from);
  for (const actor of [org, ...people]) {
    for (const e of index.outgoing(actor, PARTICIPATION)) if (index.kind(e.to) === 'event') events.add(index.rootEvent(e.to));
  }
  for (const e of index.outgoing(org, new Set(['ABOUT']))) topics.add(e.to);
  for (const e of index.outgoing(org, new Set(['RUNS', 'IMPLEMENTS']))) {
    for (const t of index.outgoing(e.to, new Set(['ABOUT']))) topics.add(t.to);
  }
  for (const e of index.incoming(org, MONEY)) {
    if (index.kind(e.from) === 'organisation') funders.add(e.from);
    // Money through a programme: the programme's funders fund this organisation too.
    for (const f of index.incoming(e.from, MONEY)) if (index.kind(f.from) === 'organisation') funders.add(f.from);
  }
  for (const e of index.outgoing(org, new Set(['RUNS', 'IMPLEMENTS', 'PUBLISHED', 'PRESENTED', 'DEVELOPED']))) neighbours.add(e.to);
  return { events, topics, funders, neighbours };
}

/** Everyone an organisation's money reaches: direct grantees, and through the programmes it funds. */
function moneyReach(index: Index, org: string): Set<string> {
  const reached = new Set<string>();
  for (const e of index.outgoing(org, MONEY)) {
    reached.add(e.to);
    for (const onward of index.outgoing(e.to, MONEY)) reached.add(onward.to);
    for (const implementer of index.incoming(e.to, new Set(['IMPLEMENTS']))) reached.add(implementer.from);
  }
  reached.delete(org);
  return reached;
}

/**
 * Events an organisation (or its people) ran - exactly those: moderating one panel is not
 * running the conference - and events it took part in, with the conferences they belong to.
 */
function eventRoles(index: Index, org: string): { ran: Set<string>; joined: Set<string> } {
  const actors = [org, ...index.incoming(org, new Set(['WORKS_FOR'])).map((e) => e.from)];
  const ran = new Set<string>();
  const joined = new Set<string>();
  for (const actor of actors) {
    for (const e of index.outgoing(actor, PARTICIPATION)) {
      if (index.kind(e.to) !== 'event') continue;
      if (RUNNING.has(e.type)) ran.add(e.to);
      joined.add(e.to).add(index.rootEvent(e.to));
    }
  }
  return { ran, joined };
}

/**
 * Two organisations already work together when one is linked to the other (partnership, money,
 * structure), when money of one reaches the other (through a programme too), when they ran an
 * event together, or when one ran an event the other took part in.
 */
function alreadyCollaborate(index: Index, a: string, b: string): boolean {
  const direct = index.outgoing(a, COLLABORATION).some((e) => e.to === b) || index.outgoing(b, COLLABORATION).some((e) => e.to === a);
  if (direct || moneyReach(index, a).has(b) || moneyReach(index, b).has(a)) return true;
  const [ra, rb] = [eventRoles(index, a), eventRoles(index, b)];
  const overlaps = (x: Set<string>, y: Set<string>) => [...x].some((event) => y.has(event));
  // Running an event together, or one running what the other took part in.
  return overlaps(ra.ran, rb.joined) || overlaps(rb.ran, ra.joined);
}

export function collaborationGaps(network: Network, limit = 50): CollaborationGap[] {
  const index = new Index(network);
  const orgs = index.organisations().map((o) => o.id);
  const contexts = new Map(orgs.map((id) => [id, contextsOf(index, id)]));
  // Invert: for each context item, the organisations that have it.
  const holders = new Map<string, { kind: ContextKind; orgs: string[] }>();
  for (const [org, ctx] of contexts) {
    for (const kind of Object.keys(ctx) as ContextKind[]) {
      for (const item of ctx[kind]) {
        const key = `${kind}:${item}`;
        const entry = holders.get(key) ?? { kind, orgs: [] };
        entry.orgs.push(org);
        holders.set(key, entry);
      }
    }
  }
  const pairs = new Map<string, CollaborationGap>();
  for (const [key, { kind, orgs: list }] of holders) {
    if (list.length < 2 || list.length > MAX_CONTEXT_SIZE) continue;
    const item = key.slice(kind.length + 1);
    // Rarer shared contexts say more about a pair (Adamic-Adar style weighting).
    const weight = CONTEXT_WEIGHT[kind] / Math.log2(1 + list.length);
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const [a, b] = [list[i]!, list[j]!].sort() as [string, string];
        if (a === item || b === item) continue;
        const pairKey = `${a} ${b}`;
        const pair = pairs.get(pairKey) ?? { a, b, score: 0, shared: { events: [], topics: [], funders: [], neighbours: [] } };
        pair.score += weight;
        pair.shared[kind].push(item);
        pairs.set(pairKey, pair);
      }
    }
  }
  return [...pairs.values()]
    .filter((p) => !alreadyCollaborate(index, p.a, p.b))
    .sort((x, y) => y.score - x.score || x.a.localeCompare(y.a) || x.b.localeCompare(y.b))
    .slice(0, limit)
    .map((p) => ({ ...p, score: Math.round(p.score * 1000) / 1000 }));
}

// ---------------------------------------------------------------------------------------------
// (b) Isolated actors, and those that hang on one link

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
// (c) Reach of the groups the sources care about

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
      ? index.incoming(group.topic, new Set(['ABOUT'])).map((e) => e.from).filter((id) => ['organisation', 'initiative'].includes(index.kind(id) ?? ''))
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
// (d) Funder overlap and reach

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
