/**
 * Citable releases through the real stack: an admin publishes a dated snapshot of the public
 * network; anyone lists it, cites it by its URL and downloads it in every format; later edits
 * never change it.
 */
import JSZip from 'jszip';
import { parse as parseCsv } from 'csv-parse/sync';
import { MultiDirectedGraph } from 'graphology';
import { parse as parseGexf } from 'graphology-gexf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { createAccount, removeAccounts, type TestAccount } from '../support/accounts.js';
import { TEST_SOURCE, removeGraph } from '../support/factory.js';

let app: TestApp;
let editor: TestAccount;
let admin: TestAccount;
let release: any;
let exportedAtPublication: Buffer;

const bytes = async (res: Response) => Buffer.from(await res.arrayBuffer());

/** The tables of a CSV zip without the rows other test files write meanwhile (ids starting `t-`). */
async function networkRows(zip: Buffer): Promise<Record<string, unknown[]>> {
  const files = (await JSZip.loadAsync(zip)).files;
  const tables: Record<string, unknown[]> = {};
  for (const [name, file] of Object.entries(files)) {
    if (!name.endsWith('.csv')) continue;
    const rows = parseCsv(await file.async('string'), { columns: true }) as Record<string, string>[];
    tables[name] = rows.filter((r) => ![r.id, r.from, r.to].some((id) => id?.startsWith('t-')));
  }
  return tables;
}

beforeAll(async () => {
  app = await startTestApp();
  [editor, admin] = await Promise.all([createAccount(app, 'editor'), createAccount(app, 'admin')]);
});
afterAll(async () => {
  await app.db.write('MATCH (r:Release) WHERE r.publishedById = $id DELETE r', { id: admin.id });
  await removeGraph(app.db, 't-rel-');
  await removeAccounts(app);
  await app.close();
});

describe('publishing a release', () => {
  it('is for admins only, and refuses fields it does not know', async () => {
    expect((await fetch(`${app.baseUrl}/api/releases`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status).toBe(401);
    expect((await editor.send('POST', '/api/releases', {})).status).toBe(403);
    const bad = await admin.send('POST', '/api/releases', { title: '', digest: 'mine' });
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors.map((e: any) => e.field).sort()).toEqual(['body', 'body.title']);
  });

  it('stores a dated snapshot with a stable URL, a digest and a citation', async () => {
    exportedAtPublication = await bytes(await app.get('/api/export?format=csv'));
    const res = await admin.send('POST', '/api/releases', { title: 'Mekong open data network', notes: 'First release.' });
    expect(res.status).toBe(201);
    release = await res.json();
    const today = new Date().toISOString().slice(0, 10);
    expect(release.id).toMatch(new RegExp(`^${today}(\\.\\d+)?$`));
    expect(res.headers.get('location')).toBe(`/api/releases/${release.id}`);
    expect(release).toMatchObject({
      title: 'Mekong open data network',
      notes: 'First release.',
      publishedBy: 'Test admin',
      url: `${app.baseUrl}/api/releases/${release.id}`,
    });
    expect(release.digest).toMatch(/^[0-9a-f]{64}$/);
    expect(release.counts.organisations).toBeGreaterThan(50);
    expect(release.citation).toContain(release.url);
    expect(release.citation).toContain(`release ${release.id}`);
    expect(Object.keys(release.files).sort()).toEqual(['csv', 'gexf', 'graphml', 'json', 'popolo', 'xlsx']);
  });
});

describe('reading a release', () => {
  it('lists and describes it for anyone; an unknown release is 404, a malformed id 400', async () => {
    const { items } = await app.getJson('/api/releases');
    expect(items.find((r: any) => r.id === release.id)).toEqual(release);
    expect(await app.getJson(`/api/releases/${release.id}`)).toEqual(release);
    expect((await app.get('/api/releases/1999-01-01')).status).toBe(404);
    expect((await app.get('/api/releases/latest')).status).toBe(400);
    expect((await app.get(`/api/releases/${release.id}/files/pdf`)).status).toBe(400);
  });

  it('downloads it in every format; the CSV is the public export at the time of publication', async () => {
    const csv = await app.get(`/api/releases/${release.id}/files/csv`);
    expect(csv.headers.get('content-type')).toBe('application/zip');
    expect(csv.headers.get('cache-control')).toContain('immutable');
    expect(await networkRows(await bytes(csv))).toEqual(await networkRows(exportedAtPublication));

    const xlsx = await JSZip.loadAsync(await bytes(await app.get(`/api/releases/${release.id}/files/xlsx`)));
    expect(Object.keys(xlsx.files)).toContain('xl/workbook.xml');
    const graphml = await (await app.get(`/api/releases/${release.id}/files/graphml`)).text();
    expect(graphml).toContain('<node id="odc">');
    const gexf = parseGexf(MultiDirectedGraph, await (await app.get(`/api/releases/${release.id}/files/gexf`)).text());
    expect(gexf.hasNode('odc')).toBe(true);
    const json = await app.getJson(`/api/releases/${release.id}/files/json`);
    expect(json.nodes.length).toBe(
      Object.entries(release.counts).reduce((n, [table, count]) => n + (['sources', 'relationships'].includes(table) ? 0 : (count as number)), 0),
    );
    expect(json.edges.length).toBe(release.counts.relationships);
    expect(json.sources.length).toBe(release.counts.sources);
    const popolo = await app.getJson(`/api/releases/${release.id}/files/popolo`);
    expect(popolo.persons.find((p: any) => p.id === 'thy-try')).toMatchObject({ name: 'Thy Try' });
  });

  it('never changes: the network moves on, the release stays as published', async () => {
    const published = await bytes(await app.get(`/api/releases/${release.id}/files/csv`));
    const created = await editor.send('POST', '/api/nodes', { node: { kind: 'topic', id: 't-rel-topic', name: 'Released later' }, sources: [TEST_SOURCE] });
    expect(created.status).toBe(201);
    const topics = async (zip: Buffer) => (await JSZip.loadAsync(zip)).file('topics.csv')!.async('string');
    expect(await topics(await bytes(await app.get('/api/export?format=csv')))).toContain('t-rel-topic');
    const again = await bytes(await app.get(`/api/releases/${release.id}/files/csv`));
    expect(again.equals(published)).toBe(true);
    expect(await topics(again)).not.toContain('t-rel-topic');
    expect(await app.getJson(`/api/releases/${release.id}`)).toEqual(release);
    // No route changes or removes a release.
    const routes = app.built.operations.filter((op) => op.path.startsWith('/api/releases')).map((op) => `${op.method} ${op.path}`);
    expect(routes.sort()).toEqual(['get /api/releases', 'get /api/releases/:id', 'get /api/releases/:id/files/:format', 'post /api/releases']);
  });
});
