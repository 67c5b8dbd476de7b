/**
 * Spreadsheet import: CSV files or an XLSX workbook in the seed's format. A dry run says what
 * would be created, updated or left unchanged, which new nodes look like ones the network has (to
 * merge rather than create), and which rows are rejected (file, line, column, why) before anything
 * is written; a commit writes all of it in one transaction through the same loader as the seed,
 * or nothing. Ids are the identity, so importing the same file twice changes nothing the second time.
 */
import { createHash } from 'node:crypto';
import type { GraphDb, Row } from '../db/graph-db.js';
import { toPlain } from '../db/plain-values.js';
import type { User } from '../domain/accounts.js';
import { suggestDuplicates, type DuplicateSuggestion } from '../domain/duplicates.js';
import { BOOKKEEPING_FIELDS, relationshipId, type RelationshipKey } from '../domain/ids.js';
import type { ImportPlan } from '../domain/import-plan.js';
import { explainReferences, type RejectedRows } from '../domain/row-messages.js';
import { appendAll, batchFromTables, type GraphBatch, type RowProblem, type Table } from '../domain/spreadsheet.js';
import { fieldChanges } from '../domain/update-diff.js';
import { recordChange } from '../repositories/change.repository.js';
import { DuplicateRepository } from '../repositories/duplicate.repository.js';
import { ImportRepository, type Comparison } from '../repositories/import.repository.js';
import { contentHash, storedProperties } from '../repositories/network-write.repository.js';
import { readCsv } from '../spreadsheets/read-csv.js';
import { RowBudget, UPLOAD_LIMITS, type UploadLimits } from '../spreadsheets/upload-limits.js';
import { readWorkbook } from '../spreadsheets/workbook.js';
import { checkBatchAgainst, loadBatch, type StoredIds } from './load.js';

export interface UploadedFile {
  name: string;
  data: Buffer;
}

const DUPLICATE_CHECK_LIMIT = 5_000;
const EXAMPLES = 200;
const BOOKKEEPING: ReadonlySet<string> = new Set(BOOKKEEPING_FIELDS);

/**
 * The tables in the uploaded files: `.csv` files by name, every sheet of an `.xlsx`. All files of
 * one upload share one row budget; a file over a limit, or an XLSX that cannot be read, rejects
 * the whole upload (UploadRejected) before the rest is read.
 */
export async function readUploads(files: UploadedFile[], limits: UploadLimits = UPLOAD_LIMITS): Promise<{ tables: Table[]; problems: RowProblem[] }> {
  const tables: Table[] = [];
  const problems: RowProblem[] = [];
  const budget = new RowBudget(limits);
  for (const file of files) {
    if (/\.xlsx$/i.test(file.name)) appendAll(tables, await readWorkbook(file.name, file.data, budget));
    else if (/\.csv$/i.test(file.name)) {
      const read = readCsv(file.name, file.data.toString('utf8'), budget);
      if ('rows' in read) tables.push(read);
      else problems.push(read);
    } else problems.push({ file: file.name, line: 0, field: 'file', message: 'only .csv and .xlsx files can be imported' });
  }
  return { tables, problems };
}

interface Classified {
  create: string[];
  update: string[];
  unchanged: number;
  /** The first EXAMPLES updates, with what each would change, field by field. */
  changes: ImportPlan['updates'];
  /** Where the updates are among the rows, in file order. */
  updatedRows: number[];
}

/** Sorts the rows into create, update and unchanged by what the database said of them (indexes into `ids`). */
function classify(ids: string[], answer: Comparison): Classified {
  const result: Classified = { create: [], update: [], unchanged: 0, changes: [], updatedRows: [] };
  const existing = new Set(answer.existing);
  const changed = new Set(answer.changed);
  ids.forEach((id, i) => {
    if (!existing.has(i)) result.create.push(id);
    else if (changed.has(i)) {
      result.update.push(id);
      result.updatedRows.push(i);
    } else result.unchanged++;
  });
  return result;
}

/** What a shown update would change: the stored value and the file's, field by field. */
const fieldByField = (id: string, before: Row | undefined, after: Row) => ({
  id,
  changes: fieldChanges(toPlain(before ?? {}) as Row, toPlain(after) as Row, BOOKKEEPING),
});

