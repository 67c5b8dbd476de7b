/**
 * Graph-shaped reads: a node's neighbourhood, shortest paths between two nodes, and the
 * filtered graph. Each returns a GraphView and never reads without bound: neighbourhoods and
 * graphs are capped, and what the cap leaves out is counted and reported.
 */
import { int } from 'neo4j-driver';
import type { NodeKind } from '../domain/model.js';
import type { GraphView, ViewEdge, ViewNode } from '../domain/views.js';
import type { GraphDb, Row } from '../db/graph-db.js';
import type { SourcedView } from '../domain/views.js';
import { filterParams, nodeAllowed, presentInWindow, relationshipAllowed, visibleTo, type GraphFilter } from './cypher-filters.js';
import { toSourceView } from '../domain/views.js';
import { relationshipIdCypher } from './relationship-id.cypher.js';

/** A node as views carry it: every property, with id, kind and name lifted out. */
const NODE = (n: string) => `${n} {.*}`;
/** An edge as views carry it; its id is stable across loads. */
const EDGE = (r: string) =>
  `{id: ${relationshipIdCypher(r)},
    from: startNode(${r}).id, to: endNode(${r}).id, type: type(${r}), properties: properties(${r})}`;

export function toViewNode(properties: Row): ViewNode {
  return { id: properties.id as string, kind: properties.kind as NodeKind, name: properties.name as string, properties };
}

export interface Path {
  nodes: string[];
  edges: string[];
}

export interface PathsQuery {
  from: string;
  to: string;
  maxLength: number;
  limit: number;
  avoidKinds: NodeKind[];
  filter: GraphFilter;
}

export class GraphRepository {
  constructor(private readonly db: GraphDb) {}

  /** The view with the source documents its nodes and edges cite. */
  async withSources(view: GraphView): Promise<SourcedView> {
    const ids = new Set<string>();
    for (const item of [...view.nodes, ...view.edges]) for (const id of (item.properties.sources as string[] | undefined) ?? []) ids.add(id);
    const rows = await this.db.read('MATCH (s:Source) WHERE s.id IN $ids RETURN s {.id, .name, .publisher, .date, .url} AS s ORDER BY s.id', {
      ids: [...ids],
    });
    return { ...view, sources: rows.map((row) => toSourceView(row.s as Row)) };
  }

  /** The given nodes the audience may see, and the relationships among them (a saved view as a graph). */
  async nodesView(ids: string[], publicOnly: boolean): Promise<GraphView> {
    return this.db.readTransaction(async (tx) => {
      const nodes = await tx.run(`MATCH (n:Entity) WHERE n.id IN $ids AND ${visibleTo('n', publicOnly)} RETURN ${NODE('n')} AS n`, { ids });
      const shown = nodes.map((row) => (row.n as Row).id as string);
      const edges = await tx.run(`MATCH (a:Entity)-[r]->(b:Entity) WHERE a.id IN $ids AND b.id IN $ids RETURN ${EDGE('r')} AS e`, { ids: shown });
      const byId = new Map(nodes.map((row) => [(row.n as Row).id as string, toViewNode(row.n as Row)]));
      return {
        nodes: ids.flatMap((id) => byId.get(id) ?? []),
        edges: edges.map((row) => row.e as ViewEdge),
        truncated: false,
        omitted: { nodes: 0, edges: 0 },
      };
    });
  }

  /** Whether a node exists for the audience (views answer 404 for an unknown id, and for a hidden one). */
  async exists(id: string, publicOnly: boolean): Promise<boolean> {
    const rows = await this.db.read(`MATCH (n:Entity {id: $id}) WHERE ${visibleTo('n', publicOnly)} RETURN n.id AS id`, { id });
    return rows.length > 0;
  }

  /**
   * The ego network of `id` up to `depth` hops, at most `limit` nodes. Each hop takes the
   * neighbours most linked to the frontier first; where the cap cuts, the rest of that hop is
   * counted (nodes and the edges to them) and deeper hops are not read.
   */
  async neighbourhood(id: string, depth: number, limit: number, filter: GraphFilter): Promise<GraphView | undefined> {
    const params = filterParams(filter);
    return this.db.readTransaction(async (tx) => {
      const [center] = await tx.run(`MATCH (n:Entity {id: $id}) WHERE ${visibleTo('n', filter.publicOnly)} RETURN ${NODE('n')} AS n`, { id });
      if (!center) return undefined;
      const nodes = new Map<string, ViewNode>([[id, toViewNode(center.n as Row)]]);
      const edges = new Map<string, ViewEdge>();
      const omitted = { nodes: 0, edges: 0 };
      let frontier = [id];
      let truncated = false;
      for (let hop = 1; hop <= depth && frontier.length > 0 && !truncated; hop++) {
        // One query a hop: the new neighbours (most linked first, up to the room left), every
        // edge from the frontier to them and to nodes already found, and what the cap leaves out.
        const [row] = await tx.run(
          `MATCH (n:Entity)-[r]-(m:Entity)
           WHERE n.id IN $frontier AND ${relationshipAllowed('r', filter)}
           WITH m, collect(DISTINCT r) AS rs, m.id IN $known AS isKnown
           WHERE isKnown OR ${nodeAllowed('m', filter)}
           WITH m, rs, isKnown ORDER BY size(rs) DESC, m.name, m.id
           WITH collect({m: m, rs: rs, isKnown: isKnown}) AS rows
           WITH [x IN rows WHERE x.isKnown] AS known, [x IN rows WHERE NOT x.isKnown] AS fresh
           WITH known, fresh, fresh[..$room] AS accepted
           RETURN [x IN accepted | properties(x.m)] AS accepted,
                  [x IN known + accepted | [r IN x.rs | ${EDGE('r')}]] AS edgeLists,
                  size(fresh) - size(accepted) AS omittedNodes,
                  reduce(total = 0, x IN fresh[$room..] | total + size(x.rs)) AS omittedEdges`,
          { ...params, frontier, known: [...nodes.keys()], room: int(Math.max(limit - nodes.size, 0)) },
        );
        const accepted = ((row?.accepted as Row[]) ?? []).map(toViewNode);
        for (const node of accepted) nodes.set(node.id, node);
        for (const list of (row?.edgeLists as ViewEdge[][]) ?? []) for (const edge of list) edges.set(edge.id, edge);
        if ((row?.omittedNodes as number) > 0) {
          truncated = true;
          omitted.nodes = row!.omittedNodes as number;
          omitted.edges = row!.omittedEdges as number;
        }
        frontier = accepted.map((n) => n.id);
      }
      return { nodes: [...nodes.values()], edges: [...edges.values()], truncated, omitted };
    });
  }

