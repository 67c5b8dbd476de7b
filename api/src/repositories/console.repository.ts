/**
 * Runs a researcher's own Cypher, read-only: the planned query type must be "r" (checked with
 * EXPLAIN, not trusted to the transaction mode alone), it runs in a read transaction with a
 * timeout, and at most `limit` rows are read from the server.
 */
import neo4j from 'neo4j-driver';
import type { GraphDb } from '../db/graph-db.js';
import { toPlain } from '../db/plain-values.js';

export interface ConsoleResult {
  columns: string[];
  rows: Record<string, unknown>[];
  truncated: boolean;
}

export class NotReadOnlyError extends Error {}

export class ConsoleRepository {
  constructor(
    private readonly db: GraphDb,
    private readonly timeoutMs: number,
  ) {}

  async run(query: string, params: Record<string, unknown>, limit: number): Promise<ConsoleResult> {
    const session = this.db.driver.session({ defaultAccessMode: neo4j.session.READ, fetchSize: limit + 1 });
    try {
      return await session.executeRead(
        async (tx) => {
          const plan = await tx.run(`EXPLAIN ${query}`, params);
          if (plan.summary.queryType !== 'r') {
            throw new NotReadOnlyError(`Only read queries run in the console; this one is of type "${plan.summary.queryType}".`);
          }
          const result = tx.run(query, params);
          const rows: Record<string, unknown>[] = [];
          let truncated = false;
          for await (const record of result) {
            if (rows.length === limit) {
              truncated = true;
              break;
            }
            rows.push(toPlain(record.toObject()) as Record<string, unknown>);
          }
          const columns = truncated ? Object.keys(rows[0] ?? {}) : [...(await result.keys())];
          return { columns, rows, truncated };
        },
        { timeout: this.timeoutMs },
      );
    } finally {
      await session.close();
    }
  }
}
