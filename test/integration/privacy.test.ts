/**
 * A person marked not public: anonymous readers never see their name, id or details, on any read
 * route, in any export or release, or through a saved view — not even named in another node's
 * description or a public relationship's quote; signed-in readers see them (but not in
 * releases, which are public). The walk covers every
 * read route the app mounts, so a new route cannot be added without being checked here.
 */
import JSZip from 'jszip';
import { RELEASE_FORMATS } from '../../api/src/domain/release.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { createAccount, removeAccounts, type TestAccount } from '../support/accounts.js';
import { createGraph, removeGraph, TEST_SOURCE } from '../support/factory.js';

const SECRET_ID = 't-priv-person';
const SECRET_NAME = 'Zzyzx Quillfeather';
const SECRET_ALIAS = 'Quillfeather of Kampot';

let app: TestApp;
let viewer: TestAccount;
let admin: TestAccount;
let savedViewId: string;
let releaseId: string;

beforeAll(async () => {
  app = await startTestApp();
  [viewer, admin] = await Promise.all([createAccount(app, 'viewer'), createAccount(app, 'admin')]);
  const sources = [TEST_SOURCE];
  await createGraph(
    app.db,
    [
      { kind: 'person', id: SECRET_ID, name: SECRET_NAME, aliases: [SECRET_ALIAS], gender: 'female', public: false, sources },
      { kind: 'person', id: 't-priv-open', name: 'Open Testperson', public: true, sources },
      // Free text that names the private person: it must reach anonymous readers redacted.
      { kind: 'organisation', id: 't-priv-org-a', name: 'Privacy Org A', orgKind: 'cso', description: `Founded by ${SECRET_NAME} in Kampot.`, sources },
      { kind: 'organisation', id: 't-priv-org-b', name: 'Privacy Org B', orgKind: 'cso', sources },
      { kind: 'organisation', id: 't-priv-funder', name: 'Privacy Funder', orgKind: 'donor', sources },
    ],
    [
      // Org A and org B are linked only through the private person.
      { from: SECRET_ID, type: 'WORKS_FOR', to: 't-priv-org-a', sources },
      { from: SECRET_ID, type: 'WORKS_FOR', to: 't-priv-org-b', sources },
      { from: SECRET_ID, type: 'SPOKE_AT', to: 'nodc-2024-opening', sources },
      // So that the map and the money flows (in a quote) could name them too.
      { from: SECRET_ID, type: 'BASED_IN', to: 'cambodia', sources },
      { from: 't-priv-funder', type: 'FUNDS', to: 't-priv-org-a', quote: `A grant to the organisation ${SECRET_NAME} founded.`, sources },
      { from: 't-priv-open', type: 'WORKS_FOR', to: 't-priv-org-a', sources },
      { from: 't-priv-open', type: 'SPOKE_AT', to: 'nodc-2024-opening', quote: `Open Testperson spoke after ${SECRET_ALIAS.toUpperCase()}.`, sources },
    ],
  );
  const saved = await fetch(`${app.baseUrl}/api/views`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      name: 'Privacy test view',
      state: `node=${SECRET_ID}&tab=graph`,
      nodes: [SECRET_ID, 't-priv-org-a'],
      edges: [`${SECRET_ID}|WORKS_FOR|t-priv-org-a|`],
      pinned: [SECRET_ID],
      positions: { [SECRET_ID]: { x: 1, y: 2 }, 't-priv-org-a': { x: 3, y: 4 } },
      viewport: { zoom: 1, pan: { x: 0, y: 0 } },
    }),
  });
  savedViewId = ((await saved.json()) as { id: string }).id;
  // Published by an admin, who sees everyone: a release is public all the same.
  releaseId = ((await (await admin.send('POST', '/api/releases', { title: 'Privacy test release' })).json()) as { id: string }).id;
});

afterAll(async () => {
  await removeGraph(app.db, 't-priv-');
  await app.db.write('MATCH (v:SavedView {id: $id}) DELETE v', { id: savedViewId });
  await app.db.write('MATCH (r:Release {id: $id}) DELETE r', { id: releaseId });
  await removeAccounts(app);
  await app.close();
});

