/**
 * Edits of the network by curators: what a create, update or delete must say. Every write cites
 * at least one source, an existing one or a new one described here; unknown fields are refused,
 * so no one sets a version, an author or a role by adding a field.
 */
import { z } from 'zod';
import { idSchema, isoDateSchema, SOURCE_KINDS, webUrlSchema } from './model.js';

export const newSourceSchema = z.strictObject({
  title: z.string().trim().min(1).max(300),
  publisher: z.string().trim().min(1).max(300),
  date: isoDateSchema.optional(),
  url: webUrlSchema.optional(),
  sourceKind: z.enum(SOURCE_KINDS).default('other'),
});
export type NewSource = z.infer<typeof newSourceSchema>;

/** Why a change is true (its sources) and, optionally, why it was made. */
const citation = {
  sources: z.array(idSchema).max(20).default([]).describe('Ids of existing source documents this change relies on.'),
  newSource: newSourceSchema.optional().describe('A source document not in the network yet; it is created with the change.'),
  comment: z.string().trim().max(1000).optional().describe('Why the change was made; kept in the history.'),
};
const cites = (c: { sources: string[]; newSource?: NewSource }) => c.sources.length > 0 || c.newSource !== undefined;
const CITE = { message: 'cite at least one source: an existing source id in `sources`, or a `newSource`', path: ['sources'] };

const version = z.number().int().min(0).describe('The version you read; a stale version is refused with 409 and the current state.');

/** A new node or relationship may carry its citation in its own `sources`. */
const citesItself = (item: Record<string, unknown>) => Array.isArray(item.sources) && item.sources.length > 0;

export const createNodeSchema = z.strictObject({ node: z.record(z.string(), z.unknown()), ...citation }).refine((b) => cites(b) || citesItself(b.node), CITE);
export const updateSchema = z
  .strictObject({ version, changes: z.record(z.string(), z.unknown()).refine((c) => Object.keys(c).length > 0, 'say what to change'), ...citation })
  .refine(cites, CITE);
export const deleteSchema = z.strictObject({ version, ...citation }).refine(cites, CITE);
export const createRelationshipSchema = z
  .strictObject({ relationship: z.record(z.string(), z.unknown()), ...citation })
  .refine((b) => cites(b) || citesItself(b.relationship), CITE);
export const mergeSchema = z
  .strictObject({
    survivor: idSchema.describe('The node that stays, under its id.'),
    duplicate: idSchema.describe('The node merged into the survivor and removed; its name becomes an alias.'),
    versions: z.strictObject({ survivor: version, duplicate: version }),
    ...citation,
  })
  .refine(cites, CITE)
  .refine((b) => b.survivor !== b.duplicate, { message: 'a node cannot be merged into itself', path: ['duplicate'] });
export const revertSchema = z.strictObject({ comment: z.string().trim().max(1000).optional() });

export type Citation = { sources: string[]; newSource?: NewSource; comment?: string };

/** Fields that identify a node or relationship and never change by update. */
export const NODE_IDENTITY = ['id', 'kind'] as const;
export const RELATIONSHIP_IDENTITY = ['from', 'type', 'to', 'key'] as const;

export const CHANGE_ACTIONS = ['create', 'update', 'delete', 'revert', 'merge', 'import'] as const;
export const changeSchema = z.object({
  id: z.string(),
  at: z.string(),
  by: z.string(),
  byName: z.string(),
  action: z.enum(CHANGE_ACTIONS),
  target: z.enum(['node', 'relationship', 'network']),
  targetId: z.string(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  comment: z.string().nullable(),
  revertOf: z.string().nullable(),
  revertedBy: z.string().nullable(),
});
export type Change = z.infer<typeof changeSchema>;
