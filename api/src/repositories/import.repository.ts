/**
 * What an import reads: the stored properties of the nodes and relationships its rows name (to
 * compare), and the ids a bad reference may have meant.
 */
import { int } from 'neo4j-driver';
import type { GraphDb, Row } from '../db/graph-db.js';
import { BOOKKEEPING_FIELDS, CONTENT_HASH_FIELD, relationshipId, type RelationshipKey } from '../domain/ids.js';
import { CHANGED } from './network-write.repository.js';

/** How long the comparison of a large file may take. */
const COMPARE_TIMEOUT_MS = 120_000;
/** Enough ids to suggest from in any network this project holds; beyond it, no suggestion. */
const ID_LIMIT = 200_000;

/**
 * A row of the file as it would be stored (the node's id and the relationship's key are among
 * its properties) with their content hash, to compare with what is; `i` names it in the answer.
 */
export interface NodeRow {
  i: number;
  id: string;
  props: Row;
  hash: string;
}
export interface RelationshipRow extends Required<RelationshipKey> {
  i: number;
  props: Row;
  hash: string;
}

/**
 * Which rows exist and which of those differ from what is stored (bookkeeping aside), by their `i`.
 * One record of two lists comes back, not the properties of every row.
 */
export type Comparison = {
  existing: number[];
  changed: number[];
};

/** The stored node or relationship `e` of a `row`. */
const NODE_MATCH = 'MATCH (e:Entity {id: row.id})';
const RELATIONSHIP_MATCH = 'MATCH (:Entity {id: row.from})-[e]->(:Entity {id: row.to}) WHERE type(e) = row.type AND e.key = row.key';

export class ImportRepository {
  constructor(private readonly db: GraphDb) {}

  /**
   * Compares the file's nodes that exist with the stored ones, whose content hashes the check
   * read already: a node with the same hash holds the same properties.
   */
  async compareNodes(rows: NodeRow[], storedHashes: ReadonlyMap<string, string>): Promise<Comparison> {
    const unsure = rows.filter((row) => storedHashes.get(row.id) !== row.hash);
    return { existing: rows.map((row) => row.i), changed: await this.changed(NODE_MATCH, unsure) };
  }

  /** Compares the file's relationships with the stored ones: first by content hash, sending only keys and digests. */
  async compareRelationships(rows: RelationshipRow[]): Promise<Comparison> {
    if (rows.length === 0) return { existing: [], changed: [] };
    // Sent as one list per field, not a map per row: half the bytes for the driver to pack.
    const column = <K extends keyof RelationshipRow>(key: K) => rows.map((row) => row[key]);
    const [byHash] = await this.db.read<{ existing: number[]; unsure: number[] }>(
      `UNWIND range(0, size($i) - 1) AS k
       WITH {i: $i[k], from: $from[k], to: $to[k], type: $type[k], key: $key[k], hash: $hash[k]} AS row
       ${RELATIONSHIP_MATCH}
       RETURN collect(row.i) AS existing, collect(CASE WHEN e.${CONTENT_HASH_FIELD} = row.hash THEN null ELSE row.i END) AS unsure`,
      { i: column('i'), from: column('from'), to: column('to'), type: column('type'), key: column('key'), hash: column('hash') },
      COMPARE_TIMEOUT_MS,
    );
    const unsure = new Set(byHash?.unsure ?? []);
    return {
      existing: byHash?.existing ?? [],
      changed: await this.changed(
        RELATIONSHIP_MATCH,
        rows.filter((row) => unsure.has(row.i)),
      ),
    };
  }

  /**
   * Of rows whose hash differs or is missing (changed, or written before hashes or outside the
   * write path), those whose properties differ, by the test the write path uses to move a version.
   */
  private async changed(match: string, rows: (NodeRow | RelationshipRow)[]): Promise<number[]> {
    if (rows.length === 0) return [];
    const [answer] = await this.db.read<{ changed: number[] }>(
      `UNWIND $rows AS row ${match} WITH e, row WHERE ${CHANGED('e')} RETURN collect(row.i) AS changed`,
      { rows, bookkeeping: BOOKKEEPING_FIELDS },
      COMPARE_TIMEOUT_MS,
    );
    return answer?.changed ?? [];
  }

  /** The stored properties of those of `ids` that exist, by id. */
  async storedNodes(ids: string[]): Promise<Map<string, Row>> {
    const rows = await this.db.read('MATCH (n:Entity) WHERE n.id IN $ids RETURN n.id AS id, properties(n) AS p', { ids }, COMPARE_TIMEOUT_MS);
    return new Map(rows.map((row) => [row.id as string, row.p as Row]));
  }

  /** The stored properties of those of `keys` that exist, by relationship id. */
  async storedRelationships(keys: Required<RelationshipKey>[]): Promise<Map<string, Row>> {
    const rows = await this.db.read(
      `UNWIND $rels AS q
       MATCH (a:Entity {id: q.from})-[r]->(b:Entity {id: q.to}) WHERE type(r) = q.type AND r.key = q.key
       RETURN a.id AS from, type(r) AS type, b.id AS to, r.key AS key, properties(r) AS p`,
      { rels: keys },
      COMPARE_TIMEOUT_MS,
    );
    return new Map(rows.map((row) => [relationshipId(row as unknown as RelationshipKey), row.p as Row]));
  }

  /** Every node's id, and separately the sources' ids, for "did you mean". */
  async knownIds(): Promise<{ ids: string[]; sources: string[] }> {
    const rows = await this.db.read<{ id: string; source: boolean }>('MATCH (n:Entity) RETURN n.id AS id, n:Source AS source LIMIT $limit', {
      limit: int(ID_LIMIT),
    });
    return { ids: rows.map((r) => r.id), sources: rows.filter((r) => r.source).map((r) => r.id) };
  }
}