/** Every readable route with the requests that could reach the private person. */
function readRequests(): Record<string, string[]> {
  const graphFormats = ['json', 'graphml', 'gexf', 'nodes.csv', 'edges.csv'].map((f) => `format=${f}`);
  return {
    '/api/nodes/:id': [`/api/nodes/${SECRET_ID}`, '/api/nodes/t-priv-org-a', '/api/nodes/nodc-2024-opening'],
    '/api/nodes/:id/neighbourhood': [`/api/nodes/${SECRET_ID}/neighbourhood`, ...graphFormats.map((f) => `/api/nodes/t-priv-org-a/neighbourhood?depth=3&${f}`)],
    '/api/paths': [`/api/paths?from=${SECRET_ID}&to=odc`, ...graphFormats.map((f) => `/api/paths?from=t-priv-org-a&to=t-priv-org-b&${f}`)],
    '/api/graph': graphFormats.map((f) => `/api/graph?limit=20000&${f}`),
    '/api/search': [`/api/search?q=Zzyzx`, `/api/search?q=Quillfeather&kinds=person`, '/api/search?q=Zzyzx&format=graphml'],
    '/api/people': ['/api/people?limit=500', '/api/people?limit=500&sort=id&order=desc'],
    '/api/metrics': ['/api/metrics?limit=5000', '/api/metrics?limit=5000&kinds=person,organisation'],
    '/api/gaps': ['/api/gaps?limit=1000'],
    '/api/nodes/:id/suggestions': [
      `/api/nodes/${SECRET_ID}/suggestions`,
      '/api/nodes/t-priv-open/suggestions?limit=50',
      '/api/nodes/t-priv-org-b/suggestions?limit=50',
    ],
    '/api/flows': ['/api/flows'],
    '/api/map': ['/api/map'],
    '/api/stats': ['/api/stats'],
    '/api/timeline': ['/api/timeline', '/api/timeline?granularity=month'],
    '/api/timeline/diff': ['/api/timeline/diff?from=2000-01-01&to=2100-01-01&limit=5000'],
    '/api/export': ['/api/export?format=popolo', '/api/export?format=csv', '/api/export?format=xlsx'],
    '/api/views/:id': [`/api/views/${savedViewId}`, `/api/views/${savedViewId}?format=gexf`],
    '/api/reconcile': [`/api/reconcile?queries=${encodeURIComponent(JSON.stringify({ q0: { query: SECRET_NAME, type: 'person' } }))}`],
    '/api/reconcile/preview': [`/api/reconcile/preview?id=${SECRET_ID}`],
    '/api/releases': ['/api/releases'],
    '/api/releases/:id': [`/api/releases/${releaseId}`],
    '/api/releases/:id/files/:format': RELEASE_FORMATS.map((f) => `/api/releases/${releaseId}/files/${f}`),
  };
}

/** The body as text; zip files (CSV zip, XLSX) unpacked, every file in them. */
async function bodyText(res: Response): Promise<string> {
  const bytes = Buffer.from(await res.arrayBuffer());
  if (bytes.subarray(0, 2).toString() !== 'PK') return bytes.toString('utf8');
  const zip = await JSZip.loadAsync(bytes);
  const files = await Promise.all(Object.values(zip.files).map((f) => f.async('string')));
  return files.join('\n');
}

/** What of the person a response shows, beyond what the request itself said (a 404 or a search echoes it). */
const leaks = (text: string, url = '') =>
  [SECRET_ID, SECRET_NAME, 'Zzyzx', SECRET_ALIAS, SECRET_ALIAS.toUpperCase()].filter((s) => text.includes(s) && !decodeURIComponent(url).includes(s));

