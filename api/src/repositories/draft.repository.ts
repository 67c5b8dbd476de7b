/** What drafting reads besides the network's names: which ids new nodes must not take. */
import type { GraphDb } from '../db/graph-db.js';

export class DraftRepository {
  constructor(private readonly db: GraphDb) {}

  /** Ids taken that are one of `bases` or a numbered variant of one (`base-2`). */
  async takenIds(bases: string[]): Promise<Set<string>> {
    const rows = await this.db.read<{ id: string }>(
      `MATCH (n:Entity) WHERE any(base IN $bases WHERE n.id = base OR n.id STARTS WITH base + '-') RETURN n.id AS id`,
      { bases },
    );
    return new Set(rows.map((row) => row.id));
  }
}
