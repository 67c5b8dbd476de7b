/**
 * Every answer matches the response schema that /api/openapi.json publishes for it, read with
 * Ajv (JSON Schema 2020-12, as OpenAPI 3.1 uses): each read route without path parameters with
 * its defaults, and the edge cases schemathesis found (an as-of date before the network began,
 * money flows, a drawn view exported as JSON). A client generated from the spec must never meet
 * a field it was told cannot be there.
 */
import { Ajv2020, type ErrorObject } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { createAccount, removeAccounts } from '../support/accounts.js';

let app: TestApp;
let ajv: Ajv2020;

beforeAll(async () => {
  app = await startTestApp();
  const spec = await app.getJson('/api/openapi.json');
  ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  // The whole document under one id, so that response schemas resolve #/components/… in it.
  ajv.addSchema({ $id: 'spec', ...spec });
});
afterAll(async () => {
  await removeAccounts(app);
  await app.close();
});

const pointer = (...parts: string[]) => parts.map((p) => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

/** The answer's problems against the spec's `status` schema of `method path`, as "where: what" lines. */
async function problems(method: string, path: string, res: Response, status = 200): Promise<string[]> {
  expect(res.status, `${method} ${path}`).toBe(status);
  // A file (an export's default) must be of a documented media type; JSON must match its schema.
  const type = res.headers.get('content-type')!.split(';')[0]!;
  const content = ['paths', path, method, 'responses', String(status), 'content'];
  const documented = Object.keys(ajv.getSchema(`spec#/${pointer(...content)}`)?.schema as object);
  if (!type.endsWith('json')) return documented.includes(type) ? [] : [`answered ${type}, not one of ${documented.join(', ')}`];
  const validate = ajv.getSchema(`spec#/${pointer(...content, type, 'schema')}`);
  expect(validate, `a ${status} ${type} schema for ${method} ${path}`).toBeDefined();
  if (validate!(await res.json())) return [];
  return (validate!.errors ?? []).map((e: ErrorObject) => `${e.instancePath || '/'}: ${e.message} ${JSON.stringify(e.params)}`);
}

/** A query for the routes whose parameters are required; the others are read with their defaults. */
const REQUIRED_QUERY: Record<string, string> = {
  '/api/search': 'q=odc',
  '/api/paths': 'from=odc&to=dfat',
  '/api/reconcile/preview': 'id=odc',
  '/api/timeline/diff': 'from=2024-01-01&to=2025-12-31',
};

describe('when a client generated from the OpenAPI document reads the API', () => {
  it('then every read route without path parameters answers what its schema says', async () => {
    const spec = await app.getJson('/api/openapi.json');
    const reads = Object.entries(spec.paths as Record<string, Record<string, { security?: unknown[] }>>)
      .filter(([path, ops]) => ops.get && !path.includes('{') && path.startsWith('/api/') && (ops.get as any).responses?.['200']?.content?.['application/json'])
      .map(([path]) => path)
      // Signed-in only (401 without an account) or a file, not JSON.
      .filter((path) => !['/api/users', '/api/tokens', '/api/duplicates', '/api/import/template.xlsx', '/api/reconcile'].includes(path));
    expect(reads.length).toBeGreaterThan(20);
    const found: string[] = [];
    for (const path of reads) {
      const query = REQUIRED_QUERY[path];
      found.push(...(await problems('get', path, await app.get(query ? `${path}?${query}` : path))).map((p) => `${path} ${p}`));
    }
    expect(found).toEqual([]);
  });

  it('then metrics at a date before the network began match the schema (modularity null or a number)', async () => {
    // Which relationships other tests have written is not this test's to know; that an empty
    // network gives null is test/unit/metrics.test.ts's.
    const res = await app.get('/api/metrics?asOf=0020-02-29');
    expect(await problems('get', '/api/metrics', res)).toEqual([]);
  });

  it('then money flows name each node with only the documented fields', async () => {
    const res = await app.get('/api/flows');
    expect(await problems('get', '/api/flows', res.clone())).toEqual([]);
    expect((await res.json()).nodes.length).toBeGreaterThan(3);
  });

  it('then a drawn view exported as JSON carries its layout, and the schema says so', async () => {
    const res = await fetch(`${app.baseUrl}/api/views/export?format=json`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ nodes: ['odc', 'dfat'], positions: { odc: { x: 1, y: 2 } } }),
    });
    expect(await problems('post', '/api/views/export', res.clone())).toEqual([]);
    expect((await res.json()).layout.positions.odc).toEqual({ x: 1, y: 2 });
  });

  it('then a draft, from pasted text or an uploaded file with the source’s metadata, is what the spec says', async () => {
    const editor = await createAccount(app, 'editor');
    const spec = await app.getJson('/api/openapi.json');
    const body = spec.paths['/api/drafts'].post.requestBody.content;
    expect(Object.keys(body)).toEqual(['application/json', 'multipart/form-data']);
    const upload = ajv.getSchema(`spec#/${pointer('paths', '/api/drafts', 'post', 'requestBody', 'content', 'multipart/form-data', 'schema')}`)!.schema as any;
    expect(upload.properties.file).toMatchObject({ type: 'string', format: 'binary' });
    expect(Object.keys(upload.properties)).toEqual(expect.arrayContaining(['title', 'publisher', 'date', 'url', 'sourceKind', 'text']));
    const text = 'Ms. Sreyneang Tola, Programme Manager of the Tonle Learning Network, spoke at the Provincial Open Data Workshop 2026.';
    const source = { title: 'Conformance report', publisher: 'Conformance publisher', date: '2026-05-20', sourceKind: 'report' };
    const pasted = await editor.send('POST', '/api/drafts', { text, ...source });
    expect(await problems('post', '/api/drafts', pasted.clone())).toEqual([]);
    expect((await pasted.json()).source).toEqual(source);
    const form = new FormData();
    form.append('title', source.title);
    form.append('file', new Blob([text]), 'report.txt');
    const uploaded = await fetch(`${app.baseUrl}/api/drafts`, { method: 'POST', headers: { authorization: `Bearer ${editor.token}` }, body: form });
    expect(await problems('post', '/api/drafts', uploaded.clone())).toEqual([]);
    expect((await uploaded.json()).nodes.length).toBeGreaterThan(1);
    const tooLong = await editor.send('POST', '/api/drafts', { text: 'a'.repeat(200_001) });
    expect(await problems('post', '/api/drafts', tooLong, 413)).toEqual([]);
  });

  it('then a rejected import commit is the documented 400 problem, carrying its plan', async () => {
    const editor = await createAccount(app, 'editor');
    const form = new FormData();
    form.append('files', new Blob(['id,name,orgKind,sources\nt-oa-x,Conformance,not-a-kind,no-such-source\n']), 'organisations.csv');
    const res = await fetch(`${app.baseUrl}/api/import?commit=true`, { method: 'POST', headers: { authorization: `Bearer ${editor.token}` }, body: form });
    expect(await problems('post', '/api/import', res.clone(), 400)).toEqual([]);
    expect(await res.json()).toMatchObject({ committed: false, rejected: expect.arrayContaining([expect.objectContaining({ field: 'orgKind' })]) });
  });
});
