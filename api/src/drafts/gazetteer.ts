/** Names known before reading: the network's own (a gazetteer, built per draft) and the lexicon's places. */
import { PLACES } from './lexicon.js';
import type { MentionKind, Mention } from './mention.js';
import { escapeRegExp } from './name-phrases.js';
import type { Segment } from './segments.js';

/** Names the network knows, by the exact text that names them. */
export interface Gazetteer {
  /** Multi-word names and aliases, matched case-insensitively. */
  names: Map<string, MentionKind>;
  /** Acronyms and one-word names, matched as written. */
  exact: Map<string, MentionKind>;
}

/** Typographic and straight apostrophes are one letter to the gazetteer. */
export const foldApostrophes = (text: string) => text.replace(/[’‘]/g, "'");
const pattern = (name: string) => escapeRegExp(name).replace(/'/g, "['’]");

/** Builds the gazetteer's two matchers once per draft. */
export function gazetteerMatchers(gazetteer: Gazetteer): { names: RegExp | null; exact: RegExp | null } {
  const alternatives = (keys: string[]) =>
    keys
      .sort((a, b) => b.length - a.length)
      .map(pattern)
      .join('|');
  const names = [...gazetteer.names.keys()];
  const exact = [...gazetteer.exact.keys()];
  return {
    names: names.length ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives(names)})(?![\\p{L}\\p{N}])`, 'giu') : null,
    exact: exact.length ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives(exact)})(?![\\p{L}\\p{N}])`, 'gu') : null,
  };
}

export function gazetteerMentions(segment: Segment, gazetteer: Gazetteer, matchers: ReturnType<typeof gazetteerMatchers>): Mention[] {
  const out: Mention[] = [];
  for (const [re, table, fold] of [
    [matchers.names, gazetteer.names, true],
    [matchers.exact, gazetteer.exact, false],
  ] as const) {
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

export function places(segment: Segment): Mention[] {
  const out: Mention[] = [];
  const re = new RegExp(
    `(?<![\\p{L}])(?:${Object.keys(PLACES)
      .sort((a, b) => b.length - a.length)
      .map(escapeRegExp)
      .join('|')})(?![\\p{L}])`,
    'gu',
  );
  for (const m of segment.text.matchAll(re)) {
    const start = segment.start + m.index!;
    out.push({ kind: 'place', name: m[0], subkind: PLACES[m[0]], start, end: start + m[0].length });
  }
  return out;
}
