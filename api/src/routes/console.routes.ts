/** `POST /api/query`: a read-only Cypher console for researchers, with its own rate limit. */
import { Neo4jError } from 'neo4j-driver';
import { z } from 'zod';
import { refusal } from '../domain/console-guard.js';
import { defineOperation, type Operation } from '../http/operation.js';
import { limitRequests } from '../http/rate-limit.js';
import { AppError, badRequest } from '../domain/errors.js';
import { NotReadOnlyError, type ConsoleRepository } from '../repositories/console.repository.js';

const bodySchema = z.strictObject({
  query: z.string().trim().min(1).max(10_000),
  params: z.record(z.string().regex(/^[A-Za-z_]\w{0,63}$/), z.unknown()).refine((p) => Object.keys(p).length <= 50, 'at most 50 parameters').default({}),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

const refused = (message: string) => new AppError(403, 'Forbidden', message);

export function consoleOperations(cypherConsole: ConsoleRepository, requestsPerMinute: number): Operation[] {
  const limiter = limitRequests({
    windowMs: 60_000,
    limit: requestsPerMinute,
    message: `The console answers ${requestsPerMinute} queries a minute; try again shortly.`,
  });
  return [
    defineOperation({
      method: 'post',
      path: '/api/query',
      // Arbitrary Cypher reaches every node, people marked not public too: signed-in users only.
      access: 'account',
      tag: 'console',
      summary: 'Run a read-only Cypher query',
      description:
        'For signed-in users (any role). Only queries whose plan is read-only run, in a read transaction with a timeout, returning at most `limit` rows. LOAD CSV, administration commands and procedures outside the allowlist are refused with 403.',
      body: bodySchema,
      middleware: [limiter],
      problems: [403, 429],
      response: z.object({ columns: z.array(z.string()), rows: z.array(z.record(z.string(), z.unknown())), truncated: z.boolean() }),
      handle: async ({ body }) => {
        const why = refusal(body.query);
        if (why) throw refused(why);
        try {
          return await cypherConsole.run(body.query, body.params, body.limit);
        } catch (error) {
          if (error instanceof NotReadOnlyError) throw refused(error.message);
          if (error instanceof Neo4jError && error.code.startsWith('Neo.ClientError.Statement.')) {
            // The researcher's own query is wrong: say what Neo4j says about it.
            throw badRequest(`Neo4j could not run the query: ${error.message.split('\n')[0]}`, [{ field: 'body.query', message: error.message.split('\n')[0]! }]);
          }
          if (error instanceof Neo4jError && /read access mode|not allowed/i.test(error.message)) throw refused('Only read queries run in the console.');
          throw error;
        }
      },
    }),
  ];
}
