/** Liveness (the process answers) and readiness (the database answers and is migrated). */
import { z } from 'zod';
import type { GraphDb } from '../db/graph-db.js';
import { isMigrated } from '../db/migrations.js';
import { defineOperation, type Operation } from '../http/operation.js';
import { RETRY_AFTER_SECONDS } from '../http/problem.js';
import { AppError } from '../domain/errors.js';

export function healthOperations(db: GraphDb): Operation[] {
  return [
    defineOperation({
      method: 'get',
      path: '/livez',
      tag: 'health',
      readsNetwork: false,
      summary: 'The process is up',
      response: z.object({ status: z.literal('live') }),
      handle: async () => ({ status: 'live' }),
    }),
    defineOperation({
      method: 'get',
      path: '/readyz',
      tag: 'health',
      readsNetwork: false,
      summary: 'The graph database answers and its schema is migrated',
      response: z.object({ status: z.literal('ready') }),
      handle: async () => {
        // A frozen server never answers: ask with a one-second deadline before anything else.
        if (!(await db.answers())) {
          throw new AppError(503, 'Service Unavailable', 'The graph database does not answer.', [], { 'Retry-After': String(RETRY_AFTER_SECONDS) });
        }
        if (!(await isMigrated(db))) {
          throw new AppError(503, 'Service Unavailable', 'The database schema is not migrated yet.', [], {
            'Retry-After': String(RETRY_AFTER_SECONDS),
          });
        }
        return { status: 'ready' };
      },
    }),
  ];
}
