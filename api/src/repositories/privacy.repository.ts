/** The names that anonymous answers must not carry: those of people marked not public. */
import type { GraphDb } from '../db/graph-db.js';

export class PrivacyRepository {
  constructor(private readonly db: GraphDb) {}

  /** Every name and alias of a person marked not public. */
  async hiddenNames(): Promise<string[]> {
    const rows = await this.db.read<{ names: string[] }>('MATCH (p:Person) WHERE p.public = false RETURN [p.name] + coalesce(p.aliases, []) AS names');
    return rows.flatMap((row) => row.names);
  }
}
