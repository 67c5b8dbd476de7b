/**
 * From a capitalised phrase to a name: where it starts and ends, where a job title or possessive
 * cuts it, and which kind its head word gives. Every finder of mentions shares these.
 */
import type { MentionKind } from './mention.js';
import { CAPITALISED, CONNECTORS, EVENT_HEADS, INITIATIVE_HEADS, ORGANISATION_HEADS } from './lexicon.js';

// A number inside a name is part of it: "FHI 360 Cambodia".
export const PHRASE = String.raw`${CAPITALISED}(?:[ ]+(?:${CONNECTORS}[ ]+)*(?:\d+[ ]+)?${CAPITALISED})*`;

/** Capitalised words that start sentences or headings but not names. */
const NOT_NAME_START =
  /^(?:The|This|These|Both|Our|Their|His|Her|Its|At|On|In|From|After|Before|During|Through|With|By|For|And|Also|Another|Next|Finally|However|Representatives?|Speakers?|Moderated|Supported|Funded|Organised|Organized|Hosted|Published|License|Register|Registration|Deadline|Timeline|Theme|Program|Read|Find|Access|Video|Blog|Highlights?|Slide)\s+/;

/** The kind the last head word of a phrase gives, and where that word is: "Digital Government Policy" is a policy. */
export function lastHead(heads: [RegExp, string][], phrase: string): { kind: string; at: number } | undefined {
  let best: { kind: string; at: number } | undefined;
  for (const [re, kind] of heads) {
    for (const m of phrase.matchAll(new RegExp(re.source, re.flags.includes('g') ? re.flags : re.flags + 'g'))) {
      const end = m.index! + m[0].length;
      if (!best || end > best.at) best = { kind, at: end };
    }
  }
  return best;
}
export const headOf = (heads: [RegExp, string][], phrase: string) => lastHead(heads, phrase)?.kind;

/** Job titles that open a phrase ("Director of the …"): the organisation starts after them. */
export const TITLE = String.raw`(?:(?:Deputy|Vice|Executive|General|Senior|Country|Permanent|Assistant|[A-Z][a-z]+)[\s-]+){0,3}(?:Director(?:[\s-]+General)?|Chief|Head|President|Secretary(?:-General)?|Minister|Representative|Manager|Officer|Coordinator|Chair(?:man|person)?|CEO|Founder|Member|Specialist|Advis[oe]r)`;
const TITLE_BREAK = new RegExp(String.raw`(?:^|\s+(?:and|of)\s+(?:the\s+)?)${TITLE}\s+(?:of|at|for)\s+(?:the\s+)?`, 'gi');

/** A capitalised phrase cut where a job title sits inside it: "Vice-president of ODA and President of TMS" → "ODA", "TMS". */
export function pieces(phrase: string, start: number): { text: string; start: number }[] {
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

/** Trims small words from the start of a phrase and a trailing possessive. */
export function tidy(phrase: string, start: number): { name: string; start: number } {
  let name = phrase;
  let at = start;
  for (
    let m = /^(?:(?:of|the|for|and|on|de|to|&)\s+)+/i.exec(name) ?? NOT_NAME_START.exec(name);
    m;
    m = /^(?:(?:of|the|for|and|on|de|to|&)\s+)+/i.exec(name) ?? NOT_NAME_START.exec(name)
  ) {
    name = name.slice(m[0].length);
    at += m[0].length;
  }
  name = name.replace(/(?:’s|'s)$/, '').replace(/[.,:]+$/, '');
  return { name, start: at };
}

export function organisationOrEvent(name: string): { kind: MentionKind; subkind: string } | undefined {
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

export function escapeRegExp(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
