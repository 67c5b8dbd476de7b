/**
 * Reads over HTTP as browsers and caches see them: compressed, with Cache-Control and an ETag,
 * 304 for an answer the client already has; cached answers (metrics, the graph at a version) sent
 * from bytes kept per graph version, until the graph changes.
 */
import { gunzipSync } from 'node:zlib';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { createGraph, removeGraph, TEST_SOURCE } from '../support/factory.js';
import { createAccount, removeAccounts, type TestAccount } from '../support/accounts.js';

let app: TestApp;
let viewer: TestAccount;
beforeAll(async () => {
  app = await startTestApp();
  viewer = await createAccount(app, 'viewer');
});
afterAll(async () => {
  await removeGraph(app.db, 't-caching-');
  await removeAccounts(app);
  await app.close();
});

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A GET with node:http, which (unlike fetch) shows the bytes as sent: compressed or not. */
function rawGet(path: string, headers: Record<string, string> = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request(app.baseUrl + path, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

const json = (raw: Raw) => JSON.parse((raw.headers['content-encoding'] === 'gzip' ? gunzipSync(raw.body) : raw.body).toString('utf8'));

describe('when a browser reads a cached answer (metrics, the graph)', () => {
  it.each(['/api/metrics?limit=20', '/api/graph?limit=100'])('then %s comes gzipped with a strong ETag, and If-None-Match gets 304', async (path) => {
    const first = await rawGet(path, { 'accept-encoding': 'gzip, deflate, br' });
    expect(first.status).toBe(200);
    expect(first.headers['content-encoding']).toBe('gzip');
    expect(first.headers['cache-control']).toBe('no-cache');
    expect(first.headers.vary).toMatch(/Accept-Encoding/);
    expect(first.headers.etag).toMatch(/^"g\d+-[\w-]+"$/);
    expect(json(first).nodes.length).toBeGreaterThan(0);

    const plain = await rawGet(path);
    expect(plain.headers['content-encoding']).toBeUndefined();
    if (plain.headers.etag === first.headers.etag) expect(json(plain)).toEqual(json(first));

    const again = await rawGet(path, { 'if-none-match': first.headers.etag as string });
    // Another test file may have written in between: then the answer is new, never a stale 304.
    if (again.status === 304) expect(again.body.length).toBe(0);
    else expect(again.headers.etag).not.toBe(first.headers.etag);
  });

  it('then a write to the graph changes the ETag, and the old one gets the new answer', async () => {
    const before = await rawGet('/api/metrics?limit=5000');
    await createGraph(app.db, [{ kind: 'organisation', id: 't-caching-org', name: 'Caching Test Org', orgKind: 'cso', sources: [TEST_SOURCE] }]);
    const after = await rawGet('/api/metrics?limit=5000', { 'if-none-match': before.headers.etag as string });
    expect(after.status).toBe(200);
    expect(after.headers.etag).not.toBe(before.headers.etag);
    expect(json(after).nodes.map((n: { id: string }) => n.id)).toContain('t-caching-org');
  });
});

describe('when a browser reads an answer made per request', () => {
  it('then a large one is compressed, carries an ETag, and If-None-Match gets 304', async () => {
    const path = '/api/nodes/odc/neighbourhood?depth=2';
    const first = await rawGet(path, { 'accept-encoding': 'gzip' });
    expect(first.status).toBe(200);
    expect(first.headers['content-encoding']).toBe('gzip');
    expect(first.headers['cache-control']).toBe('no-cache');
    expect(first.headers.etag).toBeTruthy();
    expect(json(first).center).toBe('odc');
    const again = await rawGet(path, { 'if-none-match': first.headers.etag as string });
    if (again.status !== 304) expect(again.headers.etag).not.toBe(first.headers.etag);
  });

  it('then a signed-in answer may be kept only by the browser (private), and varies by credentials', async () => {
    const res = await viewer.send('GET', '/api/search?q=odc');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('private, no-cache');
    expect(res.headers.get('vary')).toMatch(/Authorization/);
  });
});
