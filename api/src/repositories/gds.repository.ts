/**
 * PageRank, Louvain and betweenness computed inside Neo4j by the Graph Data Science library,
 * when the server has it (`gds.version()` answers: Aura and self-managed servers can have it, and
 * the embedded launcher when started with GDS, an opt-in: docs/database.md). The graph projected
 * is the one the worker computes on: the filtered network as an undirected simple graph (reverse
 * and parallel relationships collapse to one link); test/integration/gds-analytics.test.ts checks
 * the scores against the worker's.
 */
import { randomUUID } from 'node:crypto';
import { int } from 'neo4j-driver';
import type { GraphDb } from '../db/graph-db.js';
import { filterParams, nodeAllowed, relationshipAllowed, type GraphFilter } from './cypher-filters.js';

export interface GdsScores {
  /** Per node id. */
  pagerank: Map<string, number>;
  betweenness: Map<string, number>;
  community: Map<string, number>;
  modularity: number;
}

export interface BetweennessSampling {
  /** All sources (exact) or this many, drawn with the seed. */
  samples: number | 'all';
  seed: number;
}

export class GdsRepository {
  private version: Promise<string | null> | undefined;

  constructor(private readonly db: GraphDb) {}

  /** The library's version, or null when the server has no GDS; asked once per process. */
  available(): Promise<string | null> {
    this.version ??= this.db.read<{ version: string }>('RETURN gds.version() AS version').then(
      ([row]) => row?.version ?? null,
      () => null,
    );
    return this.version;
  }

  async scores(filter: GraphFilter, sampling: BetweennessSampling, timeoutMs = 600_000): Promise<GdsScores> {
    const graph = `spean-metrics-${randomUUID()}`;
    // Each undirected link once: the pair ordered by element id, isolated nodes with no target.
    await this.db.read(
      `MATCH (a:Entity) WHERE NOT a:Source AND NOT a:Figure AND ${nodeAllowed('a', filter)}
       OPTIONAL MATCH (a)-[r]-(b:Entity)
       WHERE a <> b AND NOT b:Source AND NOT b:Figure AND ${relationshipAllowed('r', filter)} AND ${nodeAllowed('b', filter)}
       WITH DISTINCT a, CASE WHEN b IS NOT NULL AND elementId(a) < elementId(b) THEN b END AS b
       WITH gds.graph.project($graph, a, b, {}, {undirectedRelationshipTypes: ['*']}) AS projected
       RETURN projected.nodeCount AS nodes`,
      { ...filterParams(filter), graph },
      timeoutMs,
    );
    try {
      await this.db.read(
        `CALL gds.pageRank.mutate($graph, {mutateProperty: 'pagerank', scaler: 'L1Norm', maxIterations: 100, tolerance: 1e-7}) YIELD nodePropertiesWritten RETURN nodePropertiesWritten`,
        { graph },
        timeoutMs,
      );
      // GDS takes these as Long only; a JavaScript number would arrive as a Double and be refused.
      const betweennessConfig = sampling.samples === 'all' ? {} : { samplingSize: int(sampling.samples), samplingSeed: int(sampling.seed) };
      await this.db.read(
        `CALL gds.betweenness.mutate($graph, $config) YIELD nodePropertiesWritten RETURN nodePropertiesWritten`,
        { graph, config: { ...betweennessConfig, mutateProperty: 'betweenness' } },
        timeoutMs,
      );
      const [louvain] = await this.db.read<{ modularity: number }>(
        `CALL gds.louvain.mutate($graph, {mutateProperty: 'community'}) YIELD modularity RETURN modularity`,
        { graph },
        timeoutMs,
      );
      const rows = await this.db.read<{ id: string; names: string[]; values: number[] }>(
        `CALL gds.graph.nodeProperties.stream($graph, ['pagerank', 'betweenness', 'community'])
         YIELD nodeId, nodeProperty, propertyValue
         WITH nodeId, collect(nodeProperty) AS names, collect(propertyValue) AS values
         RETURN gds.util.asNode(nodeId).id AS id, names, values`,
        { graph },
        timeoutMs,
      );
      const scores: GdsScores = { pagerank: new Map(), betweenness: new Map(), community: new Map(), modularity: louvain?.modularity ?? 0 };
      for (const { id, names, values } of rows) {
        names.forEach((name, k) => scores[name as 'pagerank' | 'betweenness' | 'community'].set(id, values[k]!));
      }
      return scores;
    } finally {
      await this.db.read('CALL gds.graph.drop($graph, false) YIELD graphName RETURN graphName', { graph }, timeoutMs);
    }
  }
}
