/**
 * Duplicates through the real stack: suggestions with score and evidence (including pairs a
 * source marks), and a merge that moves relationships, aliases, sources and history to the
 * survivor as one change, which an admin can undo whole.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { createAccount, removeAccounts, type TestAccount } from '../support/accounts.js';
import { TEST_SOURCE, removeGraph } from '../support/factory.js';

const OTHER_SOURCE = '2022-open-data-day-blog';

let app: TestApp;
let viewer: TestAccount;
let editor: TestAccount;
let admin: TestAccount;

const json = async (res: Response) => ({ status: res.status, body: await res.json() });

/** The test nodes and their relationships, as the network holds them (without bookkeeping). */
async function testGraph(): Promise<unknown> {
  const [row] = await app.db.read(
    `CALL () { MATCH (n:Entity) WHERE n.id STARTS WITH 't-dup-' WITH n ORDER BY n.id
               RETURN collect(n {.*, version: null, since: null}) AS nodes }
     CALL () { MATCH (a:Entity)-[r]->(b:Entity) WHERE a.id STARTS WITH 't-dup-' OR b.id STARTS WITH 't-dup-'
               WITH a, r, b ORDER BY a.id, type(r), b.id
               RETURN collect([a.id, type(r), b.id, r {.*, version: null, since: null}]) AS rels }
     RETURN nodes, rels`,
  );
  return row;
}

beforeAll(async () => {
  app = await startTestApp();
  [viewer, editor, admin] = await Promise.all([createAccount(app, 'viewer'), createAccount(app, 'editor'), createAccount(app, 'admin')]);
  const create = async (path: string, body: unknown) => {
    const res = await editor.send('POST', path, body);
    if (res.status !== 201) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  };
  const org = (id: string, name: string, extra: object = {}) =>
    create('/api/nodes', { node: { kind: 'organisation', id, name, orgKind: 'cso', ...extra }, sources: [TEST_SOURCE] });
  await org('t-dup-a', 'Mekong Civic Data Lab');
  await org('t-dup-b', 'Mekong Civic Data-Lab', { aliases: ['MCDL Cambodia'], website: 'https://example.org/mcdl' });
  await org('t-dup-c', 'Another Partner Org');
  await create('/api/nodes', { node: { kind: 'person', id: 't-dup-p', name: 'Dup Testperson' }, sources: [TEST_SOURCE] });
  const rel = (from: string, type: string, to: string, sources = [TEST_SOURCE]) => create('/api/relationships', { relationship: { from, type, to, sources } });
  await rel('t-dup-p', 'WORKS_FOR', 't-dup-b');
  await rel('t-dup-a', 'PARTNERS_WITH', 't-dup-c');
  await rel('t-dup-b', 'PARTNERS_WITH', 't-dup-c', [OTHER_SOURCE]);
  await rel('t-dup-a', 'POSSIBLE_DUPLICATE', 't-dup-b');
  const res = await editor.send('PATCH', '/api/nodes/t-dup-b', { version: 1, changes: { description: 'From the 2024 speaker list' }, sources: [OTHER_SOURCE] });
  if (res.status !== 200) throw new Error(await res.text());
});

afterAll(async () => {
  await removeGraph(app.db, 't-dup-');
  await app.db.write("MATCH (d:DuplicateDismissal) WHERE d.pair STARTS WITH 't-dup-' DELETE d");
  await removeAccounts(app);
  await app.close();
});

