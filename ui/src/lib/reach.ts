/**
 * Reach in shares: for each event with a participant count, how many of them were women, people
 * with disabilities or indigenous people, as a share of that count; and the same per year, over
 * the events that counted each group (an event that did not count a group does not dilute it).
 */
import type { StatsResponse } from './api.js';

export type Figure = StatsResponse['participation'][number];
export const REACH_GROUPS = ['women', 'people-with-disabilities', 'indigenous'] as const;
export type ReachGroup = (typeof REACH_GROUPS)[number];

/** The figures that count each group; indigenous women are indigenous people too (a lower bound). */
const MEASURES: Record<ReachGroup, string[]> = {
  women: ['women'],
  'people-with-disabilities': ['people-with-disabilities'],
  indigenous: ['indigenous', 'indigenous-women'],
};

export interface GroupShare {
  group: ReachGroup;
  value: number;
  /** 0..1 of the participants. */
  share: number;
  /** The figure it comes from (its measure, sources and quote). */
  figure: Figure;
}

export interface EventReach {
  event: string;
  name: string;
  date: string | null;
  participants: Figure;
  groups: GroupShare[];
}

export interface YearReach {
  year: string;
  participants: number;
  events: number;
  /** Per group: the sum over the events that counted it, and the sources of those figures. */
  groups: { group: ReachGroup; value: number; share: number; counted: number; ofParticipants: number; sources: string[] }[];
}

export function eventReach(figures: Figure[]): EventReach[] {
  const byEvent = new Map<string, Figure[]>();
  for (const f of figures) byEvent.set(f.of, [...(byEvent.get(f.of) ?? []), f]);
  const rows: EventReach[] = [];
  for (const [event, list] of byEvent) {
    const participants = list.find((f) => f.measure === 'participants');
    if (!participants || participants.value <= 0) continue;
    const groups = REACH_GROUPS.flatMap((group) => {
      // The broadest figure the event has for the group (indigenous before indigenous women).
      const figure = MEASURES[group].map((m) => list.find((f) => f.measure === m)).find(Boolean);
      return figure ? [{ group, value: figure.value, share: figure.value / participants.value, figure }] : [];
    });
    rows.push({ event, name: participants.ofName, date: participants.date, participants, groups });
  }
  return rows.sort((a, b) => (a.date ?? '').localeCompare(b.date ?? '') || a.name.localeCompare(b.name));
}

export function yearReach(events: EventReach[]): YearReach[] {
  const years = new Map<string, EventReach[]>();
  for (const e of events) {
    const year = e.date?.slice(0, 4) ?? '—';
    years.set(year, [...(years.get(year) ?? []), e]);
  }
  return [...years].map(([year, list]) => ({
    year,
    participants: list.reduce((s, e) => s + e.participants.value, 0),
    events: list.length,
    groups: REACH_GROUPS.map((group) => {
      const counted = list.filter((e) => e.groups.some((g) => g.group === group));
      const value = counted.reduce((s, e) => s + e.groups.find((g) => g.group === group)!.value, 0);
      const ofParticipants = counted.reduce((s, e) => s + e.participants.value, 0);
      const sources = [...new Set(counted.flatMap((e) => [...e.participants.sources, ...e.groups.find((g) => g.group === group)!.figure.sources]))].sort();
      return { group, value, counted: counted.length, ofParticipants, share: ofParticipants ? value / ofParticipants : 0, sources };
    }),
  }));
}
