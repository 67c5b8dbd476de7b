/**
 * A reviewed draft, as the curator sends it back: the source document, and each proposal accepted
 * or rejected (renamed, re-matched). Only the model: the UI shares these types.
 */
import { z } from 'zod';
import { idSchema, NODE_KINDS, RELATIONSHIP_TYPES, SOURCE_KINDS, type NodeKind, type RelationshipType } from './model.js';

export const draftSourceSchema = z.strictObject({
  id: idSchema.optional().describe('The new source’s id; made from the title when left out.'),
  title: z.string().trim().min(1).max(300),
  publisher: z.string().trim().min(1).max(300),
  date: z.iso.date().optional(),
  url: z.url().max(500).optional(),
  sourceKind: z.enum(SOURCE_KINDS).default('report'),
});
export type DraftSource = z.infer<typeof draftSourceSchema>;
/**
 * The source's metadata sent with the document to draft: the same fields, each optional (and no
 * default kind); the draft answers them back, so the review starts from them.
 */
export const draftSourceFieldsSchema = draftSourceSchema.partial().extend({ sourceKind: z.enum(SOURCE_KINDS).optional() });
export type DraftSourceFields = z.infer<typeof draftSourceFieldsSchema>;

const decision = z.enum(['accept', 'reject']).default('accept');
export const reviewedNodeSchema = z.strictObject({
  id: z.string().min(1).max(40),
  // The document is the draft's one source (`source` below): a node may not be another.
  kind: z.enum(NODE_KINDS).exclude(['source']),
  name: z.string().trim().min(1).max(300),
  aliases: z.array(z.string().max(300)).max(50).default([]),
  match: z.string().max(120).nullable(),
  newId: idSchema.optional().describe('For a new node: its id; made from the name when left out.'),
  fields: z.record(z.string(), z.union([z.string(), z.number()])).default({}),
  decision,
});
export const reviewedRelationshipSchema = z.strictObject({
  id: z.string().max(300).optional(),
  from: z.string().min(1).max(40),
  type: z.enum(RELATIONSHIP_TYPES),
  to: z.string().min(1).max(40),
  quote: z.string().max(1000),
  role: z.string().max(300).optional(),
  decision,
});
export const reviewedDraftSchema = z.strictObject({
  source: draftSourceSchema,
  nodes: z.array(reviewedNodeSchema).max(2000),
  relationships: z.array(reviewedRelationshipSchema).max(5000),
});
export type ReviewedDraft = z.infer<typeof reviewedDraftSchema>;

// The draft the API answers, before review.

/** Where the document names something: character offsets into its text. */
export interface Span {
  start: number;
  end: number;
}

/** An existing node a proposal may be, with the matcher's score and reason. */
export interface Candidate {
  id: string;
  name: string;
  score: number;
  reason: string;
}

/** What a document can propose: every kind of node but a source, which the document itself is. */
export type DraftNodeKind = Exclude<NodeKind, 'source'>;

export interface DraftNode {
  /** The proposal's id within the draft (`d3`, `f1`); relationships refer to it. */
  id: string;
  kind: DraftNodeKind;
  name: string;
  aliases: string[];
  /** The existing node it is, or null for a new node. */
  match: string | null;
  score: number;
  reason: string;
  ambiguous: boolean;
  candidates: Candidate[];
  /** The sentence or row that names it, verbatim. */
  quote: string;
  /** Where the document names it (character offsets into `text`). */
  spans: Span[];
  /** Model fields the document gives (orgKind, eventKind, dates, honorific, acronym, figure values …). */
  fields: Record<string, string | number>;
}

export interface DraftRelationship {
  id: string;
  from: string;
  type: RelationshipType;
  to: string;
  quote: string;
  role?: string;
}

export interface Draft {
  /** The source's metadata as the request gave it (empty when it gave none). */
  source: DraftSourceFields;
  text: string;
  nodes: DraftNode[];
  relationships: DraftRelationship[];
  problems: string[];
}
