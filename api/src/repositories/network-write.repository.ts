/**
 * The one write path of the network: every node and relationship that the seed loader, the
 * importer, a single edit, a merge or a revert writes goes through `writeNetwork`, so that
 * versions, `since` and the graph version cannot drift apart. Also the locked reads that
 * optimistic concurrency needs. Functions over the caller's transaction: the use case owns it.
 */
import { hash } from 'node:crypto';
import neo4j from 'neo4j-driver';
import type { GraphDb, Row, Tx } from '../db/graph-db.js';
import { toNeo4jDate } from '../db/plain-values.js';
import { BOOKKEEPING_FIELDS, CONTENT_HASH_FIELD, parseRelationshipId, relationshipId } from '../domain/ids.js';
import { DATE_FIELDS, LABEL_OF, type GraphNode, type GraphRelationship, type NodeKind, type RelationshipType } from '../domain/model.js';
import { chunks } from '../lib/chunks.js';
import { groupBy } from '../lib/group-by.js';

const CHUNK = 5_000;
const batches = <T>(items: T[]) => chunks(items, CHUNK);
const DATE_FIELD_SET = new Set<string>(DATE_FIELDS);

/** Properties as stored: absent fields left out, dates as Neo4j dates. */
export function storedProperties(record: object): Row {
  const props: Row = {};
  for (const [key, value] of Object.entries(record)) {
    if (value === undefined) continue;
    props[key] = DATE_FIELD_SET.has(key) && typeof value === 'string' ? toNeo4jDate(value) : value;
  }
  return props;
}

/**
 * A digest of what `storedProperties(record)` stores: equal digests, equal properties. Fields
 * in a stable order, absent and null ones left out (Neo4j stores neither).
 */
export function contentHash(record: object): string {
  const fields = Object.entries(record)
    .filter(([, value]) => value !== undefined && value !== null)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return hash('sha1', JSON.stringify(fields), 'base64url');
}

/** The write path's content hash of `e`, in Cypher: a field name from code, never from input. */
const HASH = (e: string) => `${e}.${CONTENT_HASH_FIELD}`;

/** What the caller knows about a write: which ids exist already, and versions it sets itself. */
export interface WriteOptions {
  /**
   * Ids of the nodes and relationships (`from|TYPE|to|key`) that exist already. When given,
   * everything else is created outright, without a lookup; when absent, nodes are looked up and
   * relationships merged.
   */
  existing?: { nodes: ReadonlySet<string>; relationships: ReadonlySet<string> };
  /**
   * Versions to store, by node id or relationship id (edits, merges and reverts, which checked
   * the version they hold). Without one, a new record is version 1 and an existing one moves up
   * by one only when its properties changed — so writing the same data twice changes nothing.
   */
  versions?: ReadonlyMap<string, number>;
}

/** Anything that reads: the database outside a transaction, or the transaction a write runs in. */
type Reader = GraphDb | Tx;
const readWith = <T extends Row>(reader: Reader, cypher: string, params: Row) =>
  'run' in reader ? reader.run<T>(cypher, params) : reader.read<T>(cypher, params);

/** The kinds of those of `ids` that exist. */
export async function storedKinds(reader: Reader, ids: string[]): Promise<Map<string, NodeKind>> {
  return (await storedIds(reader, ids)).kinds;
}

/** Of those of `ids` that exist: the kind of each, and its content hash where it has one. */
export async function storedIds(reader: Reader, ids: string[]): Promise<{ kinds: Map<string, NodeKind>; hashes: Map<string, string> }> {
  // One index seek per id and one record of lists back: for the 100k ids of a large import,
  // `n.id IN $ids` took four times as long in the database, and a record per id as long again to decode.
  const [row] = await readWith<{ found: [string, NodeKind, string | null][] }>(
    reader,
    `UNWIND $ids AS id MATCH (n:Entity {id: id}) RETURN collect([n.id, n.kind, ${HASH('n')}]) AS found`,
    { ids },
  );
  const kinds = new Map<string, NodeKind>();
  const hashes = new Map<string, string>();
  for (const [id, kind, hash] of row?.found ?? []) {
    kinds.set(id, kind);
    if (hash !== null) hashes.set(id, hash);
  }
  return { kinds, hashes };
}

/**
 * Whether a row's properties differ from what `e` holds (bookkeeping aside): only a real change
 * bumps the version, and an editor holding the version they read is told when a load changed
 * what they are editing. The importer's comparison uses it too, so its plan and the versions agree.
 * Needs the parameter `$bookkeeping` (BOOKKEEPING_FIELDS).
 */
export const CHANGED = (e: string) =>
  `(any(k IN keys(row.props) WHERE ${e}[k] IS NULL OR ${e}[k] <> row.props[k]) OR any(k IN keys(${e}) WHERE NOT k IN $bookkeeping AND row.props[k] IS NULL))`;
