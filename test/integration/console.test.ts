/**
 * The Cypher console as an attacker would use it (issue #11, findings 1, 2 and 6): a signed-in
 * viewer tries to read accounts, sessions, tokens, history and bookkeeping, administer the
 * server, and run queries that outlive their timeout or flood the API. Each attempt must be
 * refused or stopped, as a 4xx problem, and none may answer a secret.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphDb } from '../../api/src/db/graph-db.js';
import { ConsoleRepository } from '../../api/src/repositories/console.repository.js';
import { startTestApp, type TestApp } from '../support/app.js';
import { createAccount, removeAccounts, type TestAccount } from '../support/accounts.js';
import { inject } from 'vitest';

const TIMEOUT_MS = 2_000;
let app: TestApp;
let viewer: TestAccount;
let editor: TestAccount;
/** Secrets that no console answer may contain. */
let secrets: string[];

beforeAll(async () => {
  app = await startTestApp(undefined, { cypherConsole: { timeoutMs: TIMEOUT_MS, requestsPerMinute: 1000 } });
  viewer = await createAccount(app, 'viewer');
  editor = await createAccount(app, 'editor');
  // A change in the history, so that there is one to try to read.
  const created = await editor.send('POST', '/api/nodes', {
    node: { kind: 'topic', id: 't-console-topic', name: 'Console test topic', sources: ['2024-nodc-announcement'] },
    comment: 'console test',
  });
  expect(created.status, await created.clone().text()).toBe(201);
  const [row] = await app.db.read<{ hash: string; csrf: string; digest: string }>(
    `MATCH (u:User {id: $id}) MATCH (s:Session {userId: $id}) MATCH (t:ApiToken {userId: $id})
     RETURN u.passwordHash AS hash, s.csrf AS csrf, t.hash AS digest LIMIT 1`,
    { id: viewer.id },
  );
  secrets = [row!.hash, row!.csrf, row!.digest, viewer.csrf, viewer.token].filter(Boolean);
  expect(secrets.length).toBeGreaterThanOrEqual(3);
});
afterAll(async () => {
  await app.db.write("MATCH (n:Entity {id: 't-console-topic'}) DETACH DELETE n");
  await app.db.write("MATCH (c:Change) WHERE 't-console-topic' IN c.nodeIds DELETE c");
  await removeAccounts(app);
  await app.close();
});