describe('a person marked not public', () => {
  it('never reaches an anonymous reader through any read route or export', async () => {
    for (const url of Object.values(readRequests()).flat()) {
      const res = await app.get(url);
      expect([200, 404], `${url} answered ${res.status}`).toContain(res.status);
      expect(leaks(await bodyText(res), url), url).toEqual([]);
    }
  });

  it('is seen by a signed-in reader on the same routes', async () => {
    const seen: string[] = [];
    for (const urls of Object.values(readRequests())) {
      for (const url of urls) {
        const res = await viewer.send('GET', url);
        expect(res.status, url).toBe(200);
        if (leaks(await bodyText(res)).length > 0) seen.push(url);
      }
    }
    // Every request shows the person to a signed-in reader, except those that only count, and
    // releases: they are public, whoever reads them.
    const countsOnly = ['/api/stats', '/api/timeline', '/api/timeline?granularity=month'];
    // Other nodes' suggestions are asked so that anonymous answers are checked; they need not name the person.
    const othersSuggestions = ['/api/nodes/t-priv-open/suggestions?limit=50', '/api/nodes/t-priv-org-b/suggestions?limit=50'];
    const expected = Object.values(readRequests())
      .flat()
      .filter((u) => !countsOnly.includes(u) && !othersSuggestions.includes(u) && !u.startsWith('/api/releases'));
    expect(seen.sort()).toEqual(expected.sort());
  });

  it('is not counted for anonymous readers, so counts agree with what they can open', async () => {
    const people = (stats: any) => stats.byKind.find((k: any) => k.key === 'person').count;
    // Other test files add people (some not public) meanwhile: compare at a moment with no such write.
    const census = async () => (await app.db.read('MATCH (p:Person) RETURN count(p) AS all, count(CASE WHEN p.public = false THEN 1 END) AS hidden'))[0];
    let counted: { hidden: number; differences: number[] } | undefined;
    for (let attempt = 0; attempt < 20 && !counted; attempt++) {
      const before = await census();
      const differences = [
        people(await viewer.getJson('/api/stats')) - people(await app.getJson('/api/stats')),
        (await viewer.getJson('/api/people?limit=1')).total - (await app.getJson('/api/people?limit=1')).total,
      ];
      if (JSON.stringify(await census()) === JSON.stringify(before)) counted = { hidden: before!.hidden as number, differences };
    }
    expect(counted, 'counts taken with no write between them').toBeDefined();
    expect(counted!.hidden).toBeGreaterThanOrEqual(1);
    expect(counted!.differences).toEqual([counted!.hidden, counted!.hidden]);
  });

  it('is named as "[name withheld]" in free text that anonymous readers see, and by name to signed-in ones', async () => {
    const org = await app.getJson('/api/nodes/t-priv-org-a');
    expect(org.node.description).toBe('Founded by [name withheld] in Kampot.');
    const event = await app.getJson('/api/nodes/nodc-2024-opening');
    const quote = event.relationships.find((r: any) => r.other.id === 't-priv-open' && r.type === 'SPOKE_AT').properties.quote;
    expect(quote).toBe('Open Testperson spoke after [name withheld].');
    expect((await viewer.getJson('/api/nodes/t-priv-org-a')).node.description).toBe(`Founded by ${SECRET_NAME} in Kampot.`);
  });

  it('answers 404 to an anonymous reader, as an unknown id would', async () => {
    const hidden = await app.get(`/api/nodes/${SECRET_ID}`);
    const unknown = await app.get('/api/nodes/t-priv-nobody');
    expect(hidden.status).toBe(404);
    expect(unknown.status).toBe(404);
    const detail = (r: any) => r.detail.replace(/"[^"]+"/, '"…"');
    expect(detail(await hidden.json())).toBe(detail(await unknown.json()));
  });

  it('breaks the only path through them for anonymous readers', async () => {
    const anonymous = await app.getJson('/api/paths?from=t-priv-org-a&to=t-priv-org-b');
    const signedIn = await viewer.getJson('/api/paths?from=t-priv-org-a&to=t-priv-org-b');
    expect(anonymous.paths).toEqual([]);
    expect(signedIn.paths[0].nodes).toEqual(['t-priv-org-a', SECRET_ID, 't-priv-org-b']);
  });

  it('is cut out of a saved view for anonymous readers: nodes, positions, pins and the selection', async () => {
    const anonymous = await app.getJson(`/api/views/${savedViewId}`);
    expect(anonymous).toMatchObject({ nodes: ['t-priv-org-a'], pinned: [], edges: [], state: 'tab=graph' });
    expect(Object.keys(anonymous.positions)).toEqual(['t-priv-org-a']);
    const signedIn = await viewer.getJson(`/api/views/${savedViewId}`);
    expect(signedIn).toMatchObject({ nodes: [SECRET_ID, 't-priv-org-a'], pinned: [SECRET_ID], state: `node=${SECRET_ID}&tab=graph` });
  });

  it('keeps the history and the Cypher console to signed-in users', async () => {
    expect((await app.get('/api/nodes/t-priv-org-a/history')).status).toBe(401);
    expect((await viewer.send('GET', '/api/nodes/t-priv-org-a/history')).status).toBe(200);
    const console = await fetch(`${app.baseUrl}/api/query`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'MATCH (p:Person {public: false}) RETURN p.name AS name' }),
    });
    expect(console.status).toBe(401);
  });

  it('the walk above covers every read route the app serves', () => {
    const walked = new Set(Object.keys(readRequests()));
    const reads = app.built.operations
      // Routes that never read the network (the session, the import template, health) say so.
      .filter((op) => op.method === 'get' && (op.access ?? 'read') === 'read' && op.readsNetwork !== false)
      .map((op) => op.path)
      // Lists of other kinds run the same query as /api/people, with another label.
      .filter((path) => !/^\/api\/(organisations|events|initiatives|places|topics|sources|figures)$/.test(path));
    expect(reads.filter((path) => !walked.has(path))).toEqual([]);
  });
});

describe('when an admin marks a person not public', () => {
  it('then the very next anonymous read leaves them out and withholds their name in free text', async () => {
    const sources = [TEST_SOURCE];
    await createGraph(
      app.db,
      [
        { kind: 'person', id: 't-priv-later', name: 'Vexley Marrowgate', public: true, sources },
        { kind: 'organisation', id: 't-priv-org-later', name: 'Privacy Org Later', orgKind: 'cso', description: 'Run by Vexley Marrowgate.', sources },
      ],
      [{ from: 't-priv-later', type: 'WORKS_FOR', to: 't-priv-org-later', sources }],
    );
    // Anonymous reads first, so that the graph version and the names to withhold are kept in memory.
    expect((await app.get('/api/nodes/t-priv-later')).status).toBe(200);
    expect((await app.getJson('/api/nodes/t-priv-org-later')).node.description).toBe('Run by Vexley Marrowgate.');

    const { node } = await admin.getJson('/api/nodes/t-priv-later');
    const edit = await admin.send('PATCH', '/api/nodes/t-priv-later', { version: node.version, changes: { public: false }, sources });
    expect(edit.status).toBe(200);

    // No wait: the edit went through this process's write path, which drops the kept version.
    expect((await app.get('/api/nodes/t-priv-later')).status).toBe(404);
    expect((await app.getJson('/api/nodes/t-priv-org-later')).node.description).toBe('Run by [name withheld].');
    expect(JSON.stringify(await app.getJson('/api/search?q=Marrowgate'))).not.toContain('Vexley');
  });
});
