/**
 * Optimistic concurrency under real parallel load (issue #11, finding 3): N writers holding the
 * same version — of a node, a relationship, a delete, a merge, a revert — get exactly one 2xx and
 * N−1 × 409 (or 404 once the thing is gone), and the history holds exactly one entry. The same
 * holds for HTTP preconditions: a node's strong ETag names its version, and a write whose
 * If-Match names a stale one is a 412, however many race.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { createAccount, removeAccounts, type TestAccount } from '../support/accounts.js';
import { createGraph, removeGraph, TEST_SOURCE } from '../support/factory.js';

const WRITERS = 20;
let app: TestApp;
let editors: TestAccount[];
let admin: TestAccount;

beforeAll(async () => {
  app = await startTestApp();
  editors = await Promise.all([createAccount(app, 'editor'), createAccount(app, 'editor')]);
  admin = await createAccount(app, 'admin');
  await createGraph(
    app.db,
    [
      { kind: 'organisation', id: 't-cc-org', name: 'Concurrency Org', orgKind: 'cso', sources: [TEST_SOURCE] },
      { kind: 'organisation', id: 't-cc-del', name: 'Concurrency Delete', orgKind: 'cso', sources: [TEST_SOURCE] },
      { kind: 'organisation', id: 't-cc-a', name: 'Concurrency Merge', orgKind: 'cso', sources: [TEST_SOURCE] },
      { kind: 'organisation', id: 't-cc-b', name: 'Concurrency Merge Two', orgKind: 'cso', sources: [TEST_SOURCE] },
      { kind: 'person', id: 't-cc-person', name: 'Concurrency Person', sources: [TEST_SOURCE] },
      { kind: 'organisation', id: 't-cc-etag', name: 'Concurrency ETag', orgKind: 'cso', sources: [TEST_SOURCE] },
      { kind: 'organisation', id: 't-cc-etag-del', name: 'Concurrency ETag Delete', orgKind: 'cso', sources: [TEST_SOURCE] },
    ],
    [
      { from: 't-cc-person', type: 'WORKS_FOR', to: 't-cc-org', sources: [TEST_SOURCE] },
      { from: 't-cc-person', type: 'WORKS_FOR', to: 't-cc-etag', sources: [TEST_SOURCE] },
    ],
  );
});
afterAll(async () => {
  await removeGraph(app.db, 't-cc');
  await removeAccounts(app);
  await app.close();
});

/** Sends the same request from WRITERS writers at once, alternating two accounts; the statuses. */
async function race(method: string, path: string, body: (i: number) => unknown, by = editors): Promise<number[]> {
  const answers = await Promise.all(Array.from({ length: WRITERS }, (_, i) => by[i % by.length]!.send(method, path, body(i))));
  return answers.map((a) => a.status);
}

const count = (statuses: number[], status: number) => statuses.filter((s) => s === status).length;
const historyOf = async (id: string) => (await admin.getJson(`/api/nodes/${id}/history`)).items as { id: string; action: string }[];
const rid = encodeURIComponent('t-cc-person|WORKS_FOR|t-cc-org|');

describe(`when ${WRITERS} writers save at once with the same version`, () => {
  it('then one node update wins, the rest get 409, and the history has one entry', async () => {
    const statuses = await race('PATCH', '/api/nodes/t-cc-org', (i) => ({ version: 1, changes: { description: `writer ${i}` }, sources: [TEST_SOURCE] }));
    expect(count(statuses, 200)).toBe(1);
    expect(count(statuses, 409)).toBe(WRITERS - 1);
    expect((await app.getJson('/api/nodes/t-cc-org')).node.version).toBe(2);
    expect((await historyOf('t-cc-org')).filter((c) => c.action === 'update')).toHaveLength(1);
  });

  it('then one relationship update wins', async () => {
    const statuses = await race('PATCH', `/api/relationships/${rid}`, (i) => ({ version: 1, changes: { role: `role ${i}` }, sources: [TEST_SOURCE] }));
    expect(count(statuses, 200)).toBe(1);
    expect(count(statuses, 409)).toBe(WRITERS - 1);
    const history = await historyOf('t-cc-person');
    expect(history.filter((c) => c.action === 'update')).toHaveLength(1);
  });

  it('then one delete wins and the others are told it is gone or changed', async () => {
    const statuses = await race('DELETE', '/api/nodes/t-cc-del', () => ({ version: 1, sources: [TEST_SOURCE] }));
    expect(count(statuses, 200)).toBe(1);
    expect(count(statuses, 404) + count(statuses, 409)).toBe(WRITERS - 1);
    expect((await historyOf('t-cc-del')).filter((c) => c.action === 'delete')).toHaveLength(1);
  });

  it('then one merge wins', async () => {
    const statuses = await race('POST', '/api/merges', () => ({
      survivor: 't-cc-a',
      duplicate: 't-cc-b',
      versions: { survivor: 1, duplicate: 1 },
      sources: [TEST_SOURCE],
    }));
    expect(count(statuses, 200)).toBe(1);
    expect(count(statuses, 404) + count(statuses, 409)).toBe(WRITERS - 1);
    expect((await historyOf('t-cc-a')).filter((c) => c.action === 'merge')).toHaveLength(1);
  });

  it('then one revert of a change wins', async () => {
    const [update] = (await historyOf('t-cc-org')).filter((c) => c.action === 'update');
    const statuses = await race('POST', `/api/changes/${update!.id}/revert`, () => ({}), [admin]);
    expect(count(statuses, 200)).toBe(1);
    expect(count(statuses, 409)).toBe(WRITERS - 1);
    expect((await historyOf('t-cc-org')).filter((c) => c.action === 'revert')).toHaveLength(1);
  });

  it('then of many creators of one relationship, one creates it', async () => {
    const statuses = await race('POST', '/api/relationships', (i) => ({
      relationship: { from: 't-cc-person', type: 'WORKS_FOR', to: 't-cc-a', key: 'race', role: `r${i}`, sources: [TEST_SOURCE] },
    }));
    expect(count(statuses, 201)).toBe(1);
    expect(count(statuses, 409)).toBe(WRITERS - 1);
  });
});

