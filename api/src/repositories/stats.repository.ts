/** Dashboard figures: counts by kind, country and year, and the participation figures of events. */
import type { GraphDb } from '../db/graph-db.js';

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

  async stats() {
    const [byKind, organisationsByKind, organisationsByCountry, eventsByYear, relationshipsByYear, relationshipsByType, participation] =
      await Promise.all([
        this.db.read('MATCH (n:Entity) RETURN n.kind AS key, count(*) AS count ORDER BY key'),
        this.db.read('MATCH (n:Organisation) RETURN n.orgKind AS key, count(*) AS count ORDER BY count DESC, key'),
        this.db.read(
          `MATCH (n:Organisation) OPTIONAL MATCH (c:Place {id: n.country})
           RETURN coalesce(c.name, 'unknown') AS key, count(*) AS count ORDER BY count DESC, key`,
        ),
        this.db.read(
          `MATCH (n:Event) WHERE n.since IS NOT NULL AND NOT EXISTS { (n)-[:PART_OF]->(:Event) }
           RETURN toString(n.since.year) AS key, count(*) AS count ORDER BY key`,
        ),
        this.db.read('MATCH ()-[r]->() WHERE r.since IS NOT NULL RETURN toString(r.since.year) AS key, count(*) AS count ORDER BY key'),
        this.db.read('MATCH ()-[r]->() RETURN type(r) AS key, count(*) AS count ORDER BY count DESC, key'),
        this.participation(),
      ]);
    return { byKind, organisationsByKind, organisationsByCountry, eventsByYear, relationshipsByYear, relationshipsByType, participation };
  }
}
