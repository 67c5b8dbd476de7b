/**
 * Reconciliation (W3C Entity Reconciliation API 0.2, what OpenRefine speaks): a curator's list of
 * names matched to Spean's people and organisations, each candidate with a 0–100 score and
 * whether it is a sure match. Scores come from the duplicate detector's name comparison (accents,
 * honorifics, word order, romanisations of Khmer, acronyms, typos), so that reconciling a
 * spreadsheet and finding duplicates agree on what "the same name" means.
 */
import { z } from 'zod';
import { similarity, suggestDuplicates, nameWords, type DuplicateCandidate } from './duplicates.js';

export const RECONCILE_TYPES = [
  { id: 'person', name: 'Person' },
  { id: 'organisation', name: 'Organisation' },
] as const;
export type ReconcileType = (typeof RECONCILE_TYPES)[number]['id'];
const TYPE_IDS = RECONCILE_TYPES.map((t) => t.id) as [ReconcileType, ...ReconcileType[]];

export const reconcileQuerySchema = z.strictObject({
  query: z.string().trim().min(1, 'say what to reconcile').max(300),
  type: z.union([z.enum(TYPE_IDS), z.array(z.enum(TYPE_IDS)).min(1)]).optional(),
  limit: z.coerce.number().int().min(1).max(25).default(5),
  type_strict: z.enum(['any', 'all', 'should']).optional(),
  properties: z
    .array(z.object({ pid: z.string(), v: z.unknown() }))
    .max(20)
    .optional()
    .describe('Accepted; Spean matches on names only.'),
});
export type ReconcileQuery = z.infer<typeof reconcileQuerySchema>;

/** A batch: `{"q0": {...}, "q1": {...}}`, at most 100 queries. */
export const reconcileBatchSchema = z
  .record(z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, 'a query key such as q0'), reconcileQuerySchema)
  .refine((b) => Object.keys(b).length >= 1 && Object.keys(b).length <= 100, 'between 1 and 100 queries');

export const candidateSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().optional(),
  type: z.array(z.object({ id: z.string(), name: z.string() })),
  score: z.number(),
  match: z.boolean(),
});
export type Candidate = z.infer<typeof candidateSchema>;

export interface Found extends DuplicateCandidate {
  kind: ReconcileType;
  description?: string | null;
}

/** A sure match: as good as the same name, and clearly ahead of the next candidate. */
const SURE = 0.95;
const AHEAD = 0.1;

/** The query's score against one found node, 0–1: the duplicate detector's, else plain name likeness. */
function scoreOf(query: string, found: Found): number {
  const probe: DuplicateCandidate = { id: '\u0000query', kind: found.kind, name: query };
  const [pair] = suggestDuplicates([probe, found], [], 1, 0);
  // Without evidence the two are only as alike as their spelled words (at most half a match).
  return pair?.score ?? similarity(nameWords(query).join(' '), nameWords(found.name).join(' ')) * 0.5;
}

/** The candidates for a query, best first, with scores 0–100 and at most one sure match. */
export function rankCandidates(query: string, found: Found[], limit: number): Candidate[] {
  const type = (kind: ReconcileType) => [RECONCILE_TYPES.find((t) => t.id === kind)!];
  const scored = found.map((f) => ({ f, score: scoreOf(query, f) })).sort((a, b) => b.score - a.score || a.f.name.localeCompare(b.f.name));
  const sure = scored.length > 0 && scored[0]!.score >= SURE && (scored.length === 1 || scored[0]!.score - scored[1]!.score >= AHEAD);
  return scored.slice(0, limit).map(({ f, score }, i) => ({
    id: f.id,
    name: f.name,
    ...(f.description ? { description: f.description } : {}),
    type: type(f.kind),
    score: Math.round(score * 1000) / 10,
    match: sure && i === 0,
  }));
}

/** The kinds a query asks for (all reconcilable ones when it names none). */
export function typesOf(query: ReconcileQuery): ReconcileType[] {
  if (!query.type) return [...TYPE_IDS];
  return Array.isArray(query.type) ? query.type : [query.type];
}