  /**
   * All shortest paths between two nodes (up to `maxLength` hops, at most `limit` of them),
   * through allowed relationships and nodes, never through the kinds to avoid.
   */
  async shortestPaths(query: PathsQuery): Promise<{ view: GraphView; paths: Path[] }> {
    // maxLength is an integer from a bounded zod schema: a variable-length bound cannot be a parameter.
    const rows = await this.db.read(
      `MATCH (a:Entity {id: $from}), (b:Entity {id: $to})
       WHERE ${visibleTo('a', query.filter.publicOnly)} AND ${visibleTo('b', query.filter.publicOnly)}
       MATCH p = allShortestPaths((a)-[*..${Math.trunc(query.maxLength)}]-(b))
       WHERE all(r IN relationships(p) WHERE ${relationshipAllowed('r', query.filter)})
         AND all(n IN nodes(p)[1..-1] WHERE NOT n.kind IN $avoidKinds AND ${nodeAllowed('n', query.filter)})
       RETURN [n IN nodes(p) | ${NODE('n')}] AS nodes, [r IN relationships(p) | ${EDGE('r')}] AS edges
       LIMIT $limit`,
      { ...filterParams(query.filter), from: query.from, to: query.to, avoidKinds: query.avoidKinds, limit: int(query.limit) },
    );
    const nodes = new Map<string, ViewNode>();
    const edges = new Map<string, ViewEdge>();
    const paths = rows.map((row) => {
      const pathNodes = (row.nodes as Row[]).map(toViewNode);
      const pathEdges = row.edges as ViewEdge[];
      for (const node of pathNodes) nodes.set(node.id, node);
      for (const edge of pathEdges) edges.set(edge.id, edge);
      return { nodes: pathNodes.map((n) => n.id), edges: pathEdges.map((e) => e.id) };
    });
    return {
      view: { nodes: [...nodes.values()], edges: [...edges.values()], truncated: rows.length === query.limit, omitted: { nodes: 0, edges: 0 } },
      paths,
    };
  }

  /**
   * The network under the filter: at most `limit` nodes (the most connected first) and the
   * allowed relationships among them. With a time window, a node that is not an event appears
   * only if one of its relationships falls inside the window.
   */
  async filteredGraph(filter: GraphFilter, limit: number): Promise<GraphView> {
    const params = { ...filterParams(filter), take: int(limit) };
    const present = presentInWindow('n', filter);
    return this.db.readTransaction(async (tx) => {
      const [counted] = await tx.run(`MATCH (n:Entity) WHERE NOT n:Source AND ${nodeAllowed('n', filter)} AND ${present} RETURN count(n) AS total`, params);
      const picked = await tx.run(
        `MATCH (n:Entity) WHERE NOT n:Source AND ${nodeAllowed('n', filter)} AND ${present}
         WITH n ORDER BY COUNT { (n)--() } DESC, n.id LIMIT $take
         RETURN ${NODE('n')} AS n`,
        params,
      );
      const nodes = picked.map((row) => toViewNode(row.n as Row));
      const ids = nodes.map((n) => n.id);
      const rows = await tx.run(
        `MATCH (a:Entity)-[r]->(b:Entity) WHERE a.id IN $ids AND b.id IN $ids AND ${relationshipAllowed('r', filter)}
         RETURN ${EDGE('r')} AS e`,
        { ...params, ids },
      );
      const total = counted?.total as number;
      const edges = rows.map((row) => row.e as ViewEdge);
      const truncated = total > nodes.length;
      let omittedEdges = 0;
      if (truncated) {
        const [all] = await tx.run(
          `MATCH (a:Entity)-[r]->(b:Entity)
           WHERE ${relationshipAllowed('r', filter)} AND NOT a:Source AND NOT b:Source AND ${nodeAllowed('a', filter)} AND ${nodeAllowed('b', filter)}
           RETURN count(r) AS edges`,
          params,
        );
        omittedEdges = (all?.edges as number) - edges.length;
      }
      return { nodes, edges, truncated, omitted: { nodes: total - nodes.length, edges: omittedEdges } };
    });
  }
}
