/**
 * `npm run bench:generate -- small|large`: builds the synthetic network at a scale and loads it
 * into the bench's Neo4j through the driver in UNWIND batches, printing nodes/s and
 * relationships/s. Other benchmarks call `ensureGenerated` to reuse a network already loaded.
 */
import { LABEL_OF, type NodeKind } from '../api/src/domain/model.js';
import type { GraphDb, Row } from '../api/src/db/graph-db.js';
import pLimit from 'p-limit';
import { toNeo4jDate } from '../api/src/db/plain-values.js';
import { chunks } from '../api/src/lib/chunks.js';
import { groupBy } from '../api/src/lib/group-by.js';
import { generateNetwork, SCALES, type GeneratedNode, type GeneratedRelationship, type Scale } from './network-generator.js';
import { neo4jPid, processCpuMs } from './processes.js';
import { openBenchDatabase, timed, writeResults } from './support.js';

const DATES = ['startDate', 'since', 'date'];

function withDates(props: Record<string, unknown>): Record<string, unknown> {
  const out = { ...props };
  for (const key of DATES) if (typeof out[key] === 'string') out[key] = toNeo4jDate(out[key] as string);
  return out;
}

/** Deletes the bench network in batches; CALL … IN TRANSACTIONS needs an auto-commit transaction. */
export async function wipe(db: GraphDb): Promise<void> {
  const session = db.driver.session();
  try {
    await session.run('MATCH (n) WHERE n:Entity OR n:GraphMeta CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS');
  } finally {
    await session.close();
  }
}

/**
 * How the network is loaded: rows per UNWIND batch and how many batches may be in flight at once
 * (the client encodes the next while the server runs one). Two relationship batches in flight
 * measured 16-17k/s against 12.5-13k/s for one; two node batches were slower (docs/performance.md).
 * Env overrides are for A/B runs.
 */
export interface LoadPlan {
  batch: number;
  nodesInFlight: number;
  relationshipsInFlight: number;
}

export function planFromEnv(env = process.env): LoadPlan {
  return {
    batch: Number(env.BENCH_LOAD_BATCH ?? 10_000),
    nodesInFlight: Number(env.BENCH_LOAD_NODES_IN_FLIGHT ?? 1),
    relationshipsInFlight: Number(env.BENCH_LOAD_RELATIONSHIPS_IN_FLIGHT ?? 2),
  };
}

/** Runs the writes with at most `inFlight` of them at once, counting the attempts (a deadlock is retried). */
async function runBatches(db: GraphDb, writes: { cypher: string; rows: () => Row[] }[], inFlight: number, stats: LoadStats): Promise<void> {
  const limit = pLimit(inFlight);
  await Promise.all(
    writes.map(({ cypher, rows }) =>
      limit(() =>
        db.writeTransaction(async (tx) => {
          stats.attempts++;
          await tx.run(cypher, { rows: rows() });
        }, 600_000),
      ),
    ),
  );
  stats.batches += writes.length;
}

interface LoadStats {
  batches: number;
  attempts: number;
}

async function loadNodes(db: GraphDb, nodes: GeneratedNode[], plan: LoadPlan, stats: LoadStats): Promise<void> {
  const writes = [...groupBy(nodes, (n) => n.kind)].flatMap(([kind, list]) =>
    chunks(list, plan.batch).map((chunk) => ({
      // Labels come from the model's own table, never from data.
      cypher: `UNWIND $rows AS row CREATE (n:Entity:${LABEL_OF[kind as NodeKind]}) SET n = row`,
      rows: () => chunk.map((n) => withDates(n.props)),
    })),
  );
  await runBatches(db, writes, plan.nodesInFlight, stats);
}

async function loadRelationships(db: GraphDb, relationships: GeneratedRelationship[], plan: LoadPlan, stats: LoadStats): Promise<void> {
  const writes = [...groupBy(relationships, (r) => r.type)].flatMap(([type, list]) => {
    if (!/^[A-Z_]+$/.test(type)) throw new Error(`unexpected type ${type}`);
    return chunks(list, plan.batch).map((chunk) => ({
      cypher: `UNWIND $rows AS row
         MATCH (a:Entity {id: row.from}) MATCH (b:Entity {id: row.to})
         CREATE (a)-[r:${type}]->(b) SET r = row.props`,
      rows: () => chunk.map((r) => ({ from: r.from, to: r.to, props: withDates(r.props) })),
    }));
  });
  await runBatches(db, writes, plan.relationshipsInFlight, stats);
}

