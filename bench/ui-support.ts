/**
 * What the UI benchmark and the documentation screenshots share: the explorer served from the
 * production build against a database, and a Neo4j of their own holding the seed network.
 */
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import express from 'express';
import { pino } from 'pino';
import { buildApp } from '../api/src/app.js';
import { GraphDb } from '../api/src/db/graph-db.js';
import { migrate } from '../api/src/db/migrations.js';
import { startLocalNeo4j } from '../db/neo4j-process.js';
import { loadSeed } from '../seed/seed.js';

export const UI_DIR = 'ui/dist';

/** The baseline page: the same /api/graph answer drawn by bare Cytoscape, grid layout, no UI. */
const BASELINE_HTML = `<!doctype html><html><body style="margin:0"><div id="cy" style="width:100vw;height:100vh"></div>
<script type="module">
import cytoscape from '/bench/cytoscape.mjs';
const limit = new URLSearchParams(location.search).get('limit') ?? 2000;
const view = await (await fetch('/api/graph?limit=' + limit)).json();
performance.mark('spean:data');
const cy = cytoscape({ container: document.getElementById('cy'), layout: { name: 'grid' },
  elements: [...view.nodes.map((n) => ({ data: { id: n.id } })), ...view.edges.map((e) => ({ data: { id: e.id, source: e.from, target: e.to } }))] });
requestAnimationFrame(() => requestAnimationFrame(() => performance.mark('spean:graph-rendered')));
</script></body></html>`;

/** The app with its UI on a free port, plus the benchmark's baseline page under /bench/. */
export async function serveExplorer(db: GraphDb) {
  const built = buildApp({ db, logger: pino({ level: 'silent' }), uiDir: UI_DIR });
  const outer = express();
  outer.get('/bench/baseline.html', (_req, res) => res.type('html').send(BASELINE_HTML));
  outer.get('/bench/cytoscape.mjs', (_req, res) => res.type('js').sendFile(path.resolve('node_modules/cytoscape/dist/cytoscape.esm.min.mjs')));
  outer.use(built.app);
  const server = await new Promise<import('node:http').Server>((resolve) => {
    const s = outer.listen(0, '127.0.0.1', () => resolve(s));
  });
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await built.close();
    },
  };
}

/** A Neo4j on port 7691 (data in .neo4j/bench-seed) holding the seed network. */
export async function seedDatabase() {
  const local = await startLocalNeo4j({ port: Number(process.env.BENCH_SEED_NEO4J_PORT ?? 7691), home: '.neo4j/bench-seed', heapMiB: 1024, pageCacheMiB: 256 });
  const db = new GraphDb({ uri: local.uri, user: 'neo4j', password: '', queryTimeoutMs: 60_000 });
  await migrate(db);
  const [row] = await db.read<{ n: number }>('MATCH (n:Entity) RETURN count(n) AS n');
  if (!row?.n) await loadSeed(db);
  return { db, close: async () => (await db.close(), await local.stop()) };
}
