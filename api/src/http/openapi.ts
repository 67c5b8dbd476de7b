/**
 * The OpenAPI 3.1 document, built from the operations Express mounts: every operation with an
 * operationId, its tag (declared), who may call it (`security: []` for what anonymous readers
 * may read), every status the code can answer, file downloads as binary, uploads as multipart.
 * Generated clients (openapi-typescript + openapi-fetch, openapi-python-client) work from it.
 */
import { z } from 'zod';
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject } from 'zod-openapi';
import type { Operation } from './operation.js';
import { allowedMethods } from './web-conventions.js';

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
    current: z.unknown().optional().describe('On 409 for a stale version: the current state, to merge with and retry.'),
    limit: z.string().optional().describe('On 413: the limit the request is over (`fileBytes`, `unzippedBytes`, `textChars`, `rows` …).'),
    maximum: z.number().optional().describe('On 413: that limit’s value (bytes, characters, rows …).'),
  })
  .meta({ id: 'Problem', description: 'RFC 9457 problem details' });

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad input: `errors` names each bad field',
  401: 'Not signed in, or a bad or revoked token (a token is checked wherever it is sent)',
  403: 'Your role may not do this, or the CSRF token is missing',
  404: 'Unknown id',
  409: 'Conflict',
  412: 'If-Match names a version that is not the current one: `current` is the current state',
  413: 'Body too large',
  429: 'Too many requests',
  503: 'Graph database unavailable or query too slow (see Retry-After)',
  500: 'Unexpected error',
};

/** What each tag groups, for the reference's table of contents. */
export const TAGS: Record<string, string> = {
  health: 'Liveness and readiness',
  explore: 'Search, neighbourhoods, paths and the filtered network; each exportable as GraphML, GEXF or CSV',
  nodes: 'One node, and pages of each kind',
  time: 'The network through time',
  analytics: 'Metrics, gaps and statistics',
  views: 'Saved views, and exporting a view as drawn',
  accounts: 'Signing in, users and API tokens',
  curation: 'Edits, history, duplicates, merges, spreadsheets in and out',
  releases: 'Citable, immutable snapshots of the public network',
  console: 'The read-only Cypher console',
  reconcile: 'OpenRefine reconciliation (W3C Entity Reconciliation API)',
};

/** `/api/nodes/:id` → `/api/nodes/{id}` */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z_]\w*)/g, '{$1}');
}

