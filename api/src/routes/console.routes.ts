/** `POST /api/query`: a read-only Cypher console for researchers, with its own rate limit. */
import { Neo4jError } from 'neo4j-driver';
import { z } from 'zod';
import { defineOperation, type Operation } from '../http/operation.js';
import { limitRequests } from '../http/rate-limit.js';
import { AppError, badRequest } from '../domain/errors.js';
import { ConsoleRefusal, ConsoleTimeout, ConsoleTooLarge, type ConsoleRepository } from '../repositories/console.repository.js';

const bodySchema = z.strictObject({
  query: z.string().trim().min(1).max(10_000),
  params: z
    .record(z.string().regex(/^[A-Za-z_]\w{0,63}$/), z.unknown())
    .refine((p) => Object.keys(p).length <= 50, 'at most 50 parameters')
    .default({}),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

const refused = (message: string) => new AppError(403, 'Forbidden', message);
const firstLine = (error: Error) => error.message.split('\n')[0]!;
const UNAVAILABLE = new Set(['ServiceUnavailable', 'SessionExpired']);

/** Every way a console query can fail is the query's own doing (4xx), unless the database is away (503). */
function consoleProblem(error: unknown, cypherConsole: ConsoleRepository): unknown {
  if (error instanceof ConsoleRefusal) return refused(error.message);
  if (error instanceof ConsoleTooLarge) return new AppError(413, 'Content Too Large', error.message);
  if (error instanceof ConsoleTimeout) return badRequest(error.message, [{ field: 'body.query', message: error.message }]);
  if (!(error instanceof Neo4jError) || UNAVAILABLE.has(error.code)) return error;
  if (error.code.startsWith('Neo.ClientError.Transaction.TransactionTimedOut') || error.code === 'Neo.TransientError.Transaction.Terminated') {
    return badRequest(cypherConsole.timeoutMessage(), [{ field: 'body.query', message: cypherConsole.timeoutMessage() }]);
  }
  // An administration command in the console's transaction fails as one after a read query.
  if (
    /read access mode|not allowed|Forbidden|Administration command/i.test(error.message) ||
    /Security|NotSystemDatabase|ForbiddenDueToTransactionType/.test(error.code)
  ) {
    return refused('Only read queries of the network run in the console; administration commands are not among them.');
  }
  if (/memory/i.test(error.code)) {
    return badRequest('The query needed more memory than one transaction may use; aggregate or LIMIT earlier.', [
      { field: 'body.query', message: firstLine(error) },
    ]);
  }
  // The researcher's own query is wrong or cannot run: say what Neo4j says about it.
  return badRequest(`Neo4j could not run the query: ${firstLine(error)}`, [{ field: 'body.query', message: firstLine(error) }]);
}

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
        "For signed-in users (any role). The console reads the network only: the query's plan must read nodes by a network label, relationships by a network type, and call only schema or full-text procedures on the network's index; anything else (accounts, sessions, tokens, history, LOAD CSV, administration, writes) is refused with 403. It runs in a read transaction stopped at its timeout (400), returns at most `limit` rows and a capped number of bytes (`truncated`), and a row over the row cap is a 413.",
      body: bodySchema,
      middleware: [limiter],
      problems: [403, 413, 429, 503],
      response: z.object({ columns: z.array(z.string()), rows: z.array(z.record(z.string(), z.unknown())), truncated: z.boolean() }),
      handle: async ({ body }) => {
        try {
          return await cypherConsole.run(body.query, body.params, body.limit);
        } catch (error) {
          throw consoleProblem(error, cypherConsole);
        }
      },
    }),
  ];
}
