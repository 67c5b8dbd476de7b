/**
 * Starts the Neo4j that the whole test run uses: a fresh data folder and its own port, so tests
 * never touch the data of an explorer running beside them. With NEO4J_URI set, that server is
 * used instead (it should be one dedicated to tests). The schema is migrated and the seed
 * network loaded before any test file runs.
 */
import { existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { build } from 'vite';
import { ensureChromium } from './browser.js';
import { startLocalNeo4j, type LocalNeo4j } from '../../db/neo4j-process.js';
import { GraphDb } from '../../api/src/db/graph-db.js';
import { migrate } from '../../api/src/db/migrations.js';
import { loadSeed } from '../../seed/seed.js';

declare module 'vitest' {
  export interface ProvidedContext {
    neo4jUri: string;
    neo4jUser: string;
    neo4jPassword: string;
    uiDir: string;
  }
}

export const TEST_HOME = '.neo4j/test';

/** The production build of the UI, which the browser tests load from the app under test. */
export const UI_DIST = 'ui/dist';

/** What the UI bundle is built from: its own sources and the domain model it imports. */
const UI_INPUTS = ['ui/src', 'ui/index.html', 'ui/vite.config.ts', 'api/src/domain', 'package-lock.json'];

function newestChange(file: string): number {
  const stat = statSync(file);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(file).map((entry) => newestChange(path.join(file, entry))));
}

/** Whether ui/dist is missing or older than anything it is built from (a build costs ~20 s). */
function uiBuildIsStale(): boolean {
  const built = path.join(UI_DIST, 'index.html');
  if (!existsSync(built)) return true;
  const builtAt = statSync(built).mtimeMs;
  return UI_INPUTS.filter((input) => existsSync(input)).some((input) => newestChange(input) > builtAt);
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let uri = process.env.NEO4J_URI;
  const startingNeo4j = uri
    ? Promise.resolve(undefined)
    : (rmSync(TEST_HOME, { recursive: true, force: true }),
      startLocalNeo4j({
        port: Number(process.env.TEST_NEO4J_PORT ?? 7688),
        home: TEST_HOME,
        heapMiB: Number(process.env.TEST_NEO4J_HEAP_MB ?? 1536),
        pageCacheMiB: Number(process.env.TEST_NEO4J_PAGECACHE_MB ?? 512),
      }));
  // The browser tests need chromium and a fresh UI build; both are ready long before Neo4j is.
  ensureChromium();
  if (uiBuildIsStale()) await build({ configFile: 'ui/vite.config.ts', logLevel: 'warn' });
  const local: LocalNeo4j | undefined = await startingNeo4j;
  uri ??= local!.uri;
  const user = process.env.NEO4J_USER ?? 'neo4j';
  const password = process.env.NEO4J_PASSWORD ?? '';
  const db = new GraphDb({ uri, user, password, queryTimeoutMs: 60_000 });
  try {
    await migrate(db);
    await loadSeed(db);
  } finally {
    await db.close();
  }
  project.provide('neo4jUri', uri);
  project.provide('neo4jUser', user);
  project.provide('neo4jPassword', password);
  project.provide('uiDir', UI_DIST);
  return async () => {
    await local?.stop();
  };
}
