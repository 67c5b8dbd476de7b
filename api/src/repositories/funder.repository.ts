/** What the Funder view reads besides the analytics network: the relationships of money flows, and places with their coordinates. */
import type { GraphDb } from '../db/graph-db.js';
import { filterParams, nodeAllowed, relationshipAllowed, type GraphFilter } from './cypher-filters.js';
import { relationshipIdCypher } from './relationship-id.cypher.js';

export interface FlowEndpoint {
  id: string;
  name: string;
  kind: string;
  /** An event that is part of a larger one (a panel, a session). */
  isPart?: boolean;
}

export interface FlowRelationship {
  id: string;
  from: string;
  to: string;
  type: string;
  properties: { sources: string[]; quote?: string | null; confidence?: string | null; amount?: number | null; currency?: string | null; note?: string | null };
}

export class FunderRepository {
  constructor(private readonly db: GraphDb) {}

  /** Money (FUNDS, SUPPORTS), implementing (IMPLEMENTS, RUNS) and running (ORGANISED, HOSTED, PARTNER_IN) relationships, with their endpoints. */
  async flowRelationships(filter: GraphFilter): Promise<{ endpoints: Map<string, FlowEndpoint>; relationships: FlowRelationship[] }> {
    const rows = await this.db.read<{ a: FlowEndpoint; b: FlowEndpoint; r: FlowRelationship }>(
      `MATCH (a:Entity)-[r:FUNDS|SUPPORTS|IMPLEMENTS|RUNS|ORGANISED|HOSTED|PARTNER_IN]->(b:Entity)
       WHERE ${relationshipAllowed('r', filter)} AND ${nodeAllowed('a', filter)} AND ${nodeAllowed('b', filter)}
       RETURN a {.id, .name, .kind} AS a,
              b {.id, .name, .kind, isPart: EXISTS { (b)-[:PART_OF]->(:Event) }} AS b,
              {id: ${relationshipIdCypher('r')}, from: a.id, to: b.id, type: type(r),
               properties: r {.sources, .quote, .confidence, .amount, .currency, .note}} AS r`,
      filterParams(filter),
    );
    const endpoints = new Map<string, FlowEndpoint>();
    for (const row of rows) {
      endpoints.set(row.a.id, row.a);
      endpoints.set(row.b.id, row.b);
    }
    return { endpoints, relationships: rows.map((row) => row.r) };
  }

  /**
   * Every place the audience may see, with what is linked to it: events held in it or that it was
   * represented at, organisations and people located or based in it (or, for organisations, of
   * that country), initiatives covering it.
   */
  async placesWithActivity(filter: GraphFilter): Promise<PlaceActivity[]> {
    return this.db.read<PlaceActivity>(
      `MATCH (p:Place) WHERE ${nodeAllowed('p', filter)}
       CALL (p) {
         OPTIONAL MATCH (p)-[r:HELD_IN|LOCATED_IN|BASED_IN|REPRESENTED_AT|COVERS_PLACE]-(n:Entity)
         WHERE NOT n:Place AND ${relationshipAllowed('r', filter)} AND ${nodeAllowed('n', filter)}
         RETURN collect(DISTINCT n {.id, .name, .kind}) AS linked
       }
       CALL (p) {
         OPTIONAL MATCH (o:Organisation {country: p.id}) WHERE ${nodeAllowed('o', filter)}
         RETURN collect(DISTINCT o {.id, .name, .kind}) AS based
       }
       RETURN p.id AS id, p.name AS name, coalesce(p.aliases, []) AS aliases, p.placeKind AS placeKind, p.latitude AS latitude, p.longitude AS longitude,
              p.coordinatesSource AS coordinatesSource, coalesce(p.sources, []) AS sources, linked + based AS linked
       ORDER BY id`,
      filterParams(filter),
    );
  }
}

export interface PlaceActivity extends Record<string, unknown> {
  id: string;
  name: string;
  aliases: string[];
  placeKind: string;
  latitude: number | null;
  longitude: number | null;
  coordinatesSource: string | null;
  sources: string[];
  linked: { id: string; name: string; kind: string }[];
}
