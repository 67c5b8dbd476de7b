/**
 * The one error type of Spean. Use cases and routes throw it; the HTTP layer (http/problem.ts)
 * turns it into an RFC 9457 problem document. It lives here, outside http/, because the reasons
 * a request fails (not found, stale, bad field) belong to the domain, not to Express.
 */
import type { ZodError } from 'zod';

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
export const preconditionFailed = (message: string, extensions: Record<string, unknown> = {}) =>
  new AppError(412, 'Precondition Failed', message, [], {}, extensions);
export const tooLarge = (message: string) => new AppError(413, 'Content Too Large', message);

/** Zod issues as field problems, prefixed with where the input came from. */
export function fieldProblems(error: ZodError, prefix: string): FieldProblem[] {
  return error.issues.map((issue) => ({
    field: [prefix, ...issue.path.map(String)].filter(Boolean).join('.'),
    message: issue.message,
  }));
}