/** The status of a GET with If-None-Match, through node:http: fetch adds Cache-Control: no-cache to conditional requests. */
const conditionalGet = (path: string, etag: string) =>
  new Promise<number>((resolve, reject) => {
    const req = request(`${app.baseUrl}${path}`, { headers: { 'if-none-match': etag } }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode!));
    });
    req.on('error', reject).end();
  });

/** A write as an editor's script, with an If-Match header. */
const sendIfMatch = (method: string, path: string, ifMatch: string, body: unknown, by = editors[0]!) =>
  fetch(`${app.baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${by.token}`, 'content-type': 'application/json', 'if-match': ifMatch },
    body: JSON.stringify(body),
  });

describe('when a client writes with If-Match', () => {
  it('then GET gives a strong ETag with the version, and a write naming a stale one is a 412 with the current state', async () => {
    const first = await app.get('/api/nodes/t-cc-etag');
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"v1-[\w-]+"$/);
    expect(await conditionalGet('/api/nodes/t-cc-etag', etag)).toBe(304);

    const change = (version: number, description: string) => ({ version, changes: { description }, sources: [TEST_SOURCE] });
    const ok = await sendIfMatch('PATCH', '/api/nodes/t-cc-etag', etag, change(1, 'first'));
    expect(ok.status).toBe(200);
    const next = (await app.get('/api/nodes/t-cc-etag')).headers.get('etag')!;
    expect(next).toMatch(/^"v2-/);

    // The old ETag, with a body that holds the current version: the precondition decides.
    const stale = await sendIfMatch('PATCH', '/api/nodes/t-cc-etag', etag, change(2, 'second'));
    expect(stale.status).toBe(412);
    expect(stale.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect((await stale.json()).current).toMatchObject({ id: 't-cc-etag', version: 2, description: 'first' });
    // A current If-Match does not lift the body's check: its stale version is still a 409.
    expect((await sendIfMatch('PATCH', '/api/nodes/t-cc-etag', '"v2"', change(1, 'second'))).status).toBe(409);
    expect((await sendIfMatch('PATCH', '/api/nodes/t-cc-etag', '"v9", "v2"', change(2, 'second'))).status).toBe(200);
    expect((await sendIfMatch('PATCH', '/api/nodes/t-cc-etag', '*', change(3, 'third'))).status).toBe(200);
    // Weak tags never match (strong comparison); a header that is no list of tags is a 400.
    expect((await sendIfMatch('PATCH', '/api/nodes/t-cc-etag', 'W/"v4"', change(4, 'weak'))).status).toBe(412);
    const bad = await sendIfMatch('PATCH', '/api/nodes/t-cc-etag', 'v4', change(4, 'bad'));
    expect(bad.status).toBe(400);
    expect(((await bad.json()).errors as { field: string }[]).map((e) => e.field)).toEqual(['headers.if-match']);
    // Without If-Match, the body's version alone guards the write, as before.
    expect((await editors[0]!.send('PATCH', '/api/nodes/t-cc-etag', change(4, 'plain'))).status).toBe(200);
    expect((await app.getJson('/api/nodes/t-cc-etag')).node).toMatchObject({ version: 5, description: 'plain' });
  });

  it('then deletes and relationship writes check it too', async () => {
    const drop = { version: 1, sources: [TEST_SOURCE] };
    expect((await sendIfMatch('DELETE', '/api/nodes/t-cc-etag-del', '"v2"', drop)).status).toBe(412);
    expect((await sendIfMatch('DELETE', '/api/nodes/t-cc-etag-del', '"v1"', drop)).status).toBe(200);
    const rel = `/api/relationships/${encodeURIComponent('t-cc-person|WORKS_FOR|t-cc-etag|')}`;
    const change = { version: 1, changes: { role: 'lead' }, sources: [TEST_SOURCE] };
    expect((await sendIfMatch('PATCH', rel, '"v7"', change)).status).toBe(412);
    expect((await sendIfMatch('PATCH', rel, '"v1"', change)).status).toBe(200);
    expect((await sendIfMatch('DELETE', rel, '"v1"', drop)).status).toBe(412);
  });

  it(`then of ${WRITERS} writers holding the same ETag, one wins and the others get 412`, async () => {
    const etag = (await app.get('/api/nodes/t-cc-etag')).headers.get('etag')!;
    const answers = await Promise.all(
      Array.from({ length: WRITERS }, (_, i) =>
        sendIfMatch('PATCH', '/api/nodes/t-cc-etag', etag, { version: 5, changes: { description: `racer ${i}` }, sources: [TEST_SOURCE] }, editors[i % 2]),
      ),
    );
    const statuses = answers.map((a) => a.status);
    expect(count(statuses, 200)).toBe(1);
    expect(count(statuses, 412)).toBe(WRITERS - 1);
  });
});
