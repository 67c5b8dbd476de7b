/**
 * `npm run bench:generate -- small|large`: builds the synthetic network at a scale and loads it
 * into the bench's Neo4j through the driver in UNWIND batches, printing nodes/s and
 * relationships/s. Other benchmarks call `ensureGenerated` to reuse a network already loaded.
 */
import { LABEL_OF, type NodeKind } from '../api/src/domain/model.js';
import type { GraphDb } from '../api/src/db/graph-db.js';
import { toNeo4jDate } from '../api/src/db/plain-values.js';
import { groupBy } from '../api/src/lib/group-by.js';
import { generateNetwork, SCALES, type GeneratedNode, type GeneratedRelationship, type Scale } from './network-generator.js';
import { openBenchDatabase, timed, writeResults } from './support.js';

const BATCH = 10_000;
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

async function loadNodes(db: GraphDb, nodes: GeneratedNode[]): Promise<void> {
  for (const [kind, list] of groupBy(nodes, (n) => n.kind)) {
    for (let i = 0; i < list.length; i += BATCH) {
      // Labels come from the model's own table, never from data.
      await db.write(
        `UNWIND $rows AS row CREATE (n:Entity:${LABEL_OF[kind as NodeKind]}) SET n = row`,
        {
          rows: list.slice(i, i + BATCH).map((n) => withDates(n.props)),
        },
        600_000,
      );
    }
  }
}

async function loadRelationships(db: GraphDb, relationships: GeneratedRelationship[]): Promise<void> {
  for (const [type, list] of groupBy(relationships, (r) => r.type)) {
    if (!/^[A-Z_]+$/.test(type)) throw new Error(`unexpected type ${type}`);
    for (let i = 0; i < list.length; i += BATCH) {
      await db.write(
        `UNWIND $rows AS row
         MATCH (a:Entity {id: row.from}) MATCH (b:Entity {id: row.to})
         CREATE (a)-[r:${type}]->(b) SET r = row.props`,
        { rows: list.slice(i, i + BATCH).map((r) => ({ from: r.from, to: r.to, props: withDates(r.props) })) },
        600_000,
      );
    }
  }
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
}

/** Replaces whatever network the bench database holds with the generated one. */
export async function loadGenerated(db: GraphDb, scale: Scale): Promise<GenerateResult> {
  const [network, generateMs] = await timed(() => generateNetwork(scale));
  await wipe(db);
  const [, nodeLoadMs] = await timed(() => loadNodes(db, network.nodes));
  const [, relationshipLoadMs] = await timed(() => loadRelationships(db, network.relationships));
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
        `(generated in ${result.generateMs} ms; in the database: ${counted?.nodes} nodes, ${counted?.relationships} relationships)`,
    );
    writeResults(`generate-${scale.name}`, { result, budgets: { nodesPerSecond: 15_000, relationshipsPerSecond: 25_000 } });
  } finally {
    await bench.close();
  }
}
