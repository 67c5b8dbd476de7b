/**
 * The Cypher console as a signed-in researcher uses it on the seed network: reads answer capped
 * rows, anything that would change the network or the server is refused. (console.test.ts
 * tries it as an attacker would.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { createAccount, removeAccounts, type TestAccount } from '../support/accounts.js';
import { removeGraph } from '../support/factory.js';

let app: TestApp;
let researcher: TestAccount;
beforeAll(async () => {
  app = await startTestApp();
  researcher = await createAccount(app, 'viewer');
});
afterAll(async () => {
  // Nothing should have been written; a refused CREATE that got through is removed all the same.
  await removeGraph(app.db, 't-explorer-');
  await removeAccounts(app);
  await app.close();
});

describe('when a signed-in researcher uses the Cypher console', () => {
  const query = (body: unknown, target = app, token: string | null = researcher.token) =>
    fetch(`${target.baseUrl}/api/query`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });

  it('then it needs an account: arbitrary Cypher reaches people who are not public', async () => {
    const res = await query({ query: 'RETURN 1 AS one' }, app, null);
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });

  it('then a read query answers its rows, capped', async () => {
    const res = await query({ query: 'MATCH (o:Organisation) RETURN o.id AS id ORDER BY id', limit: 3 });
    expect(res.status).toBe(200);
    const body = (await res.json()) as any;
    expect(body).toMatchObject({ columns: ['id'], truncated: true });
    expect(body.rows).toHaveLength(3);
    const labels = (await (await query({ query: 'CALL db.labels() YIELD label RETURN label' })).json()) as any;
    expect(labels.rows.map((r: any) => r.label)).toContain('Organisation');
    const param = (await (await query({ query: 'MATCH (n:Entity {id: $id}) RETURN n.name AS name', params: { id: 'odc' } })).json()) as any;
    expect(param.rows).toEqual([{ name: 'Open Development Cambodia Organization' }]);
  });

  it('then writes, LOAD CSV, admin commands and procedures off the allowlist are refused and nothing changes', async () => {
    const attempts = [
      "CREATE (:Entity {id: 't-explorer-pwned'})",
      "MATCH (n:Entity {id: 'odc'}) SET n.name = 'pwned'",
      "MATCH (n:Entity {id: 'odc'}) DETACH DELETE n",
      "LOAD CSV FROM 'http://127.0.0.1:1/x.csv' AS r RETURN r",
      'SHOW USERS',
      'CALL dbms.listConfig()',
      "CALL db.createLabel('Pwned')",
    ];
    for (const attempt of attempts) {
      const res = await query({ query: attempt });
      expect(res.status, attempt).toBe(403);
      expect(((await res.json()) as any).detail).toBeTruthy();
    }
    const [odc] = await app.db.read("MATCH (n:Entity {id: 'odc'}) RETURN n.name AS name");
    expect(odc?.name).toBe('Open Development Cambodia Organization');
    expect(await app.db.read("MATCH (n:Entity {id: 't-explorer-pwned'}) RETURN n")).toEqual([]);
  });

  it('then a broken query is a 400 naming the query, and the console has its own rate limit', async () => {
    const broken = await query({ query: 'MATCH (n RETURN n' });
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as any).errors[0].field).toBe('body.query');
    const limited = await startTestApp(undefined, { cypherConsole: { timeoutMs: 5000, requestsPerMinute: 2 } });
    try {
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await query({ query: 'RETURN 1 AS one' }, limited)).status);
      expect(statuses).toEqual([200, 200, 429]);
    } finally {
      await limited.close();
    }
  });
});
