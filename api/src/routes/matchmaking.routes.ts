/** "Who should you meet?": ranked suggestions for an organisation or a person, each with its reasons. */
import { z } from 'zod';
import type { AnalyticsService } from '../analytics/analytics.service.js';
import { idSchema } from '../domain/model.js';
import { suggestionsResponseSchema } from '../domain/suggestions.js';
import { graphFilter, refineTime, timeQuery } from '../domain/views.js';
import { defineOperation, type Operation } from '../http/operation.js';
import { notFound } from '../domain/errors.js';

const suggestionsQuery = refineTime(
  z.strictObject({
    ...timeQuery,
    limit: z.coerce.number().int().min(1).max(100).default(20).describe('How many suggestions, best first.'),
  }),
);

export function matchmakingOperations(analytics: AnalyticsService): Operation[] {
  return [
    defineOperation({
      method: 'get',
      path: '/api/nodes/:id/suggestions',
      tag: 'analytics',
      summary: 'Who an organisation or person should meet, each suggestion with its reasons',
      description:
        'Organisations are matched with organisations they do not work with yet, people with people outside their own organisations. Each shared event, topic, funder, partner or place adds to the score, less the more actors share it (1/ln of how many share it, as in Adamic-Adar), so one large conference counts less than a small session. The weights were chosen by a backtest: docs/matchmaking.md.',
      params: z.strictObject({ id: idSchema }),
      query: suggestionsQuery,
      response: suggestionsResponseSchema,
      problems: [404],
      handle: async ({ params, query, publicOnly }) => {
        const { graphVersion, result } = await analytics.suggestions(graphFilter(query, publicOnly), params.id, query.limit);
        if (!result) throw notFound(`The organisation or person "${params.id}"`);
        return { graphVersion, ...result };
      },
    }),
  ];
}