describe('duplicate suggestions', () => {
  it('list likely pairs with a score and the evidence, including the pairs the seed marks', async () => {
    const { items } = await editor.getJson('/api/duplicates?kind=organisation&limit=500');
    const ours = items.find((s: any) => s.a.id === 't-dup-a' && s.b.id === 't-dup-b');
    expect(ours.evidence.map((e: any) => e.kind)).toEqual(['marked', 'same-name', 'shared-acronym']);
    expect(ours.score).toBeGreaterThan(0.99);
    const seeded = items.find((s: any) => s.a.id === 'oda-taiwan' && s.b.id === 'open-data-alliance');
    expect(seeded.evidence.map((e: any) => e.kind)).toEqual(expect.arrayContaining(['marked', 'shared-acronym']));
    expect(seeded.evidence[0].detail).toContain('Both Taiwanese');
    expect(items.every((s: any) => s.kind === 'organisation')).toBe(true);
    expect(items.map((s: any) => s.score)).toEqual([...items.map((s: any) => s.score)].sort((x, y) => y - x));
  });

  it('are for editors: anonymous 401, viewers 403', async () => {
    expect((await app.get('/api/duplicates')).status).toBe(401);
    expect((await viewer.send('GET', '/api/duplicates')).status).toBe(403);
  });

  it('leave out a pair a curator judged distinct, and only that pair', async () => {
    const person = (id: string, name: string) => editor.send('POST', '/api/nodes', { node: { kind: 'person', id, name }, sources: [TEST_SOURCE] });
    await Promise.all([person('t-dup-twin-1', 'Chhay Sopheap'), person('t-dup-twin-2', 'Chay Sophiep'), person('t-dup-twin-3', 'Sopheap Chhay')]);
    const pairs = async () =>
      ((await editor.getJson('/api/duplicates?kind=person&limit=500')).items as any[])
        .filter((s) => s.a.id.startsWith('t-dup-twin'))
        .map((s) => `${s.a.id} ${s.b.id}`);
    expect(await pairs()).toEqual(expect.arrayContaining(['t-dup-twin-1 t-dup-twin-2', 't-dup-twin-1 t-dup-twin-3']));
    expect((await viewer.send('POST', '/api/duplicates/dismissals', { a: 't-dup-twin-2', b: 't-dup-twin-1' })).status).toBe(403);
    expect((await editor.send('POST', '/api/duplicates/dismissals', { a: 't-dup-twin-2', b: 't-dup-nobody' })).status).toBe(404);
    expect((await editor.send('POST', '/api/duplicates/dismissals', { a: 't-dup-twin-2', b: 't-dup-twin-2' })).status).toBe(400);
    expect((await editor.send('POST', '/api/duplicates/dismissals', { a: 't-dup-twin-2', b: 't-dup-twin-1' })).status).toBe(201);
    const left = await pairs();
    expect(left).not.toContain('t-dup-twin-1 t-dup-twin-2');
    expect(left).toContain('t-dup-twin-1 t-dup-twin-3');
  });
});

