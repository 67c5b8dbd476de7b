/**
 * Curators' edits: create, update and delete nodes and relationships, each in one write
 * transaction together with its history entry (`:Change`: who, when, before, after, why), with
 * optimistic concurrency (a stale `version` is refused with the current state), and revert.
 */
import { randomUUID } from 'node:crypto';
import neo4j from 'neo4j-driver';
import type { z } from 'zod';
import type { GraphDb, Tx } from '../db/graph-db.js';
import type { User } from '../domain/accounts.js';
import {
  NODE_IDENTITY,
  parseRelationshipId,
  RELATIONSHIP_IDENTITY,
  relationshipId,
  type Change,
  type Citation,
  type NewSource,
} from '../domain/edits.js';
import { LABEL_OF, nodeSchema, relationshipSchema, type GraphNode, type GraphRelationship, type NodeKind, type RelationshipType } from '../domain/model.js';
import { badRequest, conflict, fieldProblems, notFound } from '../http/problem.js';
import { bumpGraphVersion, checkBatch, storedProperties, writeSince } from '../loader/graph-loader.js';

type Row = Record<string, unknown>;

/** Stored properties that are bookkeeping, not part of the record a curator edits. */
const BOOKKEEPING = ['version', 'since'];
const record = (props: Row): Row => Object.fromEntries(Object.entries(props).filter(([k, v]) => !BOOKKEEPING.includes(k) && v !== null));

function validate<S extends z.ZodType>(schema: S, value: unknown, field: string): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw badRequest('The change is not valid.', fieldProblems(parsed.error, field));
  return parsed.data;
}

function slug(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80) || 'source';
}

const located = <T>(item: T) => ({ record: item, file: 'request', line: 0 });

/** The ends of some relationships: the nodes whose history shows a change to them. */
const endsOf = (relationships: Row[]) => relationships.flatMap((r) => [r.from as string, r.to as string]);

const idOf = (r: Row) => relationshipId({ from: String(r.from), type: String(r.type), to: String(r.to), key: r.key as string | undefined });

/** The distinct values of some lists (absent ones count as empty). */
const union = (...lists: unknown[]): string[] => [...new Set(lists.flatMap((l) => (Array.isArray(l) ? (l as string[]) : [])))];

export interface MergeRequest {
  survivor: string;
  duplicate: string;
  versions: { survivor: number; duplicate: number };
}

/** A moved relationship, and the survivor's own that it joined (null when it was new). */
interface MovedRelationship {
  id: string;
  before: Row | null;
}

/** What a merge keeps to be undone: both nodes as they were, what moved, whose history it took. */
interface MergeSnapshot {
  survivor: Row;
  duplicate: Row;
  relationships: Row[];
  moved: MovedRelationship[];
  history: string[];
}

export interface EditResult<T> {
  value: T;
  change: Change;
}

export class EditRepository {
  constructor(private readonly db: GraphDb) {}

  // ------------------------------------------------------------------------------------------
  // Nodes

  async createNode(input: Row, citation: Citation, by: User): Promise<EditResult<Row>> {
    return this.db.writeTransaction(async (tx) => {
      const cited = await this.cite(tx, citation, by);
      const node = validate(nodeSchema, { ...input, sources: [...new Set([...((input.sources as string[]) ?? []), ...cited])] }, 'body.node');
      await this.check(tx, [node], []);
      const rows = await tx.run('MATCH (n:Entity {id: $id}) RETURN n.id AS id', { id: node.id });
      if (rows.length) throw conflict(`A node with the id "${node.id}" exists already.`);
      const after = await this.writeNode(tx, node, 1, true);
      const change = await this.record(tx, by, 'create', 'node', node.id, [node.id], null, after, citation.comment);
      return { value: after, change };
    });
  }

  async updateNode(id: string, version: number, changes: Row, citation: Citation, by: User): Promise<EditResult<Row>> {
    return this.db.writeTransaction(async (tx) => {
      const before = await this.currentNode(tx, id, version);
      for (const key of NODE_IDENTITY) {
        if (key in changes && changes[key] !== before[key]) throw badRequest('The change is not valid.', [{ field: `body.changes.${key}`, message: `${key} cannot change; create a new node and merge instead` }]);
      }
      const cited = await this.cite(tx, citation, by);
      // A change to null clears the field.
      const merged = record({ ...record(before), ...changes });
      const sources = (merged.sources as string[] | undefined) ?? [];
      const node = validate(nodeSchema, before.kind === 'source' ? merged : { ...merged, sources: [...new Set([...sources, ...cited])] }, 'body.changes');
      await this.check(tx, [node], []);
      const after = await this.writeNode(tx, node, version + 1, false);
      const change = await this.record(tx, by, 'update', 'node', id, [id], before, after, citation.comment);
      return { value: after, change };
    });
  }

