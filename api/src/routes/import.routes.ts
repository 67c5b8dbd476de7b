/** Spreadsheets in: a dry run by default, a commit on request; and the template to start from. */
import multer from 'multer';
import { z } from 'zod';
import type { GraphDb } from '../db/graph-db.js';
import { importPlanSchema, rejectedPlan } from '../domain/import-plan.js';
import { defineOperation, type Operation } from '../http/operation.js';
import { AppError, badRequest } from '../domain/errors.js';
import { importFiles } from '../curation/import.js';
import { templateWorkbook } from '../spreadsheets/import-template.js';
import { UPLOAD_LIMITS, UploadRejected } from '../spreadsheets/upload-limits.js';

export const IMPORT_LIMITS = { fileBytes: 50 * 1024 * 1024, files: 20, requestBytes: 100 * 1024 * 1024 };

const upload = multer({
  storage: multer.memoryStorage(),
  limits: { fileSize: IMPORT_LIMITS.fileBytes, files: IMPORT_LIMITS.files, fields: 5, parts: IMPORT_LIMITS.files + 5 },
}).array('files', IMPORT_LIMITS.files);

const tooLarge = (message: string, limit: string) => new AppError(413, 'Content Too Large', message, [{ field: 'files', message }], {}, { limit });

/**
 * multer's errors as problems: too large is 413, anything else about the upload is 400. A request
 * that says it is larger than all files may be together is refused before it is read.
 */
const receive = (req: Parameters<typeof upload>[0], res: Parameters<typeof upload>[1], next: (e?: unknown) => void) => {
  if (Number(req.headers['content-length'] ?? 0) > IMPORT_LIMITS.requestBytes) {
    return next(tooLarge(`The upload is larger than ${IMPORT_LIMITS.requestBytes / 1024 / 1024} MB in all.`, 'requestBytes'));
  }
  return upload(req, res, (error: unknown) => {
    if (!error) return next();
    const code = (error as { code?: string }).code;
    if (code === 'LIMIT_FILE_SIZE') return next(tooLarge(`A file is larger than ${IMPORT_LIMITS.fileBytes / 1024 / 1024} MB.`, 'fileBytes'));
    next(badRequest(`The upload could not be read: ${(error as Error).message}`, [{ field: 'files', message: (error as Error).message }]));
  });
};

/** A file refused as a whole (over a limit, not a workbook) as a problem naming the file and the limit. */
function uploadProblem(error: unknown): never {
  if (!(error instanceof UploadRejected)) throw error;
  const title = error.status === 413 ? 'Content Too Large' : 'Bad Request';
  throw new AppError(
    error.status,
    title,
    error.message,
    [{ field: `files.${error.file}`, message: error.message }],
    {},
    error.limit ? { limit: error.limit, maximum: UPLOAD_LIMITS[error.limit] } : {},
  );
}

export function importOperations(db: GraphDb): Operation[] {
  return [
    defineOperation({
      method: 'post',
      path: '/api/import',
      tag: 'curation',
      access: 'edit',
      summary: 'Import CSV files or an XLSX workbook: a dry run unless commit=true',
      description:
        'multipart/form-data with `files`: `<collection>.csv` tables (organisations, people, events, initiatives, places, topics, sources, figures) and `relationships.csv`, or one .xlsx with sheets of those names — the format of `seed/` (see /api/import/template.xlsx and seed/README.md). The dry run lists what would be created and updated (with each changed field before and after), new nodes that look like existing ones (to merge rather than create), and every rejected row (file, line, column, value, what was expected, did you mean). A commit writes everything in one transaction, or, when anything is rejected, nothing: a 400 problem whose `errors` name each rejected cell and which carries the same plan. Uploads are bounded before they are read: 100 MB a request, 50 MB a file, 200,000 rows, 64 columns, 32,767 characters a cell, 200 MB uncompressed for an XLSX (413 naming the `limit`); a damaged workbook, formula cells and external links are a 400.',
      query: z.strictObject({
        commit: z
          .enum(['true', 'false'])
          .default('false')
          .transform((v) => v === 'true'),
      }),
      middleware: [receive],
      upload: z.object({
        files: z
          .array(z.string().meta({ format: 'binary' }))
          .min(1)
          .max(IMPORT_LIMITS.files)
          .describe('`<collection>.csv` files and `relationships.csv`, or one .xlsx workbook.'),
      }),
      problems: [413],
      response: importPlanSchema,
      badRequestExtends: importPlanSchema,
      handle: async ({ query, viewer }, _res, req) => {
        const files = ((req.files as Express.Multer.File[] | undefined) ?? []).map((f) => ({ name: f.originalname, data: f.buffer }));
        if (!files.length) throw badRequest('Attach at least one .csv or .xlsx file as `files`.', [{ field: 'files', message: 'no file' }]);
        const plan = await importFiles(db, files, query.commit, viewer!.user).catch(uploadProblem);
        if (query.commit && plan.rejected.length) throw rejectedPlan(plan);
        return plan;
      },
    }),
    defineOperation({
      method: 'get',
      path: '/api/import/template.xlsx',
      tag: 'curation',
      readsNetwork: false,
      summary: 'A workbook to fill in and import: instructions with an example row of each table, a sheet per table with dropdowns of the allowed values',
      response: z.string(),
      files: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
      filesOnly: true,
      handle: async (_input, res) => {
        res
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .attachment('spean-import-template.xlsx')
          .send(await templateWorkbook());
        return undefined;
      },
    }),
  ];
}
