/**
 * A synthetic network with the seed's model and a realistic shape: communities (regions of
 * work), hub organisations and people, events with many speakers and sessions, funders that fund
 * programmes implemented by organisations, and dates spread over ten years. Deterministic for a
 * given scale and seed.
 */
import { seededRandom } from '../api/src/analytics/metrics.js';

export interface Scale {
  name: string;
  nodes: number;
  relationships: number;
}

export const SCALES: Record<string, Scale> = {
  tiny: { name: 'tiny', nodes: 2_000, relationships: 10_000 },
  small: { name: 'small', nodes: 20_000, relationships: 100_000 },
  large: { name: 'large', nodes: 200_000, relationships: 1_000_000 },
};

export interface GeneratedNode {
  id: string;
  kind: 'organisation' | 'person' | 'event' | 'initiative' | 'place' | 'topic' | 'source';
  props: Record<string, unknown>;
}

export interface GeneratedRelationship {
  from: string;
  to: string;
  type: string;
  props: Record<string, unknown>;
}

const SYLLABLES = ['ka', 'mo', 'ri', 'san', 'phal', 'vy', 'chea', 'sok', 'dara', 'nita', 'pheap', 'rith', 'lina', 'bo', 'sen', 'tha'];
const ORG_WORDS = ['Data', 'Open', 'Digital', 'Rights', 'Youth', 'Health', 'Forest', 'Water', 'Budget', 'Civic', 'Rural', 'Women'];
const ORG_KINDS = ['government', 'cso', 'ingo', 'academic', 'private', 'media', 'network'];
const EVENT_KINDS = ['conference', 'workshop', 'open-data-day', 'hackathon', 'dialogue'];
const INITIATIVE_KINDS = ['platform', 'portal', 'dataset', 'policy', 'project', 'publication'];
const SPEAKING = ['SPOKE_AT', 'SPOKE_AT', 'SPOKE_AT', 'MODERATED', 'ATTENDED', 'ATTENDED', 'JUDGED', 'MENTORED'];

