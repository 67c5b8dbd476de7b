/** Saved views through the API: stored as sent, reopened with current data, refused when malformed. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.db.write('MATCH (v:SavedView) WHERE v.name STARTS WITH "t-" DETACH DELETE v');
  await app.close();
});

const post = (body: unknown) =>
  fetch(`${app.baseUrl}/api/views`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

const view = {
  name: 't-odc and a colleague',
  state: '?node=odc&asOf=2024-12-31',
  nodes: ['odc', 'thy-try', 'gone-since'],
  edges: ['thy-try|WORKS_FOR|odc|'],
  hidden: [],
  pinned: ['odc'],
  collapsed: [],
  positions: { odc: { x: 1.5, y: -2 }, 'thy-try': { x: 100, y: 40 } },
  viewport: { zoom: 0.8, pan: { x: 10, y: 20 } },
};

describe('saved views', () => {
  it('are stored under a new unguessable id and reopen with the current data of their nodes and edges', async () => {
    const res = await post(view);
    expect(res.status).toBe(201);
    const saved = await res.json();
    expect(saved.id).toMatch(/^[A-Za-z0-9_-]{12}$/);
    expect(res.headers.get('location')).toBe(`/api/views/${saved.id}`);

    // Anonymous readers get the view without nodes that are gone (or hidden from them).
    const opened = await app.getJson(`/api/views/${saved.id}`);
    expect(opened).toMatchObject({ ...view, nodes: ['odc', 'thy-try'], id: saved.id });
    expect(opened.graph.nodes.map((n: { id: string }) => n.id)).toEqual(['odc', 'thy-try']);
    expect(opened.graph.edges.map((e: { id: string }) => e.id)).toEqual(['thy-try|WORKS_FOR|odc|']);
    expect(opened.graph.sources.length).toBeGreaterThan(0);
  });

  it('refuse a malformed view, naming each bad field, and store nothing', async () => {
    const before = await app.db.read('MATCH (v:SavedView) RETURN count(v) AS n');
    const res = await post({ ...view, name: '', nodes: [], viewport: { zoom: -1, pan: { x: 0, y: 0 } }, author: 'me' });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const fields = ((await res.json()).errors as { field: string }[]).map((e) => e.field).sort();
    expect(fields).toEqual(expect.arrayContaining(['body.name', 'body.nodes', 'body.viewport.zoom']));
    expect(fields.some((f) => f.includes('author') || f === 'body')).toBe(true);
    expect(await app.db.read('MATCH (v:SavedView) RETURN count(v) AS n')).toEqual(before);
  });

  it('are limited per client, with a 429 problem', async () => {
    const limited = await startTestApp(undefined, { viewSavesPerHour: 2 });
    try {
      const save = () => fetch(`${limited.baseUrl}/api/views`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(view) });
      expect([(await save()).status, (await save()).status]).toEqual([201, 201]);
      const third = await save();
      expect(third.status).toBe(429);
      expect(third.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      expect((await third.json()).detail).toContain('2 views');
    } finally {
      await limited.close();
    }
  });

  it('answer 404 for an unknown id and 400 for a malformed one', async () => {
    expect((await app.get('/api/views/AAAAAAAAAAAA')).status).toBe(404);
    expect((await app.get('/api/views/..%2Fetc')).status).toBe(400);
  });
});