/**
 * Which rows the file would create, update or leave unchanged. A node the check did not find
 * (`stored`) is new, and so is a relationship with a new end; a node whose content hash the check
 * read is the row's is unchanged; the rest the database compares with what it holds, answering
 * with row numbers only. Stored properties are read back just
 * for the first EXAMPLES updates, which the plan shows field by field.
 */
async function compare(db: GraphDb, batch: GraphBatch, { stored, hashes }: StoredIds) {
  const repository = new ImportRepository(db);
  const nodeIds = batch.nodes.map((n) => n.record.id);
  const relIds = batch.relationships.map((r) => relationshipId(r.record));
  const nodeProps = batch.nodes.map(({ record }) => storedProperties(record));
  // The id and key go beside the properties too: the database seeks an index only on a top-level field of the row.
  const relRows = batch.relationships.map(({ record: { from, to, type, ...rest } }, i) => ({
    i,
    from,
    to,
    type,
    key: rest.key,
    props: storedProperties(rest),
    hash: contentHash(rest),
  }));
  const nodeRows = nodeIds.flatMap((id, i) => (stored.has(id) ? [{ i, id, props: nodeProps[i]!, hash: contentHash(batch.nodes[i]!.record) }] : []));
  const [nodeAnswer, relAnswer] = await Promise.all([
    repository.compareNodes(nodeRows, hashes),
    repository.compareRelationships(relRows.filter((r) => stored.has(r.from) && stored.has(r.to))),
  ]);
  const nodes = classify(nodeIds, nodeAnswer);
  const relationships = classify(relIds, relAnswer);
  const shownNodes = nodes.updatedRows.slice(0, EXAMPLES);
  const shownRels = relationships.updatedRows.slice(0, EXAMPLES);
  const [storedNodes, storedRels] = await Promise.all([
    shownNodes.length ? repository.storedNodes(shownNodes.map((i) => nodeIds[i]!)) : new Map<string, Row>(),
    shownRels.length ? repository.storedRelationships(shownRels.map((i) => relationshipKey(batch.relationships[i]!.record))) : new Map<string, Row>(),
  ]);
  nodes.changes = shownNodes.map((i) => fieldByField(nodeIds[i]!, storedNodes.get(nodeIds[i]!), nodeProps[i]!));
  relationships.changes = shownRels.map((i) => fieldByField(relIds[i]!, storedRels.get(relIds[i]!), relRows[i]!.props));
  return { nodes, relationships };
}

const relationshipKey = ({ from, type, to, key }: RelationshipKey): Required<RelationshipKey> => ({ from, type, to, key: key ?? '' });

/** Likely duplicates that involve a node the file would create. */
async function likelyDuplicates(db: GraphDb, batch: GraphBatch, created: Set<string>): Promise<DuplicateSuggestion[] | null> {
  const fresh = batch.nodes.map((n) => n.record).filter((n) => created.has(n.id) && n.kind !== 'source' && n.kind !== 'figure');
  if (fresh.length === 0) return [];
  if (fresh.length > DUPLICATE_CHECK_LIMIT) return null;
  const existing = await new DuplicateRepository(db).candidates([...new Set(fresh.map((n) => n.kind))]);
  const candidates = [...existing.filter((n) => !created.has(n.id)), ...fresh.map((n) => ({ ...n, acronym: 'acronym' in n ? n.acronym : undefined }))];
  const found = suggestDuplicates(candidates, [], Number.MAX_SAFE_INTEGER);
  return found.filter((s) => created.has(s.a.id) || created.has(s.b.id)).slice(0, EXAMPLES);
}

/**
 * The batch's consistency problems, with references to rows this upload rejected explained as
 * knock-ons and unknown ids given the closest known id.
 */
async function explainedChecks(db: GraphDb, batch: GraphBatch, rejectedRows: RejectedRows): Promise<{ problems: RowProblem[] } & StoredIds> {
  const { problems, ...found } = await checkBatchAgainst(db, batch);
  if (!problems.some((problem) => problem.value !== undefined)) return { problems, ...found };
  const known = await new ImportRepository(db).knownIds();
  const fresh = batch.nodes.map((n) => n.record);
  const explained = explainReferences(problems, rejectedRows, {
    ids: [...new Set([...known.ids, ...fresh.map((n) => n.id)])],
    sources: [...new Set([...known.sources, ...fresh.filter((n) => n.kind === 'source').map((n) => n.id)])],
  });
  return { problems: explained, ...found };
}

