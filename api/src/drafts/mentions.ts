/**
 * Mentions in one segment: people after an honorific, organisations with their acronyms and
 * parents, events and sessions, places, and the network's own names (a gazetteer). Each mention
 * is an exact span of the document.
 */
import { nameWords } from '../domain/duplicates.js';
import { CAPITALISED, CONNECTORS, EVENT_HEADS, HONORIFIC, INITIATIVE_HEADS, ORGANISATION_HEADS, PLACES, SESSION_HEADING, SESSION_IN_PROSE } from './lexicon.js';
import type { Segment } from './segments.js';

export type MentionKind = 'person' | 'organisation' | 'event' | 'place' | 'initiative';

export interface Mention {
  kind: MentionKind;
  /** The name as this mention gives it (honorific, tags and possessive taken off). */
  name: string;
  start: number;
  end: number;
  acronym?: string;
  honorific?: string;
  /** Kind within the node kind: orgKind, eventKind, initiativeKind, placeKind. */
  subkind?: string;
  /** A role in parentheses after a name in a table row: "(Moderator)". */
  role?: string;
  /** A known name found as written in the network: the kind is the network's. */
  gazetteer?: boolean;
  /** Names an entity on its own even when it is one acronym ("CEO of DSP"). */
  standalone?: boolean;
}

/** Names the network knows, by the exact text that names them. */
export interface Gazetteer {
  /** Multi-word names and aliases, matched case-insensitively. */
  names: Map<string, MentionKind>;
  /** Acronyms and one-word names, matched as written. */
  exact: Map<string, MentionKind>;
}

// A number inside a name is part of it: "FHI 360 Cambodia".
const PHRASE = String.raw`${CAPITALISED}(?:[ ]+(?:${CONNECTORS}[ ]+)*(?:\d+[ ]+)?${CAPITALISED})*`;
const PERSON = new RegExp(String.raw`(${HONORIFIC})\s+((?:${CAPITALISED})(?:[ ]+(?:[A-Z][\p{L}\p{M}’'\-]*\.?)){0,3})`, 'gu');
const ACRONYM_DEFINITION = new RegExp(String.raw`(${PHRASE})\s*\(([A-Z][A-Za-z&\-]{1,11})\)`, 'gu');
const CAPITAL_PHRASE = new RegExp(String.raw`(?:(?:19|20)\d\d[ ]+)?${PHRASE}(?:[ ]+(?:19|20)\d\d\b)?`, 'gu');
const SMALL_WORDS = new Set(['of', 'the', 'for', 'and', 'on', 'de', '&', 'to']);
/** Capitalised words that start sentences or headings but not names. */
const NOT_NAME_START = /^(?:The|This|These|Both|Our|Their|His|Her|Its|At|On|In|From|After|Before|During|Through|With|By|For|And|Also|Another|Next|Finally|However|Representatives?|Speakers?|Moderated|Supported|Funded|Organised|Organized|Hosted|Published|License|Register|Registration|Deadline|Timeline|Theme|Program|Read|Find|Access|Video|Blog|Highlights?|Slide)\s+/;

/** The kind the last head word of a phrase gives, and where that word is: "Digital Government Policy" is a policy. */
function lastHead(heads: [RegExp, string][], phrase: string): { kind: string; at: number } | undefined {
  let best: { kind: string; at: number } | undefined;
  for (const [re, kind] of heads) {
    for (const m of phrase.matchAll(new RegExp(re.source, re.flags.includes('g') ? re.flags : re.flags + 'g'))) {
      const end = m.index! + m[0].length;
      if (!best || end > best.at) best = { kind, at: end };
    }
  }
  return best;
}
const headOf = (heads: [RegExp, string][], phrase: string) => lastHead(heads, phrase)?.kind;

