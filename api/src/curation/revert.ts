/**
 * Undoing a change, as a new change: an update goes back to its before state, a create is
 * removed, a delete restored (with the relationships whose other end still exists), a merge
 * undone whole. Refused (409) when the target changed since, or when the change was undone already.
 */
import type { GraphDb, Row, Tx } from '../db/graph-db.js';
import type { User } from '../domain/accounts.js';
import type { Change } from '../domain/edits.js';
import { conflict, notFound } from '../domain/errors.js';
import { recordOf } from '../domain/ids.js';
import { nodeSchema, relationshipSchema } from '../domain/model.js';
import { lockChange, markReverted, nodeIdsOf, readChange, recordChange } from '../repositories/change.repository.js';
import { lockEnds, lockNode, lockRelationship, removeNode, removeRelationship } from '../repositories/network-write.repository.js';
import { checkFits, currentNode, currentRelationship, writeNode, writeRelationship, type EditResult } from './edit-steps.js';
import { undoMerge } from './merge.js';

type Undone = { before: unknown; after: Row | null };

const createdIt = (original: Change) => original.action === 'create' || (original.action === 'revert' && !original.before);

async function undoNodeChange(tx: Tx, original: Change): Promise<Undone> {
  const before = original.before as Row | null;
  const expected = ((original.after as Row | null)?.version as number | undefined) ?? 0;
  if (createdIt(original)) {
    const current = await currentNode(tx, original.targetId, expected);
    await removeNode(tx, original.targetId);
    return { before: current, after: null };
  }
  if (original.action === 'delete') {
    const snapshot = before as { node: Row; relationships: Row[] };
    if (await lockNode(tx, original.targetId)) throw conflict(`A node "${original.targetId}" exists again; it cannot be restored over it.`);
    const restored = await writeNode(tx, nodeSchema.parse(recordOf(snapshot.node)), ((snapshot.node.version as number) ?? 0) + 1, true);
    for (const r of snapshot.relationships) {
      if (await lockEnds(tx, r.from as string, r.to as string))
        await writeRelationship(tx, relationshipSchema.parse(recordOf(r)), ((r.version as number) ?? 0) + 1);
    }
    return { before: null, after: restored };
  }
  const current = await currentNode(tx, original.targetId, expected);
  return { before: current, after: await writeNode(tx, nodeSchema.parse(recordOf(before ?? {})), expected + 1, false) };
}

async function undoRelationshipChange(tx: Tx, original: Change): Promise<Undone> {
  const before = original.before as Row | null;
  const expected = ((original.after as Row | null)?.version as number | undefined) ?? 0;
  if (createdIt(original)) {
    const current = await currentRelationship(tx, original.targetId, expected);
    await removeRelationship(tx, original.targetId);
    return { before: current, after: null };
  }
  if (original.action === 'delete') {
    const rel = relationshipSchema.parse(recordOf(before!));
    await lockEnds(tx, rel.from, rel.to);
    if (await lockRelationship(tx, original.targetId)) throw conflict(`The relationship ${original.targetId} exists again.`);
    await checkFits(tx, [], [rel]);
    return { before: null, after: await writeRelationship(tx, rel, ((before!.version as number) ?? 0) + 1) };
  }
  const current = await currentRelationship(tx, original.targetId, expected);
  return { before: current, after: await writeRelationship(tx, relationshipSchema.parse(recordOf(before!)), expected + 1) };
}

export async function revertChange(db: GraphDb, changeId: string, by: User, comment?: string): Promise<EditResult<Row | null>> {
  return db.writeTransaction(async (tx) => {
    // Locked: of two admins undoing the same change, the second finds it undone.
    const original = await lockChange(tx, changeId);
    if (!original) throw notFound(`The change "${changeId}"`);
    if (original.revertedBy) throw conflict(`The change was reverted already by ${original.revertedBy}.`);
    if (original.revertOf && (await readChange(tx, original.revertOf))?.action === 'merge')
      throw conflict('This undid a merge; merge the two nodes again instead.');
    const undone =
      original.action === 'merge'
        ? await undoMerge(tx, original)
        : original.target === 'node'
          ? await undoNodeChange(tx, original)
          : await undoRelationshipChange(tx, original);
    const change = await recordChange(tx, {
      by,
      action: 'revert',
      target: original.target,
      targetId: original.targetId,
      nodeIds: await nodeIdsOf(tx, changeId),
      before: undone.before,
      after: undone.after,
      comment: comment ?? null,
      revertOf: changeId,
    });
    await markReverted(tx, changeId, change.id);
    return { value: undone.after, change };
  });
}
