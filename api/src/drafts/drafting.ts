/**
 * The drafting use cases: a document (text or file) to a draft against the network's names, and a
 * reviewed draft committed through the spreadsheet importer (same validation, history, and
 * all-or-nothing) or written out as the import workbook. Nothing is written until a commit.
 */
import type { GraphDb } from '../db/graph-db.js';
import type { User } from '../domain/accounts.js';
import { importFiles } from '../curation/import.js';
import type { ImportPlan } from '../domain/import-plan.js';
import { writeWorkbook } from '../spreadsheets/workbook.js';
import { DraftRepository } from '../repositories/draft.repository.js';
import { DuplicateRepository } from '../repositories/duplicate.repository.js';
import { buildDraft, type Draft } from './draft.js';
import type { DraftSourceFields, ReviewedDraft } from '../domain/drafts.js';
import { draftSheets, idBases } from './tables.js';
import { checkTextLength, documentText, normaliseText, type DocumentFile } from './text.js';

/**
 * The draft of pasted text or an uploaded file, carrying back the source's metadata sent with it;
 * a text over DRAFT_LIMITS is refused before the network is read.
 */
export async function draftDocument(db: GraphDb, input: { text?: string; file?: DocumentFile; source?: DraftSourceFields }): Promise<Draft> {
  const text = input.file ? await documentText(input.file) : normaliseText(input.text ?? '');
  if (!input.file) checkTextLength(text, 'The pasted text');
  const network = await new DuplicateRepository(db).candidates();
  return buildDraft(text, network, input.source);
}

/** The reviewed draft as the import workbook (the same file the importer reads). */
export async function draftWorkbook(db: GraphDb, draft: ReviewedDraft): Promise<Buffer> {
  const taken = await new DraftRepository(db).takenIds(idBases(draft));
  return writeWorkbook(draftSheets(draft, taken));
}

/** Commits a reviewed draft through the importer: all of it, or (any row rejected) nothing. */
export async function commitDraft(db: GraphDb, draft: ReviewedDraft, by: User): Promise<ImportPlan> {
  const workbook = await draftWorkbook(db, draft);
  return importFiles(db, [{ name: 'draft.xlsx', data: workbook }], true, by);
}
