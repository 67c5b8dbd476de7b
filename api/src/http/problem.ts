/**
 * Errors as RFC 9457 problem details. Routes throw `AppError` (or let zod and Neo4j errors
 * through); the one handler registered last turns each into `application/problem+json` without
 * stack traces, Cypher or file paths.
 */
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import { Neo4jError, isRetryableError } from 'neo4j-driver';
import { ZodError } from 'zod';

export interface FieldProblem {
  /** Where the bad value is: `query.limit`, `body.name`, `row 3 column name` … */
  field: string;
  message: string;
}

export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly title: string,
    message: string,
    readonly errors: FieldProblem[] = [],
    readonly headers: Record<string, string> = {},
    /** Extension members of the problem document (RFC 9457 §3.2), such as the current state on 409. */
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const notFound = (what: string) => new AppError(404, 'Not Found', `${what} does not exist`);
export const badRequest = (message: string, errors: FieldProblem[] = []) => new AppError(400, 'Bad Request', message, errors);
export const conflict = (message: string, extensions: Record<string, unknown> = {}) => new AppError(409, 'Conflict', message, [], {}, extensions);
export const unauthorized = (message = 'Sign in first.') => new AppError(401, 'Unauthorized', message);
export const forbidden = (message: string) => new AppError(403, 'Forbidden', message);
export const tooManyRequests = (message: string) => new AppError(429, 'Too Many Requests', message);

/** The seconds a client should wait before retrying while the database is unavailable. */
export const RETRY_AFTER_SECONDS = 5;

/** Zod issues as field problems, prefixed with where the input came from. */
export function fieldProblems(error: ZodError, prefix: string): FieldProblem[] {
  return error.issues.map((issue) => ({
    field: [prefix, ...issue.path.map(String)].filter(Boolean).join('.'),
    message: issue.message,
  }));
}

const UNAVAILABLE_CODES = new Set(['ServiceUnavailable', 'SessionExpired']);

/** Maps anything thrown to an AppError; unknown errors become an opaque 500. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (error instanceof ZodError) return badRequest('The request is not valid.', fieldProblems(error, ''));
  if (error instanceof Neo4jError) {
    if (UNAVAILABLE_CODES.has(error.code) || /acquisition timed out|connect/i.test(error.message) || isRetryableError(error)) {
      return new AppError(503, 'Service Unavailable', 'The graph database is unavailable; try again shortly.', [], {
        'Retry-After': String(RETRY_AFTER_SECONDS),
      });
    }
    if (error.code.startsWith('Neo.ClientError.Transaction.TransactionTimedOut')) {
      return new AppError(503, 'Service Unavailable', 'The query took too long and was stopped.', [], {
        'Retry-After': String(RETRY_AFTER_SECONDS),
      });
    }
    if (error.code === 'Neo.ClientError.Schema.ConstraintValidationFailed') {
      return conflict('The change conflicts with existing data (an id that must be unique is taken).');
    }
  }
  const httpError = error as { status?: number; type?: string };
  if (httpError.type === 'entity.too.large') return new AppError(413, 'Content Too Large', 'The request body is too large.');
  if (httpError.type === 'entity.parse.failed') return badRequest('The request body is not valid JSON.');
  if (typeof httpError.status === 'number' && httpError.status >= 400 && httpError.status < 500) {
    return new AppError(httpError.status, 'Bad Request', 'The request could not be read.');
  }
  return new AppError(500, 'Internal Server Error', 'Something went wrong on our side; it has been logged.');
}

export function sendProblem(res: Response, problem: AppError, instance: string): void {
  res.status(problem.status).set(problem.headers).type('application/problem+json').send(
    JSON.stringify({
      type: 'about:blank',
      title: problem.title,
      status: problem.status,
      detail: problem.message,
      instance,
      ...(problem.errors.length ? { errors: problem.errors } : {}),
      ...problem.extensions,
    }),
  );
}

/** The last middleware: every error ends here. */
export const problemHandler: ErrorRequestHandler = (error, req, res, _next) => {
  const problem = toAppError(error);
  if (problem.status >= 500) req.log?.error({ err: error }, problem.message);
  sendProblem(res, problem, req.originalUrl);
};

/** Registered after all routes: anything unmatched is a 404 problem. */
export const unknownRoute: RequestHandler = (req, _res, next) => next(notFound(`The route ${req.method} ${req.path}`));