  async deleteNode(id: string, version: number, citation: Citation, by: User): Promise<EditResult<null>> {
    return this.db.writeTransaction(async (tx) => {
      const before = await this.currentNode(tx, id, version);
      await this.cite(tx, citation, by);
      const relationships = await this.relationshipsOf(tx, id);
      const used = await tx.run('MATCH (n:Entity) WHERE $id IN n.sources RETURN count(n) + COUNT { ()-[r]->() WHERE $id IN r.sources } AS n', { id });
      if (before.kind === 'source' && (used[0]?.n as number) > 0) throw conflict(`The source "${id}" is still cited; cite another source in those facts first.`);
      await tx.run('MATCH (n:Entity {id: $id}) DETACH DELETE n', { id });
      const snapshot = { node: before, relationships };
      const change = await this.record(tx, by, 'delete', 'node', id, [id, ...endsOf(relationships)], snapshot, null, citation.comment);
      await bumpGraphVersion(tx);
      return { value: null, change };
    });
  }

  // ------------------------------------------------------------------------------------------
  // Relationships

  async createRelationship(input: Row, citation: Citation, by: User): Promise<EditResult<Row>> {
    return this.db.writeTransaction(async (tx) => {
      const cited = await this.cite(tx, citation, by);
      const rel = validate(relationshipSchema, { ...input, sources: [...new Set([...((input.sources as string[]) ?? []), ...cited])] }, 'body.relationship');
      await this.check(tx, [], [rel]);
      const id = relationshipId(rel);
      if (await this.findRelationship(tx, id)) throw conflict(`The relationship ${id} exists already; give the new one another key.`);
      const after = await this.writeRelationship(tx, rel, 1);
      const change = await this.record(tx, by, 'create', 'relationship', id, [rel.from, rel.to], null, after, citation.comment);
      return { value: after, change };
    });
  }

  async updateRelationship(id: string, version: number, changes: Row, citation: Citation, by: User): Promise<EditResult<Row>> {
    return this.db.writeTransaction(async (tx) => {
      const before = await this.currentRelationship(tx, id, version);
      for (const key of RELATIONSHIP_IDENTITY) {
        if (key in changes && changes[key] !== before[key]) throw badRequest('The change is not valid.', [{ field: `body.changes.${key}`, message: `${key} identifies the relationship; delete it and create another` }]);
      }
      const cited = await this.cite(tx, citation, by);
      const merged = record({ ...record(before), ...changes });
      const rel = validate(relationshipSchema, { ...merged, sources: [...new Set([...((merged.sources as string[]) ?? []), ...cited])] }, 'body.changes');
      await this.check(tx, [], [rel]);
      const after = await this.writeRelationship(tx, rel, version + 1);
      const change = await this.record(tx, by, 'update', 'relationship', id, [rel.from, rel.to], before, after, citation.comment);
      return { value: after, change };
    });
  }

  async deleteRelationship(id: string, version: number, citation: Citation, by: User): Promise<EditResult<null>> {
    return this.db.writeTransaction(async (tx) => {
      const before = await this.currentRelationship(tx, id, version);
      await this.cite(tx, citation, by);
      await this.removeRelationship(tx, id);
      const change = await this.record(tx, by, 'delete', 'relationship', id, [before.from as string, before.to as string], before, null, citation.comment);
      await bumpGraphVersion(tx);
      return { value: null, change };
    });
  }

  // ------------------------------------------------------------------------------------------
  // Merging duplicates

