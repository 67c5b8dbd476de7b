/** Dashboard figures: counts by kind, country and year, and the participation figures of events. */
import type { GraphDb } from '../db/graph-db.js';
import { visibleTo } from './cypher-filters.js';

export class StatsRepository {
  constructor(private readonly db: GraphDb) {}

  /** Every figure with the event (or initiative) it describes and its date, oldest first. */
  participation() {
    return this.db.read(
      `MATCH (e)-[:HAS_FIGURE]->(f:Figure)
       RETURN e.id AS of, e.name AS ofName, e.kind AS ofKind, coalesce(e.since, e.startDate) AS date,
              f.measure AS measure, f.value AS value, f.qualifier AS qualifier, f.sources AS sources, f.quote AS quote
       ORDER BY date, of, measure`,
    );
  }

  /** Counts leave out people the audience may not see, so that they agree with what it can open. */
  async stats(publicOnly: boolean) {
    const visible = (n: string) => visibleTo(n, publicOnly);
    const [byKind, organisationsByKind, organisationsByCountry, eventsByYear, relationshipsByYear, relationshipsByType, participation] = await Promise.all([
      this.db.read(`MATCH (n:Entity) WHERE ${visible('n')} RETURN n.kind AS key, count(*) AS count ORDER BY key`),
      this.db.read('MATCH (n:Organisation) RETURN n.orgKind AS key, count(*) AS count ORDER BY count DESC, key'),
      this.db.read(
        `MATCH (n:Organisation) OPTIONAL MATCH (c:Place {id: n.country})
           RETURN coalesce(c.name, 'unknown') AS key, count(*) AS count ORDER BY count DESC, key`,
      ),
      this.db.read(
        // Every event, its sessions and panels too, by the year it entered the network.
        `MATCH (n:Event) RETURN CASE WHEN n.since IS NULL THEN null ELSE toString(n.since.year) END AS key, count(*) AS count ORDER BY key`,
      ),
      this.db.read(
        `MATCH (a)-[r]->(b) WHERE r.since IS NOT NULL AND ${visible('a')} AND ${visible('b')}
           RETURN toString(r.since.year) AS key, count(*) AS count ORDER BY key`,
      ),
      this.db.read(`MATCH (a)-[r]->(b) WHERE ${visible('a')} AND ${visible('b')} RETURN type(r) AS key, count(*) AS count ORDER BY count DESC, key`),
      this.participation(),
    ]);
    return { byKind, organisationsByKind, organisationsByCountry, eventsByYear, relationshipsByYear, relationshipsByType, participation };
  }
}
