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
import { BOOKKEEPING_FIELDS, isBookkeeping, relationshipId } from '../domain/ids.js';
import type { ImportPlan } from '../domain/import-plan.js';
import type { GraphNode, GraphRelationship } from '../domain/model.js';
import { explainReferences, type RejectedRows } from '../domain/row-messages.js';
import { appendAll, batchFromTables, type GraphBatch, type RowProblem, type Table } from '../domain/spreadsheet.js';
import { fieldChanges } from '../domain/update-diff.js';
import { recordChange } from '../repositories/change.repository.js';
import { DuplicateRepository } from '../repositories/duplicate.repository.js';
import { ImportRepository } from '../repositories/import.repository.js';
import { storedProperties } from '../repositories/network-write.repository.js';
import { readCsv } from '../spreadsheets/read-csv.js';
import { RowBudget, UPLOAD_LIMITS, type UploadLimits } from '../spreadsheets/upload-limits.js';
import { readWorkbook } from '../spreadsheets/workbook.js';
import { checkBatch, loadBatch } from './load.js';

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

/** Stored properties in plain form without bookkeeping, as one comparable string. */
function fingerprint(props: Row): string {
  const plain = toPlain(props) as Row;
  return JSON.stringify(
    Object.keys(plain)
      .filter((k) => !isBookkeeping(k) && plain[k] !== null)
      .sort()
      .map((k) => [k, plain[k]]),
  );
}

interface Classified {
  create: string[];
  update: string[];
  unchanged: number;
  /** The first EXAMPLES updates, with what each would change, field by field. */
  changes: ImportPlan['updates'];
}

function classify<T>(items: T[], id: (item: T) => string, stored: Map<string, Row>, props: (item: T) => Row): Classified {
  const result: Classified = { create: [], update: [], unchanged: 0, changes: [] };
  for (const item of items) {
    const before = stored.get(id(item));
    if (before === undefined) {
      result.create.push(id(item));
      continue;
    }
    const after = props(item);
    if (fingerprint(before) === fingerprint(after)) result.unchanged++;
    else {
      result.update.push(id(item));
      if (result.changes.length < EXAMPLES)
        result.changes.push({ id: id(item), changes: fieldChanges(toPlain(before) as Row, toPlain(after) as Row, BOOKKEEPING) });
    }
  }
  return result;
}

async function compare(db: GraphDb, batch: GraphBatch) {
  const stored = new ImportRepository(db);
  const nodes = batch.nodes.map((n) => n.record);
  const rels = batch.relationships.map((r) => r.record);
  const [storedNodes, storedRels] = await Promise.all([
    stored.storedNodes(nodes.map((n) => n.id)),
    stored.storedRelationships(rels.map(({ from, to, type, key }) => ({ from, to, type, key }))),
  ]);
  return {
    nodes: classify(
      nodes,
      (n: GraphNode) => n.id,
      storedNodes,
      (n) => storedProperties(n),
    ),
    relationships: classify(
      rels,
      (r: GraphRelationship) => relationshipId(r),
      storedRels,
      ({ from: _f, to: _t, type: _y, ...rest }) => storedProperties(rest),
    ),
  };
}

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
async function explainedChecks(db: GraphDb, batch: GraphBatch, rejectedRows: RejectedRows): Promise<RowProblem[]> {
  const problems = await checkBatch(db, batch);
  if (!problems.some((problem) => problem.value !== undefined)) return problems;
  const stored = await new ImportRepository(db).knownIds();
  const fresh = batch.nodes.map((n) => n.record);
  return explainReferences(problems, rejectedRows, {
    ids: [...new Set([...stored.ids, ...fresh.map((n) => n.id)])],
    sources: [...new Set([...stored.sources, ...fresh.filter((n) => n.kind === 'source').map((n) => n.id)])],
  });
}

/**
 * Reads, validates and checks the files against the database; with `commit`, writes them when
 * nothing is rejected. Returns the plan either way; nothing is written when anything is rejected.
 */
export async function importFiles(db: GraphDb, files: UploadedFile[], commit: boolean, by?: User): Promise<ImportPlan> {
  const read = await readUploads(files);
  const { batch, problems, rejected: rejectedRows } = batchFromTables(read.tables);
  const rejected = [...read.problems, ...problems, ...(await explainedChecks(db, batch, rejectedRows))];
  const diff = await compare(db, batch);
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
    likelyDuplicates: commit ? [] : await likelyDuplicates(db, batch, new Set(diff.nodes.create)),
    rejected,
    committed: false,
  };
  const changes = plan.nodes.create + plan.nodes.update + plan.relationships.create + plan.relationships.update;
  if (commit && !rejected.length && changes > 0) {
    await commitPlan(db, batch, diff, plan, by);
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