  /**
   * Merges `duplicate` into `survivor`, as one change that a revert undoes whole: the duplicate's
   * relationships move to the survivor (joining the same relationship where it has one, sources
   * united), its name and aliases become aliases, its sources and the properties the survivor
   * lacks join the survivor, its history shows on the survivor's page; then it is removed.
   */
  async merge(request: MergeRequest, citation: Citation, by: User): Promise<EditResult<Row>> {
    const { survivor: survivorId, duplicate: duplicateId, versions } = request;
    return this.db.writeTransaction(async (tx) => {
      const survivor = await this.currentNode(tx, survivorId, versions.survivor);
      const duplicate = await this.currentNode(tx, duplicateId, versions.duplicate);
      if (survivor.kind !== duplicate.kind) {
        throw badRequest('Only nodes of one kind merge.', [{ field: 'body.duplicate', message: `a ${duplicate.kind} cannot merge into a ${survivor.kind}` }]);
      }
      const cited = await this.cite(tx, citation, by);
      const relationships = await this.relationshipsOf(tx, duplicateId);
      const moved: MovedRelationship[] = [];
      for (const rel of relationships) {
        const target = { ...rel, from: rel.from === duplicateId ? survivorId : rel.from, to: rel.to === duplicateId ? survivorId : rel.to };
        // A relationship between the two (POSSIBLE_DUPLICATE, say) has no meaning once they are one.
        if (target.from === target.to) continue;
        const existing = await this.findRelationship(tx, idOf(target));
        const joined = existing ? { ...record(target), ...record(existing), sources: union(existing.sources, rel.sources) } : record(target);
        await this.writeRelationship(tx, relationshipSchema.parse(joined), ((existing?.version as number | undefined) ?? 0) + 1);
        moved.push({ id: idOf(target), before: existing ?? null });
      }
      const names = union(survivor.aliases, [duplicate.name as string], duplicate.aliases).filter((n) => n !== survivor.name);
      // The survivor's properties win; the duplicate fills in what it lacks (but not its identity).
      const lacking = Object.fromEntries(Object.entries(record(duplicate)).filter(([key]) => !['id', 'kind', 'name', 'aliases'].includes(key)));
      const node = { ...lacking, ...record(survivor), aliases: names, sources: union(survivor.sources, duplicate.sources, cited) };
      // A person not public stays so: their name, now an alias, must not reach visitors through the survivor.
      if (survivor.public === false || duplicate.public === false) Object.assign(node, { public: false });
      await tx.run('MATCH (n:Entity {id: $id}) DETACH DELETE n', { id: duplicateId });
      const after = await this.writeNode(tx, nodeSchema.parse(node), versions.survivor + 1, false);
      const history = await tx.run(
        'MATCH (c:Change) WHERE $duplicate IN c.nodeIds AND NOT $survivor IN c.nodeIds SET c.nodeIds = c.nodeIds + $survivor RETURN c.id AS id',
        { duplicate: duplicateId, survivor: survivorId },
      );
      const snapshot: MergeSnapshot = { survivor, duplicate, relationships, moved, history: history.map((h) => h.id as string) };
      const nodeIds = [survivorId, duplicateId, ...endsOf(relationships)];
      const change = await this.record(tx, by, 'merge', 'node', survivorId, nodeIds, snapshot, after, citation.comment);
      return { value: after, change };
    });
  }

  /** Undoes a merge: the duplicate comes back with its relationships; the survivor is as it was. */
  private async undoMerge(tx: Tx, original: Change): Promise<{ before: Row; after: Row }> {
    const snapshot = original.before as MergeSnapshot;
    const survivorId = original.targetId;
    const duplicateId = snapshot.duplicate.id as string;
    const current = await this.currentNode(tx, survivorId, (original.after as Row).version as number);
    const [back] = await tx.run('MATCH (n:Entity {id: $id}) RETURN n.id AS id', { id: duplicateId });
    if (back) throw conflict(`A node "${duplicateId}" exists again; the merge cannot be undone over it.`);
    for (const { id, before } of snapshot.moved) {
      const now = await this.findRelationship(tx, id);
      const expected = ((before?.version as number | undefined) ?? 0) + 1;
      if (now && now.version !== expected) throw conflict(`The relationship ${id} changed since the merge; undo that change first.`, { current: now });
      if (!before) await this.removeRelationship(tx, id);
      else await this.writeRelationship(tx, relationshipSchema.parse(record(before)), expected + 1);
    }
    const survivor = await this.writeNode(tx, nodeSchema.parse(record(snapshot.survivor)), (current.version as number) + 1, false);
    await this.writeNode(tx, nodeSchema.parse(record(snapshot.duplicate)), ((snapshot.duplicate.version as number) ?? 0) + 1, true);
    for (const r of snapshot.relationships) await this.writeRelationship(tx, relationshipSchema.parse(record(r)), ((r.version as number) ?? 0) + 1);
    await tx.run('MATCH (c:Change) WHERE c.id IN $ids SET c.nodeIds = [x IN c.nodeIds WHERE x <> $survivor]', { ids: snapshot.history, survivor: survivorId });
    return { before: current, after: survivor };
  }

