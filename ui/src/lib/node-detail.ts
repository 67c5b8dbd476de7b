/** How a node's detail is shown: relationships grouped by kind and direction, properties worth reading. */
import type { NodeDetail } from './api.js';

type Relationship = NodeDetail['relationships'][number];

export interface RelationshipGroup {
  key: string;
  type: string;
  direction: 'in' | 'out';
  items: Relationship[];
}

/** Groups by type and direction, most populous first; within a group, dated ones in order. */
export function groupRelationships(relationships: Relationship[]): RelationshipGroup[] {
  const groups = new Map<string, RelationshipGroup>();
  for (const rel of relationships) {
    const key = `${rel.direction}:${rel.type}`;
    if (!groups.has(key)) groups.set(key, { key, type: rel.type, direction: rel.direction, items: [] });
    groups.get(key)!.items.push(rel);
  }
  const when = (r: Relationship) => String(r.properties.from_date ?? r.properties.since ?? '9999');
  for (const g of groups.values()) g.items.sort((a, b) => when(a).localeCompare(when(b)) || a.other.name.localeCompare(b.other.name));
  return [...groups.values()].sort((a, b) => b.items.length - a.items.length || a.key.localeCompare(b.key));
}

/** Properties shown as a list: not the ones with a place of their own (name, aliases, sources …). */
// `version` is bookkeeping for edits (lost-update guard), not a fact about the node.
const SHOWN_ELSEWHERE = new Set(['id', 'name', 'kind', 'aliases', 'description', 'sources', 'quote', 'public', 'since', 'version']);

export function shownProperties(node: Record<string, unknown>): [string, string][] {
  return Object.entries(node)
    .filter(([key, value]) => !SHOWN_ELSEWHERE.has(key) && value !== null && value !== undefined && value !== '')
    .map(([key, value]): [string, string] => [key, Array.isArray(value) ? value.join(', ') : String(value)])
    .sort(([a], [b]) => a.localeCompare(b));
}

/** What a curator is doing in the node panel, if anything: one thing at a time. */
export type PanelMode =
  { is: 'view' } | { is: 'edit' } | { is: 'delete' } | { is: 'add-relationship' } | { is: 'edit-relationship' | 'delete-relationship'; rel: Relationship };
