/**
 * Steps that every curator's edit takes inside its transaction: validate, check the version it
 * holds against a locked read, check that the result fits the network, cite its sources, and
 * write one node or relationship through the one write path.
 */
import type { z } from 'zod';
import type { Row, Tx } from '../db/graph-db.js';
import type { User } from '../domain/accounts.js';
import { batchProblems, referencedIds } from '../domain/batch-check.js';
import type { Change, Citation, NewSource } from '../domain/edits.js';
import { badRequest, conflict, fieldProblems, notFound, preconditionFailed } from '../domain/errors.js';
import { relationshipId } from '../domain/ids.js';
import { nodeSchema, type GraphNode, type GraphRelationship } from '../domain/model.js';
import { satisfies, versionTag, type IfMatch } from '../domain/preconditions.js';
import { recordChange } from '../repositories/change.repository.js';
import {
  idsStartingWith,
  knownSources,
  lockNode,
  lockRelationship,
  readNode,
  readRelationship,
  storedKinds,
  writeNetwork,
} from '../repositories/network-write.repository.js';

export function validate<S extends z.ZodType>(schema: S, value: unknown, field: string): z.infer<S> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw badRequest('The change is not valid.', fieldProblems(parsed.error, field));
  return parsed.data;
}

/**
 * Refuses a stale edit: 404 when the thing is gone; 412 when If-Match names another version, and
 * 409 when the body's `version` does, both with the current state.
 */
function checkVersion(current: Row | undefined, version: number, what: string, ifMatch?: IfMatch): Row {
  if (!current) throw notFound(what);
  const stored = (current.version as number | undefined) ?? 0;
  if (!satisfies(ifMatch, stored)) throw preconditionFailed(`${what} is at ${versionTag(stored)}, which If-Match does not name.`, { current });
  if (stored !== version) throw conflict(`${what} changed since you read it (version ${stored}, not ${version}).`, { current });
  return current;
}

/** The node at the version the editor holds, locked until the edit commits. */
export async function currentNode(tx: Tx, id: string, version: number, ifMatch?: IfMatch): Promise<Row> {
  return checkVersion(await lockNode(tx, id), version, `The node "${id}"`, ifMatch);
}

/** The relationship at the version the editor holds, locked until the edit commits. */
export async function currentRelationship(tx: Tx, id: string, version: number, ifMatch?: IfMatch): Promise<Row> {
  return checkVersion(await lockRelationship(tx, id), version, `The relationship ${id}`, ifMatch);
}

/** Refuses changes to what identifies a node or relationship (400 naming each field, and why). */
export function keepIdentity(before: Row, changes: Row, identity: readonly string[], why: string): void {
  const changed = identity.filter((key) => key in changes && changes[key] !== before[key]);
  if (changed.length)
    throw badRequest(
      'The change is not valid.',
      changed.map((key) => ({ field: `body.changes.${key}`, message: `${key} ${why}` })),
    );
}

const located = <T>(record: T) => ({ record, file: 'request', line: 0 });

/** Refuses a node or relationship that does not fit the network (unknown ends, wrong kinds, unknown sources). */
export async function checkFits(tx: Tx, nodes: GraphNode[], relationships: GraphRelationship[]): Promise<void> {
  const batch = { nodes: nodes.map(located), relationships: relationships.map(located) };
  const problems = batchProblems(batch, await storedKinds(tx, referencedIds(batch)));
  const prefix = nodes.length ? 'body.node' : 'body.relationship';
  if (problems.length)
    throw badRequest(
      'The change does not fit the network.',
      problems.map((p) => ({ field: `${prefix}.${p.field}`, message: p.message })),
    );
}

/** Writes one node at `version` and returns it as stored. */
export async function writeNode(tx: Tx, node: GraphNode, version: number, create: boolean): Promise<Row> {
  const existing = { nodes: new Set(create ? [] : [node.id]), relationships: new Set<string>() };
  await writeNetwork(tx, [node], [], { existing, versions: new Map([[node.id, version]]) });
  return (await readNode(tx, node.id))!;
}

/** Writes one relationship at `version` (joining the one with the same id, if any) and returns it as stored. */
export async function writeRelationship(tx: Tx, relationship: GraphRelationship, version: number): Promise<Row> {
  const id = relationshipId(relationship);
  await writeNetwork(tx, [], [relationship], { versions: new Map([[id, version]]) });
  return (await readRelationship(tx, id))!;
}

function slug(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 80) || 'source'
  );
}

async function createSource(tx: Tx, source: NewSource, by: User): Promise<string> {
  const base = slug(`${source.title}${source.date ? `-${source.date.slice(0, 4)}` : ''}`);
  const taken = await idsStartingWith(tx, base);
  let id = base;
  for (let i = 2; taken.has(id); i++) id = `${base}-${i}`;
  const node = nodeSchema.parse({
    kind: 'source',
    id,
    name: source.title,
    publisher: source.publisher,
    date: source.date,
    url: source.url,
    sourceKind: source.sourceKind,
  });
  const after = await writeNode(tx, node, 1, true);
  await recordChange(tx, { by, action: 'create', target: 'node', targetId: id, nodeIds: [id], before: null, after, comment: 'cited by a change' });
  return id;
}

/** Checks the sources a change cites and creates the new one it describes, if any; the ids of all of them. */
export async function cite(tx: Tx, citation: Citation, by: User): Promise<string[]> {
  const ids = [...citation.sources];
  const known = await knownSources(tx, ids);
  const missing = ids.filter((id) => !known.has(id));
  if (missing.length)
    throw badRequest(
      'The change cites unknown sources.',
      missing.map((id) => ({ field: 'body.sources', message: `"${id}" is not a known source` })),
    );
  if (citation.newSource) ids.push(await createSource(tx, citation.newSource, by));
  return ids;
}

/** The distinct values of some lists (absent ones count as empty). */
export const union = (...lists: unknown[]): string[] => [...new Set(lists.flatMap((l) => (Array.isArray(l) ? (l as string[]) : [])))];

/** The ends of some relationships: the nodes whose history shows a change to them. */
export const endsOf = (relationships: Row[]) => relationships.flatMap((r) => [r.from as string, r.to as string]);

/** A stored relationship's id. */
export const idOf = (r: Row) => relationshipId({ from: String(r.from), type: String(r.type), to: String(r.to), key: r.key as string | undefined });

/** What an edit answers: the record as written (null after a delete) and its history entry. */
export interface EditResult<T> {
  value: T;
  change: Change;
}
