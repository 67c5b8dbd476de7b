/**
 * What changed between the end of one year and the end of a later one, in the shapes the changes
 * view shows: newcomers by kind, links by relationship kind, and the counts of both years side by
 * side. Plain TypeScript, tested without a browser.
 */
import { NODE_KINDS, RELATIONSHIP_TYPES, type NodeKind, type RelationshipType } from '../../../api/src/domain/model.js';
import type { TimelineDiffResponse, TimelineResponse } from '../../../api/src/domain/responses.js';
import type { YearPair } from './url-state.js';

export type Joined = TimelineDiffResponse['joined'][number];
export type Link = TimelineDiffResponse['links'][number];

/** The kinds that join the network: sources and figures document it, they are not part of it. */
export const MEMBER_KINDS = NODE_KINDS.filter((kind) => kind !== 'source' && kind !== 'figure');

/** The last day of a year: the changes view compares the network at two year ends. */
export const yearEnd = (year: number) => `${year}-12-31`;

/** The dates the API compares for a pair of years: after the end of the first, up to the end of the second. */
export function diffRange(years: YearPair): { from: string; to: string } {
  return { from: yearEnd(years.from), to: yearEnd(years.to) };
}

/** Items grouped by a key, the groups in the order of `order`, empty groups left out. */
function groupBy<K extends string, T>(items: readonly T[], keyOf: (item: T) => K, order: readonly K[]): { key: K; items: T[] }[] {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  return order.filter((key) => groups.has(key)).map((key) => ({ key, items: groups.get(key)! }));
}

/** Newcomers by kind, in the model's order of kinds; each group in the order they joined. */
export function joinedByKind(joined: readonly Joined[]): { key: NodeKind; items: Joined[] }[] {
  return groupBy(joined, (n) => n.kind, NODE_KINDS);
}

/** New links by relationship kind, in the model's order of kinds. */
export function linksByType(links: readonly Link[]): { key: RelationshipType; items: Link[] }[] {
  return groupBy(links, (l) => l.type, RELATIONSHIP_TYPES);
}

export interface ComparisonRow {
  /** A kind of node, or `links`. */
  key: NodeKind | 'links';
  atFrom: number;
  atTo: number;
}

/**
 * How many nodes of each kind, and how many links, the network had at the end of each year:
 * the timeline's newcomers and new links per year, added up. A node counts from its first
 * appearance, as in the diff, so that `atTo - atFrom` is what the diff lists.
 */
export function compareYears(timeline: TimelineResponse, years: YearPair): ComparisonRow[] {
  const upTo = (year: number, count: (p: TimelineResponse['periods'][number]) => number) =>
    timeline.periods.filter((p) => Number(p.period) <= year).reduce((sum, p) => sum + count(p), 0);
  const row = (key: ComparisonRow['key'], count: (p: TimelineResponse['periods'][number]) => number): ComparisonRow => ({
    key,
    atFrom: upTo(years.from, count),
    atTo: upTo(years.to, count),
  });
  return [...MEMBER_KINDS.map((kind) => row(kind, (p) => p.newNodes[kind] ?? 0)), row('links', (p) => p.relationships)];
}

/** What the explorer's filters keep in the changes lists. */
export interface ChangeFilter {
  /** Kinds of node kept (all when empty). */
  kinds: readonly string[];
  /** Kinds of relationship kept (all when empty). */
  relTypes: readonly string[];
  /** Under a place or topic filter: the nodes the filtered network holds. */
  within?: ReadonlySet<string>;
}

export type ChangeLists = Pick<TimelineDiffResponse, 'joined' | 'links' | 'ended'>;

/** The newcomers and links the filters keep: a link only when both its ends are kept. */
export function filterChanges(diff: ChangeLists, filter: ChangeFilter): ChangeLists {
  const keep = (id: string, kind: string) => (!filter.kinds.length || filter.kinds.includes(kind)) && (!filter.within || filter.within.has(id));
  const keepLink = (l: Link) => (!filter.relTypes.length || filter.relTypes.includes(l.type)) && keep(l.from, l.ends.from.kind) && keep(l.to, l.ends.to.kind);
  return { joined: diff.joined.filter((n) => keep(n.id, n.kind)), links: diff.links.filter(keepLink), ended: diff.ended.filter(keepLink) };
}

/**
 * The time the graph should show a node named in the changes at: everything listed is there by
 * the end of the later year, so an earlier time moves there (to today when that year is not over).
 */
export function asOfShowing(asOf: string | undefined, year: number, today: string): string | undefined {
  const end = yearEnd(year);
  if (!asOf || asOf >= end) return asOf;
  return end < today ? end : undefined;
}
