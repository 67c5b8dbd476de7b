/** What the importer reads besides the rows it compares: the ids a bad reference may have meant. */
import { int } from 'neo4j-driver';
import type { GraphDb } from '../db/graph-db.js';

/** Enough ids to suggest from in any network this project holds; beyond it, no suggestion. */
const ID_LIMIT = 200_000;

export class ImportRepository {
  constructor(private readonly db: GraphDb) {}

  /** Every node's id, and separately the sources' ids, for "did you mean". */
  async knownIds(): Promise<{ ids: string[]; sources: string[] }> {
    const rows = await this.db.read<{ id: string; source: boolean }>(
      'MATCH (n:Entity) RETURN n.id AS id, n:Source AS source LIMIT $limit',
      { limit: int(ID_LIMIT) },
    );
    return { ids: rows.map((r) => r.id), sources: rows.filter((r) => r.source).map((r) => r.id) };
  }
}
