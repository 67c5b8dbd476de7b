/** What an import would do (a dry run) or did (a commit): declared once, for the API, its spec and the UI. */
import { z } from 'zod';
import { AppError } from './errors.js';
import { duplicateSuggestionSchema } from './responses.js';

const countSchema = z.object({ create: z.number().int(), update: z.number().int(), unchanged: z.number().int() });

export const rowProblemSchema = z.object({
  file: z.string(),
  line: z.number().int(),
  field: z.string(),
  message: z.string().describe('Why, in plain words: the value, what the column takes, a knock-on from another rejected row.'),
  value: z.string().optional().describe('What the cell holds.'),
  expected: z.string().optional().describe('What the column takes.'),
  didYouMean: z.string().optional().describe('The closest column name, allowed value or id.'),
});

/** What an update would change in one field: the stored value and the file's (null: not set). */
export const fieldChangeSchema = z.object({ field: z.string(), before: z.unknown(), after: z.unknown() });
export type FieldChange = z.infer<typeof fieldChangeSchema>;

export const importPlanSchema = z.object({
  files: z.array(z.object({ name: z.string(), sha256: z.string() })),
  rows: z.number().int(),
  nodes: countSchema,
  relationships: countSchema,
  examples: z.object({ create: z.array(z.string()), update: z.array(z.string()) }).describe('Up to 200 ids of each, for a person to check.'),
  likelyDuplicates: z
    .array(duplicateSuggestionSchema)
    .nullable()
    .describe(
      'Dry runs: new nodes that look like existing ones (or each other), to give the existing id instead, or merge after; null when the file creates too many to check.',
    ),
  updates: z
    .array(z.object({ id: z.string(), changes: z.array(fieldChangeSchema) }))
    .describe('Up to 200 updates, each with the fields it would change: the stored value and the value in the file (null: not set).'),
  rejected: z.array(rowProblemSchema),
  committed: z.boolean(),
});

export type ImportPlan = z.infer<typeof importPlanSchema>;

/**
 * A commit with rejected rows writes nothing. It answers like any bad input, a 400 problem whose
 * `errors` name each rejected cell (`files.<file>.<line>.<column>`), and it carries the whole plan
 * as extension members, so a client shows why exactly as it shows a dry run.
 */
export function rejectedPlan(plan: ImportPlan): AppError {
  const rows = new Set(plan.rejected.map((r) => `${r.file}:${r.line}`)).size;
  const errors = plan.rejected.map((r) => ({ field: `files.${r.file}.${r.line}.${r.field}`, message: r.message }));
  return new AppError(400, 'Bad Request', `${rows} ${rows === 1 ? 'row was' : 'rows were'} rejected, so nothing was written.`, errors, {}, plan);
}
