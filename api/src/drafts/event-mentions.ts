/** Events in a segment: named sessions and titled events, and what a breakout heading says was shown. */
import { CAPITALISED, EVENT_HEADS, INITIATIVE_HEADS, SESSION_HEADING, SESSION_IN_PROSE } from './lexicon.js';
import type { Mention } from './mention.js';
import { headOf, lastHead } from './name-phrases.js';
import type { Segment } from './segments.js';

const TITLED = new RegExp(
  String.raw`\b(?:workshop|conference|event|dialogue|forum|session|webinar|training|meeting|summit)\s+(?:titled|entitled|called)\s+[“"]?(${CAPITALISED}[^.“”"]{3,160}?)(?=[”"]|\.(?:\s|$)|$)`,
  'gu',
);

/** "a workshop titled Regional Dialogue on …: Challenges and Opportunities": the event's full name. */
export function titledEvents(segment: Segment): Mention[] {
  const out: Mention[] = [];
  for (const m of segment.text.matchAll(TITLED)) {
    const name = m[1]!.trim();
    const start = segment.start + m.index! + m[0].indexOf(name);
    out.push({ kind: 'event', subkind: headOf(EVENT_HEADS, name) ?? 'other', name, start, end: start + name.length });
  }
  return out;
}

/** Sessions: titled in quotes in prose, or a heading such as `Session 1: …` (also a table row's only cell). */
export function sessions(segment: Segment): Mention[] {
  const out: Mention[] = [];
  const heading = segment.kind !== 'sentence' || segment.text.length < 200 ? SESSION_HEADING.exec(segment.cells[0]!) : null;
  if (heading && segment.cells.slice(1).every((c) => !c)) {
    const title = heading[2]!.replace(/<\/?[a-z]+>/g, '').trim();
    const at = segment.start + segment.text.indexOf(heading[2]!);
    const kindWord = heading[1]!.toLowerCase();
    const subkind = kindWord.startsWith('panel') ? 'panel' : kindWord.startsWith('breakout') ? 'breakout' : 'session';
    if (title.length >= 4)
      out.push({
        kind: 'event',
        subkind,
        name: title,
        role: /^session\s+\d+$/i.test(heading[1]!) ? heading[1]!.replace(/\s+/g, ' ') : undefined,
        start: at,
        end: at + heading[2]!.length,
      });
    return out;
  }
  for (const m of segment.text.matchAll(SESSION_IN_PROSE)) {
    const title = m[2]!.replace(/[.,?!]$/, m[2]!.endsWith('?') ? '?' : '').trim();
    const at = segment.start + m.index! + m[0].indexOf(m[2]!);
    const kindWord = m[1]!.toLowerCase();
    out.push({
      kind: 'event',
      subkind: kindWord.startsWith('panel') ? 'panel' : kindWord.startsWith('breakout') ? 'breakout' : 'session',
      name: title,
      start: at,
      end: at + title.length,
    });
  }
  return out;
}

/** "Mr. X then led a session on data-driven storytelling, using …": a session the text gives only a topic. */
const UNTITLED =
  /\b(?:led|gave|ran|held|hosted|conducted|facilitated|delivered)\s+(?:a|an|the)\s+(session|panel|workshop|breakout session|masterclass|training)\s+on\s+([a-z][\p{L}\p{M}-]*(?:\s+(?!(?:using|with|for|that|which|where|who|to|in|at|by|and)\b)[\p{L}\p{M}-]+){0,5})(?=\s*[,.;:]|\s+(?:using|with|for|that|which|where|who|to|in|at|by)\b)/giu;

/**
 * Sessions named only by their topic ("led a session on data-driven storytelling"): one event per
 * topic, called as a programme would list it ("Data-driven storytelling session"), so that its
 * speakers are not credited to the whole event. The span is the words "session on …".
 */
export function untitledSessions(segment: Segment): Mention[] {
  const out: Mention[] = [];
  for (const m of segment.text.matchAll(UNTITLED)) {
    const [kindWord, topic] = [m[1]!.toLowerCase(), m[2]!];
    const start = segment.start + m.index! + m[0].indexOf(m[1]!);
    const name = `${topic[0]!.toUpperCase()}${topic.slice(1)} ${kindWord.replace(/^breakout /, '')}`;
    out.push({
      kind: 'event',
      subkind: kindWord === 'panel' ? 'panel' : kindWord.startsWith('breakout') ? 'breakout' : 'session',
      name,
      start,
      end: segment.start + m.index! + m[0].length,
    });
  }
  return out;
}

/**
 * In a speakers' table, a row with one short cell that no session heading or person fills
 * ("Remarks", "Hackathon", "Opening ceremony") starts a part of the event: the rows under it
 * belong to it, not to the session above.
 */
export function tableSection(segment: Segment): Mention[] {
  const cell = segment.cells[0]!;
  if (segment.kind !== 'row' || !cell || segment.cells.slice(1).some((c) => c) || SESSION_HEADING.test(cell)) return [];
  if (!/^[A-Z]/.test(cell) || cell.split(/\s+/).length > 8 || /^(?:name|no\.?|organi[sz]ation)$/i.test(cell)) return [];
  const start = segment.start + segment.text.indexOf(cell);
  return [{ kind: 'event', subkind: headOf(EVENT_HEADS, cell) ?? 'session', name: cell, start, end: start + cell.length }];
}

/** The text a mention spans inside its segment. */
const spanText = (segment: Segment, m: Mention) => segment.text.slice(m.start - segment.start, m.end - segment.start);

/**
 * A breakout or showcase heading's title names what was shown: "Breakout Discussion: Cambodian
 * statistics (CAMStat) and Microdata Catalog (NADA)", "Breakout Discussion: The Learning Platform".
 */
export function showcased(segment: Segment, session: Mention | undefined): Mention[] {
  if (!session) return [];
  const title = spanText(segment, session);
  // "Session 4: Inclusive social development (Data Futures Exchange)": a name in brackets that is no acronym.
  const bracketed = /\(((?:[A-Z][\p{L}\p{M}’'&-]*)(?:\s+[\p{L}\p{M}’'&-]+){1,5})\)\s*$/u.exec(title);
  if (bracketed) {
    const start = session.start + bracketed.index + 1;
    return [{ kind: 'initiative', subkind: headOf(INITIATIVE_HEADS, bracketed[1]!) ?? 'other', name: bracketed[1]!, start, end: start + bracketed[1]!.length }];
  }
  if (session.subkind !== 'breakout') return [];
  const defined = [...title.matchAll(/((?:[A-Z][\p{L}\p{M}’'&-]*)(?:\s+[\p{L}\p{M}’'&-]+){0,6}?)\s*\(([A-Z][A-Za-z&-]{1,11})\)/gu)];
  if (defined.length) {
    return defined.map((m) => {
      const start = session.start + m.index!;
      return {
        kind: 'initiative',
        subkind: headOf(INITIATIVE_HEADS, m[1]!) ?? 'other',
        name: m[1]!.replace(/^(?:and|the)\s+/i, ''),
        acronym: m[2],
        start,
        end: start + m[1]!.length,
      };
    });
  }
  const head = lastHead(
    INITIATIVE_HEADS.map(([re, kind]) => [new RegExp(re.source, 'i'), kind] as [RegExp, string]),
    session.name,
  );
  return head ? [{ kind: 'initiative', subkind: head.kind, name: session.name.replace(/^the\s+/i, ''), start: session.start, end: session.end }] : [];
}