/** Milliseconds each step of an import took, for the benchmark's breakdown. */
export type ImportPhases = Partial<Record<'read' | 'validate' | 'check' | 'compare' | 'duplicates' | 'write', number>>;

async function phase<T>(phases: ImportPhases, name: keyof ImportPhases, work: () => T | Promise<T>): Promise<T> {
  const started = performance.now();
  try {
    return await work();
  } finally {
    phases[name] = (phases[name] ?? 0) + performance.now() - started;
  }
}

/**
 * Reads, validates and checks the files against the database; with `commit`, writes them when
 * nothing is rejected. Returns the plan either way; nothing is written when anything is rejected.
 * `phases`, when given, receives how long each step took.
 */
export async function importFiles(db: GraphDb, files: UploadedFile[], commit: boolean, by?: User, phases: ImportPhases = {}): Promise<ImportPlan> {
  const read = await phase(phases, 'read', () => readUploads(files));
  const { batch, problems, rejected: rejectedRows } = await phase(phases, 'validate', () => batchFromTables(read.tables));
  const checked = await phase(phases, 'check', () => explainedChecks(db, batch, rejectedRows));
  const rejected = [...read.problems, ...problems, ...checked.problems];
  const diff = await phase(phases, 'compare', () => compare(db, batch, checked));
  const plan: ImportPlan = {
    files: files.map((f) => ({ name: f.name, sha256: createHash('sha256').update(f.data).digest('hex') })),
    rows: read.tables.reduce((sum, t) => sum + t.rows.length, 0),
    nodes: { create: diff.nodes.create.length, update: diff.nodes.update.length, unchanged: diff.nodes.unchanged },
    relationships: { create: diff.relationships.create.length, update: diff.relationships.update.length, unchanged: diff.relationships.unchanged },
    examples: {
      create: [...diff.nodes.create, ...diff.relationships.create].slice(0, EXAMPLES),
      update: [...diff.nodes.update, ...diff.relationships.update].slice(0, EXAMPLES),
    },
    updates: [...diff.nodes.changes, ...diff.relationships.changes].slice(0, EXAMPLES),
    likelyDuplicates: commit ? [] : await phase(phases, 'duplicates', () => likelyDuplicates(db, batch, new Set(diff.nodes.create))),
    rejected,
    committed: false,
  };
  const changes = plan.nodes.create + plan.nodes.update + plan.relationships.create + plan.relationships.update;
  if (commit && !rejected.length && changes > 0) {
    await phase(phases, 'write', () => commitPlan(db, batch, diff, plan, by));
    plan.committed = true;
  }
  return plan;
}

/** Writes only what is new or changed (the plan says which rows exist already), with the import's history entry. */
async function commitPlan(db: GraphDb, batch: GraphBatch, diff: Awaited<ReturnType<typeof compare>>, plan: ImportPlan, by?: User): Promise<void> {
  const created = { nodes: new Set(diff.nodes.create), relationships: new Set(diff.relationships.create) };
  const changed = new Set([...diff.nodes.create, ...diff.nodes.update, ...diff.relationships.create, ...diff.relationships.update]);
  const toWrite: GraphBatch = {
    nodes: batch.nodes.filter((n) => changed.has(n.record.id)),
    relationships: batch.relationships.filter((r) => changed.has(relationshipId(r.record))),
  };
  await loadBatch(db, toWrite, {
    timeoutMs: 600_000,
    checked: true,
    existing: {
      nodes: new Set(batch.nodes.map((n) => n.record.id).filter((id) => !created.nodes.has(id))),
      relationships: new Set(batch.relationships.map((r) => relationshipId(r.record)).filter((id) => !created.relationships.has(id))),
    },
    within: async (tx) => {
      if (!by) return;
      const summary = { files: plan.files, nodes: plan.nodes, relationships: plan.relationships, examples: plan.examples };
      const nodeIds = [...diff.nodes.create, ...diff.nodes.update].slice(0, 5_000);
      await recordChange(tx, { by, action: 'import', target: 'network', targetId: 'import', nodeIds, before: null, after: summary });
    },
  });
}
