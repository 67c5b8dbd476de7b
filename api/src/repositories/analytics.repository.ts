/** Reads the whole (filtered) network for analytics, and the graph version that keys their cache. */
import type { Network, NetworkEdge, NetworkNode } from '../domain/network.js';
import { writeGeneration, type GraphDb } from '../db/graph-db.js';
import { SharedRead } from '../lib/shared-read.js';
import { filterParams, nodeAllowed, relationshipAllowed, type GraphFilter } from './cypher-filters.js';

/** One kept graph version per database handle, whichever repository asks. */
const versions = new WeakMap<GraphDb, SharedRead<number>>();

export class AnalyticsRepository {
  private readonly version: SharedRead<number>;

  constructor(private readonly db: GraphDb) {
    let version = versions.get(db);
    if (!version) versions.set(db, (version = new SharedRead(() => this.readGraphVersion(), writeGeneration)));
    this.version = version;
  }

  /**
   * Bumped by every load and edit; what is computed at one version stays valid until it moves.
   * Kept in memory (lib/shared-read.ts): every anonymous read and cached answer asks for it, and
   * a query each time was most of what the API added to the database's own work.
   */
  graphVersion(): Promise<number> {
    return this.version.get();
  }

  /** The version as the database has it now, with a query. */
  async readGraphVersion(): Promise<number> {
    const [row] = await this.db.read<{ version: number }>("MATCH (m:GraphMeta {key: 'graph'}) RETURN m.version AS version");
    return row?.version ?? 0;
  }

  /** Every allowed node (sources and figures aside) and every allowed relationship between them. */
  async network(filter: GraphFilter, timeoutMs = 120_000): Promise<Network> {
    const params = filterParams(filter);
    return this.db.readTransaction(async (tx) => {
      const nodes = await tx.run<NetworkNode & Record<string, unknown>>(
        `MATCH (n:Entity) WHERE NOT n:Source AND NOT n:Figure AND ${nodeAllowed('n', filter)}
         RETURN n.id AS id, n.kind AS kind, n.name AS name, n.orgKind AS orgKind, n.placeKind AS placeKind, n.country AS country`,
        params,
      );
      const edges = await tx.run<NetworkEdge & Record<string, unknown>>(
        `MATCH (a:Entity)-[r]->(b:Entity)
         WHERE NOT a:Source AND NOT b:Source AND NOT a:Figure AND NOT b:Figure
           AND ${relationshipAllowed('r', filter)} AND ${nodeAllowed('a', filter)} AND ${nodeAllowed('b', filter)}
         RETURN a.id AS from, b.id AS to, type(r) AS type`,
        params,
      );
      return { nodes: nodes.map(dropNulls), edges };
    }, timeoutMs);
  }
}

function dropNulls<T extends object>(row: T): T {
  return Object.fromEntries(Object.entries(row).filter(([, v]) => v !== null)) as T;
}
