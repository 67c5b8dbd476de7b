/**
 * Which relationships of a batch would be dated only by a source's publication date: the last
 * rule of `since` (see writeSince in graph-loader.ts), used when a relationship has no
 * `from_date` and touches no dated event. A fact a document ties to an event should take the
 * event's date instead; the seed reports what is left so that a curator can check each one.
 */
import type { GraphNode, GraphRelationship } from './model.js';
import type { GraphBatch, Located } from './spreadsheet.js';

/** How many PART_OF steps up an undated event looks for a dated parent (as writeSince does). */
const PARENT_DEPTH = 3;

/** Each event's `since`: its start, else the start of the nearest dated parent event. */
export function eventDates(batch: GraphBatch): Map<string, string> {
  const events = new Map<string, GraphNode & { kind: 'event' }>();
  for (const { record } of batch.nodes) if (record.kind === 'event') events.set(record.id, record);
  const parents = new Map<string, string[]>();
  for (const { record: r } of batch.relationships) {
    if (r.type === 'PART_OF' && events.has(r.from) && events.has(r.to)) parents.set(r.from, [...(parents.get(r.from) ?? []), r.to]);
  }
  const dates = new Map<string, string>();
  for (const id of events.keys()) {
    let level = [id];
    for (let depth = 0; depth <= PARENT_DEPTH && level.length; depth++) {
      const dated = level.map((e) => events.get(e)?.startDate).find((d) => d !== undefined);
      if (dated) {
        dates.set(id, dated);
        break;
      }
      level = level.flatMap((e) => parents.get(e) ?? []);
    }
  }
  return dates;
}

/** Where a relationship's `since` comes from, by the loader's rule. */
export type SinceOrigin = 'own' | 'event' | 'publication' | 'none';

export function sinceOrigin(r: GraphRelationship, eventSince: ReadonlyMap<string, string>, sourceDates: ReadonlyMap<string, string>): SinceOrigin {
  if (r.from_date) return 'own';
  if (eventSince.has(r.to) || eventSince.has(r.from)) return 'event';
  return r.sources.some((s) => sourceDates.has(s)) ? 'publication' : 'none';
}

/** The relationships whose only date is the publication date of a source they cite. */
export function publicationDated(batch: GraphBatch): Located<GraphRelationship>[] {
  const eventSince = eventDates(batch);
  const sourceDates = new Map<string, string>();
  for (const { record } of batch.nodes) if (record.kind === 'source' && record.date) sourceDates.set(record.id, record.date);
  return batch.relationships.filter(({ record }) => sinceOrigin(record, eventSince, sourceDates) === 'publication');
}
