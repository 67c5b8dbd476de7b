/**
 * Curators' edits through the real stack: every write cites a source and is recorded in the
 * history in the same transaction; stale versions get 409 with the current state; an admin can
 * revert any change, deletes included.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { createAccount, removeAccounts, type TestAccount } from '../support/accounts.js';
import { TEST_SOURCE, removeGraph } from '../support/factory.js';

let app: TestApp;
let editor: TestAccount;
let admin: TestAccount;

beforeAll(async () => {
  app = await startTestApp();
  [editor, admin] = await Promise.all([createAccount(app, 'editor'), createAccount(app, 'admin')]);
});
afterAll(async () => {
  await removeGraph(app.db, 't-ed');
  await removeAccounts(app);
  await app.close();
});

const json = async (res: Response) => ({ status: res.status, body: await res.json() });
const rid = (from: string, type: string, to: string, key = '') => encodeURIComponent(`${from}|${type}|${to}|${key}`);

describe('creating', () => {
  it('a node with a new source: both are written, the node at version 1, and the history says who and why', async () => {
    const { status, body } = await json(
      await editor.send('POST', '/api/nodes', {
        node: { kind: 'organisation', id: 't-ed-org', name: 'Mekong Data Collective', orgKind: 'cso', country: 'cambodia' },
        newSource: { title: 'T-ed workshop report', publisher: 'ODC', date: '2026-11-01', url: 'https://example.org/report' },
        comment: 'met them at the workshop',
      }),
    );
    expect(status).toBe(201);
    expect(body.value).toMatchObject({ id: 't-ed-org', version: 1, sources: ['t-ed-workshop-report-2026'] });
    expect(body.change).toMatchObject({
      action: 'create',
      target: 'node',
      targetId: 't-ed-org',
      byName: 'Test editor',
      comment: 'met them at the workshop',
      before: null,
    });
    const source = await app.getJson('/api/nodes/t-ed-workshop-report-2026');
    expect(source.node).toMatchObject({ kind: 'source', name: 'T-ed workshop report', publisher: 'ODC', date: '2026-11-01' });
    const history = await editor.getJson('/api/nodes/t-ed-org/history');
    expect(history.items).toHaveLength(1);
    expect(history.items[0].after).toMatchObject({ name: 'Mekong Data Collective' });
  });

  it('refuses a write that cites nothing, cites an unknown source, or sets what it may not, and writes nothing', async () => {
    const byEditor = () => app.db.read('MATCH (c:Change) WHERE c.by = $id RETURN count(c) AS n', { id: editor.id });
    const [before] = await byEditor();
    const cases = [
      [{ node: { kind: 'topic', id: 't-ed-t1', name: 'No source' } }, 'body.sources'],
      [{ node: { kind: 'topic', id: 't-ed-t2', name: 'Unknown source' }, sources: ['no-such-source'] }, 'body.sources'],
      [{ node: { kind: 'topic', id: 't-ed-t3', name: 'Sets its version', version: 7 }, sources: [TEST_SOURCE] }, 'body.node'],
      [{ node: { kind: 'topic', id: 't-ed-t4', name: 'Names its author' }, sources: [TEST_SOURCE], author: 'me' }, 'body'],
      [{ node: { kind: 'person', id: 't-ed-p', name: 'Role setter', role: 'admin' }, sources: [TEST_SOURCE] }, 'body.node'],
    ] as const;
    for (const [payload, field] of cases) {
      const { status, body } = await json(await editor.send('POST', '/api/nodes', payload));
      expect(status, JSON.stringify(payload)).toBe(400);
      expect(body.errors.map((e: { field: string }) => e.field).join(' ')).toContain(field);
    }
    expect(await app.db.read("MATCH (n:Entity) WHERE n.id STARTS WITH 't-ed-t' OR n.id = 't-ed-p' RETURN n.id")).toEqual([]);
    expect(await byEditor()).toEqual([before]);
  });

  it('a relationship with its confidence and period; endpoints must fit the model', async () => {
    const created = await json(
      await editor.send('POST', '/api/relationships', {
        relationship: {
          from: 't-ed-org',
          type: 'PARTNERS_WITH',
          to: 'odc',
          confidence: 'reported',
          from_date: '2025-01-01',
          to_date: '2026-06-30',
          sources: [TEST_SOURCE],
        },
      }),
    );
    expect(created.status).toBe(201);
    expect(created.body.value).toMatchObject({ confidence: 'reported', from_date: '2025-01-01', to_date: '2026-06-30', version: 1, since: '2025-01-01' });
    const wrong = await json(
      await editor.send('POST', '/api/relationships', { relationship: { from: 't-ed-org', type: 'WORKS_FOR', to: 'odc', sources: [TEST_SOURCE] } }),
    );
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors[0]).toMatchObject({ field: 'body.relationship.type' });
    const detail = await app.getJson('/api/nodes/t-ed-org');
    expect(detail.relationships).toEqual([
      expect.objectContaining({ type: 'PARTNERS_WITH', direction: 'out', properties: expect.objectContaining({ confidence: 'reported' }) }),
    ]);
  });

  it("a new relationship leaves the dates of the node's other relationships as they were", async () => {
    const node = { kind: 'organisation', id: 't-ed-dated', name: 'Dated Links Lab', orgKind: 'cso' };
    expect((await editor.send('POST', '/api/nodes', { node, sources: [TEST_SOURCE] })).status).toBe(201);
    const relate = (to: string, source: string) =>
      editor.send('POST', '/api/relationships', { relationship: { from: 't-ed-dated', type: 'ABOUT', to, sources: [source] } });
    expect((await relate('open-data', '2022-open-data-day-blog')).status).toBe(201);
    expect((await relate('data-literacy', TEST_SOURCE)).status).toBe(201);
    const since = await app.db.read<{ to: string; since: string }>(
      "MATCH (:Entity {id: 't-ed-dated'})-[r:ABOUT]->(b) RETURN b.id AS to, toString(r.since) AS since ORDER BY to",
    );
    expect(since).toEqual([
      { to: 'data-literacy', since: '2024-12-01' },
      { to: 'open-data', since: '2022-03-05' },
    ]);
  });
});

describe('updating', () => {
  it('merges the changes, adds the cited source, bumps the version and records before and after', async () => {
    const { status, body } = await json(
      await editor.send('PATCH', '/api/nodes/t-ed-org', {
        version: 1,
        changes: { name: 'Mekong Data Collective (MDC)', acronym: 'MDC' },
        sources: [TEST_SOURCE],
      }),
    );
    expect(status).toBe(200);
    expect(body.value).toMatchObject({
      name: 'Mekong Data Collective (MDC)',
      acronym: 'MDC',
      orgKind: 'cso',
      version: 2,
      sources: ['t-ed-workshop-report-2026', TEST_SOURCE],
    });
    expect(body.change.before).toMatchObject({ name: 'Mekong Data Collective', version: 1 });
    expect(body.change.after).toMatchObject({ name: 'Mekong Data Collective (MDC)', version: 2 });
    expect((await app.getJson('/api/search?q=MDC')).items[0].id).toBe('t-ed-org');
  });

  it('never loses an update: of two concurrent edits at the same version, one wins and the other gets 409 with the current state', async () => {
    const [a, b] = await Promise.all([
      json(await editor.send('PATCH', '/api/nodes/t-ed-org', { version: 2, changes: { description: 'from editor A' }, sources: [TEST_SOURCE] })),
      json(await admin.send('PATCH', '/api/nodes/t-ed-org', { version: 2, changes: { description: 'from editor B' }, sources: [TEST_SOURCE] })),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const [won, lost] = a.status === 200 ? [a, b] : [b, a];
    expect(lost.body.current).toMatchObject({ version: 3, description: won.body.value.description });
    expect((await app.getJson('/api/nodes/t-ed-org')).node).toMatchObject({ version: 3, description: won.body.value.description });
  });

  it('refuses to change what identifies a node', async () => {
    const { status, body } = await json(await editor.send('PATCH', '/api/nodes/t-ed-org', { version: 3, changes: { kind: 'person' }, sources: [TEST_SOURCE] }));
    expect(status).toBe(400);
    expect(body.errors[0].field).toBe('body.changes.kind');
  });
});

describe('deleting and reverting', () => {
  it('deletes a node with its relationships; only an admin reverts, and the revert restores both', async () => {
    const del = await json(await editor.send('DELETE', '/api/nodes/t-ed-org', { version: 3, sources: [TEST_SOURCE], comment: 'duplicate' }));
    expect(del.status).toBe(200);
    expect((await app.get('/api/nodes/t-ed-org')).status).toBe(404);
    expect((await editor.send('POST', `/api/changes/${del.body.change.id}/revert`, {})).status).toBe(403);

    const revert = await json(await admin.send('POST', `/api/changes/${del.body.change.id}/revert`, { comment: 'not a duplicate after all' }));
    expect(revert.status).toBe(200);
    expect(revert.body.change).toMatchObject({ action: 'revert', revertOf: del.body.change.id });
    const restored = await app.getJson('/api/nodes/t-ed-org');
    expect(restored.node).toMatchObject({ name: 'Mekong Data Collective (MDC)', version: 4 });
    expect(restored.relationships).toEqual([
      expect.objectContaining({ type: 'PARTNERS_WITH', properties: expect.objectContaining({ confidence: 'reported', to_date: '2026-06-30' }) }),
    ]);
    expect((await admin.send('POST', `/api/changes/${del.body.change.id}/revert`, {})).status).toBe(409);
    const history = (await editor.getJson('/api/nodes/t-ed-org/history')).items.map((c: { action: string }) => c.action);
    expect(history.slice(0, 3)).toEqual(['revert', 'delete', 'update']);
  });

  it('reverts an update to what it was, and refuses when the node changed since (409)', async () => {
    const update = await json(await editor.send('PATCH', '/api/nodes/t-ed-org', { version: 4, changes: { orgKind: 'network' }, sources: [TEST_SOURCE] }));
    const later = await json(
      await editor.send('PATCH', '/api/nodes/t-ed-org', { version: 5, changes: { website: 'https://example.org' }, sources: [TEST_SOURCE] }),
    );
    expect(later.status).toBe(200);
    expect((await admin.send('POST', `/api/changes/${update.body.change.id}/revert`, {})).status).toBe(409);
    const undoLater = await json(await admin.send('POST', `/api/changes/${later.body.change.id}/revert`, {}));
    expect(undoLater.status).toBe(200);
    expect((await app.getJson('/api/nodes/t-ed-org')).node.website).toBeUndefined();
  });

  it('updates, deletes and restores a relationship by its id', async () => {
    const id = rid('t-ed-org', 'PARTNERS_WITH', 'odc');
    const current = (await app.getJson('/api/nodes/t-ed-org')).relationships[0].properties.version;
    const updated = await json(
      await editor.send('PATCH', `/api/relationships/${id}`, {
        version: current,
        changes: { confidence: 'confirmed', note: 'MoU signed' },
        sources: [TEST_SOURCE],
      }),
    );
    expect(updated.status).toBe(200);
    expect(updated.body.value).toMatchObject({ confidence: 'confirmed', note: 'MoU signed', version: current + 1 });
    expect((await editor.send('PATCH', `/api/relationships/${id}`, { version: current, changes: { note: 'stale' }, sources: [TEST_SOURCE] })).status).toBe(409);
    const removed = await json(await editor.send('DELETE', `/api/relationships/${id}`, { version: current + 1, sources: [TEST_SOURCE] }));
    expect(removed.status).toBe(200);
    expect((await app.getJson('/api/nodes/t-ed-org')).relationships).toEqual([]);
    expect((await admin.send('POST', `/api/changes/${removed.body.change.id}/revert`, {})).status).toBe(200);
    expect((await app.getJson('/api/nodes/t-ed-org')).relationships[0].properties).toMatchObject({ note: 'MoU signed' });
    expect((await editor.send('DELETE', `/api/relationships/${rid('t-ed-org', 'FUNDS', 'odc')}`, { version: 0, sources: [TEST_SOURCE] })).status).toBe(404);
  });
});
