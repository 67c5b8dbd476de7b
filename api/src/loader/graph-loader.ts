/**
 * Writes a batch of validated nodes and relationships into Neo4j: the one write path of the seed
 * loader and the spreadsheet importer. The batch is checked against itself and the database
 * first (ids, kinds, endpoints, sources); then it is written in a single transaction, so a
 * failed load leaves the graph as it was. Writing the same batch twice changes nothing.
 */
import {
  checkEndpoints,
  DATE_FIELDS,
  LABEL_OF,
  type GraphNode,
  type GraphRelationship,
  type NodeKind,
  type RelationshipType,
} from '../domain/model.js';
import type { GraphDb, Tx } from '../db/graph-db.js';
import { toNeo4jDate } from '../db/plain-values.js';
import { groupBy } from '../lib/group-by.js';
import type { Located, RowProblem } from './tabular.js';

export interface GraphBatch {
  nodes: Located<GraphNode>[];
  relationships: Located<GraphRelationship>[];
}

export class LoadError extends Error {
  constructor(readonly problems: RowProblem[]) {
    super(`${problems.length} problem(s) in the data; nothing was loaded`);
    this.name = 'LoadError';
  }
}

const CHUNK = 5_000;
const DATE_FIELD_SET = new Set<string>(DATE_FIELDS);

/** Properties as stored: absent fields left out, dates as Neo4j dates. */
export function storedProperties(record: object): Record<string, unknown> {
  const props: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    if (value === undefined) continue;
    props[key] = DATE_FIELD_SET.has(key) && typeof value === 'string' ? toNeo4jDate(value) : value;
  }
  return props;
}

function relationshipIdentity(r: GraphRelationship): string {
  return `${r.from} ${r.type} ${r.to} ${r.key}`;
}

/** Anything that reads: the database outside a transaction, or the transaction a write runs in. */
type Reader = GraphDb | Tx;
const readWith = <T extends Record<string, unknown>>(reader: Reader, cypher: string, params: Record<string, unknown>) =>
  'run' in reader ? reader.run<T>(cypher, params) : reader.read<T>(cypher, params);

/** Every problem that would make the batch inconsistent; empty when it can be written. */
export async function checkBatch(db: Reader, batch: GraphBatch): Promise<RowProblem[]> {
  const problems: RowProblem[] = [];
  // `value` is the id that is not known, so that the importer can explain it further.
  const at = (item: Located<unknown>, field: string, message: string, value?: string) =>
    problems.push({ file: item.file, line: item.line, field, message, ...(value === undefined ? {} : { value }) });

  const kindOf = new Map<string, NodeKind>();
  for (const item of batch.nodes) {
    const previous = kindOf.get(item.record.id);
    if (previous) at(item, 'id', `the id "${item.record.id}" is used twice in this batch`);
    kindOf.set(item.record.id, item.record.kind);
  }

  const referenced = new Set<string>();
  for (const { record } of batch.relationships) referenced.add(record.from).add(record.to);
  for (const { record } of [...batch.nodes, ...batch.relationships]) {
    for (const source of 'sources' in record ? record.sources : []) referenced.add(source);
  }
  const stored = await readWith<{ id: string; kind: NodeKind }>(
    db,
    'MATCH (n:Entity) WHERE n.id IN $ids RETURN n.id AS id, n.kind AS kind',
    { ids: [...new Set([...referenced, ...kindOf.keys()])] },
  );
  const storedKind = new Map(stored.map((row) => [row.id, row.kind]));
  for (const item of batch.nodes) {
    const before = storedKind.get(item.record.id);
    if (before && before !== item.record.kind) {
      at(item, 'id', `"${item.record.id}" already exists as a ${before}, not a ${item.record.kind}`);
    }
  }
  const kindNow = (id: string) => kindOf.get(id) ?? storedKind.get(id);

  const checkSources = (item: Located<{ sources?: string[] }>) => {
    for (const source of item.record.sources ?? []) {
      if (kindNow(source) !== 'source') at(item, 'sources', `"${source}" is not a known source`, source);
    }
  };
  batch.nodes.forEach((item) => checkSources(item as Located<{ sources?: string[] }>));

  const seen = new Set<string>();
  for (const item of batch.relationships) {
    const r = item.record;
    checkSources(item);
    const fromKind = kindNow(r.from);
    const toKind = kindNow(r.to);
    if (!fromKind) at(item, 'from', `no node has the id "${r.from}"`, r.from);
    if (!toKind) at(item, 'to', `no node has the id "${r.to}"`, r.to);
    if (fromKind && toKind) {
      const wrongShape = checkEndpoints(r.type, fromKind, toKind);
      if (wrongShape) at(item, 'type', wrongShape);
    }
    const identity = relationshipIdentity(r);
    if (seen.has(identity)) at(item, 'key', `the same ${r.type} from "${r.from}" to "${r.to}" appears twice; give each a different key`);
    seen.add(identity);
  }
  return problems;
}

