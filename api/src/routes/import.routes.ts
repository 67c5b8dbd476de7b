/** Spreadsheets in: a dry run by default, a commit on request; and the template to start from. */
import multer from 'multer';
import { z } from 'zod';
import type { GraphDb } from '../db/graph-db.js';
import { NODE_KINDS, COLLECTION_OF } from '../domain/model.js';
import { duplicateSuggestionSchema } from '../domain/responses.js';
import { defineOperation, type Operation } from '../http/operation.js';
import { AppError, badRequest } from '../http/problem.js';
import { importFiles } from '../loader/importer.js';
import { columnsOf, RELATIONSHIPS_TABLE } from '../loader/tabular.js';
import { writeWorkbook } from '../loader/workbook.js';

export const IMPORT_LIMITS = { fileBytes: 50 * 1024 * 1024, files: 20 };

const upload = multer({
  storage: multer.memoryStorage(),
  limits: { fileSize: IMPORT_LIMITS.fileBytes, files: IMPORT_LIMITS.files, fields: 5, parts: IMPORT_LIMITS.files + 5 },
}).array('files', IMPORT_LIMITS.files);

/** multer's errors as problems: too large is 413, anything else about the upload is 400. */
const receive = (req: Parameters<typeof upload>[0], res: Parameters<typeof upload>[1], next: (e?: unknown) => void) =>
  upload(req, res, (error: unknown) => {
    if (!error) return next();
    const code = (error as { code?: string }).code;
    if (code === 'LIMIT_FILE_SIZE') return next(new AppError(413, 'Content Too Large', `A file is larger than ${IMPORT_LIMITS.fileBytes / 1024 / 1024} MB.`));
    next(badRequest(`The upload could not be read: ${(error as Error).message}`, [{ field: 'files', message: (error as Error).message }]));
  });

const countSchema = z.object({ create: z.number().int(), update: z.number().int(), unchanged: z.number().int() });
const planSchema = z.object({
  files: z.array(z.object({ name: z.string(), sha256: z.string() })),
  rows: z.number().int(),
  nodes: countSchema,
  relationships: countSchema,
  examples: z.object({ create: z.array(z.string()), update: z.array(z.string()) }),
  likelyDuplicates: z.array(duplicateSuggestionSchema).nullable().describe('Dry runs: new nodes that look like existing ones (or each other); null when the file creates too many to check.'),
  rejected: z.array(z.object({ file: z.string(), line: z.number().int(), field: z.string(), message: z.string() })),
  committed: z.boolean(),
});

export function importOperations(db: GraphDb): Operation[] {
  return [
    defineOperation({
      method: 'post',
      path: '/api/import',
      tag: 'curation',
      access: 'edit',
      summary: 'Import CSV files or an XLSX workbook: a dry run unless commit=true',
      description:
        'multipart/form-data with `files`: `<collection>.csv` tables (organisations, people, events, initiatives, places, topics, sources, figures) and `relationships.csv`, or one .xlsx with sheets of those names — the format of `seed/` (see /api/import/template.xlsx and seed/README.md). The dry run lists what would be created and updated, new nodes that look like existing ones (to merge rather than create), and every rejected row (file, line, column, why). A commit writes everything in one transaction, or, when anything is rejected, nothing (400 with the same plan).',
      query: z.strictObject({ commit: z.enum(['true', 'false']).default('false').transform((v) => v === 'true') }),
      middleware: [receive],
      upload: z.object({
        files: z.array(z.string().meta({ format: 'binary' })).min(1).max(IMPORT_LIMITS.files).describe('`<collection>.csv` files and `relationships.csv`, or one .xlsx workbook.'),
      }),
      problems: [413],
      response: planSchema,
      handle: async ({ query, viewer }, res, req) => {
        const files = ((req.files as Express.Multer.File[] | undefined) ?? []).map((f) => ({ name: f.originalname, data: f.buffer }));
        if (!files.length) throw badRequest('Attach at least one .csv or .xlsx file as `files`.', [{ field: 'files', message: 'no file' }]);
        const plan = await importFiles(db, files, query.commit, viewer!.user);
        if (query.commit && plan.rejected.length) res.status(400);
        return plan;
      },
    }),
    defineOperation({
      method: 'get',
      path: '/api/import/template.xlsx',
      tag: 'curation',
      summary: 'An empty workbook with a sheet per table and its columns, to fill in and import',
      response: z.string(),
      files: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      filesOnly: true,
      handle: async (_input, res) => {
        const sheets = [...NODE_KINDS.map((kind) => ({ name: COLLECTION_OF[kind], columns: columnsOf(kind), rows: [] })), { name: RELATIONSHIPS_TABLE, columns: columnsOf('relationships'), rows: [] }];
        res
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .attachment('spean-import-template.xlsx')
          .send(await writeWorkbook(sheets));
        return undefined;
      },
    }),
  ];
}
