/**
 * Matchmaking: "who should you meet?" for an organisation or a person. Two actors are scored by
 * what they share - events (and the conferences those belong to), topics, funders, partners,
 * places - and each shared item counts less the more actors share it: one 125-person conference
 * says little about a pair, a twelve-person session says a lot (Adamic-Adar damping, 1/ln size;
 * resource allocation, 1/size, is the other option the backtest tried). Pairs that already work
 * together are not suggested. `bench/matchmaking.ts` chose the weights by predicting new
 * collaborations from an earlier network (docs/matchmaking.md).
 */
import { pushTo } from '../lib/group-by.js';
import { Index, MONEY, PARTICIPATION, RUNNING } from './network-index.js';
import type { Network } from '../domain/network.js';
import type { SharedItem } from './matchmaking-backtest.js';

export const REASON_KINDS = ['event', 'topic', 'funder', 'partner', 'place'] as const;
export type ReasonKind = (typeof REASON_KINDS)[number];
export type ActorKind = 'organisation' | 'person';

/** How a shared item's weight falls with the number of actors sharing it. */
export type Damping = 'none' | 'log' | 'linear';

export interface MatchWeights {
  /** none: every shared item counts 1 (common neighbours); log: 1/ln(size) (Adamic-Adar); linear: 1/size (resource allocation). */
  damping: Damping;
  /** What one shared item of each kind is worth before damping. */
  kinds: Record<ReasonKind, number>;
}

/**
 * The weights the backtest chose on its tuning split (docs/matchmaking.md): Adamic-Adar damping
 * (1/ln size) over shared contexts, partners counting double, funders and events once, topics
 * half, places a quarter.
 */
export const CHOSEN_WEIGHTS: MatchWeights = { damping: 'log', kinds: { event: 1, topic: 0.5, funder: 1, partner: 2, place: 0.25 } };

/** The weight of one item shared by `size` actors. */
export function damped(damping: Damping, size: number): number {
  if (damping === 'none') return 1;
  if (damping === 'log') return 1 / Math.log(Math.max(size, 2));
  return 1 / Math.max(size, 1);
}

// ---------------------------------------------------------------------------------------------
// Who already works together

/** Organisations linked directly by these work together. */
const DIRECT_COLLABORATION = new Set(['PARTNERS_WITH', 'FUNDS', 'SUPPORTS']);
/** Organisations in one of these roles on the same event ran it together. */
const RAN_EVENT = new Set(['ORGANISED', 'HOSTED', 'PARTNER_IN', 'FUNDS', 'SUPPORTS']);
/** Organisations in one of these roles on the same initiative work on it together. */
const IN_INITIATIVE = new Set(['RUNS', 'IMPLEMENTS', 'PARTNER_IN', 'FUNDS', 'SUPPORTS']);
const WORKS_ON = new Set(['RUNS', 'IMPLEMENTS', 'PUBLISHED', 'DEVELOPED', 'PRESENTED', 'AUTHORED']);
const PLACED = new Set(['LOCATED_IN', 'BASED_IN']);

/**
 * "Worked together", for organisations: linked directly by a partnership or money
 * (PARTNERS_WITH, FUNDS, SUPPORTS), or both organising, hosting, partnering in, funding or
 * supporting the same event, or running, implementing, partnering in, funding or supporting the
 * same initiative (an initiative that funds or supports an organisation counts it in).
 */
export function workedTogether(network: Network): Map<string, Set<string>> {
  const index = new Index(network);
  const isOrg = (id: string) => index.kind(id) === 'organisation';
  const partners = new Map<string, Set<string>>();
  const link = (a: string, b: string) => {
    if (a === b) return;
    (partners.get(a) ?? partners.set(a, new Set()).get(a)!).add(b);
    (partners.get(b) ?? partners.set(b, new Set()).get(b)!).add(a);
  };
  for (const edge of network.edges) if (DIRECT_COLLABORATION.has(edge.type) && isOrg(edge.from) && isOrg(edge.to)) link(edge.from, edge.to);
  for (const node of network.nodes) {
    let members: string[] = [];
    if (node.kind === 'event') members = index.incoming(node.id, RAN_EVENT).map((e) => e.from);
    else if (node.kind === 'initiative') {
      members = [...index.incoming(node.id, IN_INITIATIVE).map((e) => e.from), ...index.outgoing(node.id, MONEY).map((e) => e.to)];
    }
    members = [...new Set(members.filter(isOrg))];
    for (let i = 0; i < members.length; i++) for (let j = i + 1; j < members.length; j++) link(members[i]!, members[j]!);
  }
  return partners;
}

