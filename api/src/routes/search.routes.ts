/** `GET /api/search`: ranked, typo-tolerant search over names, aliases, acronyms, descriptions. */
import { z } from 'zod';
import { nodeKindSchema } from '../domain/model.js';
import { csvList, exportFormatQuery, refineTime, timeQuery, timeWindow } from '../domain/views.js';
import { sendView } from '../export/view-export.js';
import { searchResponseSchema } from '../domain/responses.js';
import { defineOperation, type Operation } from '../http/operation.js';
import type { GraphRepository } from '../repositories/graph.repository.js';
import type { SearchRepository } from '../repositories/search.repository.js';
import { EXPORT_MEDIA_TYPES } from './nodes.routes.js';

export const searchQuerySchema = refineTime(
  z.strictObject({
    q: z.string().trim().min(1, 'say what to search for').max(200),
    kinds: csvList(nodeKindSchema).default([]).describe('Only these kinds (comma-separated), e.g. organisation,person.'),
    limit: z.coerce.number().int().min(1).max(100).default(20),
    ...timeQuery,
    ...exportFormatQuery,
  }),
);

export function searchOperations(search: SearchRepository, graph: GraphRepository): Operation[] {
  return [
    defineOperation({
      method: 'get',
      path: '/api/search',
      tag: 'explore',
      summary: 'Search names, aliases, acronyms and descriptions',
      description:
        'Ranked; tolerates typos; ignores diacritics; finds Khmer words inside longer Khmer names. With `format` other than json, the hits and the relationships among them as a file.',
      query: searchQuerySchema,
      response: searchResponseSchema,
      files: EXPORT_MEDIA_TYPES,
      handle: async ({ query, publicOnly, redact }, res) => {
        const items = await search.search(query.q, { kinds: query.kinds, limit: query.limit, window: timeWindow(query), publicOnly });
        if (query.format === 'json') return { q: query.q, items };
        sendView(
          res,
          redact(
            await graph.withSources(
              await graph.nodesView(
                items.map((i) => i.id),
                publicOnly,
              ),
            ),
          ),
          query,
          'search',
        );
        return undefined;
      },
    }),
  ];
}
