/**
 * How the network changed over time: periods with the events, relationships and newcomers each
 * brought, and the difference between two dates. A node's first appearance is the earliest
 * `since` of its relationships (an event's own date for events).
 */
import { int } from 'neo4j-driver';
import type { GraphDb, Row } from '../db/graph-db.js';
import { toNeo4jDate } from '../db/plain-values.js';
import type { TimelineDiffResponse } from '../domain/responses.js';
import type { ViewNode } from '../domain/views.js';
import { toViewNode } from './graph.repository.js';
import { visibleTo } from './cypher-filters.js';
import { relationshipIdCypher } from './relationship-id.cypher.js';

export type Granularity = 'year' | 'month';

/** When a node first appears in the network. */
const FIRST_SEEN = `CASE WHEN n:Event AND n.since IS NOT NULL THEN n.since
  ELSE COLLECT { MATCH (n)-[r]-(:Entity) WHERE r.since IS NOT NULL RETURN r.since ORDER BY r.since LIMIT 1 }[0] END`;

export class TimelineRepository {
  constructor(private readonly db: GraphDb) {}

  /** Counts leave out what the audience may not see, so that they agree with what it can open. */
  async timeline(from: string, to: string, granularity: Granularity, publicOnly: boolean) {
    const visible = (n: string) => visibleTo(n, publicOnly);
    const cut = granularity === 'year' ? 4 : 7;
    const params = { from: toNeo4jDate(from), to: toNeo4jDate(to), cut: int(cut) };
    const [events, relationships, newcomers] = await Promise.all([
      this.db.read(
        `MATCH (n:Event) WHERE n.since >= $from AND n.since <= $to AND NOT EXISTS { (n)-[:PART_OF]->(:Event) }
         RETURN n.id AS id, n.name AS name, n.eventKind AS eventKind, n.startDate AS startDate, n.endDate AS endDate
         ORDER BY n.since, n.name`,
        params,
      ),
      this.db.read(
        `MATCH (a)-[r]->(b) WHERE r.since >= $from AND r.since <= $to AND ${visible('a')} AND ${visible('b')}
         RETURN left(toString(r.since), $cut) AS period, count(r) AS n`,
        params,
      ),
      this.db.read(
        `MATCH (n:Entity) WHERE NOT n:Source AND NOT n:Figure AND ${visible('n')}
         WITH n, ${FIRST_SEEN} AS firstSeen WHERE firstSeen >= $from AND firstSeen <= $to
         RETURN left(toString(firstSeen), $cut) AS period, n.kind AS kind, count(n) AS n`,
        params,
      ),
    ]);
    const periods = new Map<string, { period: string; events: number; relationships: number; newNodes: Record<string, number> }>();
    const period = (p: string) => {
      if (!periods.has(p)) periods.set(p, { period: p, events: 0, relationships: 0, newNodes: {} });
      return periods.get(p)!;
    };
    for (const e of events) period((e.startDate as string).slice(0, cut)).events++;
    for (const r of relationships) period(r.period as string).relationships = r.n as number;
    for (const n of newcomers) period(n.period as string).newNodes[n.kind as string] = n.n as number;
    return { from, to, granularity, periods: [...periods.values()].sort((a, b) => a.period.localeCompare(b.period)), events };
  }

  /** What joined, which links began and which ended after `from`, up to and including `to`. */
  async diff(from: string, to: string, limit: number, publicOnly: boolean): Promise<TimelineDiffResponse> {
    const params = { from: toNeo4jDate(from), to: toNeo4jDate(to), take: int(limit) };
    const visible = (n: string) => visibleTo(n, publicOnly);
    return this.db.readTransaction(async (tx) => {
      const [joinedCount] = await tx.run(
        `MATCH (n:Entity) WHERE NOT n:Source AND NOT n:Figure AND ${visible('n')}
         WITH n, ${FIRST_SEEN} AS firstSeen WHERE firstSeen > $from AND firstSeen <= $to RETURN count(n) AS n`,
        params,
      );
      const joined = await tx.run(
        `MATCH (n:Entity) WHERE NOT n:Source AND NOT n:Figure AND ${visible('n')}
         WITH n, ${FIRST_SEEN} AS firstSeen WHERE firstSeen > $from AND firstSeen <= $to
         RETURN n {.*} AS n, firstSeen ORDER BY firstSeen, n.name LIMIT $take`,
        params,
      );
      type Link = TimelineDiffResponse['links'][number];
      /** Links whose date (`since` for a beginning, `to_date` for an end) falls in the range. */
      const linksDated = async (date: string): Promise<{ total: number; items: Link[] }> => {
        const where = `${date} > $from AND ${date} <= $to AND ${visible('a')} AND ${visible('b')}`;
        const [count] = await tx.run(`MATCH (a:Entity)-[r]->(b:Entity) WHERE ${where} RETURN count(r) AS n`, params);
        const rows = await tx.run(
          `MATCH (a:Entity)-[r]->(b:Entity) WHERE ${where}
           RETURN {id: ${relationshipIdCypher('r')}, from: a.id, to: b.id, type: type(r), properties: properties(r),
                   ends: {from: {id: a.id, kind: a.kind, name: a.name}, to: {id: b.id, kind: b.kind, name: b.name}}} AS e
           ORDER BY ${date}, a.id, b.id LIMIT $take`,
          params,
        );
        return { total: count?.n as number, items: rows.map((row) => row.e as Link) };
      };
      const links = await linksDated('r.since');
      const ended = await linksDated('r.to_date');
      const joinedTotal = joinedCount?.n as number;
      return {
        from,
        to,
        joined: joined.map((row) => ({ ...toViewNode(row.n as Row), firstSeen: row.firstSeen as string })) as (ViewNode & { firstSeen: string })[],
        links: links.items,
        ended: ended.items,
        totals: { joined: joinedTotal, links: links.total, ended: ended.total },
        truncated: joinedTotal > joined.length || links.total > links.items.length || ended.total > ended.items.length,
      };
    });
  }
}