  // ------------------------------------------------------------------------------------------
  // History and revert

  async history(nodeId: string, limit = 200): Promise<Change[]> {
    const rows = await this.db.read(`MATCH (c:Change) WHERE $id IN c.nodeIds WITH c ORDER BY c.at DESC, c.seq DESC LIMIT toInteger($limit) RETURN ${CHANGE} AS c`, {
      id: nodeId,
      limit,
    });
    return rows.map((r) => parseChange(r.c as Row));
  }

  async change(id: string): Promise<Change | undefined> {
    const rows = await this.db.read(`MATCH (c:Change {id: $id}) RETURN ${CHANGE} AS c`, { id });
    return rows[0] ? parseChange(rows[0].c as Row) : undefined;
  }

  /** Undoes a change, as a new change; refused (409) when the target changed since. */
  async revert(changeId: string, by: User, comment?: string): Promise<EditResult<Row | null>> {
    return this.db.writeTransaction(async (tx) => {
      const original = await this.changeIn(tx, changeId);
      if (!original) throw notFound(`The change "${changeId}"`);
      if (original.revertedBy) throw conflict(`The change was reverted already by ${original.revertedBy}.`);
      if (original.revertOf && (await this.changeIn(tx, original.revertOf))?.action === 'merge') throw conflict('This undid a merge; merge the two nodes again instead.');
      const undone = original.action === 'merge' ? await this.undoMerge(tx, original) : await this.undo(tx, original);
      const change = await this.record(tx, by, 'revert', original.target, original.targetId, await this.nodeIdsOf(tx, changeId), undone.before, undone.after, comment ?? null, changeId);
      await tx.run('MATCH (c:Change {id: $id}) SET c.revertedBy = $by', { id: changeId, by: change.id });
      return { value: undone.after, change };
    });
  }

  private async undo(tx: Tx, original: Change): Promise<{ before: unknown; after: Row | null }> {
    const after = original.after as Row | null;
    const before = original.before as Row | null;
    const expected = (after?.version as number | undefined) ?? 0;
    if (original.target === 'node') {
      if (original.action === 'create' || (original.action === 'revert' && !before)) {
        const current = await this.currentNode(tx, original.targetId, expected);
        await tx.run('MATCH (n:Entity {id: $id}) DETACH DELETE n', { id: original.targetId });
        await bumpGraphVersion(tx);
        return { before: current, after: null };
      }
      if (original.action === 'delete') {
        const snapshot = before as { node: Row; relationships: Row[] };
        const [exists] = await tx.run('MATCH (n:Entity {id: $id}) RETURN n.id AS id', { id: original.targetId });
        if (exists) throw conflict(`A node "${original.targetId}" exists again; it cannot be restored over it.`);
        const node = nodeSchema.parse(record(snapshot.node));
        const restored = await this.writeNode(tx, node, ((snapshot.node.version as number) ?? 0) + 1, true);
        for (const r of snapshot.relationships) {
          const [other] = await tx.run('MATCH (n:Entity) WHERE n.id IN [$from, $to] RETURN count(n) AS n', { from: r.from, to: r.to });
          if ((other?.n as number) === 2) await this.writeRelationship(tx, relationshipSchema.parse(record(r)), ((r.version as number) ?? 0) + 1);
        }
        return { before: null, after: restored };
      }
      const current = await this.currentNode(tx, original.targetId, expected);
      const node = nodeSchema.parse(record((before as Row) ?? {}));
      return { before: current, after: await this.writeNode(tx, node, expected + 1, false) };
    }
    if (original.action === 'create' || (original.action === 'revert' && !before)) {
      const current = await this.currentRelationship(tx, original.targetId, expected);
      await this.removeRelationship(tx, original.targetId);
      await bumpGraphVersion(tx);
      return { before: current, after: null };
    }
    if (original.action === 'delete') {
      if (await this.findRelationship(tx, original.targetId)) throw conflict(`The relationship ${original.targetId} exists again.`);
      const rel = relationshipSchema.parse(record(before!));
      await this.check(tx, [], [rel]);
      return { before: null, after: await this.writeRelationship(tx, rel, ((before!.version as number) ?? 0) + 1) };
    }
    const current = await this.currentRelationship(tx, original.targetId, expected);
    return { before: current, after: await this.writeRelationship(tx, relationshipSchema.parse(record(before!)), expected + 1) };
  }

