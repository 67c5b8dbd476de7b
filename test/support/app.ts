/**
 * Starts the real app in-process on port 0 against the test run's Neo4j, and gives tests a
 * `fetch` bound to it.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { pino } from 'pino';
import { inject } from 'vitest';
import { buildApp, type AppOptions, type App } from '../../api/src/app.js';
import { GraphDb } from '../../api/src/db/graph-db.js';

export interface TestApp {
  db: GraphDb;
  built: App;
  baseUrl: string;
  get(path: string): Promise<Response>;
  getJson<T = any>(path: string): Promise<T>;
  close(): Promise<void>;
}

export function testDb(uri = inject('neo4jUri'), queryTimeoutMs = 10_000): GraphDb {
  return new GraphDb({ uri, user: inject('neo4jUser'), password: inject('neo4jPassword'), queryTimeoutMs });
}

export async function startTestApp(db: GraphDb = testDb(), options: Partial<AppOptions> = {}): Promise<TestApp> {
  const built = buildApp({ db, logger: pino({ level: 'silent' }), ...options });
  const { app } = built;
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const get = (path: string) => fetch(baseUrl + path);
  return {
    db,
    built,
    baseUrl,
    get,
    async getJson(path: string) {
      const res = await get(path);
      if (!res.ok) throw new Error(`GET ${path} answered ${res.status}: ${await res.text()}`);
      return res.json();
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await built.close();
      await db.close();
    },
  };
}

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([k, v]) => [k, canonical(v)]),
    );
  }
  return value;
}

/**
 * The whole network as canonical lines: every entity's labels and properties, every
 * relationship. Test data (ids starting `t-`) is left out, as other test files write it, and so
 * is bookkeeping that is not part of the network (schema migrations, the graph version).
 */
export async function graphFingerprint(db: GraphDb): Promise<string[]> {
  const nodes = await db.read<{ entry: unknown }>(
    `MATCH (n:Entity) WHERE NOT n.id STARTS WITH 't-'
     RETURN [labels(n), properties(n)] AS entry ORDER BY n.id, elementId(n)`,
  );
  const relationships = await db.read<{ entry: unknown }>(
    `MATCH (a:Entity)-[r]->(b:Entity) WHERE NOT a.id STARTS WITH 't-' AND NOT b.id STARTS WITH 't-'
     RETURN [a.id, type(r), b.id, properties(r)] AS entry ORDER BY a.id, type(r), b.id, r.key`,
  );
  // One line an entity, so that a failed comparison shows just the entities that differ.
  return [...nodes, ...relationships].map((row) => JSON.stringify(canonical(row.entry)));
}