/** `get /api/nodes/:id/neighbourhood` → `getNodesByIdNeighbourhood`: stable, unique, readable in generated clients. */
export function operationIdOf(method: string, path: string): string {
  const words = path
    .replace(/^\/api\//, '/')
    .split('/')
    .filter(Boolean)
    .flatMap((part) => (part.startsWith(':') ? ['by', part.slice(1)] : part.split(/[^A-Za-z0-9]+/)));
  return method + words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
}

const binary = z.string().meta({ format: 'binary' });

function problemsOf(op: Operation): number[] {
  const guarded = op.access === 'account' ? [401] : op.access && op.access !== 'read' ? [401, 403] : [401];
  const notFound = op.params ? [404] : [];
  const tooLarge = op.body || op.upload ? [413] : [];
  return [...new Set([400, ...guarded, ...notFound, ...tooLarge, ...(op.problems ?? []), 500, 503])].sort();
}

/** The problem document of `status`: on a 400, with the members the operation adds to it (a rejected import's plan). */
function problemOf(op: Operation, status: number): z.ZodType {
  return status === 400 && op.badRequestExtends ? problemSchema.extend(op.badRequestExtends.partial().shape) : problemSchema;
}

const ETAG = { ETag: { description: 'Names this answer; send it back as If-None-Match to get 304 while it is current.', schema: { type: 'string' as const } } };
const NOT_MODIFIED = { description: 'Not Modified: If-None-Match names the current ETag; no body', headers: ETAG };

/** What a path answers to a method it has no operation for. */
const methodsNote = (allow: string) =>
  `Other methods answer 405 Method Not Allowed (problem+json) with \`Allow: ${allow}\`; OPTIONS answers 204 with the same Allow.`;

function operationObject(op: Operation): ZodOpenApiOperationObject {
  const json: Record<string, { schema: z.ZodType }> = op.filesOnly ? {} : { 'application/json': { schema: op.response } };
  const files = Object.fromEntries((op.files ?? []).map((type) => [type, { schema: binary }]));
  const content: Record<string, { schema: z.ZodType }> = op.filesFirst ? { ...files, ...json } : { ...json, ...files };
  const success = String(op.status ?? 200);
  // An operation may take JSON, an upload, or either (a draft: pasted text, or a file, with the same fields).
  const bodies = {
    ...(op.body ? { 'application/json': { schema: op.body } } : {}),
    ...(op.upload ? { 'multipart/form-data': { schema: op.upload } } : {}),
  };
  const requestBody = Object.keys(bodies).length ? { required: true, content: bodies } : undefined;
  // Every GET answer carries an ETag (Express's, or the kept answers' strong one), so a client
  // that sends it back in If-None-Match gets 304 without a body.
  const conditional = op.method === 'get';
  return {
    operationId: operationIdOf(op.method, op.path),
    summary: op.summary,
    description: op.description,
    tags: [op.tag],
    // Reads are open to anonymous readers (unless the server says otherwise); a token or session may still be sent.
    security: !op.access || op.access === 'read' ? [] : [{ session: [] }, { token: [] }],
    requestParams: {
      ...(op.params ? { path: op.params } : {}),
      ...(op.query ? { query: op.query } : {}),
      ...(op.headers ? { header: op.headers } : {}),
    } as ZodOpenApiOperationObject['requestParams'],
    ...(requestBody ? { requestBody } : {}),
    responses: {
      [success]: { description: success === '201' ? 'Created' : 'OK', content, ...(conditional ? { headers: ETAG } : {}) },
      ...(conditional ? { '304': NOT_MODIFIED } : {}),
      ...Object.fromEntries(
        problemsOf(op).map((status) => [
          String(status),
          { description: STATUS_TEXT[status] ?? 'Problem', content: { 'application/problem+json': { schema: problemOf(op, status) } } },
        ]),
      ),
    },
  };
}

type Document = ReturnType<typeof createDocument>;

/** Every array in a query string is a comma-separated list (`kinds=person,event`): style form, explode false. */
function commaSeparatedArrays(document: Document): Document {
  for (const item of Object.values(document.paths ?? {})) {
    for (const op of Object.values(item ?? {})) {
      for (const param of (op as { parameters?: { in: string; schema?: { type?: unknown }; style?: string; explode?: boolean }[] }).parameters ?? []) {
        if (param.in === 'query' && param.schema?.type === 'array') Object.assign(param, { style: 'form', explode: false });
      }
    }
  }
  return document;
}

export function openApiDocument(operations: Operation[], version: string) {
  const paths: ZodOpenApiPathsObject = {};
  const allow = allowedMethods(operations);
  for (const op of operations) {
    const path = openApiPath(op.path);
    paths[path] = { description: methodsNote(allow.get(op.path)!), ...paths[path], [op.method]: operationObject(op) };
  }
  const used = new Set(operations.map((op) => op.tag));
  return commaSeparatedArrays(
    createDocument({
      openapi: '3.1.0',
      info: {
        title: 'Spean API',
        version,
        description:
          "The Mekong region's open data network: organisations, people, events, funders and partnerships, each fact with its source. " +
          'Every GET answer has an ETag, and If-None-Match with the current one gets 304. A method a path has no operation for gets 405 with Allow (each path says which).',
        license: { name: 'MIT (the software); the network data: CC BY 4.0', identifier: 'MIT' },
      },
      servers: [{ url: '/', description: 'The server this document is served from' }],
      tags: Object.entries(TAGS)
        .filter(([name]) => used.has(name))
        .map(([name, description]) => ({ name, description })),
      paths,
      components: {
        securitySchemes: {
          session: {
            type: 'apiKey',
            in: 'cookie',
            name: 'spean_session',
            description: 'Browser session from POST /api/auth/login; writes also send X-CSRF-Token.',
          },
          token: { type: 'http', scheme: 'bearer', description: 'API token (spean_…) from POST /api/tokens, for scripts.' },
        },
      },
    }),
  );
}
