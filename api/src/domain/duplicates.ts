/**
 * Likely duplicates among nodes of one kind, each pair with a score and the evidence behind it.
 * Names are compared the ways the same actor gets written differently in reports and speaker
 * lists: with or without diacritics and honorifics, family name first or last, in another
 * romanisation of Khmer (or in Khmer script), by acronym, or with a typo. Pure: the repository
 * reads the candidates and the pairs the seed marks as POSSIBLE_DUPLICATE.
 */
import anyAscii from 'any-ascii';
import { doubleMetaphone } from 'double-metaphone';
import { distance } from 'fastest-levenshtein';
import type { NodeKind } from './model.js';

export interface DuplicateCandidate {
  id: string;
  kind: NodeKind;
  name: string;
  aliases?: string[];
  acronym?: string;
}

export type EvidenceKind = 'marked' | 'same-name' | 'shared-alias' | 'swapped-order' | 'transliteration' | 'similar-name' | 'shared-acronym';

export interface Evidence {
  kind: EvidenceKind;
  /** What matched, in words a curator can check. */
  detail: string;
}

export interface DuplicateSuggestion {
  kind: NodeKind;
  a: { id: string; name: string };
  b: { id: string; name: string };
  /** 0–1: how likely the two are one. */
  score: number;
  evidence: Evidence[];
}

/** How much each kind of evidence alone says; several combine as independent signals. */
const WEIGHT: Record<Exclude<EvidenceKind, 'similar-name'>, number> = {
  marked: 0.9,
  'same-name': 0.95,
  'shared-alias': 0.9,
  'swapped-order': 0.85,
  transliteration: 0.75,
  'shared-acronym': 0.6,
};
/** Names at least this similar (1 − edit distance / length) count as a likely typo. */
const SIMILAR = 0.85;
/** How many neighbours in sorted name order each name is compared with for typos. */
const WINDOW = 8;
/** A key shared by more nodes than this says nothing (a common first name, say). */
const MAX_BUCKET = 12;

const HONORIFICS = new Set(['mr', 'mrs', 'ms', 'miss', 'dr', 'prof', 'he', 'h', 'e', 'excellency', 'lok', 'chumteav', 'oknha', 'sir', 'madam']);
const SMALL_WORDS = new Set(['of', 'the', 'for', 'and', 'de', 'in', 'on', 'a', 'an', 'to']);

/** Words of a name in ASCII (Khmer script and diacritics transliterated), lowercase, honorifics dropped. */
export function nameWords(name: string): string[] {
  return anyAscii(name)
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w && !HONORIFICS.has(w));
}

/** How a word sounds: romanisations of Khmer double letters (Chhay, Chay) and vary vowels. */
function soundOf(word: string): string {
  const collapsed = word.replace(/([a-z])\1+/g, '$1');
  return /^[0-9]+$/.test(collapsed) ? collapsed : doubleMetaphone(collapsed)[0];
}

function initials(words: string[]): string {
  const significant = words.filter((w) => !SMALL_WORDS.has(w) && !/^[0-9]+$/.test(w));
  return significant.length >= 3 ? significant.map((w) => w[0]).join('') : '';
}

interface Keys {
  spelled: string;
  unordered: string;
  sound: string;
}

function keysOf(name: string): Keys | undefined {
  const words = nameWords(name);
  if (words.length === 0) return undefined;
  const sorted = [...words].sort();
  return { spelled: words.join(' '), unordered: sorted.join(' '), sound: sorted.map(soundOf).join(' ') };
}

/** 1 for the same text, 0 for nothing in common. */
export function similarity(a: string, b: string): number {
  const longest = Math.max(a.length, b.length);
  return longest === 0 ? 1 : 1 - distance(a, b) / longest;
}

/** A candidate with its keys worked out once: every pair it is in reads them. */
interface Prepared {
  node: DuplicateCandidate;
  keys: Keys;
  /** Spelled key of each of its names (name and aliases) → that name. */
  names: Map<string, string>;
  acronyms: Set<string>;
  /** The numbers in its name (years, days, editions). */
  numbers: string;
}

function prepare(node: DuplicateCandidate): Prepared | undefined {
  const keys = keysOf(node.name);
  if (!keys) return undefined;
  const names = new Map<string, string>();
  for (const name of [node.name, ...(node.aliases ?? [])]) {
    const spelled = keysOf(name)?.spelled;
    if (spelled && !names.has(spelled)) names.set(spelled, name);
  }
  const explicit = [node.acronym, ...(node.aliases ?? []).filter((x) => /^[A-Z0-9]{3,8}$/.test(x))].filter(Boolean).map((x) => anyAscii(x!).toLowerCase());
  const acronyms = new Set([...explicit, initials(nameWords(node.name))].filter((x) => x.length >= 3));
  return { node, keys, names, acronyms, numbers: keys.spelled.match(/[0-9]+/g)?.join(' ') ?? '' };
}

/** Evidence from the names of two candidates, with its weight. */
function compareNames(a: Prepared, b: Prepared): [Evidence, number][] {
  const [ka, kb] = [a.keys, b.keys];
  const both = `"${a.node.name}" and "${b.node.name}"`;
  if (ka.spelled === kb.spelled) return [[{ kind: 'same-name', detail: `${both} differ only in case, accents, punctuation or titles` }, WEIGHT['same-name']]];
  if (ka.unordered === kb.unordered) return [[{ kind: 'swapped-order', detail: `${both} are the same names in another order` }, WEIGHT['swapped-order']]];
  if (ka.sound === kb.sound) return [[{ kind: 'transliteration', detail: `${both} sound alike (another romanisation or script)` }, WEIGHT.transliteration]];
  const similar = similarity(ka.spelled, kb.spelled);
  if (similar < SIMILAR) return [];
  return [[{ kind: 'similar-name', detail: `${both} are ${Math.round(similar * 100)}% alike` }, 0.8 * similar]];
}

