/** Curators' writes: nodes and relationships, each citing a source, versioned, with history and revert. */
import { z } from 'zod';
import { changeSchema, createNodeSchema, createRelationshipSchema, deleteSchema, revertSchema, updateSchema } from '../domain/edits.js';
import { idSchema } from '../domain/model.js';
import { defineOperation, type Operation } from '../http/operation.js';
import { notFound } from '../domain/errors.js';
import type { GraphDb } from '../db/graph-db.js';
import { createNode, deleteNode, updateNode } from '../curation/node-edits.js';
import { createRelationship, deleteRelationship, updateRelationship } from '../curation/relationship-edits.js';
import { revertChange } from '../curation/revert.js';
import { relationshipIdSchema } from '../domain/ids.js';
import { ifMatchSchema, parseIfMatch } from '../domain/preconditions.js';
import type { ChangeRepository } from '../repositories/change.repository.js';

const idParams = z.strictObject({ id: idSchema });
const relationshipParams = z.strictObject({ id: relationshipIdSchema });
const written = z.object({ value: z.record(z.string(), z.unknown()).nullable(), change: changeSchema });
const WRITE_PROBLEMS = [404, 409];
/** PATCH and DELETE also take If-Match: a stale version named there is a 412. */
const conditional = { headers: z.object({ 'if-match': ifMatchSchema }), problems: [...WRITE_PROBLEMS, 412] };
const ifMatchOf = (headers: Record<string, unknown>) => parseIfMatch(headers['if-match'] as string | undefined);

export function editOperations(db: GraphDb, history: ChangeRepository): Operation[] {
  const write = { tag: 'curation', access: 'edit' as const, response: written, problems: WRITE_PROBLEMS };
  return [
    defineOperation({
      ...write,
      method: 'post',
      status: 201,
      path: '/api/nodes',
      summary: 'Create a node of any kind, citing a source',
      description:
        'The node is validated by the same zod schema as the seed and the importer; `node.sources` and the citation together must name at least one source.',
      body: createNodeSchema,
      handle: async ({ body, viewer }, res) => {
        const { node, ...citation } = body;
        res.status(201);
        return createNode(db, node, citation, viewer!.user);
      },
    }),
    defineOperation({
      ...write,
      method: 'patch',
      path: '/api/nodes/:id',
      summary: 'Change some fields of a node; refused with 409 and the current state when `version` is stale',
      ...conditional,
      params: idParams,
      body: updateSchema,
      handle: async ({ params, headers, body, viewer }) => {
        const { version, changes, ...citation } = body;
        return updateNode(db, params.id, version, changes, citation, viewer!.user, ifMatchOf(headers));
      },
    }),
    defineOperation({
      ...write,
      method: 'delete',
      path: '/api/nodes/:id',
      summary: 'Delete a node and its relationships (an admin can restore them from the history)',
      ...conditional,
      params: idParams,
      body: deleteSchema,
      handle: async ({ params, headers, body, viewer }) => {
        const { version, ...citation } = body;
        return deleteNode(db, params.id, version, citation, viewer!.user, ifMatchOf(headers));
      },
    }),
    defineOperation({
      ...write,
      method: 'post',
      status: 201,
      path: '/api/relationships',
      summary: 'Create a relationship, with how sure we are (confidence) and when it held',
      body: createRelationshipSchema,
      handle: async ({ body, viewer }, res) => {
        const { relationship, ...citation } = body;
        res.status(201);
        return createRelationship(db, relationship, citation, viewer!.user);
      },
    }),
    defineOperation({
      ...write,
      method: 'patch',
      path: '/api/relationships/:id',
      summary: 'Change a relationship (id: from|TYPE|to|key); 409 with the current state when `version` is stale',
      ...conditional,
      params: relationshipParams,
      body: updateSchema,
      handle: async ({ params, headers, body, viewer }) => {
        const { version, changes, ...citation } = body;
        return updateRelationship(db, params.id, version, changes, citation, viewer!.user, ifMatchOf(headers));
      },
    }),
    defineOperation({
      ...write,
      method: 'delete',
      path: '/api/relationships/:id',
      summary: 'Delete a relationship (restorable from the history)',
      ...conditional,
      params: relationshipParams,
      body: deleteSchema,
      handle: async ({ params, headers, body, viewer }) => {
        const { version, ...citation } = body;
        return deleteRelationship(db, params.id, version, citation, viewer!.user, ifMatchOf(headers));
      },
    }),
    defineOperation({
      method: 'get',
      path: '/api/nodes/:id/history',
      // Before and after name people, those marked not public too: signed-in users only.
      access: 'account',
      tag: 'curation',
      summary: "A node's history: every change to it and its relationships, newest first",
      params: idParams,
      response: z.object({ items: z.array(changeSchema) }),
      handle: async ({ params }) => ({ items: await history.history(params.id) }),
    }),
    defineOperation({
      ...write,
      method: 'post',
      path: '/api/changes/:id/revert',
      access: 'admin',
      summary: 'Undo a change (restores what a delete removed); recorded as a change itself',
      params: z.strictObject({ id: z.uuid() }),
      body: revertSchema,
      handle: async ({ params, body, viewer }) => {
        if (!(await history.change(params.id))) throw notFound(`The change "${params.id}"`);
        return revertChange(db, params.id, viewer!.user, body.comment);
      },
    }),
  ];
}
