/**
 * The API against a Neo4j of its own, which this test stops and starts again: while it is away
 * the API answers 503 with Retry-After and stays up; when it is back, the API recovers by itself.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalNeo4j, type LocalNeo4j } from '../../db/neo4j-process.js';
import { migrate } from '../../api/src/db/migrations.js';
import { startTestApp, testDb, type TestApp } from '../support/app.js';

const HOME = '.neo4j/test-outage';
const PORT = Number(process.env.TEST_NEO4J_OUTAGE_PORT ?? 7689);
const start = () => startLocalNeo4j({ port: PORT, home: HOME, heapMiB: 512, pageCacheMiB: 64 });

let neo4j: LocalNeo4j;
let app: TestApp;

beforeAll(async () => {
  rmSync(HOME, { recursive: true, force: true });
  neo4j = await start();
  app = await startTestApp(testDb(neo4j.uri));
  await migrate(app.db);
});
afterAll(async () => {
  await app?.close();
  await neo4j?.stop();
});

async function eventually(check: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('condition not met in time');
}

describe('when Neo4j stops in the middle of a run', () => {
  it('then reads answer 503 with Retry-After, and recover when it is back', async () => {
    expect((await app.get('/api/search?q=odc')).status).toBe(200);

    await neo4j.stop();
    for (const path of ['/api/search?q=odc', '/api/nodes/odc', '/readyz']) {
      const res = await app.get(path);
      expect(res.status, path).toBe(503);
      expect(res.headers.get('retry-after')).toBe('5');
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
    expect((await app.get('/livez')).status).toBe(200);

    neo4j = await start();
    await eventually(async () => (await app.get('/api/search?q=odc')).status === 200, 30_000);
    expect((await app.get('/readyz')).status).toBe(200);
  }, 120_000);
});
