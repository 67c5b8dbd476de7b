/**
 * Fault drills (issue #11, finding 9) against a Neo4j of this test's own, started the way the
 * app starts its own (supervised): frozen with SIGSTOP, /readyz must answer 503 within a second
 * and requests 503 with Retry-After within seconds instead of hanging; thawed, the API recovers. Killed
 * with SIGKILL, requests answer 503 at once and the supervisor restarts Neo4j, with a log line.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../api/src/db/migrations.js';
import { superviseLocalNeo4j, type SupervisedNeo4j } from '../../api/src/db/neo4j-supervisor.js';
import { GraphDb } from '../../api/src/db/graph-db.js';
import { startTestApp, type TestApp } from '../support/app.js';

const HOME = '.neo4j/test-faults';
const PORT = Number(process.env.TEST_NEO4J_FAULT_PORT ?? 7690);
const logged: string[] = [];
const log = {
  info: (_details: object, message: string) => void logged.push(message),
  error: (_details: object, message: string) => void logged.push(message),
};

let neo4j: SupervisedNeo4j;
let app: TestApp;

beforeAll(async () => {
  rmSync(HOME, { recursive: true, force: true });
  neo4j = await superviseLocalNeo4j({ port: PORT, home: HOME, heapMiB: 512, pageCacheMiB: 64 }, log, { firstMs: 500, maxMs: 5_000, resetAfterMs: 60_000 });
  // Failing fast, as the server's database does (api/src/db/connect.ts).
  // Schema work can keep a fresh server from answering a ping for seconds: migrate without the trip.
  const setup = new GraphDb({ uri: neo4j.uri, user: 'neo4j', password: '', queryTimeoutMs: 60_000 });
  await migrate(setup).finally(() => setup.close());
  app = await startTestApp(new GraphDb({ uri: neo4j.uri, user: 'neo4j', password: '', queryTimeoutMs: 10_000, failFast: true }));
});
afterAll(async () => {
  process.kill(neo4j?.current().pid, 'SIGCONT');
  await app?.close();
  await neo4j?.stop();
});

async function timed(path: string): Promise<{ status: number; ms: number; retryAfter: string | null }> {
  const started = Date.now();
  const res = await app.get(path);
  await res.arrayBuffer();
  return { status: res.status, ms: Date.now() - started, retryAfter: res.headers.get('retry-after') };
}

/** Milliseconds until `path` answers 200 again. */
async function timeToRecovery(path: string, timeoutMs: number): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < timeoutMs) {
    if ((await app.get(path)).status === 200) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${path} did not recover within ${timeoutMs} ms`);
}

const READS = ['/api/search?q=odc', '/api/nodes/odc', '/api/stats'];

describe('when Neo4j freezes (SIGSTOP) in the middle of a run', () => {
  it('then /readyz answers 503 within a second and reads 503 with Retry-After within seconds, and all recover on SIGCONT', async () => {
    expect((await timed('/api/search?q=odc')).status).toBe(200);
    process.kill(neo4j.current().pid, 'SIGSTOP');
    try {
      // A request already waiting when the freeze begins is released too.
      const inFlight = timed('/api/search?q=cambodia');
      const ready = await timed('/readyz');
      expect(ready).toMatchObject({ status: 503, retryAfter: '5' });
      expect(ready.ms).toBeLessThan(1_500);
      // The first read waits until the unanswered ping marks the database down (3 s), the next ones not at all.
      const answers = [];
      for (const path of READS) {
        const answer = await timed(path);
        expect(answer, path).toMatchObject({ status: 503, retryAfter: '5' });
        answers.push(answer.ms);
      }
      expect(answers[0]).toBeLessThan(4_500);
      for (const ms of answers.slice(1)) expect(ms).toBeLessThan(500);
      const waited = await inFlight;
      expect(waited.status).toBe(503);
      expect(waited.ms).toBeLessThan(5_500);
      expect((await timed('/livez')).status).toBe(200);
      console.info(
        `[faults] freeze: /readyz 503 in ${ready.ms} ms, first read 503 in ${answers[0]} ms, later reads ${answers.slice(1).join(' and ')} ms, in-flight read 503 in ${waited.ms} ms`,
      );
    } finally {
      process.kill(neo4j.current().pid, 'SIGCONT');
    }
    const recovered = await timeToRecovery('/api/search?q=odc', 30_000);
    expect((await timed('/readyz')).status).toBe(200);
    console.info(`[faults] freeze: recovered ${recovered} ms after SIGCONT`);
  }, 60_000);
});

describe('when Neo4j is killed (SIGKILL)', () => {
  it('then reads answer 503 at once, the app restarts its Neo4j with a log line, and reads recover', async () => {
    expect((await timed('/api/search?q=odc')).status).toBe(200);
    const before = neo4j.current().pid;
    const killedAt = Date.now();
    process.kill(before, 'SIGKILL');
    await neo4j.current().exited;
    const slowest = { ms: 0 };
    for (const path of [...READS, '/readyz']) {
      const answer = await timed(path);
      expect(answer, path).toMatchObject({ status: 503, retryAfter: '5' });
      expect(answer.ms, path).toBeLessThan(2_000);
      slowest.ms = Math.max(slowest.ms, answer.ms);
    }
    const recovered = await timeToRecovery('/api/search?q=odc', 120_000);
    expect(neo4j.current().pid).not.toBe(before);
    expect(neo4j.restarts()).toBe(1);
    expect(logged).toEqual(expect.arrayContaining([expect.stringMatching(/Neo4j exited unexpectedly; restarting it/), 'Neo4j restarted']));
    expect((await timed('/readyz')).status).toBe(200);
    console.info(`[faults] kill: slowest 503 ${slowest.ms} ms, recovered ${recovered} ms after the 503s (${Date.now() - killedAt} ms after the kill)`);
  }, 180_000);
});