  // ------------------------------------------------------------------------------------------
  // Building blocks

  /** Creates the new source a change cites, if any; the ids every cited source has. */
  private async cite(tx: Tx, citation: Citation, by: User): Promise<string[]> {
    const ids = [...citation.sources];
    const known = await tx.run('MATCH (s:Source) WHERE s.id IN $ids RETURN s.id AS id', { ids });
    const missing = ids.filter((id) => !known.some((k) => k.id === id));
    if (missing.length) throw badRequest('The change cites unknown sources.', missing.map((id) => ({ field: 'body.sources', message: `"${id}" is not a known source` })));
    if (citation.newSource) ids.push(await this.createSource(tx, citation.newSource, by));
    return ids;
  }

  private async createSource(tx: Tx, source: NewSource, by: User): Promise<string> {
    const base = slug(`${source.title}${source.date ? `-${source.date.slice(0, 4)}` : ''}`);
    const taken = new Set((await tx.run('MATCH (n:Entity) WHERE n.id STARTS WITH $base RETURN n.id AS id', { base })).map((r) => r.id as string));
    let id = base;
    for (let i = 2; taken.has(id); i++) id = `${base}-${i}`;
    const node = nodeSchema.parse({ kind: 'source', id, name: source.title, publisher: source.publisher, date: source.date, url: source.url, sourceKind: source.sourceKind });
    const after = await this.writeNode(tx, node, 1, true);
    await this.record(tx, by, 'create', 'node', id, [id], null, after, 'cited by a change');
    return id;
  }

  private async check(tx: Tx, nodes: GraphNode[], relationships: GraphRelationship[]): Promise<void> {
    const problems = await checkBatch(tx, { nodes: nodes.map(located), relationships: relationships.map(located) });
    const prefix = nodes.length ? 'body.node' : 'body.relationship';
    if (problems.length) throw badRequest('The change does not fit the network.', problems.map((p) => ({ field: `${prefix}.${p.field}`, message: p.message })));
  }

  private async currentNode(tx: Tx, id: string, version: number): Promise<Row> {
    const [row] = await tx.run('MATCH (n:Entity {id: $id}) RETURN n {.*} AS n', { id });
    if (!row) throw notFound(`The node "${id}"`);
    const current = row.n as Row;
    const stored = (current.version as number | undefined) ?? 0;
    if (stored !== version) throw conflict(`The node changed since you read it (version ${stored}, not ${version}).`, { current });
    return current;
  }

  private async findRelationship(tx: Tx, id: string): Promise<Row | undefined> {
    const parts = parseRelationshipId(id);
    if (!parts) return undefined;
    const [row] = await tx.run(
      `MATCH (a:Entity {id: $from})-[r]->(b:Entity {id: $to}) WHERE type(r) = $type AND coalesce(r.key, '') = $key
       RETURN r {.*, from: a.id, type: type(r), to: b.id} AS r`,
      parts,
    );
    return row?.r as Row | undefined;
  }

  private async currentRelationship(tx: Tx, id: string, version: number): Promise<Row> {
    const current = await this.findRelationship(tx, id);
    if (!current) throw notFound(`The relationship ${id}`);
    const stored = (current.version as number | undefined) ?? 0;
    if (stored !== version) throw conflict(`The relationship changed since you read it (version ${stored}, not ${version}).`, { current });
    return current;
  }

  private async removeRelationship(tx: Tx, id: string): Promise<void> {
    const parts = parseRelationshipId(id)!;
    await tx.run('MATCH (:Entity {id: $from})-[r]->(:Entity {id: $to}) WHERE type(r) = $type AND coalesce(r.key, \'\') = $key DELETE r', parts);
  }