/** A row's version: its own, else the stored one, moved up by one when the properties changed (equal hashes: they did not). */
const NEXT_VERSION = (e: string) =>
  `CASE WHEN row.version IS NOT NULL THEN row.version
        WHEN ${HASH(e)} = row.hash THEN coalesce(${e}.version, 0)
        WHEN ${CHANGED(e)} THEN coalesce(${e}.version, 0) + 1
        ELSE coalesce(${e}.version, 0) END`;

/** A version as Neo4j stores it: an integer (a JS number would be stored as a float). */
const versionParam = (versions: ReadonlyMap<string, number> | undefined, id: string) => {
  const version = versions?.get(id);
  return version === undefined ? null : neo4j.int(version);
};

async function writeNodes(tx: Tx, nodes: GraphNode[], options: WriteOptions): Promise<void> {
  const existing =
    options.existing?.nodes ??
    new Set((await tx.run('MATCH (n:Entity) WHERE n.id IN $ids RETURN n.id AS id', { ids: nodes.map((n) => n.id) })).map((r) => r.id as string));
  for (const [kind, group] of groupBy(nodes, (n) => n.kind)) {
    // The label comes from the model's enum, never from input text.
    const label = LABEL_OF[kind];
    const rows = (list: GraphNode[]) =>
      list.map((node) => ({ id: node.id, props: storedProperties(node), hash: contentHash(node), version: versionParam(options.versions, node.id) }));
    for (const chunk of batches(group.filter((n) => !existing.has(n.id)))) {
      await tx.run(`UNWIND $rows AS row CREATE (n:Entity:${label}) SET n = row.props, ${HASH('n')} = row.hash, n.version = coalesce(row.version, 1)`, {
        rows: rows(chunk),
      });
    }
    for (const chunk of batches(group.filter((n) => existing.has(n.id)))) {
      await tx.run(
        `UNWIND $rows AS row
         MATCH (n:Entity {id: row.id})
         WITH n, row, ${NEXT_VERSION('n')} AS version
         SET n = row.props
         SET n:${label}, n.version = version, ${HASH('n')} = row.hash`,
        { rows: rows(chunk), bookkeeping: BOOKKEEPING_FIELDS },
      );
    }
  }
}

