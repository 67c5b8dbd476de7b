/** The changes view's grouping and year-by-year counts, from answers shaped as the API's. */
import { describe, expect, it } from 'vitest';
import { asOfShowing, compareYears, diffRange, filterChanges, joinedByKind, linksByType, type Joined, type Link } from '../../ui/src/lib/changes.js';
import type { TimelineResponse } from '../../api/src/domain/responses.js';

const node = (id: string, kind: Joined['kind'], firstSeen: string): Joined => ({ id, kind, name: id.toUpperCase(), properties: {}, firstSeen });
const link = (from: string, type: Link['type'], to: string): Link => ({
  id: `${from}|${type}|${to}|`,
  from,
  to,
  type,
  properties: {},
  ends: { from: { id: from, kind: 'person', name: from }, to: { id: to, kind: 'organisation', name: to } },
});

describe('changes between two years', () => {
  it('compares the network after the end of the first year, up to the end of the second', () => {
    expect(diffRange({ from: 2022, to: 2025 })).toEqual({ from: '2022-12-31', to: '2025-12-31' });
  });

  it('groups newcomers by kind in the model order, keeping the order they joined in', () => {
    const groups = joinedByKind([node('b-event', 'event', '2023-01-01'), node('a-org', 'organisation', '2023-02-01'), node('c-event', 'event', '2024-01-01')]);
    expect(groups.map((g) => [g.key, g.items.map((n) => n.id)])).toEqual([
      ['organisation', ['a-org']],
      ['event', ['b-event', 'c-event']],
    ]);
  });

  it('groups new links by relationship kind, leaving out kinds with none', () => {
    const groups = linksByType([link('p', 'WORKS_FOR', 'o'), link('o', 'FUNDS', 'q'), link('p2', 'WORKS_FOR', 'o')]);
    expect(groups.map((g) => [g.key, g.items.length])).toEqual(
      expect.arrayContaining([
        ['WORKS_FOR', 2],
        ['FUNDS', 1],
      ]),
    );
    expect(groups).toHaveLength(2);
  });

  it('adds up the years so that the two year ends differ by what joined in between', () => {
    const timeline: TimelineResponse = {
      from: '1900-01-01',
      to: '2025-12-31',
      granularity: 'year',
      events: [],
      periods: [
        { period: '2020', events: 0, relationships: 2, newNodes: { organisation: 1 } },
        { period: '2022', events: 1, relationships: 10, newNodes: { organisation: 2, person: 3 } },
        { period: '2024', events: 2, relationships: 5, newNodes: { person: 4, event: 2 } },
        { period: '2025', events: 1, relationships: 1, newNodes: { event: 1 } },
      ],
    };
    const rows = Object.fromEntries(compareYears(timeline, { from: 2022, to: 2024 }).map((r) => [r.key, [r.atFrom, r.atTo]]));
    expect(rows).toMatchObject({ organisation: [3, 3], person: [3, 7], event: [0, 2], links: [12, 17], topic: [0, 0] });
    expect(Object.keys(rows)).not.toContain('source');
  });

  it('keeps in the lists only what the filters keep, links by both their ends', () => {
    const diff = {
      joined: [node('p', 'person', '2023-01-01'), node('o', 'organisation', '2023-01-01'), node('e', 'event', '2024-01-01')],
      links: [link('p', 'WORKS_FOR', 'o'), link('p', 'SPOKE_AT', 'e')],
      ended: [link('q', 'WORKS_FOR', 'o')],
    };
    const byKind = filterChanges(diff, { kinds: ['organisation', 'person'], relTypes: [] });
    expect(byKind.joined.map((n) => n.id)).toEqual(['p', 'o']);
    // The second link's ends are typed person and organisation by the helper: kept by kind.
    expect(byKind.links).toHaveLength(2);
    const byType = filterChanges(diff, { kinds: [], relTypes: ['SPOKE_AT'] });
    expect([byType.joined.length, byType.links.map((l) => l.type), byType.ended]).toEqual([3, ['SPOKE_AT'], []]);
    // A place or topic filter: only the nodes the filtered network holds, and links among them.
    const within = filterChanges(diff, { kinds: [], relTypes: [], within: new Set(['p', 'o']) });
    expect([within.joined.map((n) => n.id), within.links.map((l) => l.to), within.ended]).toEqual([['p', 'o'], ['o'], []]);
    expect(filterChanges(diff, { kinds: [], relTypes: [] })).toEqual(diff);
  });

  it('moves the time on to the end of the later year when the slider would hide a newcomer', () => {
    expect(asOfShowing(undefined, 2025, '2026-12-02'), 'today shows everything').toBeUndefined();
    expect(asOfShowing('2023-06-30', 2025, '2026-12-02')).toBe('2025-12-31');
    expect(asOfShowing('2026-03-31', 2025, '2026-12-02'), 'a later time already shows it').toBe('2026-03-31');
    expect(asOfShowing('2023-06-30', 2026, '2026-12-02'), 'a year not over yet: today').toBeUndefined();
  });
});
