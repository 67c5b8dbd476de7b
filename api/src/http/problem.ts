/**
 * Errors as RFC 9457 problem details. Use cases and routes throw `AppError` (domain/errors.ts) or
 * let zod and Neo4j errors through; the one handler registered last turns each into
 * `application/problem+json` without stack traces, Cypher or file paths.
 */
import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import { Neo4jError, isRetryableError } from 'neo4j-driver';
import { ZodError } from 'zod';
import { AppError, badRequest, conflict, fieldProblems, notFound } from '../domain/errors.js';

/** The seconds a client should wait before retrying while the database is unavailable. */
export const RETRY_AFTER_SECONDS = 5;

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
  res
    .status(problem.status)
    .set(problem.headers)
    .type('application/problem+json')
    .send(
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
