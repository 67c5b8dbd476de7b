/**
 * Trust findings of the attack review (issue #11) that live in the HTTP layer and the accounts:
 * credentials never reach the log, sign-in limits that a space or a second account cannot reset,
 * links that can only be web addresses, security headers on every response, and a new password
 * that ends the API tokens too.
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startTestApp, testDb, type TestApp } from '../support/app.js';
import { createAccount, removeAccounts, TEST_PASSWORD, type TestAccount } from '../support/accounts.js';
import { removeGraph, TEST_SOURCE } from '../support/factory.js';
import { AccountRepository } from '../../api/src/repositories/account.repository.js';

const logFile = path.join(mkdtempSync(path.join(tmpdir(), 'spean-log-')), 'requests.log');
let app: TestApp;
let limited: TestApp;
let editor: TestAccount;

beforeAll(async () => {
  app = await startTestApp(testDb(), {
    logger: pino({ level: 'info' }, pino.destination({ dest: logFile, sync: true })),
    uiDir: inject('uiDir'),
  });
  // Its own app, so that its sign-in limits count only this file's attempts.
  limited = await startTestApp(testDb(), { auth: { loginsPerMinute: 3 } });
  editor = await createAccount(app, 'editor');
});
afterAll(async () => {
  await app.db.write("MATCH (u:User) WHERE u.email STARTS WITH 't-trust-' DETACH DELETE u");
  await limited.close();
  await removeAccounts(app);
  await removeGraph(app.db, 't-trust');
  await app.close();
});

const login = (email: string, password: string, on: TestApp = app) =>
  fetch(`${on.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });

describe('when requests carry credentials', () => {
  it('then the request log holds none of them: no token, session cookie, CSRF token or Set-Cookie value', async () => {
    await editor.getJson('/api/tokens');
    await editor.sendInBrowser('POST', '/api/tokens', { name: 't-trust log' });
    const signIn = await login(editor.email, TEST_PASSWORD);
    const newCookie = signIn.headers.get('set-cookie')!.split(';')[0]!.split('=')[1]!;
    const log = readFileSync(logFile, 'utf8');
    for (const secret of [editor.token, editor.cookie.split('=')[1]!, editor.csrf, newCookie]) expect(log).not.toContain(secret);
    // One short line per request: id, method, URL, status and time, and no headers at all.
    const lines = log
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { req?: object; res?: object; responseTime?: number });
    const tokens = lines.find((line) => JSON.stringify(line.req).includes('/api/tokens'));
    expect(tokens?.req).toEqual({ id: expect.anything(), method: 'GET', url: '/api/tokens' });
    expect(tokens?.res).toEqual({ statusCode: 200 });
    expect(tokens?.responseTime).toEqual(expect.any(Number));
    expect(log).not.toMatch(/"headers"/);
  });
});

describe('when someone guesses passwords', () => {
  it('then spaces or capitals around the email do not buy fresh guesses for the same account', async () => {
    const email = 't-trust-victim@example.org';
    await new AccountRepository(limited.db).createUser({ email, name: 'Victim', role: 'viewer', password: TEST_PASSWORD });
    const spellings = [email, ` ${email}`, `${email.toUpperCase()} `, `\t${email}`];
    const statuses = [];
    for (const spelling of spellings) statuses.push((await login(spelling, 'wrong password, wrong', limited)).status);
    expect(statuses).toEqual([401, 401, 401, 429]);
    // Even the right password waits out the limit.
    expect((await login(` ${email}`, TEST_PASSWORD, limited)).status).toBe(429);
  });

  it('then spraying many accounts from one address meets a limit too', async () => {
    const statuses = [];
    for (let i = 0; i < 12; i++) statuses.push((await login(`t-trust-spray-${i}@example.org`, 'wrong password, wrong', limited)).status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(9);
    expect(statuses).toContain(429);
  });
});

describe('when a curator gives a link', () => {
  it('then only http(s) addresses are accepted: javascript: and data: URLs are refused, naming the field, and nothing is written', async () => {
    for (const url of ['javascript:alert(document.cookie)', 'JaVaScRiPt:alert(1)', 'data:text/html,<script>alert(1)</script>']) {
      const org = await editor.send('POST', '/api/nodes', {
        node: { kind: 'organisation', id: 't-trust-org', name: 'Trust Org', orgKind: 'cso', website: url, sources: [TEST_SOURCE] },
      });
      expect(org.status).toBe(400);
      expect((await org.json()).errors.map((e: { field: string }) => e.field)).toContain('body.node.website');
      const source = await editor.send('POST', '/api/nodes', {
        node: { kind: 'topic', id: 't-trust-topic', name: 'Trust topic' },
        newSource: { title: 'A page', publisher: 'Someone', url },
      });
      expect(source.status).toBe(400);
      expect((await source.json()).errors.map((e: { field: string }) => e.field)).toContain('body.newSource.url');
    }
    expect(await app.db.read("MATCH (n:Entity) WHERE n.id STARTS WITH 't-trust' OR n.name = 'A page' RETURN n.id AS id")).toEqual([]);
    const ok = await editor.send('POST', '/api/nodes', {
      node: { kind: 'organisation', id: 't-trust-org', name: 'Trust Org', orgKind: 'cso', website: 'https://trust.example.org/', sources: [TEST_SOURCE] },
    });
    expect(ok.status).toBe(201);
  });
});

describe('when anything answers', () => {
  it('then the API, the explorer page and the API docs carry security headers, with a CSP that allows no inline script', async () => {
    for (const route of ['/api/stats', '/', '/api/docs/', '/api/nodes/t-trust-nobody']) {
      const res = await app.get(route);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, route).toContain("script-src 'self'");
      expect(csp, route).not.toMatch(/script-src[^;]*unsafe-inline/);
      expect(csp, route).toContain("frame-ancestors 'self'");
      expect(res.headers.get('x-content-type-options'), route).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), route).toBe('strict-origin-when-cross-origin');
    }
    const page = await (await app.get('/')).text();
    expect(page).not.toMatch(/<script>(?!\s*<\/script>)/);
  });

  it('then an embed may be framed by any site, and nothing else may', async () => {
    const embed = await app.get('/?embed=1&kinds=organisation');
    expect(embed.headers.get('content-security-policy')).toContain('frame-ancestors *');
    expect((await app.get('/?kinds=organisation')).headers.get('content-security-policy')).toContain("frame-ancestors 'self'");
  });
});

describe('when an account gets a new password', () => {
  it('then its API tokens stop working along with its sessions', async () => {
    const admin = await createAccount(app, 'admin');
    const user = await createAccount(app, 'viewer');
    expect((await user.send('GET', '/api/tokens')).status).toBe(200);
    const changed = await admin.send('PATCH', `/api/users/${user.id}`, { password: 'a brand new long password' });
    expect(changed.status).toBe(200);
    expect((await user.send('GET', '/api/tokens')).status).toBe(401);
    expect((await user.sendInBrowser('GET', '/api/auth/session')).headers.get('set-cookie')).toContain('spean_session=;');
  });
});
