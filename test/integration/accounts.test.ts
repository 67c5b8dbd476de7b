/**
 * Accounts and roles through the real stack: sign-in that does not tell whether an account
 * exists, secure session cookies with CSRF protection, revocable API tokens, the role each write
 * route needs, and the command line for the first admin.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { graphFingerprint, startTestApp, type TestApp } from '../support/app.js';
import { createAccount, removeAccounts, TEST_PASSWORD, type TestAccount } from '../support/accounts.js';
import { TEST_SOURCE, removeGraph } from '../support/factory.js';

let app: TestApp;
let viewer: TestAccount;
let editor: TestAccount;
let admin: TestAccount;

beforeAll(async () => {
  app = await startTestApp();
  [viewer, editor, admin] = await Promise.all([createAccount(app, 'viewer'), createAccount(app, 'editor'), createAccount(app, 'admin')]);
});
afterAll(async () => {
  await removeAccounts(app);
  await removeGraph(app.db, 't-acc');
  await app.close();
});

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${app.baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe('signing in', () => {
  it('answers the same for an unknown account and a wrong password', async () => {
    const unknown = await post('/api/auth/login', { email: 't-nobody@example.org', password: TEST_PASSWORD });
    const wrong = await post('/api/auth/login', { email: editor.email, password: 'not the password at all' });
    expect([unknown.status, wrong.status]).toEqual([401, 401]);
    const [a, b] = [await unknown.json(), await wrong.json()];
    expect(a.detail).toBe(b.detail);
    expect(unknown.headers.get('set-cookie')).toBeNull();
  });

  it('sets an httpOnly, SameSite=Strict, Secure session cookie and hands out a CSRF token', async () => {
    const res = await post('/api/auth/login', { email: editor.email.toUpperCase(), password: TEST_PASSWORD });
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^spean_session=[\w-]{43};/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Secure/);
    const session = await (await fetch(`${app.baseUrl}/api/auth/session`, { headers: { cookie: cookie.split(';')[0]! } })).json();
    expect(session.user).toMatchObject({ email: editor.email, role: 'editor' });
    expect(session.csrfToken).toMatch(/^[\w-]{43}$/);
    expect(JSON.stringify(session)).not.toMatch(/passwordHash|argon2/);
  });

  it('stores passwords with Argon2id and session and token secrets only as digests', async () => {
    const [row] = await app.db.read('MATCH (u:User {email: $email}) RETURN u.passwordHash AS hash', { email: editor.email });
    expect(row!.hash).toMatch(/^\$argon2id\$v=19\$m=\d+,t=\d+,p=\d+\$/);
    const secrets = await app.db.read('MATCH (s:Session) RETURN s.id AS id UNION ALL MATCH (t:ApiToken) RETURN t.hash AS id');
    expect(secrets.map((s) => s.id)).not.toContain(editor.cookie.split('=')[1]);
    expect(secrets.map((s) => s.id)).not.toContain(editor.token);
  });

  it('limits sign-in attempts per address and account, then answers 429', async () => {
    const email = 't-ratelimited@example.org';
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await post('/api/auth/login', { email, password: 'wrong password here' })).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    expect(statuses.slice(10)).toEqual([429, 429]);
  });

  it('refuses a disabled account and ends its sessions', async () => {
    const someone = await createAccount(app, 'editor');
    const users = (await (await admin.send('GET', '/api/users')).json()).items as { id: string; email: string }[];
    const id = users.find((u) => u.email === someone.email)!.id;
    expect((await admin.send('PATCH', `/api/users/${id}`, { disabled: true })).status).toBe(200);
    expect((await post('/api/auth/login', { email: someone.email, password: TEST_PASSWORD })).status).toBe(401);
    const session = await (await fetch(`${app.baseUrl}/api/auth/session`, { headers: { cookie: someone.cookie } })).json();
    expect(session.user).toBeNull();
  });
});

describe('browser writes', () => {
  const body = () => ({ node: { kind: 'topic', id: `t-acc-${Math.random().toString(36).slice(2, 8)}`, name: 'CSRF topic', sources: [TEST_SOURCE] } });

  it('need the CSRF token of their session', async () => {
    expect((await editor.sendInBrowser('POST', '/api/nodes', body(), null)).status).toBe(403);
    expect((await editor.sendInBrowser('POST', '/api/nodes', body(), 'x'.repeat(43))).status).toBe(403);
    const ok = await editor.sendInBrowser('POST', '/api/nodes', body());
    expect(ok.status, await ok.clone().text()).toBe(201);
  });
});

describe('API tokens', () => {
  it('work until revoked, then answer 401', async () => {
    const created = await (await editor.send('POST', '/api/tokens', { name: 'a script' })).json();
    expect(created.token).toMatch(/^spean_[\w-]{12}_[\w-]{43}$/);
    const asScript = (path: string) => fetch(`${app.baseUrl}${path}`, { headers: { authorization: `Bearer ${created.token}` } });
    expect((await asScript('/api/auth/session').then((r) => r.json())).user.email).toBe(editor.email);
    const listed = (await (await editor.send('GET', '/api/tokens')).json()).items;
    expect(listed.map((t: { id: string }) => t.id)).toContain(created.id);
    expect(JSON.stringify(listed)).not.toContain(created.token);
    expect((await editor.send('DELETE', `/api/tokens/${created.id}`)).status).toBe(200);
    expect((await asScript('/api/auth/session')).status).toBe(401);
    expect((await fetch(`${app.baseUrl}/api/search?q=odc`, { headers: { authorization: 'Bearer nonsense' } })).status).toBe(401);
  });
});

describe('every write route, for every role', () => {
  it('is refused to anonymous callers (401) and viewers (403), and to editors where admins are needed, changing nothing', async () => {
    const before = await graphFingerprint(app.db);
    // Other test files write meanwhile: count only what these accounts could have written.
    const byThem = () => app.db.read('MATCH (c:Change) WHERE c.by IN $ids RETURN count(c) AS n', { ids: [viewer.id, editor.id] });
    const [changes] = await byThem();
    const writes = app.built.operations.filter((op) => op.access === 'edit' || op.access === 'admin');
    expect(writes.length).toBeGreaterThanOrEqual(10);
    for (const op of writes) {
      const path = op.path.replace(
        ':id',
        op.path.startsWith('/api/relationships')
          ? encodeURIComponent('odc|PARTNERS_WITH|odi|')
          : op.path.startsWith('/api/changes')
            ? '00000000-0000-4000-8000-000000000000'
            : 'odc',
      );
      const body = { version: 0, changes: { name: 'x' }, sources: [TEST_SOURCE], node: { kind: 'topic', id: 't-acc-x', name: 'x', sources: [TEST_SOURCE] } };
      const call = (headers: Record<string, string>) =>
        fetch(`${app.baseUrl}${path}`, {
          method: op.method.toUpperCase(),
          headers: { 'content-type': 'application/json', ...headers },
          body: op.method === 'get' ? undefined : JSON.stringify(body),
        });
      expect((await call({})).status, `${op.method} ${op.path} anonymous`).toBe(401);
      expect((await call({ authorization: `Bearer ${viewer.token}` })).status, `${op.method} ${op.path} viewer`).toBe(403);
      expect((await call({ cookie: viewer.cookie, 'x-csrf-token': viewer.csrf })).status, `${op.method} ${op.path} viewer session`).toBe(403);
      if (op.access === 'admin') expect((await call({ authorization: `Bearer ${editor.token}` })).status, `${op.method} ${op.path} editor`).toBe(403);
    }
    expect(await graphFingerprint(app.db)).toEqual(before);
    expect(await byThem()).toEqual([changes]);
  });

  it('keeps reading open to anonymous callers by default, and closed when anonymous reading is off', async () => {
    expect((await fetch(`${app.baseUrl}/api/search?q=odc`)).status).toBe(200);
    const closed = await startTestApp(undefined, { auth: { anonymousRead: false } });
    try {
      expect((await closed.get('/api/search?q=odc')).status).toBe(401);
      expect((await fetch(`${closed.baseUrl}/api/search?q=odc`, { headers: { authorization: `Bearer ${viewer.token}` } })).status).toBe(200);
    } finally {
      await closed.close();
    }
  });
});

describe('npm run user', () => {
  it('creates the first admin from the command line, the password from the environment', async () => {
    const email = `t-cli-${Date.now()}@example.org`;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--import', 'tsx', 'api/src/cli/user.ts', 'add', '--email', email, '--name', 'CLI Admin', '--role', 'admin'],
      {
        env: { ...process.env, NEO4J_URI: inject('neo4jUri'), NEO4J_PASSWORD: inject('neo4jPassword'), SPEAN_PASSWORD: TEST_PASSWORD },
      },
    );
    expect(stdout).toContain(`Created admin ${email}`);
    const login = await post('/api/auth/login', { email, password: TEST_PASSWORD });
    expect((await login.json()).user.role).toBe('admin');
  });
});
