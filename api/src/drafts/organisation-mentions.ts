/**
 * Organisations in a segment: acronym definitions with their parents, phrases with an
 * organisation word, names after a job title, a speakers' table's organisation cell, and lists.
 */
import { nameWords } from '../domain/duplicates.js';
import { ORGANISATION_HEADS, PLACES } from './lexicon.js';
import type { Mention } from './mention.js';
import { headOf, organisationOrEvent, pieces, PHRASE, tidy, TITLE } from './name-phrases.js';
import type { Segment } from './segments.js';

const ACRONYM_DEFINITION = new RegExp(String.raw`(${PHRASE})\s*\(([A-Z][A-Za-z&\-]{1,11})\)`, 'gu');
const CAPITAL_PHRASE = new RegExp(String.raw`(?:(?:19|20)\d\d[ ]+)?${PHRASE}(?:[ ]+(?:19|20)\d\d\b)?`, 'gu');

const SMALL_WORDS = new Set(['of', 'the', 'for', 'and', 'on', 'de', '&', 'to']);

/** The initials of a phrase's significant words: "Cambodia Academy of Digital Technology" → "CADT". */
function initialsOf(words: string[]): string {
  return words
    .filter((w) => !SMALL_WORDS.has(w.toLowerCase()))
    .map((w) => w[0]!.toUpperCase())
    .join('');
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

export function acronymDefinitions(segment: Segment): { mentions: Mention[]; parts: [Mention, Mention][] } {
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
    const kind =
      organisationOrEvent(name) ?? (Object.keys(PLACES).some((p) => name.includes(p)) ? { kind: 'organisation' as const, subkind: 'other' } : undefined);
    if (!kind || name.split(' ').length < 2 || nameWords(name).length < 2) continue;
    // "(Cambodia)", "(Taiwan)": a place in brackets is where someone is from, not an acronym.
    if (PLACES[acronym]) continue;
    const mention: Mention = { ...kind, name, acronym, start, end: start + name.length };
    mentions.push(mention);
    const parent = tidy(phrase.slice(0, tail).replace(/\s+(?:of|at|in)(?:\s+the)?\s*$/i, ''), phraseStart);
    if (
      tail > 0 &&
      /\s(?:of|at)(?:\s+the)?\s+$/i.test(phrase.slice(0, tail)) &&
      headOf(ORGANISATION_HEADS, parent.name) &&
      nameWords(parent.name).length >= 2
    ) {
      const child: Mention = {
        kind: 'organisation',
        subkind: headOf(ORGANISATION_HEADS, parent.name)!,
        name: parent.name,
        start: parent.start,
        end: parent.start + parent.name.length,
      };
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
    const rightKind = /^[A-Z][A-Za-z&-]*[A-Z][A-Za-z&-]*$/.test(right)
      ? 'other'
      : headOf(ORGANISATION_HEADS, right) && organisationOrEvent(right)?.kind === 'organisation'
        ? headOf(ORGANISATION_HEADS, right)
        : undefined;
    const leftKind = organisationOrEvent(left);
    if (!rightKind || leftKind?.kind !== 'organisation' || nameWords(left).length < 2) continue;
    const rightStart = start + j.index! + j[0].length;
    const whole: Mention = {
      kind: 'organisation',
      subkind: rightKind,
      name: right,
      start: rightStart,
      end: rightStart + right.length,
      ...(/^[A-Z&-]+$/.test(right.replace(/[a-z]/g, (c, i) => (i ? c : c))) && !/\s/.test(right) ? { acronym: right } : {}),
    };
    return [{ kind: 'organisation', subkind: leftKind.subkind, name: left, start, end: start + left.length }, whole];
  }
  return undefined;
}

/** Job titles as prose writes them too: "program coordinator of FHI 360 Cambodia". */
const ANY_CASE_TITLE = TITLE.replace(/\b([A-Z])(?=[a-z])/g, (letter) => `[${letter}${letter.toLowerCase()}]`);
const AFTER_TITLE = new RegExp(
  String.raw`(?:\b${ANY_CASE_TITLE}\s+(?:of|at|from|with)|\b(?:[Rr]epresentatives?|[Ss]pecialist|[Ee]xpert|[Oo]fficer)\s+(?:from|of)|\b(?:H\.E\.|Dr\.?|Mr\.?|Mrs\.?|Ms\.?)\s+${PHRASE}\s+from)\s+(?:the\s+)?(${PHRASE})`,
  'gu',
);

/**
 * What follows a job title or a person's "from" is an organisation even without an organisation
 * word: "CEO of DSP", "Product Manager of InSTEDD iLab Southeast Asia", "Mr. X from ODC".
 */
export function afterTitles(segment: Segment): Mention[] {
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
    out.push({
      kind: 'organisation',
      subkind: headOf(ORGANISATION_HEADS, name) ?? 'other',
      name,
      start,
      end: start + name.length,
      standalone: true,
      ...(/^[A-Z&-]{2,}$/.test(name) ? { acronym: name } : {}),
    });
  }
  return out;
}

/** In a speakers' table, the organisation cell: each name in it ("NIS, MoP", "A Foundation/B Alliance (ODA)"). */
export function rowOrganisations(segment: Segment, text: string): Mention[] {
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
    out.push({
      kind: 'organisation',
      subkind: headOf(ORGANISATION_HEADS, name) ?? 'other',
      name,
      start,
      end: start + name.length,
      standalone: true,
      ...(acronym ? { acronym } : /^[A-Z][A-Za-z&-]*[A-Z][A-Za-z&-]*$/.test(name) ? { acronym: name } : {}),
    });
  }
  return out;
}

const LISTED = /\borgani[sz]ations?\s*(?:\(|such as\s+|including\s+|like\s+)([^().;]{3,200})/g;
const MEDIA = /\*([A-Z][\p{L}0-9]+)\*/gu;

/**
 * Organisations a sentence lists as such, "two organisations (A and B)", "organisations such as
 * A and B"; and media named in italics beside an article ("an article in *Kiripost*").
 */
export function listedOrganisations(segment: Segment): Mention[] {
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

/** Capitalised phrases with an organisation, event or initiative word: "Ministry of Civil Services". */
export function headPhrases(segment: Segment): { mentions: Mention[]; parts: [Mention, Mention][] } {
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
