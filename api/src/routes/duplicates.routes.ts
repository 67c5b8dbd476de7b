/** Likely duplicates with their evidence, and merging two nodes into one (an undoable change). */
import { z } from 'zod';
import { changeSchema, mergeSchema } from '../domain/edits.js';
import { pairKey, suggestDuplicates, type DuplicateSuggestion } from '../domain/duplicates.js';
import { idSchema, nodeKindSchema } from '../domain/model.js';
import { notFound } from '../domain/errors.js';
import { duplicateSuggestionSchema } from '../domain/responses.js';
import { defineOperation, type Operation } from '../http/operation.js';
import { VersionedCache } from '../lib/versioned-cache.js';
import type { DuplicateRepository } from '../repositories/duplicate.repository.js';
import type { GraphDb } from '../db/graph-db.js';
import { mergeNodes } from '../curation/merge.js';

const MAX_SUGGESTIONS = 500;

const dismissalSchema = z.strictObject({ a: idSchema, b: idSchema }).refine((d) => d.a !== d.b, { message: 'two different nodes', path: ['b'] });

export function duplicateOperations(db: GraphDb, duplicates: DuplicateRepository, graphVersion: () => Promise<number>): Operation[] {
  // Comparing every name is the expensive part: once per kind until the graph changes.
  const suggestions = new VersionedCache<DuplicateSuggestion[]>(graphVersion);
  return [
    defineOperation({
      method: 'get',
      path: '/api/duplicates',
      access: 'edit',
      tag: 'curation',
      summary: 'Likely duplicates: pairs of one kind with a score and the evidence',
      description:
        'Evidence: marked as POSSIBLE_DUPLICATE (by a source or a curator), the same name but for case, accents, punctuation or titles, the same names in another order, names that sound alike (another romanisation, or Khmer script), a shared alias, a shared acronym, a likely typo.',
      query: z.strictObject({
        kind: nodeKindSchema.optional(),
        minScore: z.coerce.number().min(0).max(1).default(0.5),
        limit: z.coerce.number().int().min(1).max(MAX_SUGGESTIONS).default(100),
      }),
      response: z.object({ items: z.array(duplicateSuggestionSchema) }),
      handle: async ({ query }) => {
        const [{ value }, dismissed] = await Promise.all([
          suggestions.get(query.kind ?? '*', async () => {
            const [candidates, marked] = await Promise.all([duplicates.candidates(query.kind && [query.kind]), duplicates.marked()]);
            return suggestDuplicates(candidates, marked, MAX_SUGGESTIONS, 0);
          }),
          duplicates.dismissed(),
        ]);
        const open = value.filter((s) => s.score >= query.minScore && !dismissed.has(pairKey(s.a.id, s.b.id)));
        return { items: open.slice(0, query.limit) };
      },
    }),
    defineOperation({
      method: 'post',
      status: 201,
      path: '/api/duplicates/dismissals',
      access: 'edit',
      tag: 'curation',
      summary: 'Record that two suggested nodes are different: the pair is not suggested again',
      body: dismissalSchema,
      problems: [404],
      response: dismissalSchema,
      handle: async ({ body, viewer }, res) => {
        if (!(await duplicates.dismiss(body.a, body.b, viewer!.user))) throw notFound(`The nodes "${body.a}" and "${body.b}"`);
        res.status(201);
        return body;
      },
    }),
    defineOperation({
      method: 'post',
      path: '/api/merges',
      access: 'edit',
      tag: 'curation',
      summary: 'Merge a duplicate into the node that stays; an admin can undo it by reverting the change',
      description:
        "The duplicate's relationships move to the survivor (joining one it has already), its name and aliases become aliases, its sources and the properties the survivor lacks are added, its history shows on the survivor's page, and it is removed. Both versions must be current (409 otherwise).",
      body: mergeSchema,
      problems: [404, 409],
      response: z.object({ value: z.record(z.string(), z.unknown()), change: changeSchema }),
      handle: async ({ body, viewer }) => {
        const { survivor, duplicate, versions, ...citation } = body;
        return mergeNodes(db, { survivor, duplicate, versions }, citation, viewer!.user);
      },
    }),
  ];
}
