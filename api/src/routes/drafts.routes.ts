/** Drafts: a document in, proposed nodes and relationships out; a reviewed draft committed or downloaded. */
import multer from 'multer';
import { z } from 'zod';
import type { GraphDb } from '../db/graph-db.js';
import { NODE_KINDS, RELATIONSHIP_TYPES } from '../domain/model.js';
import { commitDraft, draftDocument, draftWorkbook } from '../drafts/drafting.js';
import { draftSourceFieldsSchema, reviewedDraftSchema } from '../domain/drafts.js';
import { DocumentRefused, DRAFT_LIMITS } from '../drafts/text.js';
import { defineOperation, type Operation } from '../http/operation.js';
import { AppError, badRequest } from '../domain/errors.js';
import { importPlanSchema, rejectedPlan } from '../domain/import-plan.js';

/** UTF-8 takes at most 4 bytes a character: a form field this long may still be within textChars. */
const TEXT_FIELD_BYTES = DRAFT_LIMITS.textChars * 4;
const upload = multer({
  storage: multer.memoryStorage(),
  limits: { fileSize: DRAFT_LIMITS.fileBytes, fieldSize: TEXT_FIELD_BYTES, files: 1, fields: 10, parts: 11 },
}).single('file');

/** multer's errors as problems: too large is 413, anything else about the upload is 400. */
const receive = (req: Parameters<typeof upload>[0], res: Parameters<typeof upload>[1], next: (e?: unknown) => void) =>
  upload(req, res, (error: unknown) => {
    if (!error) return next();
    const { code, field } = error as { code?: string; field?: string };
    if (code === 'LIMIT_FILE_SIZE') return next(documentProblem(new DocumentRefused(413, TOO_LARGE_FILE, 'fileBytes'), 'file'));
    // A form field that long can only be the text (metadata fields are short): over textChars, whatever its characters.
    if (code === 'LIMIT_FIELD_VALUE') return next(documentProblem(new DocumentRefused(413, tooLargeField(field), 'textChars'), 'text'));
    next(badRequest(`The upload could not be read: ${(error as Error).message}`, [{ field: 'file', message: (error as Error).message }]));
  });

const span = z.object({ start: z.number().int(), end: z.number().int() });
const draftSchema = z
  .object({
    source: draftSourceFieldsSchema.describe('The source’s metadata the request sent, answered back for the review to start from.'),
    text: z.string().describe('The document text that every quote and span refers to.'),
    nodes: z.array(
      z.object({
        id: z.string().describe('The proposal id within this draft; relationships refer to it.'),
        kind: z.enum(NODE_KINDS),
        name: z.string(),
        aliases: z.array(z.string()),
        match: z.string().nullable().describe('The existing node it is, or null for a new node.'),
        score: z.number(),
        reason: z.string(),
        ambiguous: z.boolean().describe('Several nodes fit, or one fits only by acronym: left for the curator.'),
        candidates: z.array(z.object({ id: z.string(), name: z.string(), score: z.number(), reason: z.string() })),
        quote: z.string().describe('The exact sentence or table row that names it.'),
        spans: z.array(span),
        fields: z.record(z.string(), z.union([z.string(), z.number()])),
      }),
    ),
    relationships: z.array(
      z.object({ id: z.string(), from: z.string(), type: z.enum(RELATIONSHIP_TYPES), to: z.string(), quote: z.string(), role: z.string().optional() }),
    ),
    problems: z.array(z.string()),
  })
  .meta({ id: 'Draft' });

const TOO_LARGE_FILE = `The file is larger than ${DRAFT_LIMITS.fileBytes / 1024 / 1024} MB (fileBytes).`;
const tooLargeField = (field = 'text') =>
  `The form field "${field}" is longer than ${TEXT_FIELD_BYTES.toLocaleString('en-GB')} bytes; the limit is ${DRAFT_LIMITS.textChars.toLocaleString('en-GB')} characters of text (textChars). Split the document and draft each part.`;

/** The document's text (or, in multipart, its file) and the source's metadata, as JSON or as form fields. */
const documentSchema = draftSourceFieldsSchema.extend({
  // Its length is checked by the use case, so that a long text is a 413 naming the limit, like a long file.
  text: z
    .string()
    .optional()
    .describe(`Pasted text, at most ${DRAFT_LIMITS.textChars.toLocaleString('en-GB')} characters; or send a \`file\` instead (multipart/form-data).`),
});
const uploadSchema = documentSchema.extend({
  file: z
    .string()
    .meta({ format: 'binary' })
    .optional()
    .describe(`A PDF, DOCX, HTML or plain-text file, at most ${DRAFT_LIMITS.fileBytes / 1024 / 1024} MB; or send \`text\` instead.`),
});

