/**
 * Collaboration gaps, the funders' first question: which organisations share events, topics,
 * funders or neighbours but have never worked together, ranked by how rare what they share is.
 */
import type { Network } from '../domain/network.js';
import { Index, moneyReach, MONEY, PARTICIPATION, RUNNING } from './network-index.js';

/** Relationships that mean two organisations already work together. */
const COLLABORATION = new Set(['PARTNERS_WITH', 'FUNDS', 'SUPPORTS', 'PART_OF', 'POSSIBLE_DUPLICATE']);

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
