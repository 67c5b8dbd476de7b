/** What an import compares its rows with: the stored properties of the nodes and relationships it names. */
import type { GraphDb, Row } from '../db/graph-db.js';
import { relationshipId, type RelationshipKey } from '../domain/ids.js';

/** How long the comparison of a large file may take. */
const COMPARE_TIMEOUT_MS = 120_000;

export class ImportRepository {
  constructor(private readonly db: GraphDb) {}

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
}
