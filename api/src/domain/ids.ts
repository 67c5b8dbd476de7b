/**
 * How the network names things: a relationship's id (`from|TYPE|to|key`), built and parsed here
 * only, and the stored fields that are bookkeeping rather than part of a record.
 */
import { z } from 'zod';

export interface RelationshipKey {
  from: string;
  type: string;
  to: string;
  key?: string;
}

/** `from|TYPE|to|key`, as every view, route and history entry names a relationship. */
export function relationshipId(r: RelationshipKey): string {
  return `${r.from}|${r.type}|${r.to}|${r.key ?? ''}`;
}

export function parseRelationshipId(id: string): Required<RelationshipKey> | undefined {
  const parts = id.split('|');
  if (parts.length !== 4) return undefined;
  const [from, type, to, key] = parts as [string, string, string, string];
  return { from, type, to, key };
}

/** A relationship id in a path: node ids, an upper-case type and a key of up to 80 characters. */
export const relationshipIdSchema = z.string().regex(/^[a-z0-9-]+\|[A-Z_]+\|[a-z0-9-]+\|[^|]{0,80}$/, 'from|TYPE|to|key');

/**
 * A digest of a node's or relationship's own properties, kept beside them by the write path so
 * that an import compares digests instead of every property. The database layer's own: reads never
 * return it (db/plain-values.ts leaves it out).
 */
export const CONTENT_HASH_FIELD = '_contentHash';

/**
 * Stored properties that the write path keeps, not the curator: the version (optimistic
 * concurrency), `since` (when the fact entered the network, for as-of reads) and the content hash.
 */
export const BOOKKEEPING_FIELDS = ['version', 'since', CONTENT_HASH_FIELD] as const;
const BOOKKEEPING = new Set<string>(BOOKKEEPING_FIELDS);

export const isBookkeeping = (field: string): boolean => BOOKKEEPING.has(field);

/** A stored node or relationship as the record a curator edits: no bookkeeping, no empty fields. */
export function recordOf(stored: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(stored).filter(([key, value]) => !isBookkeeping(key) && value !== null && value !== undefined));
}
