/**
 * A route defined once: its zod schemas for path parameters, query, body and response, and its
 * handler. Express mounts it (parsing every input before the handler runs) and the OpenAPI 3.1
 * document is generated from the same definitions, so the spec cannot drift from the code.
 */
import type { Request, RequestHandler, Response, Router } from 'express';
import { z } from 'zod';
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
  /** Request headers the operation reads (lower-case names; others are let through). */
  headers?: AnyObject;
  body?: B;
  /** The JSON answer on success. */
  response: z.ZodType;
  /** The status of success when it is not 200 (201 for what creates). */
  status?: 201;
  /** Other media types the operation can answer with (exports), besides JSON. */
  files?: string[];
  /** The answer is always a file of one of `files`, never JSON. */
  filesOnly?: boolean;
  /**
   * A file is what the operation answers unless JSON is asked for: the spec lists the file types
   * before JSON, as a generated client that reads the first type it knows (openapi-python-client)
   * then reads the download as bytes instead of failing to parse it as JSON.
   */
  filesFirst?: boolean;
  /** A multipart/form-data body (an upload), read by `middleware`, documented with this schema. */
  upload?: z.ZodType;
  /** Members a 400 problem may carry besides the standard ones (RFC 9457 extensions), such as a rejected import's plan. */
  badRequestExtends?: z.ZodObject;
  /** Problem statuses worth documenting besides 400 and 500. */
  problems?: number[];
  /** False for what answers nothing of the network (health, the session): no redactor is read, so it never waits on the database. */
  readsNetwork?: false;
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
  headers: Record<string, unknown>;
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
      const redactor = publicOnly && policy.redactor && op.readsNetwork !== false ? await policy.redactor() : IDENTITY;
      const input = {
        params: parse(op.params ?? empty, req, 'params'),
        query: parse(op.query ?? empty, req, 'query'),
        headers: op.headers ? parse(op.headers, req, 'headers') : {},
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