function compareAliases(a: Prepared, b: Prepared): [Evidence, number][] {
  const shared = [...a.names.keys()].find((k) => b.names.has(k) && !(a.names.get(k) === a.node.name && b.names.get(k) === b.node.name));
  return shared ? [[{ kind: 'shared-alias', detail: `both are known as "${a.names.get(shared)}"` }, WEIGHT['shared-alias']]] : [];
}

function compareAcronyms(a: Prepared, b: Prepared): [Evidence, number][] {
  const shared = [...b.acronyms].find((x) => a.acronyms.has(x));
  return shared ? [[{ kind: 'shared-acronym', detail: `both go by "${shared.toUpperCase()}"` }, WEIGHT['shared-acronym']]] : [];
}

/** Independent signals combine: 1 − Π(1 − weight). */
function combine(weights: number[]): number {
  return Math.round((1 - weights.reduce((missing, w) => missing * (1 - w), 1)) * 1000) / 1000;
}

/** A pair's key, the same whichever node comes first. */
export const pairKey = (a: string, b: string) => (a < b ? `${a} ${b}` : `${b} ${a}`);

/**
 * Pairs worth comparing, without comparing every pair: nodes that share a key (spelling, words in
 * any order, sound, a name or alias, an acronym), and neighbours in sorted name order (typos).
 */
function candidatePairs(nodes: Prepared[]): [Prepared, Prepared][] {
  const buckets = new Map<string, Prepared[]>();
  const add = (key: string, node: Prepared) => {
    const bucket = buckets.get(key) ?? [];
    if (!bucket.includes(node)) bucket.push(node);
    buckets.set(key, bucket);
  };
  for (const node of nodes) {
    for (const [type, key] of Object.entries(node.keys)) add(`${type}:${key}`, node);
    for (const spelled of node.names.keys()) add(`spelled:${spelled}`, node);
    for (const acronym of node.acronyms) add(`acronym:${acronym}`, node);
  }
  const pairs = new Map<string, [Prepared, Prepared]>();
  const pair = (a: Prepared, b: Prepared) => {
    if (a.node.id !== b.node.id && a.node.kind === b.node.kind) pairs.set(pairKey(a.node.id, b.node.id), [a, b]);
  };
  for (const bucket of buckets.values()) {
    if (bucket.length > MAX_BUCKET) continue;
    for (let i = 0; i < bucket.length; i++) for (let j = i + 1; j < bucket.length; j++) pair(bucket[i]!, bucket[j]!);
  }
  const sorted = [...nodes].sort((x, y) => (x.keys.spelled < y.keys.spelled ? -1 : x.keys.spelled > y.keys.spelled ? 1 : 0));
  for (let i = 0; i < sorted.length; i++) for (let j = i + 1; j <= i + WINDOW && j < sorted.length; j++) pair(sorted[i]!, sorted[j]!);
  return [...pairs.values()];
}

/** A pair the seed (or a curator) marked with POSSIBLE_DUPLICATE, and why. */
export interface MarkedPair {
  a: string;
  b: string;
  note?: string;
}

/** Likely duplicates, best first: pairs of one kind with evidence, and every marked pair. */
export function suggestDuplicates(nodes: DuplicateCandidate[], marked: MarkedPair[], limit: number, minScore = 0.5): DuplicateSuggestion[] {
  const prepared = nodes.flatMap((n) => prepare(n) ?? []);
  const byId = new Map(prepared.map((p) => [p.node.id, p]));
  const marks = new Map(marked.map((m) => [pairKey(m.a, m.b), m]));
  const pairs = candidatePairs(prepared);
  for (const m of marked) if (byId.has(m.a) && byId.has(m.b)) pairs.push([byId.get(m.a)!, byId.get(m.b)!]);
  const seen = new Set<string>();
  const suggestions: DuplicateSuggestion[] = [];
  for (const [a, b] of pairs) {
    const key = pairKey(a.node.id, b.node.id);
    if (seen.has(key)) continue;
    seen.add(key);
    const mark = marks.get(key);
    const found: [Evidence, number][] = [
      ...(mark ? [[{ kind: 'marked', detail: mark.note || 'marked as a possible duplicate' }, WEIGHT.marked] as [Evidence, number]] : []),
      // "Open Data Day 2022" and "… 2024", "day 1" and "day 2": numbers tell things apart.
      ...(a.numbers === b.numbers ? [...compareNames(a, b), ...compareAliases(a, b), ...compareAcronyms(a, b)] : []),
    ];
    const score = combine(found.map(([, weight]) => weight));
    if (found.length && score >= minScore) {
      const [first, second] = a.node.id < b.node.id ? [a.node, b.node] : [b.node, a.node];
      suggestions.push({
        kind: first.kind,
        a: { id: first.id, name: first.name },
        b: { id: second.id, name: second.name },
        score,
        evidence: found.map(([e]) => e),
      });
    }
  }
  return suggestions.sort((x, y) => y.score - x.score || x.a.id.localeCompare(y.a.id) || x.b.id.localeCompare(y.b.id)).slice(0, limit);
}
