/**
 * A route defined once: its zod schemas for path parameters, query, body and response, and its
 * handler. Express mounts it (parsing every input before the handler runs) and the OpenAPI 3.1
 * document is generated from the same definitions, so the spec cannot drift from the code.
 */
import type { Request, RequestHandler, Response, Router } from 'express';
import { z } from 'zod';
import { createDocument, type ZodOpenApiPathsObject } from 'zod-openapi';
import { allows, type Access } from '../domain/accounts.js';
import type { Viewer } from '../repositories/account.repository.js';
import { parse } from './parse.js';
import { IDENTITY, type Redactor } from '../domain/redaction.js';
import { forbidden, unauthorized } from '../domain/errors.js';

type AnyObject = z.ZodType<Record<string, unknown>>;
const empty = z.strictObject({});

export interface OperationDef<P extends AnyObject, Q extends AnyObject, B extends z.ZodType> {
  method: 'get' | 'post' | 'patch' | 'delete';
  /** Who may call it: readers (anonymous too, when allowed), editors, or admins. Default: read. */
  access?: Access;
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
  handle(input: OperationInput<P, Q, B>, res: Response, req: Request): Promise<unknown>;
}

export interface OperationInput<P extends AnyObject, Q extends AnyObject, B extends z.ZodType> {
  params: z.infer<P>;
  query: z.infer<Q>;
  body: z.infer<B>;
  viewer: Viewer | undefined;
  /** Not signed in: the answer must leave out people marked not public. */
  publicOnly: boolean;
  /**
   * Takes the names of people marked not public out of free text. JSON answers pass through it
   * by themselves; a handler that sends a file itself runs its data through it first.
   */
  redact<T>(value: T): T;
}

export type Operation = OperationDef<AnyObject, AnyObject, z.ZodType>;

/** Keeps the handler's input types tied to the schemas. */
export function defineOperation<P extends AnyObject = typeof empty, Q extends AnyObject = typeof empty, B extends z.ZodType = z.ZodUndefined>(
  def: OperationDef<P, Q, B>,
): Operation {
  return def as unknown as Operation;
}

/** The signed-in user of a request, set by the authentication middleware. */
export const viewerOf = (res: Response): Viewer | undefined => res.locals.viewer as Viewer | undefined;

export interface AccessPolicy {
  /** Whether people who are not signed in may read. */
  anonymousRead: boolean;
  /** The redactor for anonymous answers (domain/redaction.ts); none: nothing is redacted. */
  redactor?: () => Promise<Redactor>;
}

/**
 * Refuses a request its viewer may not make: 401 without an account (when one is needed), 403
 * for a role that is too low, and 403 for a browser-session write without the session's CSRF token.
 */
export function checkAccess(access: Access, viewer: Viewer | undefined, req: Request, policy: AccessPolicy): void {
  if (!viewer) {
    if (access !== 'read' || !policy.anonymousRead) throw unauthorized();
    return;
  }
  if (!allows(viewer.user.role, access)) throw forbidden(`This needs the ${access === 'edit' ? 'editor' : 'admin'} role; you are ${viewer.user.role}.`);
  if (req.method !== 'GET' && viewer.via === 'session' && req.get('x-csrf-token') !== viewer.csrf) {
    throw forbidden('Missing or wrong X-CSRF-Token header: browser writes must send the token of their session.');
  }
}

export function mountOperations(router: Router, operations: Operation[], policy: AccessPolicy = { anonymousRead: true }): void {
  for (const op of operations) {
    // Access is checked first: nothing of a refused request is read (an upload, a rate-limit slot).
    const guard: RequestHandler = (req, res, next) => {
      checkAccess(op.access ?? 'read', viewerOf(res), req, policy);
      next();
    };
    router[op.method](op.path, guard, ...(op.middleware ?? []), async (req: Request, res: Response) => {
      const viewer = viewerOf(res);
      const publicOnly = viewer === undefined;
      const redactor = publicOnly && policy.redactor ? await policy.redactor() : IDENTITY;
      const input = {
        params: parse(op.params ?? empty, req, 'params'),
        query: parse(op.query ?? empty, req, 'query'),
        body: op.body ? parse(op.body, req, 'body') : undefined,
        viewer,
        publicOnly,
        redact: redactor.deep,
      };
      const answer = await op.handle(input, res, req);
      if (answer !== undefined && !res.headersSent) res.json(redactor.deep(answer));
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
    current: z.unknown().optional().describe('On 409 for a stale version: the current state, to merge with and retry.'),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details' });

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad input: `errors` names each bad field',
  401: 'Not signed in',
  403: 'Your role may not do this, or the CSRF token is missing',
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
    const guarded = op.access === 'account' ? [401] : op.access && op.access !== 'read' ? [401, 403] : [];
    const problems = [...new Set([400, ...guarded, ...(op.problems ?? []), 500, 503])].sort();
    const content: Record<string, { schema: z.ZodType }> = { 'application/json': { schema: op.response } };
    for (const type of op.files ?? []) content[type] = { schema: z.string() };
    paths[openApiPath(op.path)] = {
      ...paths[openApiPath(op.path)],
      [op.method]: {
        summary: op.summary,
        description: op.description,
        tags: [op.tag],
        ...(op.access && op.access !== 'read' ? { security: [{ session: [] }, { token: [] }] } : {}),
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
    components: {
      securitySchemes: {
        session: { type: 'apiKey', in: 'cookie', name: 'spean_session', description: 'Browser session from POST /api/auth/login; writes also send X-CSRF-Token.' },
        token: { type: 'http', scheme: 'bearer', description: 'API token (spean_…) from POST /api/tokens, for scripts.' },
      },
    },
  });
}