  private async writeNode(tx: Tx, node: GraphNode, version: number, create: boolean): Promise<Row> {
    // An integer in Neo4j, as the loader writes it (a JS number would be stored as a float).
    const props = { ...storedProperties(node), version: neo4j.int(version) };
    // The label comes from the model's enum, never from input text.
    const label = LABEL_OF[node.kind as NodeKind];
    await tx.run(create ? `CREATE (n:Entity:${label}) SET n = $props` : 'MATCH (n:Entity {id: $id}) SET n = $props', { id: node.id, props });
    await writeSince(tx, { nodes: [located(node)], relationships: [] });
    await bumpGraphVersion(tx);
    const [row] = await tx.run('MATCH (n:Entity {id: $id}) RETURN n {.*} AS n', { id: node.id });
    return row!.n as Row;
  }

  private async writeRelationship(tx: Tx, rel: GraphRelationship, version: number): Promise<Row> {
    const { from, to, type, ...rest } = rel;
    await tx.run(
      `MATCH (a:Entity {id: $from}) MATCH (b:Entity {id: $to})
       MERGE (a)-[r:${type satisfies RelationshipType} {key: $key}]->(b)
       SET r = $props`,
      { from, to, key: rel.key, props: { ...storedProperties(rest), version: neo4j.int(version) } },
    );
    await writeSince(tx, { nodes: [], relationships: [located(rel)] });
    await bumpGraphVersion(tx);
    return (await this.findRelationship(tx, relationshipId(rel)))!;
  }

  private async changeIn(tx: Tx, id: string): Promise<Change | undefined> {
    const [row] = await tx.run(`MATCH (c:Change {id: $id}) RETURN ${CHANGE} AS c`, { id });
    return row ? parseChange(row.c as Row) : undefined;
  }

  /** Every relationship of a node, as `{from, type, to, ...properties}`. */
  private async relationshipsOf(tx: Tx, id: string): Promise<Row[]> {
    const rows = await tx.run(
      `MATCH (n:Entity {id: $id})-[r]-(:Entity)
       RETURN r {.*, from: startNode(r).id, type: type(r), to: endNode(r).id} AS r`,
      { id },
    );
    return rows.map((row) => row.r as Row);
  }

  private async nodeIdsOf(tx: Tx, changeId: string): Promise<string[]> {
    const [row] = await tx.run('MATCH (c:Change {id: $id}) RETURN c.nodeIds AS ids', { id: changeId });
    return (row?.ids as string[]) ?? [];
  }

  private record(
    tx: Tx,
    by: User,
    action: Change['action'],
    target: Change['target'],
    targetId: string,
    nodeIds: string[],
    before: unknown,
    after: unknown,
    comment: string | null | undefined,
    revertOf: string | null = null,
  ): Promise<Change> {
    return recordChange(tx, { by, action, target, targetId, nodeIds, before, after, comment, revertOf });
  }
}

/** Writes a history entry in the transaction of the change it describes. */
export async function recordChange(
  tx: Tx,
  entry: {
    by: User;
    action: Change['action'];
    target: Change['target'];
    targetId: string;
    nodeIds: string[];
    before: unknown;
    after: unknown;
    comment?: string | null;
    revertOf?: string | null;
  },
): Promise<Change> {
  const change = {
    id: randomUUID(),
    by: entry.by.id,
    byName: entry.by.name,
    action: entry.action,
    target: entry.target,
    targetId: entry.targetId,
    nodeIds: [...new Set(entry.nodeIds)],
    before: entry.before === null ? null : JSON.stringify(entry.before),
    after: entry.after === null ? null : JSON.stringify(entry.after),
    comment: entry.comment ?? null,
    revertOf: entry.revertOf ?? null,
  };
  const [row] = await tx.run(
    `MERGE (m:GraphMeta {key: 'graph'})
     SET m.changeSeq = coalesce(m.changeSeq, 0) + 1
     CREATE (c:Change) SET c = $change, c.at = datetime(), c.seq = m.changeSeq
     RETURN ${CHANGE} AS c`,
    { change },
  );
  return parseChange(row!.c as Row);
}

const CHANGE = `c {.id, at: toString(c.at), .by, .byName, .action, .target, .targetId, .before, .after, .comment, .revertOf, .revertedBy}`;

function parseChange(row: Row): Change {
  return {
    ...(row as unknown as Change),
    before: row.before ? JSON.parse(row.before as string) : null,
    after: row.after ? JSON.parse(row.after as string) : null,
    comment: (row.comment as string | null) ?? null,
    revertOf: (row.revertOf as string | null) ?? null,
    revertedBy: (row.revertedBy as string | null) ?? null,
  };
}

