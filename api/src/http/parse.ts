/**
 * Request parsing: every route reads its params, query and body through zod before anything
 * else, and a bad value becomes a 400 naming the field.
 */
import type { Request } from 'express';
import type { z } from 'zod';
import { badRequest, fieldProblems } from '../domain/errors.js';

type Part = 'params' | 'query' | 'body' | 'headers';

export function parse<S extends z.ZodType>(schema: S, req: Request, part: Part): z.infer<S> {
  const result = schema.safeParse(req[part] ?? {});
  if (!result.success) throw badRequest(`The request ${part} is not valid.`, fieldProblems(result.error, part));
  return result.data;
}
