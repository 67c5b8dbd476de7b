/** Read endpoints for every kind: one node with its relationships and sources, and paged lists. */
import { Router } from 'express';
import { z } from 'zod';
import { COLLECTION_OF, idSchema, NODE_KINDS } from '../domain/model.js';
import { parse } from '../http/parse.js';
import { notFound } from '../http/problem.js';
import { SORT_KEYS, type NodeRepository } from '../repositories/node.repository.js';


const idParams = z.strictObject({ id: idSchema });

export const listQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  sort: z.enum(SORT_KEYS).default('name'),
  order: z.enum(['asc', 'desc']).default('asc'),
  country: idSchema.optional(),
  /** The kind within the kind: an organisation's orgKind, an event's eventKind … */
  type: z.string().regex(/^[a-z-]{1,40}$/).optional(),
});

export function nodeRoutes(nodes: NodeRepository): Router {
  const router = Router();

  router.get('/api/nodes/:id', async (req, res) => {
    const { id } = parse(idParams, req, 'params');
    const detail = await nodes.get(id);
    if (!detail) throw notFound(`The node "${id}"`);
    res.json(detail);
  });

  for (const kind of NODE_KINDS) {
    router.get(`/api/${COLLECTION_OF[kind]}`, async (req, res) => {
      const query = parse(listQuerySchema, req, 'query');
      const page = await nodes.list({ ...query, kind, subKind: query.type });
      res.json({ ...page, limit: query.limit, offset: query.offset });
    });
  }
  return router;
}