/**
 * Whether a row's properties differ from what `e` holds (bookkeeping aside): only a real change
 * bumps the version, so loading the same data twice changes nothing, and an editor holding the
 * version they read is told when a load changed what they are editing.
 */
const CHANGED = (e: string) =>
  `(any(k IN keys(row.props) WHERE ${e}[k] IS NULL OR ${e}[k] <> row.props[k]) OR any(k IN keys(${e}) WHERE NOT k IN ['version', 'since'] AND row.props[k] IS NULL))`;

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}


/**
 * New nodes are created outright; existing ones are merged, and their version moves only when
 * their properties changed. Which is which comes from the caller when it knows (an import's
 * plan), else from one lookup.
 */
async function writeNodes(tx: Tx, nodes: GraphNode[], known?: ReadonlySet<string>): Promise<void> {
  const existing = known ?? new Set((await tx.run('MATCH (n:Entity) WHERE n.id IN $ids RETURN n.id AS id', { ids: nodes.map((n) => n.id) })).map((r) => r.id as string));
  for (const [kind, group] of groupBy(nodes, (n) => n.kind)) {
    // The label comes from the model's enum, never from input text.
    const label = LABEL_OF[kind];
    const [old, fresh] = [group.filter((n) => existing.has(n.id)), group.filter((n) => !existing.has(n.id))];
    for (const chunk of chunks(fresh)) {
      await tx.run(`UNWIND $rows AS row CREATE (n:Entity:${label}) SET n = row.props, n.version = 1`, {
        rows: chunk.map((node) => ({ props: storedProperties(node) })),
      });
    }
    for (const chunk of chunks(old)) {
      await tx.run(
        `UNWIND $rows AS row
         MATCH (n:Entity {id: row.id})
         WITH n, row, coalesce(n.version, 0) AS version, ${CHANGED('n')} AS changed
         SET n = row.props
         SET n:${label}, n.version = CASE WHEN changed THEN version + 1 ELSE version END`,
        { rows: chunk.map((node) => ({ id: node.id, props: storedProperties(node) })) },
      );
    }
  }
}

/** Relationships the same way: created when the caller knows they are new, merged otherwise. */
async function writeRelationships(tx: Tx, relationships: GraphRelationship[], known?: ReadonlySet<string>): Promise<void> {
  for (const [type, group] of groupBy(relationships, (r) => r.type)) {
    const isNew = (r: GraphRelationship) => known !== undefined && !known.has(`${r.from}|${r.type}|${r.to}|${r.key}`);
    for (const [fresh, chunk] of [...chunks(group.filter(isNew)).map((c) => [true, c] as const), ...chunks(group.filter((r) => !isNew(r))).map((c) => [false, c] as const)]) {
      await tx.run(
        `UNWIND $rows AS row
         MATCH (a:Entity {id: row.from})
         MATCH (b:Entity {id: row.to})
         ${
           fresh
             ? `CREATE (a)-[r:${type satisfies RelationshipType}]->(b) SET r = row.props, r.version = 1`
             : `MERGE (a)-[r:${type satisfies RelationshipType} {key: row.key}]->(b)
                WITH r, row, coalesce(r.version, 0) AS version, ${CHANGED('r')} AS changed
                SET r = row.props
                SET r.version = CASE WHEN changed THEN version + 1 ELSE version END`
         }`,
        {
          rows: chunk.map(({ from, to, type: _type, ...rest }) => ({ from, to, key: rest.key, props: storedProperties(rest) })),
        },
      );
    }
  }
}