describe('merging two nodes', () => {
  let mergeChange: string;
  let before: unknown;

  it('refuses a stale version (409), another kind or itself (400), and changes nothing', async () => {
    before = await testGraph();
    const merge = async (body: object) =>
      json(
        await editor.send('POST', '/api/merges', {
          survivor: 't-dup-a',
          duplicate: 't-dup-b',
          versions: { survivor: 1, duplicate: 2 },
          sources: [TEST_SOURCE],
          ...body,
        }),
      );
    const stale = await merge({ versions: { survivor: 1, duplicate: 1 } });
    expect(stale.status).toBe(409);
    expect(stale.body.current).toMatchObject({ id: 't-dup-b', version: 2 });
    const kinds = await merge({ duplicate: 't-dup-p', versions: { survivor: 1, duplicate: 1 } });
    expect(kinds.status).toBe(400);
    expect(kinds.body.errors[0].field).toBe('body.duplicate');
    const itself = await merge({ duplicate: 't-dup-a' });
    expect(itself.status).toBe(400);
    const uncited = await merge({ sources: [] });
    expect(uncited.body.errors[0].field).toBe('body.sources');
    expect(await testGraph()).toEqual(before);
  });

  it('moves relationships, names, sources, missing properties and history to the survivor, as one change', async () => {
    const { status, body } = await json(
      await editor.send('POST', '/api/merges', {
        survivor: 't-dup-a',
        duplicate: 't-dup-b',
        versions: { survivor: 1, duplicate: 2 },
        sources: [TEST_SOURCE],
        comment: 'same lab',
      }),
    );
    expect(status).toBe(200);
    mergeChange = body.change.id;
    expect(body.change).toMatchObject({ action: 'merge', targetId: 't-dup-a', comment: 'same lab', byName: 'Test editor' });
    expect((await app.get('/api/nodes/t-dup-b')).status).toBe(404);

    const survivor = await app.getJson('/api/nodes/t-dup-a');
    expect(survivor.node).toMatchObject({
      name: 'Mekong Civic Data Lab',
      aliases: ['Mekong Civic Data-Lab', 'MCDL Cambodia'],
      website: 'https://example.org/mcdl',
      description: 'From the 2024 speaker list',
      version: 2,
    });
    expect(survivor.node.sources.sort()).toEqual([OTHER_SOURCE, TEST_SOURCE].sort());
    const rels = survivor.relationships.map((r: any) => `${r.direction} ${r.type} ${r.other.id}`).sort();
    expect(rels).toEqual(['in WORKS_FOR t-dup-p', 'out PARTNERS_WITH t-dup-c']);
    const partners = survivor.relationships.find((r: any) => r.type === 'PARTNERS_WITH');
    expect(partners.properties.sources.sort()).toEqual([OTHER_SOURCE, TEST_SOURCE].sort());

    const history = (await editor.getJson('/api/nodes/t-dup-a/history')).items;
    expect(history[0]).toMatchObject({ action: 'merge' });
    expect(history.some((c: any) => c.targetId === 't-dup-b' && c.action === 'update')).toBe(true);
    expect((await editor.getJson('/api/nodes/t-dup-c/history')).items[0]).toMatchObject({ action: 'merge' });
  });

  it('is undone whole by an admin: the duplicate returns with its relationships, the survivor as it was', async () => {
    expect((await editor.send('POST', `/api/changes/${mergeChange}/revert`, {})).status).toBe(403);
    const undo = await json(await admin.send('POST', `/api/changes/${mergeChange}/revert`, { comment: 'two labs after all' }));
    expect(undo.status).toBe(200);
    expect(undo.body.change).toMatchObject({ action: 'revert', revertOf: mergeChange });
    expect(await testGraph()).toEqual(before);
    const history = (await editor.getJson('/api/nodes/t-dup-a/history')).items;
    expect(history.some((c: any) => c.targetId === 't-dup-b' && c.action === 'update')).toBe(false);
    expect((await editor.getJson('/api/nodes/t-dup-b/history')).items.map((c: any) => c.action).slice(0, 2)).toEqual(['revert', 'merge']);
    // Undoing the undo would need the merge again, not a replay of old states.
    expect((await admin.send('POST', `/api/changes/${undo.body.change.id}/revert`, {})).status).toBe(409);
  });

  it('keeps a person who is not public hidden when merged into one who is', async () => {
    const person = (id: string, name: string, isPublic: boolean) =>
      editor.send('POST', '/api/nodes', { node: { kind: 'person', id, name, public: isPublic }, sources: [TEST_SOURCE] });
    expect((await person('t-dup-known', 'Sokunthea Known', true)).status).toBe(201);
    expect((await person('t-dup-private', 'Sokunthea Private', false)).status).toBe(201);
    const merged = await editor.send('POST', '/api/merges', {
      survivor: 't-dup-known',
      duplicate: 't-dup-private',
      versions: { survivor: 1, duplicate: 1 },
      sources: [TEST_SOURCE],
    });
    expect(merged.status).toBe(200);
    expect((await editor.getJson('/api/nodes/t-dup-known')).node).toMatchObject({ public: false, aliases: ['Sokunthea Private'] });
    expect((await app.get('/api/nodes/t-dup-known')).status).toBe(404);
  });
});
