/** Reads the whole (filtered) network for analytics, and the graph version that keys their cache. */
import type { LinkedNetwork, Network, NetworkEdge, NetworkNode } from '../domain/network.js';
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
        `${allowedNodes(filter)} RETURN n.id AS id, n.kind AS kind, n.name AS name, n.orgKind AS orgKind, n.placeKind AS placeKind, n.country AS country`,
        params,
      );
      const edges = await tx.run<NetworkEdge & Record<string, unknown>>(
        `${allowedRelationships(filter)} RETURN a.id AS from, b.id AS to, type(r) AS type`,
        params,
      );
      return { nodes: nodes.map(dropNulls), edges };
    }, timeoutMs);
  }

  /**
   * The same nodes and relationships as `network`, as the metrics need them: no relationship
   * type, and the relationships in one record per start node, which the driver decodes in less
   * than half the time of one record per relationship (docs/performance.md, #18).
   */
  async linkedNetwork(filter: GraphFilter, timeoutMs = 120_000): Promise<LinkedNetwork> {
    const params = filterParams(filter);
    return this.db.readTransaction(async (tx) => {
      const nodes = await tx.run<NetworkNode & Record<string, unknown>>(`${allowedNodes(filter)} RETURN n.id AS id, n.kind AS kind, n.name AS name`, params);
      const starts = await tx.run<{ from: string; to: string[] }>(`${allowedRelationships(filter)} RETURN a.id AS from, collect(b.id) AS to`, params);
      return byPosition(nodes.map(dropNulls), starts);
    }, timeoutMs);
  }
}

/** `MATCH` of the nodes analytics read, as `n`. */
function allowedNodes(filter: GraphFilter): string {
  return `MATCH (n:Entity) WHERE NOT n:Source AND NOT n:Figure AND ${nodeAllowed('n', filter)}`;
}

/** `MATCH` of the relationships between them, as `(a)-[r]->(b)`. */
function allowedRelationships(filter: GraphFilter): string {
  return `MATCH (a:Entity)-[r]->(b:Entity)
         WHERE NOT a:Source AND NOT b:Source AND NOT a:Figure AND NOT b:Figure
           AND ${relationshipAllowed('r', filter)} AND ${nodeAllowed('a', filter)} AND ${nodeAllowed('b', filter)}`;
}

/** Relationships grouped by start node, as positions in `nodes`; one with an end outside them (no id) is left out. */
function byPosition(nodes: NetworkNode[], starts: { from: string; to: string[] }[]): LinkedNetwork {
  const index = new Map(nodes.map((node, i) => [node.id, i]));
  const from = new Int32Array(starts.reduce((sum, start) => sum + start.to.length, 0));
  const to = new Int32Array(from.length);
  let k = 0;
  for (const start of starts) {
    const a = index.get(start.from);
    for (const end of start.to) {
      const b = index.get(end);
      if (a === undefined || b === undefined) continue;
      from[k] = a;
      to[k++] = b;
    }
  }
  return { nodes, from: from.slice(0, k), to: to.slice(0, k) };
}

function dropNulls<T extends object>(row: T): T {
  return Object.fromEntries(Object.entries(row).filter(([, v]) => v !== null)) as T;
}