async function writeRelationships(tx: Tx, relationships: GraphRelationship[], options: WriteOptions): Promise<void> {
  const known = options.existing?.relationships;
  const isNew = (r: GraphRelationship) => known !== undefined && !known.has(relationshipId(r));
  for (const [type, group] of groupBy(relationships, (r) => r.type)) {
    const rows = (list: GraphRelationship[]) =>
      list.map(({ from, to, type: _type, ...rest }) => ({
        from,
        to,
        key: rest.key,
        props: storedProperties(rest),
        hash: contentHash(rest),
        version: versionParam(options.versions, relationshipId({ from, type, to, key: rest.key })),
      }));
    const ends = 'UNWIND $rows AS row MATCH (a:Entity {id: row.from}) MATCH (b:Entity {id: row.to})';
    for (const chunk of batches(group.filter(isNew))) {
      await tx.run(
        `${ends} CREATE (a)-[r:${type satisfies RelationshipType}]->(b) SET r = row.props, ${HASH('r')} = row.hash, r.version = coalesce(row.version, 1)`,
        {
          rows: rows(chunk),
        },
      );
    }
    for (const chunk of batches(group.filter((r) => !isNew(r)))) {
      await tx.run(
        `${ends}
         MERGE (a)-[r:${type satisfies RelationshipType} {key: row.key}]->(b)
         WITH r, row, ${NEXT_VERSION('r')} AS version
         SET r = row.props
         SET r.version = version, ${HASH('r')} = row.hash`,
        { rows: rows(chunk), bookkeeping: BOOKKEEPING_FIELDS },
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
async function writeSince(tx: Tx, nodes: GraphNode[], relationships: GraphRelationship[]): Promise<void> {
  const eventIds = nodes.filter((n) => n.kind === 'event').map((n) => n.id);
  await tx.run(
    `UNWIND $ids AS id
     MATCH (e:Event {id: id})
     SET e.since = coalesce(e.startDate, head([(e)-[:PART_OF*1..3]->(p:Event) WHERE p.startDate IS NOT NULL | p.startDate]))`,
    { ids: eventIds },
  );
  const touched = [...new Set(relationships.map((r) => r.from))];
  // Every relationship of a touched node gets its `since` again, not only the batch's, so the
  // dates of the sources they all cite are needed: looked up once, not once per relationship.
  const [dates] = await tx.run(
    `UNWIND $ids AS id
     MATCH (:Entity {id: id})-[r]->(:Entity)
     UNWIND coalesce(r.sources, []) AS cited
     WITH DISTINCT cited
     MATCH (s:Entity {id: cited}) WHERE s:Source AND s.date IS NOT NULL
     RETURN collect([s.id, s.date]) AS pairs`,
    { ids: touched },
  );
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

/** Writes nodes, then relationships, then their `since`, and moves the graph version once. */
export async function writeNetwork(tx: Tx, nodes: GraphNode[], relationships: GraphRelationship[], options: WriteOptions = {}): Promise<void> {
  if (nodes.length) await writeNodes(tx, nodes, options);
  if (relationships.length) await writeRelationships(tx, relationships, options);
  await writeSince(tx, nodes, relationships);
  await bumpGraphVersion(tx);
}

// ---------------------------------------------------------------------------------------------
// Reads and removals inside a write

/**
 * The node as stored, with a write lock on it held until the transaction ends: two writers that
 * read the same version cannot both pass the version check (the second waits, then reads the
 * first one's write).
 */
export async function lockNode(tx: Tx, id: string): Promise<Row | undefined> {
  const [row] = await tx.run('MATCH (n:Entity {id: $id}) SET n.__lock = true REMOVE n.__lock RETURN n {.*} AS n', { id });
  return row?.n as Row | undefined;
}

/** The node as stored, or undefined (no lock). */
export async function readNode(tx: Tx, id: string): Promise<Row | undefined> {
  const [row] = await tx.run('MATCH (n:Entity {id: $id}) RETURN n {.*} AS n', { id });
  return row?.n as Row | undefined;
}

const RELATIONSHIP = `MATCH (a:Entity {id: $from})-[r]->(b:Entity {id: $to}) WHERE type(r) = $type AND coalesce(r.key, '') = $key`;
const RELATIONSHIP_RECORD = 'r {.*, from: a.id, type: type(r), to: b.id}';

/** A relationship as `{from, type, to, ...properties}`, or undefined. */
export async function readRelationship(tx: Tx, id: string): Promise<Row | undefined> {
  const parts = parseRelationshipId(id);
  if (!parts) return undefined;
  const [row] = await tx.run(`${RELATIONSHIP} RETURN ${RELATIONSHIP_RECORD} AS r`, parts);
  return row?.r as Row | undefined;
}

/** A relationship with a write lock on it (see lockNode). */
export async function lockRelationship(tx: Tx, id: string): Promise<Row | undefined> {
  const parts = parseRelationshipId(id);
  if (!parts) return undefined;
  const [row] = await tx.run(`${RELATIONSHIP} SET r.__lock = true REMOVE r.__lock RETURN ${RELATIONSHIP_RECORD} AS r`, parts);
  return row?.r as Row | undefined;
}

/**
 * Locks both ends of a relationship to be created, so that two creators of the same relationship
 * cannot both find it missing. Whether both ends exist.
 */
export async function lockEnds(tx: Tx, from: string, to: string): Promise<boolean> {
  const [row] = await tx.run('MATCH (n:Entity) WHERE n.id IN [$from, $to] SET n.__lock = true REMOVE n.__lock RETURN count(n) AS n', { from, to });
  return (row?.n as number) === 2;
}

/** Every relationship of a node, as `{from, type, to, ...properties}`. */
export async function relationshipsOf(tx: Tx, id: string): Promise<Row[]> {
  const rows = await tx.run(`MATCH (n:Entity {id: $id})-[r]-(:Entity) RETURN r {.*, from: startNode(r).id, type: type(r), to: endNode(r).id} AS r`, { id });
  return rows.map((row) => row.r as Row);
}

export async function removeNode(tx: Tx, id: string): Promise<void> {
  await tx.run('MATCH (n:Entity {id: $id}) DETACH DELETE n', { id });
  await bumpGraphVersion(tx);
}

export async function removeRelationship(tx: Tx, id: string): Promise<void> {
  const parts = parseRelationshipId(id);
  if (!parts) return;
  await tx.run(`${RELATIONSHIP} DELETE r`, parts);
  await bumpGraphVersion(tx);
}

/** How many nodes and relationships cite a source. */
export async function citationsOf(tx: Tx, sourceId: string): Promise<number> {
  const [row] = await tx.run('MATCH (n:Entity) WHERE $id IN n.sources RETURN count(n) + COUNT { ()-[r]->() WHERE $id IN r.sources } AS n', { id: sourceId });
  return row?.n as number;
}

/** Which of `ids` are sources. */
export async function knownSources(tx: Tx, ids: string[]): Promise<Set<string>> {
  const rows = await tx.run('MATCH (s:Source) WHERE s.id IN $ids RETURN s.id AS id', { ids });
  return new Set(rows.map((r) => r.id as string));
}

/** The ids in use that start with `base`, to pick a free one. */
export async function idsStartingWith(tx: Tx, base: string): Promise<Set<string>> {
  const rows = await tx.run('MATCH (n:Entity) WHERE n.id STARTS WITH $base RETURN n.id AS id', { base });
  return new Set(rows.map((r) => r.id as string));
}
