/**
 * Optimistic concurrency under real parallel load (issue #11, finding 3): N writers holding the
 * same version — of a node, a relationship, a delete, a merge, a revert — get exactly one 2xx and
 * N−1 × 409 (or 404 once the thing is gone), and the history holds exactly one entry.
 */
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
    ],
    [{ from: 't-cc-person', type: 'WORKS_FOR', to: 't-cc-org', sources: [TEST_SOURCE] }],
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