/** Organisations one of which is part of the other, or that may be the same: never a suggestion. */
function related(index: Index, id: string): string[] {
  const linked = new Set(['PART_OF', 'POSSIBLE_DUPLICATE']);
  return [...index.outgoing(id, linked).map((e) => e.to), ...index.incoming(id, linked).map((e) => e.from)];
}

// ---------------------------------------------------------------------------------------------
// What each actor is involved in

/** An event and every event it is part of (a panel, its conference day, the conference). */
function withParents(index: Index, event: string): string[] {
  const chain = [event];
  for (let i = 0; i < 5; i++) {
    const parent = index.outgoing(chain[chain.length - 1]!, new Set(['PART_OF'])).find((e) => index.kind(e.to) === 'event');
    if (!parent || chain.includes(parent.to)) break;
    chain.push(parent.to);
  }
  return chain;
}

/** Where an event was held and which places were represented at it, once per event (a large event has thousands of links). */
const placesCache = new WeakMap<Index, Map<string, string[]>>();
function eventPlaces(index: Index, event: string): string[] {
  let cache = placesCache.get(index);
  if (!cache) placesCache.set(index, (cache = new Map()));
  let places = cache.get(event);
  if (!places) {
    places = [...index.outgoing(event, new Set(['HELD_IN'])).map((e) => e.to), ...index.incoming(event, new Set(['REPRESENTED_AT'])).map((e) => e.from)];
    cache.set(event, places);
  }
  return places;
}

type Context = Map<string, ReasonKind>;

function addAll(context: Context, kind: ReasonKind, ids: Iterable<string>, self: string) {
  for (const id of ids) if (id !== self) context.set(`${kind}:${id}`, kind);
}

/** Funders of an actor: who funds or supports it, and who funds the initiatives that support it or that it runs. */
function fundersOf(index: Index, org: string): string[] {
  const funders: string[] = [];
  const programmes = [...index.incoming(org, MONEY).map((e) => e.from), ...index.outgoing(org, new Set(['RUNS', 'IMPLEMENTS'])).map((e) => e.to)];
  for (const e of index.incoming(org, MONEY)) funders.push(e.from);
  for (const p of programmes) if (index.kind(p) === 'initiative') funders.push(...index.incoming(p, MONEY).map((e) => e.from));
  return funders.filter((id) => index.kind(id) === 'organisation' || index.kind(id) === 'initiative');
}

function contextOf(index: Index, partners: Map<string, Set<string>>, id: string, kind: ActorKind): Context {
  const context: Context = new Map();
  const employers = kind === 'person' ? index.outgoing(id, new Set(['WORKS_FOR'])).map((e) => e.to) : [id];
  const actors = kind === 'person' ? [id] : [id, ...index.incoming(id, new Set(['WORKS_FOR'])).map((e) => e.from)];
  const events = new Set<string>();
  const ran = new Set<string>();
  for (const actor of actors) {
    for (const e of index.outgoing(actor, PARTICIPATION)) {
      if (index.kind(e.to) !== 'event') continue;
      for (const event of withParents(index, e.to)) events.add(event);
      if (RUNNING.has(e.type)) ran.add(e.to);
    }
  }
  addAll(context, 'event', events, id);
  const topicHolders = [
    id,
    ...ran,
    ...index.outgoing(id, WORKS_ON).map((e) => e.to),
    ...employers.flatMap((o) => index.outgoing(o, WORKS_ON).map((e) => e.to)),
  ];
  addAll(
    context,
    'topic',
    topicHolders.flatMap((n) => index.outgoing(n, new Set(['ABOUT'])).map((e) => e.to)),
    id,
  );
  const funders = new Set(employers.flatMap((o) => fundersOf(index, o)));
  addAll(context, 'funder', funders, id);
  // A funder is a funder, not also a partner: one tie counts once.
  addAll(
    context,
    'partner',
    employers.flatMap((o) => [...(partners.get(o) ?? [])]).filter((p) => !funders.has(p)),
    id,
  );
  const places = [...employers.flatMap((o) => index.outgoing(o, PLACED).map((e) => e.to)), ...[...events].flatMap((ev) => eventPlaces(index, ev))];
  addAll(
    context,
    'place',
    places.filter((p) => index.kind(p) === 'place'),
    id,
  );
  return context;
}