const TITLES = { 400: 'Bad Request', 413: 'Content Too Large', 415: 'Unsupported Media Type', 422: 'Unprocessable Content' } as const;

/** A refused document as a problem naming the cause; over a limit, also which (`limit`) and its value (`maximum`). */
function documentProblem(error: DocumentRefused, field: 'file' | 'text'): AppError {
  return new AppError(
    error.status,
    TITLES[error.status],
    error.message,
    [{ field, message: error.message }],
    {},
    error.limit ? { limit: error.limit, maximum: DRAFT_LIMITS[error.limit] } : {},
  );
}

const refused = (field: 'file' | 'text') => (error: unknown) => {
  throw error instanceof DocumentRefused ? documentProblem(error, field) : error;
};

export function draftOperations(db: GraphDb): Operation[] {
  return [
    defineOperation({
      method: 'post',
      path: '/api/drafts',
      tag: 'curation',
      access: 'edit',
      summary: 'A document (pasted text, or a PDF, DOCX, HTML or text file) as a sourced draft: proposed nodes and relationships',
      description: `JSON \`{text}\`, or multipart/form-data with \`file\` (a PDF, DOCX, HTML or text file), and either way the source's metadata (\`title\`, \`publisher\`, \`date\`, \`url\`, \`sourceKind\`, \`id\`) as fields, all optional here and answered back in \`source\` (POST /api/drafts/commit needs the title and publisher). Bounded: a file at most ${DRAFT_LIMITS.fileBytes / 1024 / 1024} MB, a DOCX at most ${DRAFT_LIMITS.unzippedBytes / 1024 / 1024} MB uncompressed, the text (pasted or the file's) at most ${DRAFT_LIMITS.textChars.toLocaleString('en-GB')} characters: over one, a 413 naming it in \`limit\` (and \`maximum\`). Answers the draft: people, organisations, events, places, initiatives and figures, each matched to an existing node (score and reason) or new, ambiguous ones flagged; relationships (SPOKE_AT, MODERATED, WORKS_FOR, ORGANISED, FUNDS, ATTENDED …), each with the exact sentence or row it came from. Nothing is written: review it, then POST /api/drafts/commit.`,
      body: documentSchema,
      upload: uploadSchema,
      middleware: [receive],
      problems: [413, 415, 422],
      response: draftSchema,
      handle: async ({ body: { text, ...source } }, _res, req) => {
        const file = req.file ? { name: req.file.originalname, data: req.file.buffer } : undefined;
        if (!file && !text?.trim())
          throw badRequest('Send the document as `text` or as a `file`; the text is empty.', [{ field: file ? 'file' : 'text', message: 'empty' }]);
        return draftDocument(db, { text, file, source }).catch(refused(file ? 'file' : 'text'));
      },
    }),
    defineOperation({
      method: 'post',
      path: '/api/drafts/commit',
      tag: 'curation',
      access: 'edit',
      summary: 'Commit a reviewed draft through the importer: all of it, or nothing',
      description:
        'The draft with each proposal accepted or rejected (and edited or re-matched), and the source document. Accepted new nodes and accepted relationships between accepted nodes are imported as one workbook, citing the source, with the importer’s validation and history; any bad row rejects all: a 400 problem whose `errors` name each rejected cell and which carries the plan.',
      body: reviewedDraftSchema,
      response: importPlanSchema,
      badRequestExtends: importPlanSchema,
      handle: async ({ body, viewer }) => {
        const plan = await commitDraft(db, body, viewer!.user);
        if (plan.rejected.length) throw rejectedPlan(plan);
        return plan;
      },
    }),
    defineOperation({
      method: 'post',
      path: '/api/drafts/workbook',
      tag: 'curation',
      access: 'edit',
      summary: 'A reviewed draft as the import workbook, to check or complete and import later',
      body: reviewedDraftSchema,
      response: z.string(),
      files: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      handle: async ({ body }, res) => {
        res
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .attachment('spean-draft.xlsx')
          .send(await draftWorkbook(db, body));
        return undefined;
      },
    }),
  ];
}
