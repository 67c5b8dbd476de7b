/**
 * The records an export in the import format holds: every node a filter allows, the sources the
 * exported facts cite (whatever the filter, so that the tables load), and the allowed
 * relationships among them. Read in one transaction, so an export is one moment of the network.
 */
import type { GraphDb, Row } from '../db/graph-db.js';
import { filterParams, nodeAllowed, relationshipAllowed, type GraphFilter } from './cypher-filters.js';

/** Stored properties: nodes, and relationships with their `from`, `type` and `to`. */
export interface NetworkRecords {
  nodes: Row[];
  relationships: Row[];
}

const citedBy = (records: Row[]) => records.flatMap((p) => (p.sources as string[] | undefined) ?? []);

export class TablesRepository {
  constructor(private readonly db: GraphDb) {}

  async records(filter: GraphFilter): Promise<NetworkRecords> {
    const params = filterParams(filter);
    return this.db.readTransaction(async (tx) => {
      const nodes = (await tx.run(`MATCH (n:Entity) WHERE ${nodeAllowed('n', filter)} RETURN properties(n) AS p`, params)).map((r) => r.p as Row);
      const picked = new Set(nodes.map((p) => p.id as string));
      const rels = await tx.run(
        `MATCH (a:Entity)-[r]->(b:Entity) WHERE a.id IN $ids AND b.id IN $ids AND ${relationshipAllowed('r', filter)}
         RETURN a.id AS from, type(r) AS type, b.id AS to, properties(r) AS p`,
        { ...params, ids: [...picked] },
      );
      const relationships = rels.map((r) => ({ ...(r.p as Row), from: r.from, type: r.type, to: r.to }));
      const cited = [...new Set([...citedBy(nodes), ...citedBy(relationships)])].filter((id) => !picked.has(id));
      const sources = cited.length
        ? (await tx.run('MATCH (s:Source) WHERE s.id IN $ids RETURN properties(s) AS p', { ids: cited })).map((r) => r.p as Row)
        : [];
      return { nodes: [...nodes, ...sources], relationships };
    });
  }
}
