/**
 * Full-text search over names, aliases, acronyms and descriptions. The user's words never reach
 * Lucene's query syntax: they are split into letters and digits, and the query is built from
 * those pieces only (exact, prefix and fuzzy terms per word).
 */
import { int } from 'neo4j-driver';
import type { NodeKind } from '../domain/model.js';
import type { TimeWindow } from '../domain/views.js';
import type { GraphDb } from '../db/graph-db.js';
import { filterParams, presentInWindow, visibleTo } from './cypher-filters.js';

export interface SearchHit {
  id: string;
  kind: NodeKind;
  name: string;
  acronym: string | null;
  aliases: string[];
  description: string | null;
  score: number;
}

// The standard analyzer drops these words from the index; a prefix or fuzzy term built from
// them would match unrelated words, so they are left out of the query.
const STOP_WORDS = new Set(
  'a an and are as at be but by for if in into is it no not of on or such that the their then there these they this to was will with'.split(' '),
);

const KHMER = /[\u1780-\u17FF\u19E0-\u19FF]/u;
const FIELD_BOOSTS: ReadonlyArray<[string, number]> = [
  ['name', 4],
  ['acronym', 4],
  ['aliases', 3],
  ['description', 1],
];

/** Lowercases and removes Latin diacritics; Khmer and other scripts keep their marks. */
function foldLatin(word: string): string {
  return word
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .normalize('NFC')
    .toLowerCase();
}

// A word as Lucene's standard tokenizer sees one: letters and digits, with apostrophes and dots
// allowed inside ("Cambodia's", "H.E", "data.go.kr"). Neither is an operator in Lucene's syntax.
const WORD = /[\p{L}\p{N}\p{M}]+(?:['\u2019.][\p{L}\p{N}\p{M}]+)*/gu;

/** The query words, folded, without stop words; empty when nothing searchable is left. */
export function queryWords(q: string): string[] {
  const words = (q.match(WORD) ?? []).map(foldLatin);
  return words.filter((w) => !STOP_WORDS.has(w)).slice(0, 12);
}

/** One word as a Lucene clause: the word itself, words it starts, and (when asked) close misspellings. */
function wordClause(word: string, fuzzy: boolean): string {
  // Khmer is written without spaces, so a Khmer word can sit inside a longer indexed token.
  if (KHMER.test(word)) return `(${word}^2 OR *${word}*)`;
  const misspelt = !fuzzy ? '' : word.length >= 7 ? `${word}~2` : word.length >= 4 ? `${word}~1` : '';
  return `(${[`${word}^3`, `${word}*^2`, misspelt].filter(Boolean).join(' OR ')})`;
}

/** The Lucene query for `words`: every word must match, in any of the fields. */
export function luceneQuery(words: string[], fuzzy = true): string {
  const allWords = words.map((w) => wordClause(w, fuzzy)).join(' AND ');
  return FIELD_BOOSTS.map(([field, boost]) => `${field}:(${allWords})^${boost}`).join(' OR ');
}

export interface SearchOptions {
  /** Only these kinds; all when empty. */
  kinds: NodeKind[];
  limit: number;
  /** Only nodes present in this window, when one is given. */
  window: TimeWindow;
  publicOnly: boolean;
}

export class SearchRepository {
  constructor(private readonly db: GraphDb) {}

  /**
   * Hits for `q`, as the options narrow them. Fuzzy terms are expensive on a large index, and every word must match: so the exact
   * and prefix query runs first, and the fuzzy one only when that finds nothing (a misspelt word).
   */
  async search(q: string, options: SearchOptions): Promise<SearchHit[]> {
    const words = queryWords(q);
    if (words.length === 0) return [];
    const exact = await this.query(luceneQuery(words, false), options);
    return exact.length > 0 ? exact : this.query(luceneQuery(words, true), options);
  }

  private query(lucene: string, { kinds, limit, window, publicOnly }: SearchOptions): Promise<SearchHit[]> {
    const filter = { window, publicOnly };
    // Lucene returns the best hits first; a kind or time filter must look further down the list.
    // Hiding the few people who are not public needs only a little more.
    const narrowed = kinds.length > 0 || Boolean(window.from || window.to);
    const fetch = narrowed ? limit * 20 : publicOnly ? limit + 50 : limit;
    return this.db.read<SearchHit & Record<string, unknown>>(
      `CALL db.index.fulltext.queryNodes('entity_search', $query, {limit: $fetch}) YIELD node, score
       WHERE (size($kinds) = 0 OR node.kind IN $kinds) AND ${visibleTo('node', publicOnly)} AND ${presentInWindow('node', filter)}
       RETURN node.id AS id, node.kind AS kind, node.name AS name, node.acronym AS acronym,
              coalesce(node.aliases, []) AS aliases, node.description AS description, score
       ORDER BY score DESC, name ASC
       LIMIT $limit`,
      { ...filterParams(filter), query: lucene, kinds, limit: int(limit), fetch: int(fetch) },
    );
  }
}