const ask = (query: string, params: Record<string, unknown> = {}, limit?: number, target = app) =>
  fetch(`${target.baseUrl}/api/query`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${viewer.token}` },
    body: JSON.stringify({ query, params, ...(limit ? { limit } : {}) }),
  });

/** Every escape attempt of this file, and how many got anything but a refusal. */
const tally = { tried: 0, succeeded: 0 };

async function expectRefused(query: string, params: Record<string, unknown> = {}): Promise<{ status: number; detail: string }> {
  const res = await ask(query, params);
  const text = await res.text();
  tally.tried++;
  if (res.status < 400 || secrets.some((secret) => text.includes(secret))) tally.succeeded++;
  expect(res.status, `${query} → ${text}`).toBeGreaterThanOrEqual(400);
  expect(res.status, `${query} → ${text}`).toBeLessThan(500);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  for (const secret of secrets) expect(text).not.toContain(secret);
  return { status: res.status, detail: (JSON.parse(text) as { detail: string }).detail };
}

const ESCAPES = [
  'MATCH (u:User) RETURN u.email, u.passwordHash',
  'MATCH (u:User) RETURN u',
  'MATCH (s:Session) RETURN s.csrf',
  'MATCH (t:ApiToken) RETURN t',
  'MATCH (c:Change) RETURN c.before, c.after, c.by',
  'MATCH (m:SchemaMigration) RETURN m',
  'MATCH (g:GraphMeta) RETURN g',
  'MATCH (r:Release) RETURN r',
  'MATCH (v:SavedView) RETURN v',
  'MATCH (n) RETURN n',
  'MATCH (n) RETURN n.passwordHash',
  'MATCH (n) WHERE n:User RETURN n.passwordHash',
  'MATCH (n) WHERE n.passwordHash IS NOT NULL RETURN n.passwordHash',
  'MATCH (n:!Entity) RETURN n',
  'MATCH (n:Organisation|User) RETURN n.passwordHash',
  "MATCH (u:User) WHERE u.email STARTS WITH 't-' RETURN u.passwordHash",
  "MATCH (u:User {email: 'x'}) RETURN u",
  'MATCH (n) WHERE id(n) = 0 RETURN n',
  "MATCH (n) WHERE elementId(n) = '4:x:0' RETURN n",
  'MATCH ()-[r]->() RETURN r',
  'RETURN COUNT { MATCH (s:Session) } AS sessions',
  'MATCH (n) RETURN count(n)',
  'RETURN [x IN [1] | COLLECT { MATCH (u:User) RETURN u.passwordHash }] AS c',
  'MATCH (o:Organisation) WITH o LIMIT 1 RETURN CASE o.id WHEN $x THEN 1 ELSE head(COLLECT { MATCH (s:Session) RETURN s.csrf }) END AS c',
  'UNWIND COLLECT { MATCH (u:User) RETURN u.passwordHash } AS h RETURN h',
  'MATCH (o:Organisation) WITH o, COLLECT { MATCH (s:Session) RETURN s.csrf } AS l RETURN l',
  'MATCH (o:Organisation) WHERE EXISTS { MATCH (u:User) WHERE u.passwordHash STARTS WITH $x } RETURN o.id',
  'MATCH (o:Organisation) CALL (o) { MATCH (u:User) RETURN u } RETURN u.passwordHash',
  'CALL () { MATCH (t:ApiToken) RETURN t } RETURN t',
  'MATCH (n:Organisation) RETURN n.id AS x UNION MATCH (u:User) RETURN u.passwordHash AS x',
  'CYPHER 5 MATCH (u:User) RETURN u.passwordHash',
  'CYPHER runtime=slotted MATCH (u:User) RETURN u.passwordHash',
  'CYPHER 5 runtime=interpreted MATCH (n) RETURN n',
  '// a comment first\nMATCH (u:User) RETURN u.passwordHash',
  '/* a comment */ MATCH (s:Session) RETURN s.csrf',
  'USE neo4j MATCH (u:User) RETURN u.passwordHash',
  'USE system SHOW USERS',
  'CYPHER 5 SHOW TRANSACTIONS YIELD currentQuery, parameters RETURN *',
  'SHOW TRANSACTIONS',
  "CYPHER 5 TERMINATE TRANSACTIONS 'neo4j-transaction-1'",
  'CYPHER 5 SHOW SETTINGS',
  'SHOW SETTINGS',
  'SHOW PROCEDURES',
  'SHOW INDEXES',
  'SHOW USERS',
  'CALL db.checkpoint',
  'CALL db.prepareForReplanning',
  'CALL db.checkpoint()',
  'CALL dbms.listConfig()',
  'CALL dbms.components',
  'CALL db.schema.visualization()',
  "CALL db.index.fulltext.queryNodes('entity_search', '/.*o.*d.*c.*/') YIELD node RETURN node.id",
  "CALL db.index.fulltext.queryNodes('entity_search', '\\u002F.*o.*\\u002F') YIELD node RETURN node.id",
  "CALL db.index.fulltext.queryNodes('entity_search', '*pen') YIELD node RETURN node.id",
  "CALL db.index.fulltext.queryNodes('entity_search' + '', 'odc') YIELD node RETURN node.id",
  "LOAD CSV FROM 'http://127.0.0.1:1/x.csv' AS r RETURN r",
  "CREATE (:Entity {id: 't-console-pwned'})",
  "MATCH (n:Entity {id: 'odc'}) SET n.name = 'pwned'",
  'EXPLAIN MATCH (u:User) RETURN u',
  'PROFILE MATCH (u:User) RETURN u',
];

describe('when a signed-in viewer tries to read more than the network through the console', () => {
  it('then no relationship joins a network node to an internal one (so expanding from the network stays in it)', async () => {
    const [row] = await app.db.read<{ n: number }>('MATCH (a)-[r]-(b) WHERE NOT a:Entity OR NOT b:Entity RETURN count(r) AS n');
    expect(row!.n).toBe(0);
  });

  it.each(ESCAPES)('then %s is refused with a 4xx problem and no secret', async (query) => {
    await expectRefused(query, { x: 'a' });
  });

  it('then a full-text index over accounts cannot be searched', async () => {
    await app.db.write('CREATE FULLTEXT INDEX t_console_user_search IF NOT EXISTS FOR (u:User) ON EACH [u.email, u.passwordHash]');
    try {
      await app.db.write('CALL db.awaitIndexes(60)');
      const { detail } = await expectRefused("CALL db.index.fulltext.queryNodes('t_console_user_search', 'example') YIELD node RETURN node.passwordHash");
      expect(detail).toMatch(/not an index of the network/);
      await expectRefused('CALL db.index.fulltext.queryNodes($i, $q) YIELD node RETURN node.passwordHash', { i: 't_console_user_search', q: 'example' });
    } finally {
      await app.db.write('DROP INDEX t_console_user_search IF EXISTS');
    }
  });

  it('then reading the network still works: labels, expansions, paths, counts, full-text search', async () => {
    const queries: Array<[string, Record<string, unknown>]> = [
      ['MATCH (o:Organisation) RETURN o.id AS id ORDER BY id LIMIT 3', {}],
      ['MATCH (n:Entity {id: $id})-[r]-(m) RETURN type(r) AS t, m.id AS id LIMIT 5', { id: 'odc' }],
      ["MATCH p = shortestPath((a:Entity {id: 'odc'})-[*..4]-(b:Entity {id: 'taf'})) RETURN p, nodes(p) AS ns", {}],
      ['MATCH ()-[r:FUNDS]->() RETURN count(r) AS funds', {}],
      ['MATCH ()-[r]->() RETURN count(r) AS total', {}],
      ['MATCH (n:Entity&!Person) RETURN count(n) AS n', {}],
      ["CALL db.index.fulltext.queryNodes('entity_search', 'open') YIELD node, score RETURN node, score LIMIT 3", {}],
      ['CALL db.index.fulltext.queryNodes($index, $q) YIELD node RETURN node.id AS id LIMIT 3', { index: 'entity_search', q: 'cambod*' }],
      ['CALL db.labels() YIELD label RETURN label', {}],
      ['UNWIND range(1, 3) AS x RETURN x', {}],
      ['MATCH (o:Organisation) RETURN o.id AS id, size([(o)--() | 1]) AS degree ORDER BY degree DESC LIMIT 3', {}],
    ];
    for (const [query, params] of queries) {
      const res = await ask(query, params);
      expect(res.status, `${query} → ${await res.clone().text()}`).toBe(200);
      const body = (await res.json()) as { rows: unknown[] };
      expect(body.rows.length, query).toBeGreaterThan(0);
    }
  });

  it('then the console reads the configured database, not the server default', async () => {
    // Through the repository: the app's own sign-in would already fail on a missing database.
    const { uri, user, password } = { uri: inject('neo4jUri'), user: inject('neo4jUser'), password: inject('neo4jPassword') };
    const elsewhere = new GraphDb({ uri, user, password, database: 't-no-such-database', queryTimeoutMs: 5_000 });
    try {
      await expect(new ConsoleRepository(elsewhere).run('MATCH (o:Organisation) RETURN o.id AS id LIMIT 1', {}, 1)).rejects.toThrow(/t-no-such-database/);
    } finally {
      await elsewhere.close();
    }
  });
});

/** The console's own transactions still known to Neo4j (tagged with the console's metadata). */
async function consoleTransactions(): Promise<number> {
  const rows = await app.db.read<{ n: number }>("SHOW TRANSACTIONS YIELD metaData WHERE metaData.app = 'spean-console' RETURN count(*) AS n");
  return rows[0]!.n;
}

describe('when a console query would run long or answer too much', () => {
  it.each([
    ['a long UNWIND', 'UNWIND range(1, 2000000000) AS x WITH x WHERE x = -1 RETURN x', 400],
    ['a cartesian product', 'MATCH (a:Entity), (b:Entity), (c:Entity) WITH a, b, c WHERE a.name + b.name + c.name = $x RETURN count(*)', 400],
    ['a reduce string build', "RETURN size(reduce(s = '', x IN range(1, 300000) | s + 'xxxxxxxxxx')) AS r", 403],
    ['a huge list in one expression', 'RETURN collect(range(1, 10000000)) AS l', 403],
    [
      'a Lucene regular expression',
      "CALL db.index.fulltext.queryNodes('entity_search', '/.*.*.*.*a.*.*.*.*b.*.*.*.*c.*.*/') YIELD node RETURN count(node)",
      403,
    ],
  ])('then %s is stopped at the timeout or refused, and nothing keeps running', async (_name, query, status) => {
    const started = Date.now();
    const res = await ask(query, { x: 'never' });
    const took = Date.now() - started;
    expect(res.status, await res.clone().text()).toBe(status);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(took).toBeLessThan(TIMEOUT_MS + 1_500);
    // Stopped for real: the server holds no console transaction a moment later.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await consoleTransactions()).toBe(0);
    console.info(`[console] ${_name}: ${res.status} after ${took} ms`);
  });

  it('then 1,000 rows of 50,000-element lists answer 413 naming the row cap', async () => {
    const res = await ask('UNWIND range(1, 50000) AS x WITH collect(x) AS l UNWIND range(1, 1000) AS i RETURN i, l', {}, 1000);
    expect(res.status).toBe(413);
    expect(((await res.json()) as { detail: string }).detail).toMatch(/cap is 262144 bytes a row/);
  });

  it('then many mid-sized rows stop at the answer cap, marked truncated', async () => {
    // 1,000 rows of 10 KB from one parameter: Neo4j answers at once even on a loaded machine, the answer cap (4 MB) stops it.
    const res = await ask('UNWIND range(1, 1000) AS i RETURN i, $text AS text', { text: 'x'.repeat(10_000) }, 1000);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { rows: unknown[]; truncated: boolean };
    expect(body.truncated).toBe(true);
    expect(body.rows.length).toBeLessThan(1000);
    expect(JSON.stringify(body).length).toBeLessThanOrEqual(4 * 1024 * 1024 + 1024);
  });

  it('then every other failing query is a 4xx problem, never a 500', async () => {
    for (const query of ['MATCH (n RETURN n', 'RETURN 1 / 0 AS x', 'RETURN $x + 1 AS y', 'CALL no.such.procedure()', 'RETURN date($x) AS d']) {
      const res = await ask(query, { x: { not: 'a number' } });
      expect(res.status, query).toBeGreaterThanOrEqual(400);
      expect(res.status, query).toBeLessThan(500);
    }
  });

  afterAll(() => {
    console.info(`[console] escape attempts: ${tally.tried} tried, ${tally.succeeded} succeeded`);
  });
});
