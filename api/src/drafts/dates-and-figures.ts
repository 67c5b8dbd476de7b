/** What a sentence says of an event beside its relationships: its dates and the figures it reports. */
import { FIGURE_WORDS, QUALIFIERS } from './lexicon.js';
import type { Segment } from './segments.js';

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH = String.raw`(January|February|March|April|May|June|July|August|September|October|November|December)`;

/** Dates of the events a sentence names: "On 5 March 2022", "26–27 March 2024", "from March 26 to 27". */
export function datesIn(sentence: string, fallbackYear?: string): { startDate: string; endDate: string } | undefined {
  const iso = (y: string, month: string, d: string) => `${y}-${String(MONTHS.indexOf(month.toLowerCase()) + 1).padStart(2, '0')}-${d.padStart(2, '0')}`;
  let m = new RegExp(String.raw`\b(\d{1,2})\s*[–-]\s*(\d{1,2})\s+${MONTH}\s+((?:19|20)\d\d)`).exec(sentence);
  if (m) return { startDate: iso(m[4]!, m[3]!, m[1]!), endDate: iso(m[4]!, m[3]!, m[2]!) };
  m = new RegExp(String.raw`\b(\d{1,2})\s+${MONTH}\s+((?:19|20)\d\d)`).exec(sentence);
  if (m) return { startDate: iso(m[3]!, m[2]!, m[1]!), endDate: iso(m[3]!, m[2]!, m[1]!) };
  m = new RegExp(String.raw`\bfrom\s+${MONTH}\s+(\d{1,2})\s+to\s+(\d{1,2})`).exec(sentence);
  if (m && fallbackYear) return { startDate: iso(fallbackYear, m[1]!, m[2]!), endDate: iso(fallbackYear, m[1]!, m[3]!) };
  return undefined;
}

export interface Figure {
  measure: string;
  value: number;
  qualifier: string;
  quote: string;
  at: number;
}

/** "Around 60 participants", "59 women (5 indigenous women)", "people with disabilities (6)". */
export function figuresIn(segment: Segment): Figure[] {
  const out: Figure[] = [];
  const seen = new Set<string>();
  const push = (measure: string, value: number, qualifier: string, at: number) => {
    if (seen.has(measure) || Number.isNaN(value)) return;
    seen.add(measure);
    out.push({ measure, value, qualifier, quote: segment.text, at });
  };
  for (const m of segment.text.matchAll(
    /\b(around|about|approximately|nearly|some|over|more than|at least)?\s*\b(\d{1,3}(?:,\d{3})+|\d+)\s+((?:[a-z]+\s+){0,2}[a-z]+)/gi,
  )) {
    const words = m[3]!;
    const found = FIGURE_WORDS.find(([re]) => re.test(words));
    if (!found) continue;
    let measure = found[1];
    if (measure === 'officials-trained' && !/\btrain/i.test(segment.text)) continue;
    if (measure === 'participants' && /\b(will|expected|expect)\b/i.test(segment.text)) measure = 'participants-expected';
    push(measure, Number(m[2]!.replace(/,/g, '')), QUALIFIERS[(m[1] ?? '').toLowerCase()] ?? 'exact', m.index!);
  }
  const pwd = /people with disabilities\s*\((\d+)\)|(\d+)\s+(?:people|persons) with disabilities/i.exec(segment.text);
  if (pwd) push('people-with-disabilities', Number(pwd[1] ?? pwd[2]), 'exact', pwd.index);
  const inPerson = /\b(\d+)\s+(?:of them\s+)?(?:joined|attended)\s+(?:physically|in person)/i.exec(segment.text);
  if (inPerson) push('participants-in-person', Number(inPerson[1]), 'exact', inPerson.index);
  return out;
}
