/** Shortest paths between two entities, told as sentences; the filtered network as a whole. */
import { z } from 'zod';
import { idSchema, nodeKindSchema, type RelationshipType } from '../domain/model.js';
import { describePath } from '../domain/path-sentences.js';
import { csvList, exportFormatQuery, graphFilter, graphFilterQuery, sourcedViewSchema, refineTime } from '../domain/views.js';
import { sendView } from '../export/view-export.js';
import { pathsResponseSchema } from '../domain/responses.js';
import { defineOperation, type Operation } from '../http/operation.js';
import { notFound } from '../domain/errors.js';
import type { GraphRepository } from '../repositories/graph.repository.js';
import type { SourcedView } from '../domain/views.js';
import { VersionedCache } from '../lib/versioned-cache.js';
import { SerialisedAnswers, sendSerialised } from '../http/caching.js';
import { EXPORT_MEDIA_TYPES } from './nodes.routes.js';

/** Topics, places, figures and sources link everything to everything: paths avoid them unless asked. */
export const DEFAULT_AVOID = ['topic', 'place', 'figure', 'source'] as const;

const pathsQuery = refineTime(
  z.strictObject({
    from: idSchema,
    to: idSchema,
    maxLength: z.coerce.number().int().min(1).max(8).default(6).describe('Longest path considered, in hops.'),
    limit: z.coerce.number().int().min(1).max(100).default(20).describe('At most this many paths (all of the shortest length).'),
    avoidKinds: csvList(nodeKindSchema)
      .default([...DEFAULT_AVOID])
      .describe('Never pass through nodes of these kinds.'),
    ...graphFilterQuery,
    ...exportFormatQuery,
  }),
).refine((q) => q.from !== q.to, { message: 'from and to must be different nodes', path: ['to'] });

const graphQuery = refineTime(
  z.strictObject({
    limit: z.coerce.number().int().min(1).max(20_000).default(2_000).describe('At most this many nodes, the most connected first.'),
    ...graphFilterQuery,
    ...exportFormatQuery,
  }),
);

export function graphOperations(graph: GraphRepository, graphVersion: () => Promise<number>): Operation[] {
  // The explorer's first view is the same request for everyone: answer it from memory until the graph changes.
  const views = new VersionedCache<SourcedView>(graphVersion);
  const viewAnswers = new SerialisedAnswers();

  const paths = defineOperation({
    method: 'get',
    path: '/api/paths',
    tag: 'explore',
    summary: 'All shortest paths between two entities, each told as sentences',
    query: pathsQuery,
    response: pathsResponseSchema,
    files: EXPORT_MEDIA_TYPES,
    problems: [404],
    handle: async ({ query, publicOnly, redact }, res) => {
      const { view, paths: found } = await graph.shortestPaths({
        from: query.from,
        to: query.to,
        maxLength: query.maxLength,
        limit: query.limit,
        avoidKinds: query.avoidKinds,
        filter: graphFilter(query, publicOnly),
      });
      // Paths start and end at visible nodes only; with none found, tell an unknown id from no path.
      if (!found.length) for (const id of [query.from, query.to]) if (!(await graph.exists(id, publicOnly))) throw notFound(`The node "${id}"`);
      const names = new Map(view.nodes.map((n) => [n.id, n.name]));
      const edgeById = new Map(view.edges.map((e) => [e.id, e]));
      const told = found.map((p) => ({
        ...p,
        sentence: describePath(
          names,
          p.nodes,
          p.edges.map((id) => {
            const e = edgeById.get(id)!;
            return { from: e.from, to: e.to, type: e.type as RelationshipType };
          }),
        ),
      }));
      sendView(res, redact(await graph.withSources(view)), query, `paths-${query.from}-${query.to}`, { paths: told });
      return undefined;
    },
  });

  const filtered = defineOperation({
    method: 'get',
    path: '/api/graph',
    tag: 'explore',
    summary: 'The network under filters (kinds, relationship types, country, topic, time), capped and exportable',
    query: graphQuery,
    response: sourcedViewSchema,
    files: EXPORT_MEDIA_TYPES,
    handle: async ({ query, publicOnly, redact }, res, req) => {
      const filter = graphFilter(query, publicOnly);
      const key = JSON.stringify([filter, query.limit]);
      const { version, value } = await views.get(key, async () => graph.withSources(await graph.filteredGraph(filter, query.limit)));
      if (query.format === 'json')
        sendSerialised(
          req,
          res,
          viewAnswers.get(key, version, () => redact(value)),
        );
      else sendView(res, redact(value), query, 'graph');
      return undefined;
    },
  });
  return [paths, filtered];
}
