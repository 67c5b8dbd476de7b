/** OpenRefine reconciliation: the service manifest, batches of queries, and previews. */
import express, { type Request } from 'express';
import { z } from 'zod';
import { candidateSchema, rankCandidates, RECONCILE_TYPES, reconcileBatchSchema, typesOf, type Found, type ReconcileType } from '../domain/reconciliation.js';
import { idSchema } from '../domain/model.js';
import { defineOperation, type Operation } from '../http/operation.js';
import { badRequest, notFound } from '../domain/errors.js';
import type { NodeRepository } from '../repositories/node.repository.js';
import type { SearchRepository } from '../repositories/search.repository.js';

const origin = (req: Request) => `${req.protocol}://${req.get('host')}`;

function manifest(req: Request) {
  const base = origin(req);
  return {
    versions: ['0.2'],
    name: 'Spean: the Mekong open data network',
    identifierSpace: `${base}/api/nodes/`,
    schemaSpace: `${base}/api/openapi.json#/components/schemas/Node`,
    documentation: `${base}/api/docs`,
    defaultTypes: [...RECONCILE_TYPES],
    view: { url: `${base}/api/nodes/{{id}}` },
    preview: { url: `${base}/api/reconcile/preview?id={{id}}`, width: 400, height: 120 },
    batchSize: 25,
  };
}

/** `queries` as OpenRefine sends it: JSON text in a form field (or the query string). */
function parseBatch(text: string | undefined) {
  if (text === undefined) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw badRequest('`queries` is not JSON.', [{ field: 'queries', message: 'expected a JSON object of queries, such as {"q0": {"query": "ODC"}}' }]);
  }
  const parsed = reconcileBatchSchema.safeParse(json);
  if (!parsed.success)
    throw badRequest(
      '`queries` is not a batch of reconciliation queries.',
      parsed.error.issues.map((i) => ({ field: ['queries', ...i.path.map(String)].join('.'), message: i.message })),
    );
  return parsed.data;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const html = (text: string) => text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);

const resultsSchema = z.record(z.string(), z.object({ result: z.array(candidateSchema) }));
const queriesField = z
  .string()
  .max(200_000)
  .optional()
  .describe('A JSON batch: {"q0": {"query": "Thy Try", "type": "person", "limit": 3}}. Without it, the service manifest.');

export function reconcileOperations(search: SearchRepository, nodes: NodeRepository): Operation[] {
  const answer = async (text: string | undefined, publicOnly: boolean, req: Request) => {
    const batch = parseBatch(text);
    if (!batch) return manifest(req);
    const results: Record<string, { result: z.infer<typeof candidateSchema>[] }> = {};
    for (const [key, query] of Object.entries(batch)) {
      const kinds = typesOf(query);
      // The search finds the plausible nodes (typo-tolerant, Khmer-aware); the name comparison ranks them.
      const hits = await search.search(query.query, { kinds, limit: Math.max(10, query.limit * 2), window: {}, publicOnly });
      const found: Found[] = hits.map((h) => ({
        id: h.id,
        kind: h.kind as ReconcileType,
        name: h.name,
        aliases: h.aliases,
        acronym: h.acronym ?? undefined,
        description: h.description,
      }));
      results[key] = { result: rankCandidates(query.query, found, query.limit) };
    }
    return results;
  };
  return [
    defineOperation({
      method: 'get',
      path: '/api/reconcile',
      tag: 'reconcile',
      summary: 'The reconciliation service manifest, or answers to a batch given as ?queries=',
      description:
        'W3C Entity Reconciliation API 0.2, as OpenRefine uses it: add this URL as a reconciliation service. Types: person, organisation. People marked not public are never candidates for anonymous callers.',
      query: z.strictObject({ queries: queriesField }),
      response: z.union([
        z.object({ versions: z.array(z.string()), name: z.string(), identifierSpace: z.string(), schemaSpace: z.string() }).loose(),
        resultsSchema,
      ]),
      handle: async ({ query, publicOnly }, _res, req) => answer(query.queries, publicOnly, req),
    }),
    defineOperation({
      method: 'post',
      path: '/api/reconcile',
      tag: 'reconcile',
      summary: 'Answers to a batch of reconciliation queries (form field `queries`)',
      middleware: [express.urlencoded({ extended: false, limit: '1mb' })],
      body: z.object({ queries: queriesField }),
      response: resultsSchema,
      handle: async ({ body, publicOnly }, _res, req) => {
        if (body.queries === undefined) throw badRequest('Send the queries as the form field `queries`.', [{ field: 'body.queries', message: 'missing' }]);
        return answer(body.queries, publicOnly, req);
      },
    }),
    defineOperation({
      method: 'get',
      path: '/api/reconcile/preview',
      tag: 'reconcile',
      summary: 'A small HTML card of a candidate, for the reconciliation preview',
      query: z.strictObject({ id: idSchema }),
      response: z.string(),
      files: ['text/html'],
      filesOnly: true,
      problems: [404],
      handle: async ({ query, publicOnly }, res) => {
        const detail = await nodes.get(query.id, publicOnly);
        if (!detail || !['person', 'organisation'].includes(detail.node.kind)) throw notFound(`The person or organisation "${query.id}"`);
        const node = detail.node as { name: string; kind: string; description?: string; aliases?: string[] };
        const aliases = node.aliases?.length ? `<p>Also: ${html(node.aliases.join(', '))}</p>` : '';
        res
          .type('html')
          .send(
            `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${html(node.name)}</title></head><body style="margin:0;font:14px sans-serif"><div style="padding:8px"><strong>${html(node.name)}</strong> <em>(${html(node.kind)})</em>${aliases}${node.description ? `<p>${html(node.description)}</p>` : ''}</div></body></html>`,
          );
        return undefined;
      },
    }),
  ];
}
