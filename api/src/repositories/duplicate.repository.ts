/**
 * What duplicate suggestions read: the names of the nodes of a kind, the pairs marked as possible
 * duplicates, and the pairs curators judged distinct (`:DuplicateDismissal`, outside the network).
 */
import type { GraphDb } from '../db/graph-db.js';
import { pairKey, type DuplicateCandidate, type MarkedPair } from '../domain/duplicates.js';
import type { User } from '../domain/accounts.js';
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

  /** The keys of the pairs curators judged to be two different nodes. */
  async dismissed(): Promise<Set<string>> {
    const rows = await this.db.read<{ pair: string }>('MATCH (d:DuplicateDismissal) RETURN d.pair AS pair');
    return new Set(rows.map((row) => row.pair));
  }

  /** Records that two nodes are not one; false when either is unknown. */
  async dismiss(a: string, b: string, by: User): Promise<boolean> {
    const rows = await this.db.write(
      `MATCH (a:Entity {id: $a}), (b:Entity {id: $b})
       MERGE (d:DuplicateDismissal {pair: $pair}) ON CREATE SET d.by = $by, d.at = datetime()
       RETURN d.pair AS pair`,
      { a, b, pair: pairKey(a, b), by: by.id },
    );
    return rows.length > 0;
  }

  /** Pairs a source or a curator marked with POSSIBLE_DUPLICATE, with what they said. */
  async marked(): Promise<MarkedPair[]> {
    return this.db.read<MarkedPair & Record<string, unknown>>(
      "MATCH (a:Entity)-[r:POSSIBLE_DUPLICATE]->(b:Entity) RETURN a.id AS a, b.id AS b, coalesce(r.note, r.quote, '') AS note",
    );
  }
}
