import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { createGraph, removeGraph, TEST_SOURCE } from '../support/factory.js';

let app: TestApp;
const source = [TEST_SOURCE];

beforeAll(async () => {
  app = await startTestApp();
  await createGraph(
    app.db,
    [
      { kind: 'organisation', id: 't-api-org', name: 'Zyxwv Test Alliance', orgKind: 'network', sources: source },
      { kind: 'person', id: 't-api-person', name: 'Qwerty Testperson', sources: source },
    ],
    [{ from: 't-api-person', type: 'WORKS_FOR', to: 't-api-org', role: 'Coordinator', sources: source, quote: 'a quote' }],
  );
});
afterAll(async () => {
  await removeGraph(app.db, 't-api-');
  await app.close();
});

async function problem(res: Response) {
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  return res.json() as Promise<{ status: number; detail: string; errors?: { field: string; message: string }[] }>;
}

describe('when the process and database are up', () => {
  it('then /livez and /readyz answer 200', async () => {
    expect((await app.get('/livez')).status).toBe(200);
    expect(await app.getJson('/readyz')).toEqual({ status: 'ready' });
  });
});

describe('when a node is read by id', () => {
  it('then it comes with its relationships and the sources behind them', async () => {
    const detail = await app.getJson('/api/nodes/t-api-person');
    expect(detail.node).toMatchObject({ id: 't-api-person', kind: 'person', name: 'Qwerty Testperson' });
    expect(detail.relationships).toEqual([
      expect.objectContaining({
        type: 'WORKS_FOR',
        direction: 'out',
        other: { id: 't-api-org', kind: 'organisation', name: 'Zyxwv Test Alliance' },
        properties: expect.objectContaining({ role: 'Coordinator', sources: source, quote: 'a quote' }),
      }),
    ]);
    expect(detail.sources.map((s: { id: string }) => s.id)).toEqual(source);
  });

  it('then an unknown id is a 404 problem', async () => {
    const res = await app.get('/api/nodes/t-api-nobody');
    expect(res.status).toBe(404);
    expect((await problem(res)).detail).toMatch(/t-api-nobody/);
  });

  it('then an id that is not a slug is a 400 naming the field', async () => {
    const res = await app.get('/api/nodes/NOT%20A%20SLUG');
    expect(res.status).toBe(400);
    expect((await problem(res)).errors?.[0]?.field).toBe('params.id');
  });
});

describe('when a list is asked for', () => {
  it('then it pages and sorts', async () => {
    const page = await app.getJson('/api/sources?limit=2&offset=1&sort=id&order=desc');
    expect(page.limit).toBe(2);
    expect(page.items).toHaveLength(2);
    expect(page.total).toBeGreaterThanOrEqual(5);
    const all = await app.getJson('/api/sources?limit=500&sort=id&order=desc');
    expect(page.items.map((s: { id: string }) => s.id)).toEqual(all.items.slice(1, 3).map((s: { id: string }) => s.id));
  });

  it('then it filters by sub-kind', async () => {
    const page = await app.getJson('/api/organisations?type=network&limit=500');
    expect(page.items.map((o: { id: string }) => o.id)).toContain('t-api-org');
    expect(page.items.every((o: { orgKind: string }) => o.orgKind === 'network')).toBe(true);
  });

  it('then bad or unknown parameters are a 400 naming each field', async () => {
    const res = await app.get('/api/people?limit=0&sort=salary&colour=red');
    expect(res.status).toBe(400);
    const fields = (await problem(res)).errors?.map((e) => e.field).sort();
    expect(fields).toEqual(['query', 'query.limit', 'query.sort']);
  });
});

describe('when a request is malformed', () => {
  it('then an unknown route is a 404 problem', async () => {
    const res = await app.get('/api/no-such-thing');
    expect(res.status).toBe(404);
    await problem(res);
  });

  it('then an oversized body is a 413 problem', async () => {
    const res = await fetch(`${app.baseUrl}/api/search`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ padding: 'x'.repeat(2_000_000) }),
    });
    expect(res.status).toBe(413);
    await problem(res);
  });

  it('then a search without words is a 400 naming q', async () => {
    const res = await app.get('/api/search?q=');
    expect(res.status).toBe(400);
    expect((await problem(res)).errors?.[0]?.field).toBe('query.q');
  });
});