export function generateNetwork(scale: Scale, seed = 2025): { nodes: GeneratedNode[]; relationships: GeneratedRelationship[] } {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
  /** Skewed towards low indexes: a few hubs get most links. */
  const skewed = (n: number) => Math.floor(n * random() ** 2.2);
  const word = () => `${pick(SYLLABLES)}${pick(SYLLABLES)}`;
  const name = () => word().charAt(0).toUpperCase() + word().slice(1);
  const date = () => {
    const year = 2015 + Math.floor(random() * 11);
    const month = 1 + Math.floor(random() * 12);
    const day = 1 + Math.floor(random() * 28);
    return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  };

  const counts = {
    source: 20,
    topic: 60,
    place: 120,
    organisation: Math.round(scale.nodes * 0.2),
    event: Math.round(scale.nodes * 0.15),
    initiative: Math.round(scale.nodes * 0.15),
  };
  const people = scale.nodes - Object.values(counts).reduce((a, b) => a + b, 0);
  const communities = Math.max(10, Math.round(scale.nodes / 400));
  const nodes: GeneratedNode[] = [];
  const ids: Record<string, string[]> = {};
  const add = (kind: GeneratedNode['kind'], count: number, props: (i: number) => Record<string, unknown>) => {
    ids[kind] = [];
    for (let i = 0; i < count; i++) {
      const id = `g-${kind}-${i}`;
      ids[kind]!.push(id);
      nodes.push({ id, kind, props: { id, kind, community: i % communities, aliases: [], ...props(i) } });
    }
  };
  add('source', counts.source, (i) => ({ name: `Synthetic report ${i}`, sourceKind: 'report', publisher: 'Spean bench', date: `${2015 + (i % 11)}-06-30` }));
  const sources = () => [pick(ids.source!)];
  add('topic', counts.topic, (i) => ({ name: `Topic ${word()} ${i}`, sources: sources() }));
  add('place', counts.place, (i) => ({ name: `${name()} province ${i}`, placeKind: i < 10 ? 'country' : 'province', sources: sources() }));
  add('organisation', counts.organisation, (i) => ({
    name: `${pick(ORG_WORDS)} ${name()} ${i % 7 === 0 ? 'Foundation' : 'Organisation'} ${i}`,
    acronym: `${word().toUpperCase().slice(0, 4)}${i}`,
    orgKind: i % 97 === 0 ? 'donor' : pick(ORG_KINDS),
    country: `g-place-${i % 10}`,
    sources: sources(),
  }));
  add('person', people, (i) => ({ name: `${name()} ${name()} ${i}`, aliases: [`${name()} ${i}`], sources: sources() }));
  add('event', counts.event, (i) => {
    const start = date();
    return {
      name: `${name()} ${pick(['Forum', 'Workshop', 'Open Data Day', 'Hackathon'])} ${i}`,
      eventKind: pick(EVENT_KINDS),
      startDate: start,
      since: start,
      sources: sources(),
    };
  });
  add('initiative', counts.initiative, (i) => ({
    name: `${name()} ${pick(['Portal', 'Platform', 'Dataset', 'Policy'])} ${i}`,
    initiativeKind: pick(INITIATIVE_KINDS),
    sources: sources(),
  }));

  const inCommunity = (kind: string, community: number) => {
    const list = ids[kind]!;
    // Mostly the same community, sometimes a hub anywhere.
    if (random() < 0.15) return list[skewed(list.length)]!;
    const slot = Math.floor(random() * Math.max(1, Math.floor(list.length / communities)));
    return list[Math.min(list.length - 1, slot * communities + community)]!;
  };
  const relationships: GeneratedRelationship[] = [];
  const rel = (from: string, type: string, to: string) => {
    if (from !== to) relationships.push({ from, to, type, props: { key: '', sources: sources(), confidence: 'confirmed', since: date() } });
  };
  const eventCount = ids.event!.length;
  const fundable = [...ids.initiative!, ...ids.organisation!];
  // The mix of relationship types, as shares of the total.
  const plan: [number, () => void][] = [
    [
      0.2,
      () => {
        const i = Math.floor(random() * people);
        rel(ids.person![i]!, 'WORKS_FOR', inCommunity('organisation', i % communities));
      },
    ],
    [
      0.35,
      () => {
        const e = skewed(eventCount);
        rel(inCommunity('person', e % communities), pick(SPEAKING), ids.event![e]!);
      },
    ],
    [
      0.08,
      () => {
        const e = Math.floor(random() * eventCount);
        rel(inCommunity('organisation', e % communities), pick(['ORGANISED', 'HOSTED', 'PARTNER_IN']), ids.event![e]!);
      },
    ],
    [
      0.04,
      () => {
        const e = Math.floor(random() * eventCount);
        rel(ids.event![e]!, 'PART_OF', ids.event![skewed(eventCount)]!);
      },
    ],
    [
      0.05,
      () => {
        rel(pick(ids.event!), 'ABOUT', pick(ids.topic!));
      },
    ],
    [
      0.05,
      () => {
        rel(pick(ids.event!), 'HELD_IN', ids.place![skewed(counts.place)]!);
      },
    ],
    [
      0.06,
      () => {
        const o = Math.floor(random() * counts.organisation);
        rel(ids.organisation![o]!, pick(['RUNS', 'IMPLEMENTS']), inCommunity('initiative', o % communities));
      },
    ],
    [
      0.04,
      () => {
        rel(ids.organisation![(skewed(counts.organisation / 10) * 97) % counts.organisation]!, 'FUNDS', pick(fundable));
      },
    ],
    [
      0.03,
      () => {
        rel(pick(ids.initiative!), 'SUPPORTS', pick(ids.organisation!));
      },
    ],
    [
      0.04,
      () => {
        const o = Math.floor(random() * counts.organisation);
        rel(ids.organisation![o]!, 'PARTNERS_WITH', inCommunity('organisation', o % communities));
      },
    ],
    [
      0.06,
      () => {
        const i = Math.floor(random() * people);
        rel(ids.person![i]!, 'PRESENTED', inCommunity('initiative', i % communities));
      },
    ],
  ];
  const total = plan.reduce((sum, [share]) => sum + share, 0);
  for (const [share, make] of plan) {
    const n = Math.round((scale.relationships * share) / total);
    for (let k = 0; k < n; k++) make();
  }
  return { nodes, relationships };
}