/** Job titles that open a phrase ("Director of the …"): the organisation starts after them. */
export const TITLE = String.raw`(?:(?:Deputy|Vice|Executive|General|Senior|Country|Permanent|Assistant|[A-Z][a-z]+)[\s-]+){0,3}(?:Director(?:[\s-]+General)?|Chief|Head|President|Secretary(?:-General)?|Minister|Representative|Manager|Officer|Coordinator|Chair(?:man|person)?|CEO|Founder|Member|Specialist|Advis[oe]r)`;
const TITLE_BREAK = new RegExp(String.raw`(?:^|\s+(?:and|of)\s+(?:the\s+)?)${TITLE}\s+(?:of|at|for)\s+(?:the\s+)?`, 'gi');

/** A capitalised phrase cut where a job title sits inside it: "Vice-president of ODA and President of TMS" → "ODA", "TMS". */
function pieces(phrase: string, start: number): { text: string; start: number }[] {
  const out: { text: string; start: number }[] = [];
  let from = 0;
  // A possessive ends a name too: "The Asia Foundation’s Ponlok Chomnes".
  const breaks = [...phrase.matchAll(TITLE_BREAK), ...phrase.matchAll(/(?:’s|'s)\s+/g)].sort((a, b) => a.index! - b.index!);
  for (const m of breaks) {
    if (m.index! < from) continue;
    if (m.index! > from) out.push({ text: phrase.slice(from, m.index!), start: start + from });
    from = m.index! + m[0].length;
  }
  if (from < phrase.length) out.push({ text: phrase.slice(from), start: start + from });
  return out;
}

/** The initials of a phrase's significant words: "Cambodia Academy of Digital Technology" → "CADT". */
function initialsOf(words: string[]): string {
  return words.filter((w) => !SMALL_WORDS.has(w.toLowerCase())).map((w) => w[0]!.toUpperCase()).join('');
}

/** Trims small words from the start of a phrase and a trailing possessive. */
function tidy(phrase: string, start: number): { name: string; start: number } {
  let name = phrase;
  let at = start;
  for (let m = /^(?:(?:of|the|for|and|on|de|to|&)\s+)+/i.exec(name) ?? NOT_NAME_START.exec(name); m; m = /^(?:(?:of|the|for|and|on|de|to|&)\s+)+/i.exec(name) ?? NOT_NAME_START.exec(name)) {
    name = name.slice(m[0].length);
    at += m[0].length;
  }
  name = name.replace(/(?:’s|'s)$/, '').replace(/[.,:]+$/, '');
  return { name, start: at };
}

/**
 * An acronym definition: the shortest tail of the phrase whose initials spell the acronym (so
 * "Institute of Digital Governance of the Cambodia Academy of Digital Technology (CADT)" names
 * CADT, and the institute is its part), or the whole phrase when none does.
 */
function acronymTail(phrase: string, acronym: string): number {
  const words = [...phrase.matchAll(/\S+/g)];
  const letters = acronym.replace(/[^A-Za-z]/g, '').toUpperCase();
  const tails = words.map((w, i) => ({ at: w.index!, initials: initialsOf(words.slice(i).map((x) => x[0])) })).reverse();
  // The exact spelling first ("Cooperation Committee for Cambodia" is CCC, not its "CC" tail); then one letter short ("M&E").
  const exact = tails.find((t) => t.initials === letters);
  const near = tails.find((t) => t.initials.length >= 2 && t.initials.length === letters.length - 1 && letters.startsWith(t.initials));
  return (exact ?? near)?.at ?? 0;
}

function organisationOrEvent(name: string): { kind: MentionKind; subkind: string } | undefined {
  const heads = [
    ['event', lastHead(EVENT_HEADS, name)],
    ['organisation', lastHead(ORGANISATION_HEADS, name)],
    ['initiative', lastHead(INITIATIVE_HEADS, name)],
  ] as const;
  // The head word that comes last names the thing: "Cambodian Digital Government Policy" is a policy.
  // A year makes "Mekong Data Forum 2026" an event, whatever its head word.
  if (heads[0][1] || (/\bForum\b/.test(name) && /\b(?:19|20)\d\d\b/.test(name))) {
    if (/\b(?:19|20)\d\d\b/.test(name)) return { kind: 'event', subkind: heads[0][1]?.kind ?? 'other' };
  }
  const best = heads.filter(([, h]) => h).sort((a, b) => b[1]!.at - a[1]!.at)[0];
  return best ? { kind: best[0], subkind: best[1]!.kind } : undefined;
}

function people(segment: Segment): Mention[] {
  const out: Mention[] = [];
  for (const m of segment.text.matchAll(PERSON)) {
    const raw = m[2]!.replace(/(?:’s|'s)$/, '').replace(/[.,]+$/, '');
    // Stop at words that start an organisation or a title: "Mr. Chantra of CADT" is fine already.
    const words = raw.split(/\s+/);
    const cut = words.findIndex((w, i) => i > 0 && (headOf(ORGANISATION_HEADS, w) || /^(President|Director|Head|Chief|Minister|Secretary|Representative|Manager|Officer|Coordinator)$/.test(w)));
    const name = (cut > 0 ? words.slice(0, cut) : words).join(' ');
    const honorific = m[1]!.replace(/\s/g, '').replace(/,$/, '.').replace(/^(Dr|Mr|Mrs|Ms|Prof)$/, '$1.').replace(/^H\.E$/, 'H.E.');
    const start = segment.start + m.index! + m[0].length - m[2]!.length;
    out.push({ kind: 'person', name, honorific, start, end: start + name.length });
  }
  return out;
}

function acronymDefinitions(segment: Segment): { mentions: Mention[]; parts: [Mention, Mention][] } {
  const mentions: Mention[] = [];
  const parts: [Mention, Mention][] = [];
  for (const m of segment.text.matchAll(ACRONYM_DEFINITION)) {
    const acronym = m[2]!;
    const last = pieces(m[1]!, segment.start + m.index!).pop()!;
    const phrase = last.text;
    const phraseStart = last.start;
    const tail = acronymTail(phrase, acronym);
    const { name, start } = tidy(phrase.slice(tail), phraseStart + tail);
    // Without a head word, a long form is an organisation when it names a place: "Open Development Cambodia (ODC)".
    const kind = organisationOrEvent(name) ?? (Object.keys(PLACES).some((p) => name.includes(p)) ? { kind: 'organisation' as const, subkind: 'other' } : undefined);
    if (!kind || name.split(' ').length < 2 || nameWords(name).length < 2) continue;
    // "(Cambodia)", "(Taiwan)": a place in brackets is where someone is from, not an acronym.
    if (PLACES[acronym]) continue;
    const mention: Mention = { ...kind, name, acronym, start, end: start + name.length };
    mentions.push(mention);
    const parent = tidy(phrase.slice(0, tail).replace(/\s+(?:of|at|in)(?:\s+the)?\s*$/i, ''), phraseStart);
    if (tail > 0 && /\s(?:of|at)(?:\s+the)?\s+$/i.test(phrase.slice(0, tail)) && headOf(ORGANISATION_HEADS, parent.name) && nameWords(parent.name).length >= 2) {
      const child: Mention = { kind: 'organisation', subkind: headOf(ORGANISATION_HEADS, parent.name)!, name: parent.name, start: parent.start, end: parent.start + parent.name.length };
      mentions.push(child);
      parts.push([child, mention]);
    }
  }
  return { mentions, parts };
}

/** "TMS Technologies Co., LTD": a company's legal suffix after a comma is part of its name. */
const COMPANY_SUFFIX = /^\.?,\s*(?:LTD|Ltd|PLC|Inc)\.?(?=[\s,;)]|$)/;
const MINISTRY_LIST = /^(?:,\s+[A-Z][\p{L}]+)+,?\s+and\s+[A-Z][\p{L}]+/u;

/**
 * "General Department of Information … of MPTC", "Training Center of ICT of the MCS": the last
 * "of" before an acronym or another organisation joins a part to its whole.
 */
function splitPart(name: string, start: number): [Mention, Mention] | undefined {
  const joints = [...name.matchAll(/\s+of\s+(?:the\s+)?/g)].reverse();
  for (const j of joints) {
    const left = name.slice(0, j.index!);
    const right = name.slice(j.index! + j[0].length);
    const rightKind = /^[A-Z][A-Za-z&-]*[A-Z][A-Za-z&-]*$/.test(right) ? 'other' : (headOf(ORGANISATION_HEADS, right) && organisationOrEvent(right)?.kind === 'organisation' ? headOf(ORGANISATION_HEADS, right) : undefined);
    const leftKind = organisationOrEvent(left);
    if (!rightKind || leftKind?.kind !== 'organisation' || nameWords(left).length < 2) continue;
    const rightStart = start + j.index! + j[0].length;
    const whole: Mention = { kind: 'organisation', subkind: rightKind, name: right, start: rightStart, end: rightStart + right.length, ...(/^[A-Z&-]+$/.test(right.replace(/[a-z]/g, (c, i) => (i ? c : c))) && !/\s/.test(right) ? { acronym: right } : {}) };
    return [{ kind: 'organisation', subkind: leftKind.subkind, name: left, start, end: start + left.length }, whole];
  }
  return undefined;
}

/** Job titles as prose writes them too: "program coordinator of FHI 360 Cambodia". */
const ANY_CASE_TITLE = TITLE.replace(/\b([A-Z])(?=[a-z])/g, (letter) => `[${letter}${letter.toLowerCase()}]`);
const AFTER_TITLE = new RegExp(String.raw`(?:\b${ANY_CASE_TITLE}\s+(?:of|at|from|with)|\b(?:[Rr]epresentatives?|[Ss]pecialist|[Ee]xpert|[Oo]fficer)\s+(?:from|of)|\b(?:H\.E\.|Dr\.?|Mr\.?|Mrs\.?|Ms\.?)\s+${PHRASE}\s+from)\s+(?:the\s+)?(${PHRASE})`, 'gu');

/**
 * What follows a job title or a person's "from" is an organisation even without an organisation
 * word: "CEO of DSP", "Product Manager of InSTEDD iLab Southeast Asia", "Mr. X from ODC".
 */
function afterTitles(segment: Segment): Mention[] {
  const out: Mention[] = [];
  for (const m of segment.text.matchAll(AFTER_TITLE)) {
    const phrase = m[1]!;
    const at = segment.start + m.index! + m[0].length - phrase.length;
    for (const piece of pieces(phrase, at)) out.push(...titled(piece.text, piece.start));
  }
  return out;
}

function titled(phrase: string, at: number): Mention[] {
  const out: Mention[] = [];
  {
    const { name, start } = tidy(phrase, at);
    if (!name || PLACES[name] || organisationOrEvent(name)?.kind === 'event' || organisationOrEvent(name)?.kind === 'initiative') return out;
    const split = splitPart(name, start);
    if (split) return split.map((m) => ({ ...m, standalone: true }));
    if (nameWords(name).length < 2 && !/^[A-Z][A-Za-z&-]*[A-Z]/.test(name)) return out;
    out.push({ kind: 'organisation', subkind: headOf(ORGANISATION_HEADS, name) ?? 'other', name, start, end: start + name.length, standalone: true, ...(/^[A-Z&-]{2,}$/.test(name) ? { acronym: name } : {}) });
  }
  return out;
}

/** In a speakers' table, the organisation cell: each name in it ("NIS, MoP", "A Foundation/B Alliance (ODA)"). */
function rowOrganisations(segment: Segment, text: string): Mention[] {
  const cell = segment.cells[1] ?? '';
  const cellStart = segment.start + text.slice(segment.start, segment.end).lastIndexOf(cell);
  const out: Mention[] = [];
  // "NIS, MoP" and "A/B" are two organisations; "Ministry of Education, Youth and Sports" is one.
  const parts = cell.split(/(?<=\S)\s*\/\s*|,\s+(?=[A-Z][A-Za-z]*[A-Z]|(?:[A-Z][\p{L}]+\s+)*(?:Ministry|Department|Council|Committee|Institute|Agency)\b)/u);
  let offset = 0;
  for (const part of parts) {
    const m = { 0: part, index: cell.indexOf(part, offset) } as unknown as RegExpMatchArray;
    offset = (m.index ?? 0) + part.length;
    const raw = m[0].replace(/\s*\([^)]*\)\s*$/, '');
    const acronym = /\(([A-Z][A-Za-z&-]{1,11})\)\s*$/.exec(m[0])?.[1];
    const { name, start } = tidy(raw.trim(), cellStart + m.index! + (raw.length - raw.trimStart().length));
    if (!/^[A-Z\p{L}]/u.test(name) || PLACES[name]) continue;
    out.push({ kind: 'organisation', subkind: headOf(ORGANISATION_HEADS, name) ?? 'other', name, start, end: start + name.length, standalone: true, ...(acronym ? { acronym } : /^[A-Z][A-Za-z&-]*[A-Z][A-Za-z&-]*$/.test(name) ? { acronym: name } : {}) });
  }
  return out;
}

const TITLED = new RegExp(String.raw`\b(?:workshop|conference|event|dialogue|forum|session|webinar|training|meeting|summit)\s+(?:titled|entitled|called)\s+[“"]?(${CAPITALISED}[^.“”"]{3,160}?)(?=[”"]|\.(?:\s|$)|$)`, 'gu');

/** "a workshop titled Regional Dialogue on …: Challenges and Opportunities": the event's full name. */
function titledEvents(segment: Segment): Mention[] {
  const out: Mention[] = [];
  for (const m of segment.text.matchAll(TITLED)) {
    const name = m[1]!.trim();
    const start = segment.start + m.index! + m[0].indexOf(name);
    out.push({ kind: 'event', subkind: headOf(EVENT_HEADS, name) ?? 'other', name, start, end: start + name.length });
  }
  return out;
}

const CITATION = /^[\u00B9\u00B2\u00B3\u2070-\u2079\d]+\s+([^,.“"]{2,80}?)[,.]\s+["“]/u;
const PERSON_NAME = /^(?:[A-Z][\p{L}\p{M}’'-]+|[A-Z]\.?)(?:\s+(?:[A-Z][\p{L}\p{M}’'-]+|[A-Z]\.?)){1,3}$/u;
const AUTHORS = /\b(?:authored|written|prepared|edited) by\s+/g;

const LISTED = /\borgani[sz]ations?\s*(?:\(|such as\s+|including\s+|like\s+)([^().;]{3,200})/g;
const MEDIA = /\*([A-Z][\p{L}0-9]+)\*/gu;

/**
 * Organisations a sentence lists as such, "two organisations (A and B)", "organisations such as
 * A and B"; and media named in italics beside an article ("an article in *Kiripost*").
 */
function listedOrganisations(segment: Segment): Mention[] {
  const out: Mention[] = [];
  for (const m of segment.text.matchAll(LISTED)) {
    const listStart = segment.start + m.index! + m[0].length - m[1]!.length;
    for (const item of m[1]!.matchAll(/[^,]+?(?=,|\s+and\s+|$)/g)) {
      const { name, start } = tidy(item[0].trim(), listStart + item.index! + (item[0].length - item[0].trimStart().length));
      if (!new RegExp(`^${PHRASE}$`, 'u').test(name) || nameWords(name).length < 2 || PLACES[name]) continue;
      out.push({ kind: 'organisation', subkind: headOf(ORGANISATION_HEADS, name) ?? 'cso', name, start, end: start + name.length, standalone: true });
    }
  }
  if (/\b(article|media|outlets?|coverage|covered|published)\b/i.test(segment.text)) {
    for (const m of segment.text.matchAll(MEDIA)) {
      const start = segment.start + m.index! + 1;
      out.push({ kind: 'organisation', subkind: 'media', name: m[1]!, start, end: start + m[1]!.length, standalone: true });
    }
  }
  return out;
}

/** A footnote's author: `⁹ Matthew S Mayernik, "Open data …"`, `¹² UNICEF, "How to use data …"`. */
function citationAuthor(segment: Segment): Mention[] {
  const m = CITATION.exec(segment.text);
  if (!m) return [];
  const name = m[1]!.trim();
  const start = segment.start + segment.text.indexOf(name, m[0].indexOf(name));
  const org = organisationOrEvent(name);
  if (/^[A-Z][A-Za-z&-]*[A-Z]$/.test(name) || org?.kind === 'organisation' || /^The\s/.test(name)) {
    const tidied = tidy(name, start);
    return [{ kind: 'organisation', subkind: org?.subkind ?? 'other', name: tidied.name, start: tidied.start, end: tidied.start + tidied.name.length, standalone: true, ...(/^[A-Z&-]+$/.test(name) ? { acronym: name } : {}) }];
  }
  return PERSON_NAME.test(name) && !org && !PLACES[name] ? [{ kind: 'person', name, start, end: start + name.length }] : [];
}

/** "authored by Meas Molika and Rov Hongseang": people named without a title. */
function authors(segment: Segment): Mention[] {
  const out: Mention[] = [];
  for (const cue of segment.text.matchAll(AUTHORS)) {
    let at = cue.index! + cue[0].length;
    for (const name of segment.text.slice(at).matchAll(/^((?:[A-Z][\p{L}\p{M}’'-]+)(?:\s+[A-Z][\p{L}\p{M}’'-]+){1,2})(?:,\s*|\s+and\s+)?/gu)) {
      if (organisationOrEvent(name[1]!)) break;
      out.push({ kind: 'person', name: name[1]!, start: segment.start + at, end: segment.start + at + name[1]!.length });
      at += name[0].length;
      const next = /^((?:[A-Z][\p{L}\p{M}’'-]+)(?:\s+[A-Z][\p{L}\p{M}’'-]+){1,2})/u.exec(segment.text.slice(at));
      if (next && /(?:,\s*|\s+and\s+)$/.test(name[0])) out.push({ kind: 'person', name: next[1]!, start: segment.start + at, end: segment.start + at + next[1]!.length });
    }
  }
  return out;
}

/** Capitalised phrases with an organisation, event or initiative word: "Ministry of Civil Services". */
function headPhrases(segment: Segment): { mentions: Mention[]; parts: [Mention, Mention][] } {
  const mentions: Mention[] = [];
  const parts: [Mention, Mention][] = [];
  for (const m of segment.text.matchAll(CAPITAL_PHRASE)) {
    // "Ministry of Education, Youth and Sport": a ministry's name may be a list.
    const rest = segment.text.slice(m.index! + m[0].length);
    const list = /\bMinistry of\b/.test(m[0]) ? MINISTRY_LIST.exec(rest) : COMPANY_SUFFIX.exec(rest);
    const phrase = list ? m[0] + list[0] : m[0];
    for (const piece of pieces(phrase, segment.start + m.index!)) {
      const { name, start } = tidy(piece.text, piece.start);
      if (nameWords(name).length < 2) continue;
      const kind = organisationOrEvent(name);
      if (!kind) continue;
      const split = kind.kind === 'organisation' ? splitPart(name, start) : undefined;
      if (split) {
        mentions.push(...split);
        parts.push(split);
      } else mentions.push({ ...kind, name, start, end: start + name.length });
    }
  }
  return { mentions, parts };
}

/** Sessions: titled in quotes in prose, or a heading such as `Session 1: …` (also a table row's only cell). */
function sessions(segment: Segment): Mention[] {
  const out: Mention[] = [];
  const heading = segment.kind !== 'sentence' || segment.text.length < 200 ? SESSION_HEADING.exec(segment.cells[0]!) : null;
  if (heading && segment.cells.slice(1).every((c) => !c)) {
    const title = heading[2]!.replace(/<\/?[a-z]+>/g, '').trim();
    const at = segment.start + segment.text.indexOf(heading[2]!);
    const kindWord = heading[1]!.toLowerCase();
    const subkind = kindWord.startsWith('panel') ? 'panel' : kindWord.startsWith('breakout') ? 'breakout' : 'session';
    if (title.length >= 4) out.push({ kind: 'event', subkind, name: title, role: /^session\s+\d+$/i.test(heading[1]!) ? heading[1]!.replace(/\s+/g, ' ') : undefined, start: at, end: at + heading[2]!.length });
    return out;
  }
  for (const m of segment.text.matchAll(SESSION_IN_PROSE)) {
    const title = m[2]!.replace(/[.,?!]$/, m[2]!.endsWith('?') ? '?' : '').trim();
    const at = segment.start + m.index! + m[0].indexOf(m[2]!);
    const kindWord = m[1]!.toLowerCase();
    out.push({ kind: 'event', subkind: kindWord.startsWith('panel') ? 'panel' : kindWord.startsWith('breakout') ? 'breakout' : 'session', name: title, start: at, end: at + title.length });
  }
  return out;
}

function escape(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Typographic and straight apostrophes are one letter to the gazetteer. */
export const foldApostrophes = (text: string) => text.replace(/[’‘]/g, "'");
const pattern = (name: string) => escape(name).replace(/'/g, "['’]");

/** Builds the gazetteer's two matchers once per draft. */
export function gazetteerMatchers(gazetteer: Gazetteer): { names: RegExp | null; exact: RegExp | null } {
  const alternatives = (keys: string[]) => keys.sort((a, b) => b.length - a.length).map(pattern).join('|');
  const names = [...gazetteer.names.keys()];
  const exact = [...gazetteer.exact.keys()];
  return {
    names: names.length ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives(names)})(?![\\p{L}\\p{N}])`, 'giu') : null,
    exact: exact.length ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives(exact)})(?![\\p{L}\\p{N}])`, 'gu') : null,
  };
}

function known(segment: Segment, gazetteer: Gazetteer, matchers: ReturnType<typeof gazetteerMatchers>): Mention[] {
  const out: Mention[] = [];
  for (const [re, table, fold] of [[matchers.names, gazetteer.names, true], [matchers.exact, gazetteer.exact, false]] as const) {
    if (!re) continue;
    for (const m of segment.text.matchAll(re)) {
      const kind = table.get(fold ? foldApostrophes(m[0]).toLowerCase() : m[0]);
      if (!kind) continue;
      const start = segment.start + m.index!;
      const acronym = /^[A-Z][A-Za-z&-]{1,11}$/.test(m[0]) && /[A-Z].*[A-Z]/.test(m[0]) ? m[0] : undefined;
      out.push({ kind, name: m[0], acronym, start, end: start + m[0].length, gazetteer: true });
    }
  }
  return out;
}

function places(segment: Segment): Mention[] {
  const out: Mention[] = [];
  const re = new RegExp(`(?<![\\p{L}])(?:${Object.keys(PLACES).sort((a, b) => b.length - a.length).map(escape).join('|')})(?![\\p{L}])`, 'gu');
  for (const m of segment.text.matchAll(re)) {
    const start = segment.start + m.index!;
    out.push({ kind: 'place', name: m[0], subkind: PLACES[m[0]], start, end: start + m[0].length });
  }
  return out;
}

/** In a row of a speakers' table, the person in the first cell and the role in brackets after the name. */
function rowPerson(segment: Segment, text: string): Mention[] {
  const first = segment.cells[0]!;
  const m = new RegExp(String.raw`^(?:(${HONORIFIC})\s*)?((?:[A-Z][\p{L}\p{M}’'\-]*\.?)(?:[ ]+[A-Z][\p{L}\p{M}’'\-]*\.?){1,3})\s*(?:\(([^)]+)\))?$`, 'u').exec(first);
  if (!m || organisationOrEvent(m[2]!) || PLACES[m[2]!]) return [];
  const offset = segment.start + text.slice(segment.start).indexOf(m[2]!);
  const honorific = m[1] ? m[1].replace(/\s/g, '').replace(/^(Dr|Mr|Mrs|Ms|Prof)$/, '$1.') : undefined;
  return [{ kind: 'person', name: m[2]!, honorific, role: m[3]?.trim(), start: offset, end: offset + m[2]!.length }];
}

/** Drops mentions inside a longer one; a person wins over anything else at the same place. */
function nonOverlapping(mentions: Mention[], first: Set<Mention> = new Set()): Mention[] {
  const rank = (m: Mention) => (m.kind === 'person' ? 0 : first.has(m) ? 1 : 2);
  const sorted = [...mentions].sort((a, b) => rank(a) - rank(b) || b.end - b.start - (a.end - a.start) || (a.gazetteer ? -1 : 1));
  const kept: Mention[] = [];
  for (const m of sorted) {
    const clash = kept.find((k) => m.start < k.end && k.start < m.end);
    if (!clash) kept.push(m);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/**
 * A breakout or showcase heading's title names what was shown: "Breakout Discussion: Cambodian
 * statistics (CAMStat) and Microdata Catalog (NADA)", "Breakout Discussion: The Learning Platform".
 */
function showcased(segment: Segment, session: Mention | undefined): Mention[] {
  if (!session || session.subkind !== 'breakout') return [];
  const title = text(segment, session);
  const defined = [...title.matchAll(/((?:[A-Z][\p{L}\p{M}’'&-]*)(?:\s+[\p{L}\p{M}’'&-]+){0,6}?)\s*\(([A-Z][A-Za-z&-]{1,11})\)/gu)];
  if (defined.length) {
    return defined.map((m) => {
      const start = session.start + m.index!;
      return { kind: 'initiative', subkind: headOf(INITIATIVE_HEADS, m[1]!) ?? 'other', name: m[1]!.replace(/^(?:and|the)\s+/i, ''), acronym: m[2], start, end: start + m[1]!.length };
    });
  }
  const head = lastHead(INITIATIVE_HEADS.map(([re, kind]) => [new RegExp(re.source, 'i'), kind] as [RegExp, string]), session.name);
  return head ? [{ kind: 'initiative', subkind: head.kind, name: session.name.replace(/^the\s+/i, ''), start: session.start, end: session.end }] : [];
}
const text = (segment: Segment, m: Mention) => segment.text.slice(m.start - segment.start, m.end - segment.start);

export interface SegmentMentions {
  mentions: Mention[];
  /** What a breakout heading says was shown there. */
  showcased: Mention[];
  /** Organisations named as parts of others in one phrase: [part, whole]. */
  parts: [Mention, Mention][];
}

/** Every mention in one segment, in document order, none overlapping another. */
/** Acronyms a segment defines ("… (CADT)"), so that the rest of the document finds them bare. */
export function definedAcronyms(segment: Segment): Mention[] {
  return acronymDefinitions(segment).mentions.filter((m) => m.acronym);
}

export function mentionsIn(segment: Segment, text: string, gazetteer: Gazetteer, matchers: ReturnType<typeof gazetteerMatchers>, inSpeakerTable: boolean): SegmentMentions {
  const definitions = acronymDefinitions(segment);
  const phrases = headPhrases(segment);
  const row = inSpeakerTable && segment.kind === 'row' && segment.cells.length >= 2 && segment.cells[1] ? rowPerson(segment, text) : [];
  const found = [...sessions(segment), ...titledEvents(segment), ...listedOrganisations(segment), ...(row.length ? rowOrganisations(segment, text) : [])];
  const all = [
    ...row,
    ...people(segment),
    ...citationAuthor(segment),
    ...authors(segment),
    ...found,
    ...definitions.mentions,
    ...known(segment, gazetteer, matchers),
    ...afterTitles(segment),
    ...phrases.mentions,
    ...places(segment),
  ];
  // Definitions and session titles are surer than a capitalised phrase that overlaps them.
  const sure = new Set([...found, ...definitions.mentions]);
  const allParts = [...definitions.parts, ...phrases.parts];
  const kept = nonOverlapping(all.filter((m) => !definitions.parts.some(([part]) => part === m)), sure);
  const parts = allParts.filter(([part]) => kept.includes(part) || definitions.parts.some(([p]) => p === part));
  const shown = showcased(segment, found.find((m) => m.kind === 'event' && m.subkind === 'breakout'));
  return { mentions: [...nonOverlapping([...kept, ...parts.map(([part]) => part)], sure), ...shown].sort((a, b) => a.start - b.start), parts, showcased: shown };
}
