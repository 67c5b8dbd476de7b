/** How the network grew: periods with events, links and newcomers; the difference between two dates. */
import { z } from 'zod';
import { isoDateSchema } from '../domain/model.js';
import { timelineDiffResponseSchema, timelineResponseSchema } from '../domain/responses.js';
import { defineOperation, type Operation } from '../http/operation.js';
import type { TimelineRepository } from '../repositories/timeline.repository.js';

const range = {
  from: isoDateSchema.default('2000-01-01'),
  to: isoDateSchema.default('2100-12-31'),
};
function ordered<T extends z.ZodType<{ from: string; to: string }>>(schema: T): T {
  return schema.refine((q) => q.from <= q.to, { message: 'from must not be after to', path: ['from'] }) as T;
}

export function timeOperations(timeline: TimelineRepository): Operation[] {
  return [
    defineOperation({
      method: 'get',
      path: '/api/timeline',
      tag: 'time',
      summary: 'Events, new relationships and newcomers per year or month',
      query: ordered(z.strictObject({ ...range, granularity: z.enum(['year', 'month']).default('year') })),
      response: timelineResponseSchema,
      handle: async ({ query, publicOnly }) => timeline.timeline(query.from, query.to, query.granularity, publicOnly),
    }),
    defineOperation({
      method: 'get',
      path: '/api/timeline/diff',
      tag: 'time',
      summary: 'Who joined, which links began and which ended after one date, up to another',
      query: ordered(z.strictObject({ from: isoDateSchema, to: isoDateSchema, limit: z.coerce.number().int().min(1).max(5000).default(500) })),
      response: timelineDiffResponseSchema,
      handle: async ({ query, publicOnly }) => timeline.diff(query.from, query.to, query.limit, publicOnly),
    }),
  ];
}
