/** What duplicate suggestions read: the names of the nodes of a kind, and the pairs marked as possible duplicates. */
import type { GraphDb } from '../db/graph-db.js';
import type { DuplicateCandidate, MarkedPair } from '../domain/duplicates.js';
import type { NodeKind } from '../domain/model.js';

export class DuplicateRepository {
  constructor(private readonly db: GraphDb) {}

  /** Nodes of the network (of these kinds, when given) with the names they are known by. */
  async candidates(kinds?: NodeKind[]): Promise<DuplicateCandidate[]> {
    const rows = await this.db.read<{ c: DuplicateCandidate }>(
      `MATCH (n:Entity) WHERE NOT n:Source AND NOT n:Figure AND ($kinds IS NULL OR n.kind IN $kinds)
       RETURN n {.id, .kind, .name, aliases: coalesce(n.aliases, []), acronym: coalesce(n.acronym, '')} AS c`,
      { kinds: kinds ?? null },
    );
    return rows.map((row) => row.c);
  }

  /** Pairs a source or a curator marked with POSSIBLE_DUPLICATE, with what they said. */
  async marked(): Promise<MarkedPair[]> {
    return this.db.read<MarkedPair & Record<string, unknown>>(
      'MATCH (a:Entity)-[r:POSSIBLE_DUPLICATE]->(b:Entity) RETURN a.id AS a, b.id AS b, coalesce(r.note, r.quote, \'\') AS note',
    );
  }
}
