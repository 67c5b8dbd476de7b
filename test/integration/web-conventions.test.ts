/**
 * When browsers, notebooks and crawlers call the API, then anonymous reads may be read from other
 * origins (CORS, never with credentials), a wrong method on a known path is a 405 with `Allow`,
 * and robots.txt is a robots file, not the app page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';

let app: TestApp;
let listed: TestApp;
beforeAll(async () => {
  [app, listed] = await Promise.all([startTestApp(), startTestApp(undefined, { corsOrigins: ['https://observablehq.com'] })]);
});
afterAll(async () => {
  await Promise.all([app?.close(), listed?.close()]);
});

describe('CORS', () => {
  it('lets any origin read anonymously, never with credentials', async () => {
    const res = await fetch(`${app.baseUrl}/api/search?q=odc`, { headers: { origin: 'https://notebook.example' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    const preflight = await fetch(`${app.baseUrl}/api/graph`, {
      method: 'OPTIONS',
      headers: { origin: 'https://notebook.example', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-methods')).toBe('GET,HEAD');
    // The Authorization header is not allowed cross-origin: a token cannot be sent from another page.
    expect(preflight.headers.get('access-control-allow-headers') ?? '').not.toMatch(/authorization/i);
  });

  it('answers writes without CORS headers, and only listed origins when configured', async () => {
    const write = await fetch(`${app.baseUrl}/api/views`, {
      method: 'POST',
      headers: { origin: 'https://notebook.example', 'content-type': 'text/plain' },
      body: '{}',
    });
    expect(write.headers.get('access-control-allow-origin')).toBeNull();
    const allowed = await fetch(`${listed.baseUrl}/api/stats`, { headers: { origin: 'https://observablehq.com' } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://observablehq.com');
    const other = await fetch(`${listed.baseUrl}/api/stats`, { headers: { origin: 'https://elsewhere.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('methods', () => {
  it('answers a wrong method on a known path with 405 and Allow, and OPTIONS with Allow', async () => {
    const put = await fetch(`${app.baseUrl}/api/nodes/odc`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(put.status).toBe(405);
    expect(put.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(put.headers.get('allow')).toBe('GET, PATCH, DELETE, HEAD, OPTIONS');
    expect((await fetch(`${app.baseUrl}/api/search`, { method: 'DELETE' })).headers.get('allow')).toBe('GET, HEAD, OPTIONS');
    const options = await fetch(`${app.baseUrl}/api/releases`, { method: 'OPTIONS' });
    expect(options.status).toBe(204);
    expect(options.headers.get('allow')).toBe('POST, GET, HEAD, OPTIONS');
    expect((await fetch(`${app.baseUrl}/api/no-such-thing`, { method: 'PUT' })).status).toBe(404);
  });
});

describe('robots.txt', () => {
  it('is a robots file that keeps crawlers off the API', async () => {
    const res = await app.get('/robots.txt');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(text).toMatch(/^User-agent: \*$/m);
    expect(text).toMatch(/^Disallow: \/api\/$/m);
  });
});
