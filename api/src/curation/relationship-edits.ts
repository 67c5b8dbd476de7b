/**
 * Curators' edits of relationships: create, update and delete, each in one write transaction with
 * its history entry; a stale version is refused with the current state.
 */
import type { GraphDb, Row } from '../db/graph-db.js';
import type { User } from '../domain/accounts.js';
import { RELATIONSHIP_IDENTITY, type Citation } from '../domain/edits.js';
import { conflict } from '../domain/errors.js';
import { recordOf, relationshipId } from '../domain/ids.js';
import { relationshipSchema } from '../domain/model.js';
import type { IfMatch } from '../domain/preconditions.js';
import { recordChange } from '../repositories/change.repository.js';
import { lockEnds, readRelationship, removeRelationship } from '../repositories/network-write.repository.js';
import { checkFits, cite, currentRelationship, keepIdentity, union, validate, writeRelationship, type EditResult } from './edit-steps.js';

export async function createRelationship(db: GraphDb, input: Row, citation: Citation, by: User): Promise<EditResult<Row>> {
  return db.writeTransaction(async (tx) => {
    const cited = await cite(tx, citation, by);
    const rel = validate(relationshipSchema, { ...input, sources: union(input.sources, cited) }, 'body.relationship');
    await checkFits(tx, [], [rel]);
    const id = relationshipId(rel);
    // Both ends locked first, so that of two creators of the same relationship the second finds it.
    await lockEnds(tx, rel.from, rel.to);
    if (await readRelationship(tx, id)) throw conflict(`The relationship ${id} exists already; give the new one another key.`);
    const after = await writeRelationship(tx, rel, 1);
    const change = await recordChange(tx, {
      by,
      action: 'create',
      target: 'relationship',
      targetId: id,
      nodeIds: [rel.from, rel.to],
      before: null,
      after,
      comment: citation.comment,
    });
    return { value: after, change };
  });
}

export async function updateRelationship(
  db: GraphDb,
  id: string,
  version: number,
  changes: Row,
  citation: Citation,
  by: User,
  ifMatch?: IfMatch,
): Promise<EditResult<Row>> {
  return db.writeTransaction(async (tx) => {
    const before = await currentRelationship(tx, id, version, ifMatch);
    keepIdentity(before, changes, RELATIONSHIP_IDENTITY, 'identifies the relationship; delete it and create another');
    const cited = await cite(tx, citation, by);
    const merged = recordOf({ ...recordOf(before), ...changes });
    const rel = validate(relationshipSchema, { ...merged, sources: union(merged.sources, cited) }, 'body.changes');
    await checkFits(tx, [], [rel]);
    const after = await writeRelationship(tx, rel, version + 1);
    const change = await recordChange(tx, {
      by,
      action: 'update',
      target: 'relationship',
      targetId: id,
      nodeIds: [rel.from, rel.to],
      before,
      after,
      comment: citation.comment,
    });
    return { value: after, change };
  });
}

export async function deleteRelationship(db: GraphDb, id: string, version: number, citation: Citation, by: User, ifMatch?: IfMatch): Promise<EditResult<null>> {
  return db.writeTransaction(async (tx) => {
    const before = await currentRelationship(tx, id, version, ifMatch);
    await cite(tx, citation, by);
    await removeRelationship(tx, id);
    const change = await recordChange(tx, {
      by,
      action: 'delete',
      target: 'relationship',
      targetId: id,
      nodeIds: [before.from as string, before.to as string],
      before,
      after: null,
      comment: citation.comment,
    });
    return { value: null, change };
  });
}
