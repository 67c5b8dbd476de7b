/**
 * Cypher predicates for the filters every graph read shares. Each returns a fragment over fixed
 * parameter names ($windowFrom, $windowTo, $kinds, $relTypes, $country, $topic); `filterParams`
 * builds those parameters. The fragments are constants of this file, chosen by which filters are
 * set; no input text is ever spliced into the Cypher.
 */
import { toNeo4jDate } from '../db/plain-values.js';
import type { GraphFilter } from '../domain/views.js';

export type { GraphFilter };

const EARLIEST = '0001-01-01';
const LATEST = '9999-12-31';

export function filterParams(filter: GraphFilter): Record<string, unknown> {
  return {
    windowFrom: toNeo4jDate(filter.window.from ?? EARLIEST),
    windowTo: toNeo4jDate(filter.window.to ?? LATEST),
    kinds: filter.kinds ?? null,
    relTypes: filter.relTypes ?? null,
    country: filter.country ?? null,
    topic: filter.topic ?? null,
  };
}

/** The relationship entered the network inside the window, and is of an allowed type. */
export function relationshipAllowed(r: string, filter: GraphFilter): string {
  const clauses = [
    filter.window.from || filter.window.to ? `(${r}.since IS NULL OR (${r}.since >= $windowFrom AND ${r}.since <= $windowTo))` : '',
    filter.relTypes ? `type(${r}) IN $relTypes` : '',
  ].filter(Boolean);
  return clauses.length ? `(${clauses.join(' AND ')})` : 'true';
}

/**
 * The node may be shown to the audience: a person marked not public only to signed-in users.
 * Every read that can reach a person goes through this (or `nodeAllowed`, which includes it).
 */
export function visibleTo(n: string, publicOnly: boolean): string {
  return publicOnly ? `coalesce(${n}.public, true)` : 'true';
}

/**
 * The node may appear: visible to the audience, an event inside the window, a node of an allowed kind (figures only when
 * asked for: they are detail, not network), in the country (or of no known country), about the
 * topic (for kinds that have topics). Only the clauses of filters that are set are written, so
 * an unfiltered read pays for none of them.
 */
export function nodeAllowed(n: string, filter: GraphFilter): string {
  const clauses = [
    filter.publicOnly ? visibleTo(n, true) : '',
    filter.window.from || filter.window.to ? `(NOT ${n}:Event OR ${n}.since IS NULL OR (${n}.since >= $windowFrom AND ${n}.since <= $windowTo))` : '',
    filter.kinds?.includes('figure') ? '' : `NOT ${n}:Figure`,
    filter.kinds ? `${n}.kind IN $kinds` : '',
    filter.country
      ? `(${n}.kind IN ['place', 'topic', 'source'] OR ${n}.id = $country OR ${n}.country = $country
          OR (${n}.country IS NULL AND NOT EXISTS { (${n})-[:HELD_IN|LOCATED_IN|BASED_IN]->(:Place) })
          OR EXISTS { (${n})-[:HELD_IN|LOCATED_IN|BASED_IN]->(:Place)-[:PART_OF*0..2]->(:Place {id: $country}) })`
      : '',
    filter.topic ? `(NOT ${n}.kind IN ['event', 'initiative', 'organisation'] OR ${n}.id = $topic OR EXISTS { (${n})-[:ABOUT]->(:Topic {id: $topic}) })` : '',
  ].filter(Boolean);
  return `(${clauses.join(' AND ')})`;
}

/**
 * The node is part of the network inside the time window: an event held in it, or anything else
 * with a relationship that entered the network in it. Always true without a window.
 */
export function presentInWindow(n: string, filter: GraphFilter): string {
  if (!filter.window.from && !filter.window.to) return 'true';
  return `(CASE WHEN ${n}:Event THEN ${n}.since IS NULL OR (${n}.since >= $windowFrom AND ${n}.since <= $windowTo)
    ELSE EXISTS { (${n})-[w]-(:Entity) WHERE w.since IS NULL OR (w.since >= $windowFrom AND w.since <= $windowTo) } END)`;
}
