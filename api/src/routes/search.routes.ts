/** `GET /api/search`: ranked, typo-tolerant search over names, aliases, acronyms, descriptions. */
import { Router } from 'express';
import { z } from 'zod';
import { nodeKindSchema } from '../domain/model.js';
import { parse } from '../http/parse.js';
import type { SearchRepository } from '../repositories/search.repository.js';

export const searchQuerySchema = z.strictObject({
  q: z.string().trim().min(1, 'say what to search for').max(200),
  /** Comma-separated kinds, e.g. `organisation,person`. */
  kinds: z
    .string()
    .max(200)
    .transform((s) => s.split(',').map((k) => k.trim()).filter(Boolean))
    .pipe(z.array(nodeKindSchema))
    .default([]),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export function searchRoutes(search: SearchRepository): Router {
  const router = Router();
  router.get('/api/search', async (req, res) => {
    const { q, kinds, limit } = parse(searchQuerySchema, req, 'query');
    res.json({ q, items: await search.search(q, kinds, limit) });
  });
  return router;
}
