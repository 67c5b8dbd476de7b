/** One node with its relationships and sources, its neighbourhood, and paged lists of each kind. */
import { z } from 'zod';
import { COLLECTION_OF, idSchema, NODE_KINDS } from '../domain/model.js';
import { neighbourhoodResponseSchema, nodeDetailSchema } from '../domain/responses.js';
import { STORED_NODE_SCHEMAS } from '../domain/node-responses.js';
import { exportFormatQuery, graphFilter, graphFilterQuery, refineTime } from '../domain/views.js';
import { sendView } from '../export/view-export.js';
import { defineOperation, type Operation } from '../http/operation.js';
import { notFound } from '../domain/errors.js';
import { versionTag } from '../domain/preconditions.js';
import { digestOf } from '../http/caching.js';
import type { GraphRepository } from '../repositories/graph.repository.js';
import { SORT_KEYS, type NodeRepository } from '../repositories/node.repository.js';

const idParams = z.strictObject({ id: idSchema });

export const listQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  sort: z.enum(SORT_KEYS).default('name'),
  order: z.enum(['asc', 'desc']).default('asc'),
  country: idSchema.optional(),
  /** The kind within the kind: an organisation's orgKind, an event's eventKind … */
  type: z
    .string()
    .regex(/^[a-z-]{1,40}$/)
    .optional(),
});

const neighbourhoodQuery = refineTime(
  z.strictObject({
    depth: z.coerce.number().int().min(1).max(3).default(1),
    limit: z.coerce.number().int().min(1).max(1000).default(150).describe('At most this many nodes; the rest is counted in `omitted`.'),
    ...graphFilterQuery,
    ...exportFormatQuery,
  }),
);

export const EXPORT_MEDIA_TYPES = ['application/graphml+xml', 'application/gexf+xml', 'text/csv'];

export function nodeOperations(nodes: NodeRepository, graph: GraphRepository): Operation[] {
  const byId = defineOperation({
    method: 'get',
    path: '/api/nodes/:id',
    tag: 'nodes',
    summary: 'One node with every relationship it has and the sources behind each',
    description:
      'The strong ETag names the node\'s version and the whole answer ("v3-…"): If-None-Match with it gets 304 while nothing changed, and If-Match with it on PATCH or DELETE answers 412 once the node has moved on.',
    params: idParams,
    response: nodeDetailSchema,
    problems: [404],
    handle: async ({ params, publicOnly, redact }, res) => {
      const detail = await nodes.get(params.id, publicOnly);
      if (!detail) throw notFound(`The node "${params.id}"`);
      const answer = redact(detail);
      // Strong, and set before Express would put its weak one: the version, then the content.
      res.setHeader('ETag', versionTag((answer.node.version as number | undefined) ?? 0, digestOf(answer)));
      return answer;
    },
  });

  const neighbourhood = defineOperation({
    method: 'get',
    path: '/api/nodes/:id/neighbourhood',
    tag: 'explore',
    summary: "A node's ego network up to three hops, filtered, capped, exportable",
    description: 'Never cut silently: when the cap is reached `truncated` is true and `omitted` counts what was left out.',
    params: idParams,
    query: neighbourhoodQuery,
    response: neighbourhoodResponseSchema,
    files: EXPORT_MEDIA_TYPES,
    problems: [404],
    handle: async ({ params, query, publicOnly, redact }, res) => {
      const view = await graph.neighbourhood(params.id, query.depth, query.limit, graphFilter(query, publicOnly));
      if (!view) throw notFound(`The node "${params.id}"`);
      sendView(res, redact(await graph.withSources(view)), query, `neighbourhood-${params.id}`, { center: params.id });
      return undefined;
    },
  });

  const lists = NODE_KINDS.map((kind) =>
    defineOperation({
      method: 'get',
      path: `/api/${COLLECTION_OF[kind]}`,
      tag: 'nodes',
      summary: `A page of ${COLLECTION_OF[kind]}, sorted and filtered`,
      query: listQuerySchema,
      response: z.object({ items: z.array(STORED_NODE_SCHEMAS[kind]), total: z.number().int(), limit: z.number().int(), offset: z.number().int() }),
      handle: async ({ query, publicOnly }) => {
        const page = await nodes.list({ ...query, kind, subKind: query.type, publicOnly });
        return { ...page, limit: query.limit, offset: query.offset };
      },
    }),
  );
  return [byId, neighbourhood, ...lists];
}