/**
 * When each event and relationship entered the network, stored as `since` so that every read can
 * take an as-of date. An event: its start, else its parent event's. A relationship: its own
 * `from_date`, else the date of the event it touches, else the date of the earliest source that
 * cites it.
 */
export async function writeSince(tx: Tx, batch: GraphBatch): Promise<void> {
  const eventIds = batch.nodes.filter((n) => n.record.kind === 'event').map((n) => n.record.id);
  await tx.run(
    `UNWIND $ids AS id
     MATCH (e:Event {id: id})
     SET e.since = coalesce(e.startDate, head([(e)-[:PART_OF*1..3]->(p:Event) WHERE p.startDate IS NOT NULL | p.startDate]))`,
    { ids: eventIds },
  );
  const touched = [...new Set(batch.relationships.map((r) => r.record.from))];
  // The date of every cited source, looked up once rather than once per relationship.
  const cited = [...new Set(batch.relationships.flatMap((r) => r.record.sources))];
  const [dates] = await tx.run('MATCH (s:Source) WHERE s.id IN $ids AND s.date IS NOT NULL RETURN collect([s.id, s.date]) AS pairs', { ids: cited });
  const sourceDates = Object.fromEntries(((dates?.pairs as [string, string][]) ?? []).map(([id, date]) => [id, toNeo4jDate(date)]));
  await tx.run(
    `UNWIND $ids AS id
     MATCH (a:Entity {id: id})-[r]->(b:Entity)
     WITH a, r, b, reduce(first = null, s IN coalesce(r.sources, []) |
       CASE WHEN $dates[s] IS NOT NULL AND (first IS NULL OR $dates[s] < first) THEN $dates[s] ELSE first END) AS firstSourced
     SET r.since = coalesce(r.from_date, CASE WHEN b:Event THEN b.since END, CASE WHEN a:Event THEN a.since END, firstSourced)`,
    { ids: touched, dates: sourceDates },
  );
}

/** Analytics caches compare this number to know that the graph changed. */
export async function bumpGraphVersion(tx: Tx): Promise<void> {
  await tx.run(
    `MERGE (m:GraphMeta {key: 'graph'})
     SET m.version = coalesce(m.version, 0) + 1, m.updatedAt = datetime()`,
  );
}

/**
 * Checks the batch (unless the caller just did), then writes all of it in one transaction;
 * throws LoadError on any problem.
 */
export interface LoadOptions {
  timeoutMs?: number;
  /** The caller checked the batch already. */
  checked?: boolean;
  /** More writes in the same transaction (the history entry of an import). */
  within?: (tx: Tx) => Promise<void>;
  /** Ids of the nodes and relationships (`from|TYPE|to|key`) that exist already, when the caller knows. */
  existing?: { nodes: ReadonlySet<string>; relationships: ReadonlySet<string> };
}

export async function loadBatch(db: GraphDb, batch: GraphBatch, options: LoadOptions = {}): Promise<{ nodes: number; relationships: number }> {
  const problems = options.checked ? [] : await checkBatch(db, batch);
  if (problems.length) throw new LoadError(problems);
  await db.writeTransaction(async (tx) => {
    await writeNodes(tx, batch.nodes.map((n) => n.record), options.existing?.nodes);
    await writeRelationships(tx, batch.relationships.map((r) => r.record), options.existing?.relationships);
    await writeSince(tx, batch);
    await bumpGraphVersion(tx);
    await options.within?.(tx);
  }, options.timeoutMs ?? 120_000);
  return { nodes: batch.nodes.length, relationships: batch.relationships.length };
}
