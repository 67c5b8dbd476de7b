/**
 * A route defined once: its zod schemas for path parameters, query, body and response, and its
 * handler. Express mounts it (parsing every input before the handler runs) and the OpenAPI 3.1
 * document is generated from the same definitions, so the spec cannot drift from the code.
 */
import type { Request, RequestHandler, Response, Router } from 'express';
import { z } from 'zod';
import { createDocument, type ZodOpenApiPathsObject } from 'zod-openapi';
import { parse } from './parse.js';

type AnyObject = z.ZodType<Record<string, unknown>>;
const empty = z.strictObject({});

export interface OperationDef<P extends AnyObject, Q extends AnyObject, B extends z.ZodType> {
  method: 'get' | 'post';
  /** Express-style path: `/api/nodes/:id`. */
  path: string;
  summary: string;
  description?: string;
  tag: string;
  params?: P;
  query?: Q;
  body?: B;
  /** The JSON answer on success. */
  response: z.ZodType;
  /** Other media types the operation can answer with (exports), besides JSON. */
  files?: string[];
  /** Problem statuses worth documenting besides 400 and 500. */
  problems?: number[];
  /** Runs before input parsing (a rate limiter, say). */
  middleware?: RequestHandler[];
  /**
   * Returns the JSON answer; or sends a response itself (a file) and returns undefined.
   */
  handle(input: { params: z.infer<P>; query: z.infer<Q>; body: z.infer<B> }, res: Response, req: Request): Promise<unknown>;
}

export type Operation = OperationDef<AnyObject, AnyObject, z.ZodType>;

/** Keeps the handler's input types tied to the schemas. */
export function defineOperation<P extends AnyObject = typeof empty, Q extends AnyObject = typeof empty, B extends z.ZodType = z.ZodUndefined>(
  def: OperationDef<P, Q, B>,
): Operation {
  return def as unknown as Operation;
}

export function mountOperations(router: Router, operations: Operation[]): void {
  for (const op of operations) {
    router[op.method](op.path, ...(op.middleware ?? []), async (req: Request, res: Response) => {
      const input = {
        params: parse(op.params ?? empty, req, 'params'),
        query: parse(op.query ?? empty, req, 'query'),
        body: op.body ? parse(op.body, req, 'body') : undefined,
      };
      const answer = await op.handle(input, res, req);
      if (answer !== undefined && !res.headersSent) res.json(answer);
    });
  }
}

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details' });

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad input: `errors` names each bad field',
  404: 'Unknown id',
  409: 'Conflict',
  413: 'Body too large',
  429: 'Too many requests',
  503: 'Graph database unavailable or query too slow (see Retry-After)',
  500: 'Unexpected error',
};

/** `/api/nodes/:id` → `/api/nodes/{id}` */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z_]\w*)/g, '{$1}');
}

export function openApiDocument(operations: Operation[], version: string) {
  const paths: ZodOpenApiPathsObject = {};
  for (const op of operations) {
    const problems = [...new Set([400, ...(op.problems ?? []), 500, 503])];
    const content: Record<string, { schema: z.ZodType }> = { 'application/json': { schema: op.response } };
    for (const type of op.files ?? []) content[type] = { schema: z.string() };
    paths[openApiPath(op.path)] = {
      ...paths[openApiPath(op.path)],
      [op.method]: {
        summary: op.summary,
        description: op.description,
        tags: [op.tag],
        requestParams: { ...(op.params ? { path: op.params } : {}), ...(op.query ? { query: op.query } : {}) },
        ...(op.body ? { requestBody: { content: { 'application/json': { schema: op.body } } } } : {}),
        responses: {
          '200': { description: 'OK', content },
          ...Object.fromEntries(
            problems.map((status) => [
              String(status),
              { description: STATUS_TEXT[status] ?? 'Problem', content: { 'application/problem+json': { schema: problemSchema } } },
            ]),
          ),
        },
      },
    };
  }
  return createDocument({
    openapi: '3.1.0',
    info: {
      title: 'Spean API',
      version,
      description: "The Mekong region's open data network: organisations, people, events, funders and partnerships, each fact with its source.",
    },
    paths,
  });
}
