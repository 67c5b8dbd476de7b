/**
 * When a curator reconciles a spreadsheet of names in OpenRefine against Spean, then the running
 * service's manifest and answers validate against the Reconciliation API 0.2 JSON schemas of the
 * W3C community group's specs (vendored in test/schemas/reconciliation-0.2/), candidates are typed
 * and scored, previews render, and people marked not public are never candidates anonymously.
 */
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { createAccount, removeAccounts, type TestAccount } from '../support/accounts.js';
import { createGraph, removeGraph, TEST_SOURCE } from '../support/factory.js';

const SPECS = 'https://reconciliation-api.github.io/specs/0.2/schemas/';
// The specs' schemas name JSON Schema's latest draft ($schema …/schema#, draft-07 for Ajv) and
// leave keywords to the draft, so Ajv is not strict about them, as in the specs' own test.sh.
const ajv = new Ajv({ strict: false, allErrors: true });
for (const name of ['type', 'manifest', 'reconciliation-query-batch', 'reconciliation-result-batch']) {
  ajv.addSchema(JSON.parse(readFileSync(new URL(`../schemas/reconciliation-0.2/${name}.json`, import.meta.url), 'utf8')));
}
// The manifest's optional `authentication` refers to Swagger 2.0's schema, which is not vendored:
// Spean's manifest has no `authentication`, so any value is let through there.
ajv.addSchema({ $id: 'http://swagger.io/v2/schema.json', definitions: { securityDefinitions: { additionalProperties: {} } } });
const validate = (schema: 'manifest' | 'reconciliation-query' | 'reconciliation-result-batch', value: unknown) => {
  const check = ajv.getSchema(`${SPECS}${schema}.json`)!;
  const ok = check(value);
  return { ok, errors: check.errors ?? [] };
};

let app: TestApp;
let viewer: TestAccount;
beforeAll(async () => {
  app = await startTestApp();
  viewer = await createAccount(app, 'viewer');
  await createGraph(app.db, [{ kind: 'person', id: 't-rec-hidden', name: 'Zorblatt Quennimore', public: false, sources: [TEST_SOURCE] }]);
});
afterAll(async () => {
  await removeGraph(app.db, 't-rec-');
  await removeAccounts(app);
  await app.close();
});

const reconcile = (queries: unknown, init: RequestInit = {}) =>
  fetch(`${app.baseUrl}/api/reconcile`, {
    method: 'POST',
    ...init,
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(init.headers ?? {}) },
    body: new URLSearchParams({ queries: JSON.stringify(queries) }),
  });

describe('when OpenRefine adds Spean as a reconciliation service', () => {
  it('then the manifest validates and names the types, the view and the preview', async () => {
    const manifest = await app.getJson('/api/reconcile');
    expect(validate('manifest', manifest)).toEqual({ ok: true, errors: [] });
    expect(manifest.defaultTypes.map((t: { id: string }) => t.id)).toEqual(['person', 'organisation']);
    expect(manifest.view.url).toBe(`${app.baseUrl}/api/nodes/{{id}}`);
    expect(validate('manifest', { versions: ['0.1'], name: 'x' }).ok).toBe(false);
  });

  it('then a batch of names comes back with typed, scored candidates and sure matches', async () => {
    const queries = {
      q0: { query: 'Mr. Thy Try', type: 'person', limit: 3 },
      q1: { query: 'Open Development Cambodia', type: 'organisation' },
      q2: { query: 'Nothing Like Anything Here' },
    };
    expect(validate('reconciliation-query', queries)).toEqual({ ok: true, errors: [] });
    const res = await reconcile(queries);
    expect(res.status).toBe(200);
    const results = await res.json();
    expect(validate('reconciliation-result-batch', results)).toEqual({ ok: true, errors: [] });
    expect(results.q0.result[0]).toMatchObject({ id: 'thy-try', match: true, type: [{ id: 'person', name: 'Person' }] });
    expect(results.q0.result.length).toBeLessThanOrEqual(3);
    expect(results.q1.result[0]).toMatchObject({ id: 'odc', type: [{ id: 'organisation' }] });
    expect(results.q1.result[0].score).toBeGreaterThan(80);
    expect(results.q2.result.filter((c: { match: boolean }) => c.match)).toEqual([]);
    const viaGet = await app.getJson(`/api/reconcile?queries=${encodeURIComponent(JSON.stringify({ q0: { query: 'ODC' } }))}`);
    expect(validate('reconciliation-result-batch', viaGet).ok).toBe(true);
    // A candidate without a score, as a careless service might answer, fails the schema.
    expect(validate('reconciliation-result-batch', { q0: { result: [{ id: 'odc', name: 'ODC' }] } }).ok).toBe(false);
  });

  it('then a bad batch is a 400 naming the query', async () => {
    const res = await reconcile({ q0: { query: '' }, q1: { query: 'x', type: 'planet' } });
    expect(res.status).toBe(400);
    const fields = ((await res.json()).errors as { field: string }[]).map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['queries.q0.query', 'queries.q1.type']));
    expect(
      (
        await fetch(`${app.baseUrl}/api/reconcile`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: 'queries=not-json',
        })
      ).status,
    ).toBe(400);
  });

  it('then a candidate previews as HTML, and a person not public is no candidate for anonymous callers', async () => {
    const preview = await app.get('/api/reconcile/preview?id=thy-try');
    expect(preview.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await preview.text()).toContain('<strong>Thy Try</strong>');
    const anonymous = await (await reconcile({ q0: { query: 'Zorblatt Quennimore', type: 'person' } })).json();
    expect(anonymous.q0.result.map((c: { id: string }) => c.id)).not.toContain('t-rec-hidden');
    expect((await app.get('/api/reconcile/preview?id=t-rec-hidden')).status).toBe(404);
    // The same queries as JSON, from a script with a token: signed-in readers see everyone.
    const signedIn = await (
      await viewer.send('POST', '/api/reconcile', { queries: JSON.stringify({ q0: { query: 'Zorblatt Quennimore', type: 'person' } }) })
    ).json();
    expect(signedIn.q0.result[0]).toMatchObject({ id: 't-rec-hidden', match: true });
  });
});
