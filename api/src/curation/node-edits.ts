/**
 * Curators' edits of nodes: create, update and delete, each in one write transaction together
 * with its history entry, refused (409 with the current state) when the version it holds is stale.
 */
import type { GraphDb, Row } from '../db/graph-db.js';
import type { User } from '../domain/accounts.js';
import { NODE_IDENTITY, type Citation } from '../domain/edits.js';
import { conflict } from '../domain/errors.js';
import { recordOf } from '../domain/ids.js';
import { nodeSchema } from '../domain/model.js';
import type { IfMatch } from '../domain/preconditions.js';
import { recordChange } from '../repositories/change.repository.js';
import { citationsOf, lockNode, relationshipsOf, removeNode } from '../repositories/network-write.repository.js';
import { checkFits, cite, currentNode, endsOf, keepIdentity, validate, writeNode, type EditResult } from './edit-steps.js';

export async function createNode(db: GraphDb, input: Row, citation: Citation, by: User): Promise<EditResult<Row>> {
  return db.writeTransaction(async (tx) => {
    const cited = await cite(tx, citation, by);
    const node = validate(nodeSchema, { ...input, sources: [...new Set([...((input.sources as string[]) ?? []), ...cited])] }, 'body.node');
    await checkFits(tx, [node], []);
    if (await lockNode(tx, node.id)) throw conflict(`A node with the id "${node.id}" exists already.`);
    const after = await writeNode(tx, node, 1, true);
    const change = await recordChange(tx, {
      by,
      action: 'create',
      target: 'node',
      targetId: node.id,
      nodeIds: [node.id],
      before: null,
      after,
      comment: citation.comment,
    });
    return { value: after, change };
  });
}

export async function updateNode(
  db: GraphDb,
  id: string,
  version: number,
  changes: Row,
  citation: Citation,
  by: User,
  ifMatch?: IfMatch,
): Promise<EditResult<Row>> {
  return db.writeTransaction(async (tx) => {
    const before = await currentNode(tx, id, version, ifMatch);
    keepIdentity(before, changes, NODE_IDENTITY, 'cannot change; create a new node and merge instead');
    const cited = await cite(tx, citation, by);
    // A change to null clears the field.
    const merged = recordOf({ ...recordOf(before), ...changes });
    const sources = (merged.sources as string[] | undefined) ?? [];
    const node = validate(nodeSchema, before.kind === 'source' ? merged : { ...merged, sources: [...new Set([...sources, ...cited])] }, 'body.changes');
    await checkFits(tx, [node], []);
    const after = await writeNode(tx, node, version + 1, false);
    const change = await recordChange(tx, { by, action: 'update', target: 'node', targetId: id, nodeIds: [id], before, after, comment: citation.comment });
    return { value: after, change };
  });
}

export async function deleteNode(db: GraphDb, id: string, version: number, citation: Citation, by: User, ifMatch?: IfMatch): Promise<EditResult<null>> {
  return db.writeTransaction(async (tx) => {
    const before = await currentNode(tx, id, version, ifMatch);
    await cite(tx, citation, by);
    if (before.kind === 'source' && (await citationsOf(tx, id)) > 0)
      throw conflict(`The source "${id}" is still cited; cite another source in those facts first.`);
    const relationships = await relationshipsOf(tx, id);
    await removeNode(tx, id);
    const snapshot = { node: before, relationships };
    const change = await recordChange(tx, {
      by,
      action: 'delete',
      target: 'node',
      targetId: id,
      nodeIds: [id, ...endsOf(relationships)],
      before: snapshot,
      after: null,
      comment: citation.comment,
    });
    return { value: null, change };
  });
}
