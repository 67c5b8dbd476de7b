/**
 * Privacy reaches free text: a person marked not public is left out of every anonymous answer,
 * and their names must not come back through a quote, a description or a title that mentions
 * them. A redactor replaces each of those names and aliases, as a whole word, whatever its case
 * or accents, with a neutral marker.
 */

export const WITHHELD = '[name withheld]';

/** Names shorter than this are not redacted: they would blank out ordinary words. */
const MIN_LENGTH = 3;

export interface Redactor {
  /** Whether there is anything to redact at all (most of the time there is not). */
  readonly active: boolean;
  text(value: string): string;
  /** A copy of a JSON-like value with every string redacted. */
  deep<T>(value: T): T;
}

const escape = (char: string) => char.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A name as a pattern that also matches it with other accents, case or spacing. */
function pattern(name: string): string {
  const bare = name.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
  return [...bare]
    .map((char) => (/\s/.test(char) ? '\\s+' : /\p{L}/u.test(char) ? `${escape(char)}[\\u0300-\\u036f]*` : escape(char)))
    .join('')
    .replace(/(\\s\+)+/g, '\\s+');
}

/** An id (`sok-dara`, `a|WORKS_FOR|b|`), an enum value or a date: not text a name can hide in. */
const IDENTIFIER = /^[a-z0-9|_.:-]*$|^[a-z0-9-]+\|[A-Z_]+\|[a-z0-9-]+\|.*$/;

export const IDENTITY: Redactor = { active: false, text: (value) => value, deep: (value) => value };

export function makeRedactor(names: readonly string[]): Redactor {
  const usable = [...new Set(names.map((n) => n.trim()).filter((n) => n.length >= MIN_LENGTH))].sort((a, b) => b.length - a.length);
  if (!usable.length) return IDENTITY;
  // Word edges by hand: \b knows no Khmer or accented letters.
  const source = `(?<![\\p{L}\\p{N}])(?:${usable.map(pattern).join('|')})(?![\\p{L}\\p{N}])`;
  const found = new RegExp(source, 'iu');
  const every = new RegExp(source, 'giu');
  // Most strings name nobody: they are returned as they are, not normalised. Ids, keys, enum
  // values and dates (lower case, no spaces) are never free text, and must keep pointing where they point.
  const text = (value: string) => {
    if (IDENTIFIER.test(value)) return value;
    const decomposed = value.normalize('NFD');
    return found.test(decomposed) ? decomposed.replace(every, WITHHELD).normalize('NFC') : value;
  };
  const deep = <T>(value: T): T => {
    if (typeof value === 'string') return text(value) as T;
    if (Array.isArray(value)) return value.map(deep) as T;
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, deep(inner)])) as T;
    return value;
  };
  return { active: true, text, deep };
}
