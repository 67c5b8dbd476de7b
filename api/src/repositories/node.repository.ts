/**
 * Reads of single nodes and lists of nodes. All Cypher is parameterised; the one label and the
 * one sort key spliced in come from zod enums.
 */
import { int } from 'neo4j-driver';
import { LABEL_OF, type NodeKind } from '../domain/model.js';
import type { GraphDb, Row } from '../db/graph-db.js';
import { visibleTo } from './cypher-filters.js';
import type { NodeSummary, RelationshipView } from '../domain/responses.js';
import { toSourceView, type SourceView } from '../domain/views.js';

export interface NodeDetail {
  node: Row & NodeSummary;
  relationships: RelationshipView[];
  /** Every source cited by the node or by one of its relationships. */
  sources: SourceView[];
}

export const SORT_KEYS = ['name', 'id', 'startDate'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export interface ListQuery {
  kind: NodeKind;
  limit: number;
  offset: number;
  sort: SortKey;
  order: 'asc' | 'desc';
  country?: string;
  subKind?: string;
  publicOnly: boolean;
}

const KIND_FIELD: Partial<Record<NodeKind, string>> = {
  organisation: 'orgKind',
  event: 'eventKind',
  initiative: 'initiativeKind',
  place: 'placeKind',
  source: 'sourceKind',
};

export class NodeRepository {
  constructor(private readonly db: GraphDb) {}

  /**
   * One node with every relationship it has and the sources behind them; undefined if unknown
   * (or not visible to the audience, which must not learn that it exists).
   */
  async get(id: string, publicOnly: boolean): Promise<NodeDetail | undefined> {
    const rows = await this.db.read(
      `MATCH (n:Entity {id: $id}) WHERE ${visibleTo('n', publicOnly)}
       CALL (n) {
         MATCH (n)-[r]-(other:Entity) WHERE ${visibleTo('other', publicOnly)}
         RETURN collect({
           type: type(r),
           direction: CASE WHEN startNode(r) = n THEN 'out' ELSE 'in' END,
           other: {id: other.id, kind: other.kind, name: other.name},
           properties: properties(r)
         }) AS relationships,
         reduce(ids = [], r2 IN collect(r) | ids + coalesce(r2.sources, [])) AS relSources
       }
       WITH n, relationships, coalesce(n.sources, []) + relSources AS sourceIds
       OPTIONAL MATCH (s:Source) WHERE s.id IN sourceIds
       RETURN properties(n) AS node, relationships,
              collect(s {.id, .name, .publisher, .date, .url}) AS sources`,
      { id },
    );
    const row = rows[0];
    if (!row) return undefined;
    const relationships = (row.relationships as RelationshipView[]).sort((a, b) => a.type.localeCompare(b.type) || a.other.name.localeCompare(b.other.name));
    const sources = (row.sources as Row[]).map(toSourceView);
    return { node: row.node as Row & NodeSummary, relationships, sources };
  }

  /** A page of nodes of one kind, sorted and filtered, with the total count. */
  async list(query: ListQuery): Promise<{ items: Row[]; total: number }> {
    const label = LABEL_OF[query.kind];
    const kindField = KIND_FIELD[query.kind];
    const filters = [
      query.publicOnly ? visibleTo('n', true) : '',
      query.country ? `(n.country = $country OR EXISTS { (n)-[:LOCATED_IN|HELD_IN|BASED_IN]->(:Place {id: $country}) })` : '',
      query.subKind && kindField ? `n.${kindField} = $subKind` : '',
    ].filter(Boolean);
    const where = filters.length ? `WHERE ${filters.join(' AND ')}` : '';
    const direction = query.order === 'desc' ? 'DESC' : 'ASC';
    // Count and page in two subqueries, so a large kind is never collected whole.
    const rows = await this.db.read(
      `CALL () { MATCH (n:${label}) ${where} RETURN count(n) AS total }
       CALL () {
         MATCH (n:${label}) ${where}
         WITH n ORDER BY n.${query.sort} ${direction}, n.id ASC SKIP $offset LIMIT $limit
         RETURN collect(properties(n)) AS items
       }
       RETURN total, items`,
      { country: query.country ?? null, subKind: query.subKind ?? null, offset: int(query.offset), limit: int(query.limit) },
    );
    const row = rows[0] ?? { total: 0, items: [] };
    return { items: row.items as Row[], total: row.total as number };
  }

  /** How many nodes of each kind there are (used by readiness and the seed loader). */
  async countByKind(): Promise<Record<string, number>> {
    const rows = await this.db.read<{ kind: string; n: number }>('MATCH (n:Entity) RETURN n.kind AS kind, count(*) AS n');
    return Object.fromEntries(rows.map((r) => [r.kind, r.n]));
  }
}
