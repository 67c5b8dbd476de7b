/**
 * Mentions in one segment: people after an honorific, organisations with their acronyms and
 * parents, events and sessions, places, and the network's own names (a gazetteer). Each mention
 * is an exact span of the document; where two overlap, the surer one stays.
 */
import { sessions, showcased, tableSection, titledEvents, untitledSessions } from './event-mentions.js';
import { gazetteerMentions, places, type Gazetteer, type gazetteerMatchers } from './gazetteer.js';
import type { Mention } from './mention.js';
import { acronymDefinitions, afterTitles, headPhrases, listedOrganisations, rowOrganisations } from './organisation-mentions.js';
import { authors, citationAuthor, people, rowPerson } from './person-mentions.js';
import type { Segment } from './segments.js';

/** Drops mentions inside a longer one; a person wins over anything else at the same place, a surer one over a guess. */
function nonOverlapping(mentions: Mention[], first: Set<Mention> = new Set()): Mention[] {
  const rank = (m: Mention) => (m.kind === 'person' ? 0 : 2) + (first.has(m) ? 0 : 1);
  const sorted = [...mentions].sort((a, b) => rank(a) - rank(b) || b.end - b.start - (a.end - a.start) || (a.gazetteer ? -1 : 1));
  const kept: Mention[] = [];
  for (const m of sorted) {
    const clash = kept.find((k) => m.start < k.end && k.start < m.end);
    if (!clash) kept.push(m);
  }
  return kept.sort((a, b) => a.start - b.start);
}

export interface SegmentMentions {
  mentions: Mention[];
  /** What a breakout heading says was shown there. */
  showcased: Mention[];
  /** Organisations named as parts of others in one phrase: [part, whole]. */
  parts: [Mention, Mention][];
}

/** Acronyms a segment defines ("… (CADT)"), so that the rest of the document finds them bare. */
export function definedAcronyms(segment: Segment): Mention[] {
  return acronymDefinitions(segment).mentions.filter((m) => m.acronym);
}

/** Every mention in one segment, in document order, none overlapping another. */
export function mentionsIn(
  segment: Segment,
  text: string,
  gazetteer: Gazetteer,
  matchers: ReturnType<typeof gazetteerMatchers>,
  inSpeakerTable: boolean,
): SegmentMentions {
  const definitions = acronymDefinitions(segment);
  const phrases = headPhrases(segment);
  const row = inSpeakerTable && segment.kind === 'row' && segment.cells.length >= 2 && segment.cells[1] ? rowPerson(segment, text) : [];
  const found = [
    ...sessions(segment),
    ...(inSpeakerTable && !row.length ? tableSection(segment) : []),
    ...untitledSessions(segment),
    ...titledEvents(segment),
    ...listedOrganisations(segment),
    ...(row.length ? rowOrganisations(segment, text) : []),
  ];
  const all = [
    ...row,
    ...people(segment),
    ...citationAuthor(segment),
    ...authors(segment),
    ...found,
    ...definitions.mentions,
    ...gazetteerMentions(segment, gazetteer, matchers),
    ...afterTitles(segment),
    ...phrases.mentions,
    ...places(segment),
  ];
  // Definitions and session titles are surer than a capitalised phrase that overlaps them.
  // A table row's person carries its role ("(Moderator)"): surer than the same name from the gazetteer.
  const sure = new Set([...row, ...found, ...definitions.mentions]);
  const allParts = [...definitions.parts, ...phrases.parts];
  const kept = nonOverlapping(
    all.filter((m) => !definitions.parts.some(([part]) => part === m)),
    sure,
  );
  const parts = allParts.filter(([part]) => kept.includes(part) || definitions.parts.some(([p]) => p === part));
  const shown = showcased(
    segment,
    found.find((m) => m.kind === 'event' && ['breakout', 'session', 'panel'].includes(m.subkind ?? '')),
  );
  return {
    mentions: [...nonOverlapping([...kept, ...parts.map(([part]) => part)], sure), ...shown].sort((a, b) => a.start - b.start),
    parts,
    showcased: shown,
  };
}
