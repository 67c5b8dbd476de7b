/**
 * `npm run backup` / `npm run restore`: the seed network plus a batch of edits (and so history,
 * accounts, tokens, sessions) backed up and restored into a Neo4j of its own, losslessly: the
 * restored database backs up to the same content, and types and precision are kept.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startLocalNeo4j, type LocalNeo4j } from '../../db/neo4j-process.js';
import { startTestApp, testDb, type TestApp } from '../support/app.js';
import { createAccount, removeAccounts } from '../support/accounts.js';
import { TEST_SOURCE, removeGraph } from '../support/factory.js';

const HOME = '.neo4j/test-restore';
const PORT = Number(process.env.TEST_NEO4J_RESTORE_PORT ?? 7692);
const dir = mkdtempSync(path.join(tmpdir(), 'spean-backup-'));

let target: LocalNeo4j;
let app: TestApp;

beforeAll(async () => {
  rmSync(HOME, { recursive: true, force: true });
  [target, app] = await Promise.all([startLocalNeo4j({ port: PORT, home: HOME, heapMiB: 512, pageCacheMiB: 64 }), startTestApp()]);
});
afterAll(async () => {
  await removeGraph(app.db, 't-bak');
  await removeAccounts(app);
  await app?.close();
  await target?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const run = (args: string[], uri: string) =>
  promisify(execFile)(process.execPath, ['--import', 'tsx', 'api/src/cli/backup.ts', ...args], {
    env: { ...process.env, NEO4J_URI: uri, NEO4J_PASSWORD: inject('neo4jPassword') },
  });

/** A backup's content without its numbering and timestamp: nodes and relationships as sorted canonical lines. */
function content(file: string): { nodes: string[]; relationships: string[] } {
  const lines = readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
  const canon = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(canon)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.entries(v)
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([k, x]) => [k, canon(x)]),
          )
        : v;
  const byNumber = new Map<number, string>();
  for (const l of lines) if ('n' in l) byNumber.set(l.n as number, JSON.stringify(canon({ labels: [...(l.labels as string[])].sort(), p: l.p })));
  return {
    nodes: [...byNumber.values()].sort(),
    relationships: lines
      .filter((l) => 'r' in l)
      .map((l) => JSON.stringify([byNumber.get(l.from as number), l.r, byNumber.get(l.to as number), canon(l.p)]))
      .sort(),
  };
}

describe('backup and restore', () => {
  it('restore the seed network plus edits, history and accounts exactly', { timeout: 180_000 }, async () => {
    const editor = await createAccount(app, 'editor');
    await editor.send('POST', '/api/nodes', { node: { kind: 'organisation', id: 't-bak-org', name: 'Backup Org', orgKind: 'cso' }, sources: [TEST_SOURCE] });
    await editor.send('PATCH', '/api/nodes/t-bak-org', { version: 1, changes: { description: 'edited' }, sources: [TEST_SOURCE] });
    await editor.send('POST', '/api/relationships', {
      relationship: { from: 't-bak-org', type: 'PARTNERS_WITH', to: 'odc', from_date: '2024-05-01', amount: 1250.5 },
      sources: [TEST_SOURCE],
    });

    const first = path.join(dir, 'first.jsonl');
    const second = path.join(dir, 'second.jsonl');
    expect((await run(['backup', first], inject('neo4jUri'))).stdout).toMatch(/Backed up \d+ nodes/);
    const restored = await run(['restore', first], target.uri);
    expect(restored.stdout).toMatch(/Restored \d+ nodes and \d+ relationships/);
    await run(['backup', second], target.uri);

    const [a, b] = [content(first), content(second)];
    expect(b.nodes.length).toBe(a.nodes.length);
    expect(b.relationships.length).toBe(a.relationships.length);
    expect(b).toEqual(a);

    // Types and precision, read back from the restored database itself.
    const db = testDb(target.uri);
    try {
      const [row] = await db.read(
        `MATCH (e:Event {id: 'nodc-2024'}) MATCH (c:Change) WITH e, c ORDER BY c.seq DESC LIMIT 1
         MATCH (u:User) WITH e, c, u LIMIT 1
         RETURN valueType(e.startDate) AS date, valueType(c.at) AS at, toString(c.at) AS atText, u.passwordHash AS hash,
                COUNT { MATCH (:SpeanRestore) } AS leftovers`,
      );
      expect(row).toMatchObject({ date: 'DATE NOT NULL', at: 'ZONED DATETIME NOT NULL', leftovers: 0 });
      expect(row!.hash).toMatch(/^\$argon2id\$/);
      const [rel] = await db.read(
        "MATCH (:Entity {id: 't-bak-org'})-[r:PARTNERS_WITH]->(:Entity {id: 'odc'}) RETURN r.amount AS amount, valueType(r.version) AS version",
      );
      expect(rel).toEqual({ amount: 1250.5, version: 'INTEGER NOT NULL' });
    } finally {
      await db.close();
    }
    await expect(run(['restore', first], target.uri)).rejects.toThrow(/not empty/);
  });
});