export interface GenerateResult {
  scale: string;
  nodes: number;
  relationships: number;
  generateMs: number;
  nodeLoadMs: number;
  relationshipLoadMs: number;
  nodesPerSecond: number;
  relationshipsPerSecond: number;
  plan: LoadPlan;
  /** Transactions run, and attempts made (more attempts than batches: deadlocks retried). */
  batches: number;
  attempts: number;
  /** CPU time over both loads: this process, and the bench's local Neo4j (null when it runs elsewhere). */
  clientCpuMs: number;
  serverCpuMs: number | null;
}

/** Replaces whatever network the bench database holds with the generated one. */
export async function loadGenerated(db: GraphDb, scale: Scale, plan = planFromEnv()): Promise<GenerateResult> {
  const [network, generateMs] = await timed(() => generateNetwork(scale));
  await wipe(db);
  const stats: LoadStats = { batches: 0, attempts: 0 };
  const cpu = cpuMeter();
  const [, nodeLoadMs] = await timed(() => loadNodes(db, network.nodes, plan, stats));
  const [, relationshipLoadMs] = await timed(() => loadRelationships(db, network.relationships, plan, stats));
  const { clientCpuMs, serverCpuMs } = cpu();
  await db.write("MERGE (m:GraphMeta {key: 'graph'}) SET m.version = coalesce(m.version, 0) + 1, m.generated = $scale", { scale: scale.name });
  return {
    scale: scale.name,
    nodes: network.nodes.length,
    relationships: network.relationships.length,
    generateMs: Math.round(generateMs),
    nodeLoadMs: Math.round(nodeLoadMs),
    relationshipLoadMs: Math.round(relationshipLoadMs),
    nodesPerSecond: Math.round(network.nodes.length / (nodeLoadMs / 1000)),
    relationshipsPerSecond: Math.round(network.relationships.length / (relationshipLoadMs / 1000)),
    plan,
    ...stats,
    clientCpuMs,
    serverCpuMs,
  };
}

/** Starts counting CPU time; the function returned reads what was used since. */
function cpuMeter(): () => { clientCpuMs: number; serverCpuMs: number | null } {
  const server = neo4jPid();
  const client = process.cpuUsage();
  const serverStart = processCpuMs(server);
  return () => {
    const used = process.cpuUsage(client);
    const serverNow = processCpuMs(server);
    return {
      clientCpuMs: Math.round((used.user + used.system) / 1000),
      serverCpuMs: serverStart === null || serverNow === null ? null : serverNow - serverStart,
    };
  };
}

/** Loads the scale unless the bench database already holds it. */
export async function ensureGenerated(db: GraphDb, scale: Scale): Promise<GenerateResult | undefined> {
  const [meta] = await db.read<{ generated: string | null; n: number }>(
    "OPTIONAL MATCH (m:GraphMeta {key: 'graph'}) RETURN m.generated AS generated, COUNT { MATCH (:Entity) } AS n",
  );
  if (meta?.generated === scale.name && meta.n === scale.nodes) return undefined;
  return loadGenerated(db, scale);
}

export function scaleFromArgs(): Scale {
  const name = process.argv[2] ?? 'small';
  const scale = SCALES[name];
  if (!scale) throw new Error(`unknown scale "${name}"; use one of ${Object.keys(SCALES).join(', ')}`);
  return scale;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const scale = scaleFromArgs();
  const bench = await openBenchDatabase();
  try {
    const result = await loadGenerated(bench.db, scale);
    const [counted] = await bench.db.read('MATCH (n:Entity) WITH count(n) AS nodes MATCH ()-[r]->() RETURN nodes, count(r) AS relationships');
    console.log(
      `${scale.name}: ${result.nodes} nodes at ${result.nodesPerSecond}/s, ${result.relationships} relationships at ${result.relationshipsPerSecond}/s ` +
        `(generated in ${result.generateMs} ms; in the database: ${counted?.nodes} nodes, ${counted?.relationships} relationships)\n` +
        `  plan: batches of ${result.plan.batch}, ${result.plan.nodesInFlight} node / ${result.plan.relationshipsInFlight} relationship batches in flight; ` +
        `${result.attempts} attempts for ${result.batches} batches; CPU ${result.clientCpuMs} ms here, ${result.serverCpuMs ?? '?'} ms in Neo4j`,
    );
    writeResults(`generate-${scale.name}`, { result, budgets: { nodesPerSecond: 15_000, relationshipsPerSecond: 25_000 } });
  } finally {
    await bench.close();
  }
}
