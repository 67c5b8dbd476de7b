/** Accounts for tests: one per role, each with an API token and a signed-in browser session. */
import { randomUUID } from 'node:crypto';
import type { Role } from '../../api/src/domain/accounts.js';
import { AccountRepository } from '../../api/src/repositories/account.repository.js';
import type { TestApp } from './app.js';

export const TEST_PASSWORD = 'correct horse battery staple';

/** The accounts this test file made: test files run in parallel, each removes only its own. */
const created: string[] = [];

export interface TestAccount {
  id: string;
  email: string;
  role: Role;
  token: string;
  cookie: string;
  csrf: string;
  /** A fetch as this account through its API token. */
  send(method: string, path: string, body?: unknown): Promise<Response>;
  /** A GET as this account (through its token) that must succeed, answering its JSON. */
  getJson<T = any>(path: string): Promise<T>;
  /** A fetch as this account through its browser session, with the CSRF header. */
  sendInBrowser(method: string, path: string, body?: unknown, csrf?: string | null): Promise<Response>;
}

export async function createAccount(app: TestApp, role: Role): Promise<TestAccount> {
  const accounts = new AccountRepository(app.db);
  const email = `t-${role}-${randomUUID().slice(0, 8)}@example.org`;
  created.push(email);
  const user = await accounts.createUser({ email, name: `Test ${role}`, role, password: TEST_PASSWORD });
  const { token } = await accounts.createToken(user.id, 'tests');
  const login = await fetch(`${app.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password: TEST_PASSWORD }),
  });
  if (!login.ok) throw new Error(`login failed: ${login.status} ${await login.text()}`);
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const request = (method: string, path: string, headers: Record<string, string>, body?: unknown) =>
    fetch(`${app.baseUrl}${path}`, {
      method,
      headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const send = (method: string, path: string, body?: unknown) => request(method, path, { authorization: `Bearer ${token}` }, body);
  return {
    id: user.id,
    email,
    role,
    token,
    cookie,
    csrf: csrfToken,
    send,
    async getJson(path) {
      const res = await send('GET', path);
      if (!res.ok) throw new Error(`GET ${path} as ${role} answered ${res.status}: ${await res.text()}`);
      return res.json();
    },
    sendInBrowser: (method, path, body, csrf = csrfToken) => request(method, path, { cookie, ...(csrf ? { 'x-csrf-token': csrf } : {}) }, body),
  };
}

/** Removes the accounts this file made (and their sessions and tokens). */
export async function removeAccounts(app: TestApp): Promise<void> {
  await app.db.write(
    `MATCH (u:User) WHERE u.email IN $emails
     OPTIONAL MATCH (s:Session {userId: u.id}) OPTIONAL MATCH (t:ApiToken {userId: u.id})
     DETACH DELETE s, t, u`,
    { emails: created },
  );
}
