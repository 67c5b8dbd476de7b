/**
 * Merging duplicates, as one change that a revert undoes whole: the duplicate's relationships
 * move to the survivor (joining the same relationship where it has one, sources united), its
 * name and aliases become aliases, its sources and the properties the survivor lacks join the
 * survivor, its history shows on the survivor's page; then it is removed.
 */
import type { GraphDb, Row, Tx } from '../db/graph-db.js';
import type { User } from '../domain/accounts.js';
import type { Change, Citation } from '../domain/edits.js';
import { badRequest, conflict } from '../domain/errors.js';
import { recordOf } from '../domain/ids.js';
import { nodeSchema, relationshipSchema } from '../domain/model.js';
import { recordChange, showHistoryOn, stopShowingHistory } from '../repositories/change.repository.js';
import { lockNode, lockRelationship, readRelationship, relationshipsOf, removeNode, removeRelationship } from '../repositories/network-write.repository.js';
import { cite, currentNode, endsOf, idOf, union, writeNode, writeRelationship, type EditResult } from './edit-steps.js';

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

const IDENTITY = ['id', 'kind', 'name', 'aliases'];

export async function mergeNodes(db: GraphDb, request: MergeRequest, citation: Citation, by: User): Promise<EditResult<Row>> {
  const { survivor: survivorId, duplicate: duplicateId, versions } = request;
  return db.writeTransaction(async (tx) => {
    const survivor = await currentNode(tx, survivorId, versions.survivor);
    const duplicate = await currentNode(tx, duplicateId, versions.duplicate);
    if (survivor.kind !== duplicate.kind) {
      throw badRequest('Only nodes of one kind merge.', [{ field: 'body.duplicate', message: `a ${duplicate.kind} cannot merge into a ${survivor.kind}` }]);
    }
    const cited = await cite(tx, citation, by);
    const relationships = await relationshipsOf(tx, duplicateId);
    const moved: MovedRelationship[] = [];
    for (const rel of relationships) {
      const target = { ...rel, from: rel.from === duplicateId ? survivorId : rel.from, to: rel.to === duplicateId ? survivorId : rel.to };
      // A relationship between the two (POSSIBLE_DUPLICATE, say) has no meaning once they are one.
      if (target.from === target.to) continue;
      const existing = await lockRelationship(tx, idOf(target));
      const joined = existing ? { ...recordOf(target), ...recordOf(existing), sources: union(existing.sources, rel.sources) } : recordOf(target);
      await writeRelationship(tx, relationshipSchema.parse(joined), ((existing?.version as number | undefined) ?? 0) + 1);
      moved.push({ id: idOf(target), before: existing ?? null });
    }
    const names = union(survivor.aliases, [duplicate.name as string], duplicate.aliases).filter((n) => n !== survivor.name);
    // The survivor's properties win; the duplicate fills in what it lacks (but not its identity).
    const lacking = Object.fromEntries(Object.entries(recordOf(duplicate)).filter(([key]) => !IDENTITY.includes(key)));
    const node = { ...lacking, ...recordOf(survivor), aliases: names, sources: union(survivor.sources, duplicate.sources, cited) };
    // A person not public stays so: their name, now an alias, must not reach visitors through the survivor.
    if (survivor.public === false || duplicate.public === false) Object.assign(node, { public: false });
    await removeNode(tx, duplicateId);
    const after = await writeNode(tx, nodeSchema.parse(node), versions.survivor + 1, false);
    const history = await showHistoryOn(tx, duplicateId, survivorId);
    const snapshot: MergeSnapshot = { survivor, duplicate, relationships, moved, history };
    const nodeIds = [survivorId, duplicateId, ...endsOf(relationships)];
    const change = await recordChange(tx, {
      by,
      action: 'merge',
      target: 'node',
      targetId: survivorId,
      nodeIds,
      before: snapshot,
      after,
      comment: citation.comment,
    });
    return { value: after, change };
  });
}

/** Undoes a merge inside a revert: the duplicate comes back with its relationships; the survivor is as it was. */
export async function undoMerge(tx: Tx, original: Change): Promise<{ before: Row; after: Row }> {
  const snapshot = original.before as MergeSnapshot;
  const survivorId = original.targetId;
  const duplicateId = snapshot.duplicate.id as string;
  const current = await currentNode(tx, survivorId, (original.after as Row).version as number);
  if (await lockNode(tx, duplicateId)) throw conflict(`A node "${duplicateId}" exists again; the merge cannot be undone over it.`);
  for (const { id, before } of snapshot.moved) {
    const now = await readRelationship(tx, id);
    const expected = ((before?.version as number | undefined) ?? 0) + 1;
    if (now && now.version !== expected) throw conflict(`The relationship ${id} changed since the merge; undo that change first.`, { current: now });
    if (!before) await removeRelationship(tx, id);
    else await writeRelationship(tx, relationshipSchema.parse(recordOf(before)), expected + 1);
  }
  const survivor = await writeNode(tx, nodeSchema.parse(recordOf(snapshot.survivor)), (current.version as number) + 1, false);
  await writeNode(tx, nodeSchema.parse(recordOf(snapshot.duplicate)), ((snapshot.duplicate.version as number) ?? 0) + 1, true);
  for (const r of snapshot.relationships) await writeRelationship(tx, relationshipSchema.parse(recordOf(r)), ((r.version as number) ?? 0) + 1);
  await stopShowingHistory(tx, snapshot.history, survivorId);
  return { before: current, after: survivor };
}