// ---------------------------------------------------------------------------------------------
// The index and the ranking

export interface Reason {
  kind: ReasonKind;
  /** The shared node. */
  id: string;
  name: string;
  /** How many actors of the same kind share it: the more, the less it says. */
  sharedBy: number;
  weight: number;
}

export interface Suggestion {
  id: string;
  name: string;
  kind: ActorKind;
  score: number;
  reasons: Reason[];
}

interface KindIndex {
  contexts: Map<string, Context>;
  holders: Map<string, string[]>;
  /** Pairs never suggested: they already work together (organisations), are colleagues (people), or are part of one another. */
  excluded: Map<string, Set<string>>;
}

/** Everything the ranking needs, built once per network. */
export class MatchIndex {
  readonly index: Index;
  private readonly kinds = new Map<ActorKind, KindIndex>();

  constructor(network: Network) {
    this.index = new Index(network);
    const partners = workedTogether(network);
    for (const kind of ['organisation', 'person'] as const) {
      const contexts = new Map<string, Context>();
      const holders = new Map<string, string[]>();
      const excluded = new Map<string, Set<string>>();
      for (const node of network.nodes) {
        if (node.kind !== kind) continue;
        const context = contextOf(this.index, partners, node.id, kind);
        contexts.set(node.id, context);
        for (const item of context.keys()) pushTo(holders, item, node.id);
        excluded.set(
          node.id,
          new Set(kind === 'organisation' ? [...(partners.get(node.id) ?? []), ...related(this.index, node.id)] : this.colleagues(node.id)),
        );
      }
      this.kinds.set(kind, { contexts, holders, excluded });
    }
  }

  private colleagues(person: string): string[] {
    return this.index.outgoing(person, new Set(['WORKS_FOR'])).flatMap((e) => this.index.incoming(e.to, new Set(['WORKS_FOR'])).map((w) => w.from));
  }

  /** Who `id` should meet, best first, each with the shared items that make the score. Undefined for anything but an organisation or a person. */
  suggestionsFor(id: string, limit = 20, weights: MatchWeights = CHOSEN_WEIGHTS): Suggestion[] | undefined {
    const kind = this.index.kind(id);
    if (kind !== 'organisation' && kind !== 'person') return undefined;
    const { contexts, holders, excluded } = this.kinds.get(kind)!;
    const skip = excluded.get(id) ?? new Set();
    const found = new Map<string, Suggestion>();
    for (const [item, reasonKind] of contexts.get(id) ?? []) {
      const sharing = holders.get(item) ?? [];
      const weight = weights.kinds[reasonKind] * damped(weights.damping, sharing.length);
      if (weight <= 0) continue;
      const node = item.slice(reasonKind.length + 1);
      const reason: Reason = { kind: reasonKind, id: node, name: this.index.byId.get(node)?.name ?? node, sharedBy: sharing.length, weight: round(weight) };
      for (const other of sharing) {
        if (other === id || skip.has(other)) continue;
        const entry = found.get(other) ?? { id: other, name: this.index.byId.get(other)?.name ?? other, kind, score: 0, reasons: [] };
        entry.score += weight;
        entry.reasons.push(reason);
        found.set(other, entry);
      }
    }
    return [...found.values()]
      .sort((a, b) => b.score - a.score || a.name.localeCompare(b.name))
      .slice(0, limit)
      .map((s) => ({ ...s, score: round(s.score), reasons: s.reasons.sort((a, b) => b.weight - a.weight || a.name.localeCompare(b.name)) }));
  }

  /** The shared items of every organisation (or person) pair, for ranking all pairs at once. */
  sharedItems(kind: ActorKind, weights: MatchWeights): SharedItem[] {
    const { holders } = this.kinds.get(kind)!;
    return [...holders].map(([item, list]) => ({
      holders: list,
      weight: weights.kinds[item.slice(0, item.indexOf(':')) as ReasonKind] * damped(weights.damping, list.length),
    }));
  }

  /** True when the pair is never suggested (already working together, colleagues, or related). */
  excludes(kind: ActorKind, a: string, b: string): boolean {
    return this.kinds.get(kind)!.excluded.get(a)?.has(b) ?? false;
  }
}

const round = (x: number) => Math.round(x * 10_000) / 10_000;
