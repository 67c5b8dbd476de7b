/** The UI's URL state, number and date formatting, and time slider arithmetic. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_STATE, DEFAULT_YEARS, parseState, serializeState, YEARS } from '../../ui/src/lib/url-state.js';
import { formatDate, formatNumber, MESSAGES } from '../../ui/src/lib/i18n.js';
import { monthEnd, monthIndex, monthsSince, TIME_START } from '../../ui/src/lib/time.js';
import { groupRelationships, shownProperties } from '../../ui/src/lib/node-detail.js';
import { sortRows } from '../../ui/src/lib/sort.js';

describe('URL state', () => {
  it('round-trips every part of a view through the query string', () => {
    const state = {
      ...DEFAULT_STATE,
      tab: 'path' as const,
      lang: 'km' as const,
      node: 'odc',
      filters: { kinds: ['organisation', 'person'], relTypes: ['FUNDS'], country: 'cambodia', topic: 'open-data', asOf: '2024-12-31' },
      from: 'thy-try',
      to: 'dongpo-deng',
      size: 'pagerank' as const,
      colour: 'community' as const,
      view: 'AbCdEfGh12',
      embed: true,
      limit: 5000,
    };
    const query = serializeState(state);
    expect(query).toContain('kinds=organisation,person');
    expect(parseState(query)).toEqual(state);
  });

  it('leaves defaults out and ignores what is malformed', () => {
    expect(serializeState(DEFAULT_STATE)).toBe('');
    expect(parseState('?tab=nope&node=Bad%20Id&asOf=2024-13&kinds=organisation,<script>&size=huge&limit=9999999')).toEqual({
      ...DEFAULT_STATE,
      filters: { ...DEFAULT_STATE.filters, kinds: ['organisation'], asOf: undefined },
    });
  });
});

describe('URL state of the changes view', () => {
  it('opens a deep link with its two years, and keeps them in the link while the view is open', () => {
    const state = parseState('?tab=changes&fromYear=2023&toYear=2024');
    expect(state.tab).toBe('changes');
    expect(state.years).toEqual({ from: 2023, to: 2024 });
    expect(serializeState(state)).toBe('?tab=changes&fromYear=2023&toYear=2024');
    expect(serializeState({ ...state, years: DEFAULT_YEARS })).toBe(`?tab=changes&fromYear=${DEFAULT_YEARS.from}&toYear=${DEFAULT_YEARS.to}`);
    expect(serializeState({ ...state, tab: 'graph', years: DEFAULT_YEARS })).toBe('');
  });

  it('falls back to the default pair for years out of order or outside the history', () => {
    for (const query of ['?fromYear=2025&toYear=2023', '?fromYear=2024&toYear=2024', '?fromYear=1999', `?toYear=${YEARS.last + 1}`, '?fromYear=20x2']) {
      expect(parseState(query).years, query).toEqual(DEFAULT_YEARS);
    }
    expect(parseState(`?toYear=${YEARS.last}`).years).toEqual({ from: DEFAULT_YEARS.from, to: YEARS.last });
  });
});

describe('language', () => {
  it('formats numbers and dates in Khmer with Khmer digits', () => {
    expect(formatNumber(1234, 'km')).toMatch(/^១.២៣៤$/);
    expect(formatNumber(1234, 'en')).toBe('1,234');
    expect(formatDate('2024-03-26', 'en')).toBe('26 Mar 2024');
    expect(formatDate('2024-03-26', 'km')).toContain('២០២៤');
    expect(formatDate('2024', 'km')).toBe('២០២៤');
    expect(formatDate('2024-12', 'en')).toBe('December 2024');
  });

  it('has every message in both languages', () => {
    const keys = (o: object, prefix = ''): string[] =>
      Object.entries(o).flatMap(([k, v]) => (v && typeof v === 'object' ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`]));
    expect(keys(MESSAGES.km).sort()).toEqual(keys(MESSAGES.en).sort());
  });
});

describe('time slider', () => {
  it('maps months to the last day of the month and back', () => {
    expect(monthEnd(0)).toBe('2022-01-31');
    expect(monthEnd(25)).toBe('2024-02-29');
    expect(monthEnd(35)).toBe('2024-12-31');
    expect(monthIndex('2024-12-31')).toBe(35);
    expect(monthsSince(TIME_START, new Date(Date.UTC(2026, 10, 23)))).toBe(58);
  });
});

describe('node detail and tables', () => {
  it('groups relationships by type and direction, dated ones in order', () => {
    const rel = (type: string, direction: 'in' | 'out', id: string, properties: Record<string, unknown> = {}) => ({
      type,
      direction,
      other: { id, kind: 'person' as const, name: id },
      properties,
    });
    const groups = groupRelationships([
      rel('WORKS_FOR', 'in', 'b', { from_date: '2023-01-01' }),
      rel('WORKS_FOR', 'in', 'a', { from_date: '2021-01-01' }),
      rel('FUNDS', 'out', 'c'),
    ]);
    expect(groups.map((g) => g.key)).toEqual(['in:WORKS_FOR', 'out:FUNDS']);
    expect(groups[0]!.items.map((r) => r.other.id)).toEqual(['a', 'b']);
    expect(shownProperties({ id: 'x', name: 'X', acronym: 'X', founded: 2001, aliases: ['Y'], tags: ['a', 'b'], empty: '' })).toEqual([
      ['acronym', 'X'],
      ['founded', '2001'],
      ['tags', 'a, b'],
    ]);
  });

  it('sorts numbers by value and text in order, either way', () => {
    const rows = [
      { n: 10, s: 'b' },
      { n: 9, s: 'a' },
      { n: 100, s: 'c' },
    ];
    expect(sortRows(rows, { key: 'n', descending: false }).map((r) => r.n)).toEqual([9, 10, 100]);
    expect(sortRows(rows, { key: 's', descending: true }).map((r) => r.s)).toEqual(['c', 'b', 'a']);
  });
});
