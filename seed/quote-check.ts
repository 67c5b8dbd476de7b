/**
 * The seed's quotes checked against the source documents: every relationship and figure that
 * cites one of the documents carries a quote, and the quote is in (one of) the cited texts.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { isQuoteInText } from '../api/src/domain/quotes.js';
import type { GraphBatch, RowProblem } from '../api/src/domain/spreadsheet.js';
import { SEED_DIR } from './seed.js';

/**
 * The source documents beside the repository (`../shared/sources/<id>.txt`, resolved from the
 * repository root whatever the working directory), by source id. Throws, naming the folder, when
 * it is missing: without the texts the check would pass by checking nothing.
 */
export function readSourceDocuments(dir = path.resolve(SEED_DIR, '..', '..', 'shared', 'sources')): Map<string, string> {
  if (!existsSync(dir)) throw new Error(`the source documents are missing: expected ${dir} (shared/ beside the repository)`);
  const texts = new Map<string, string>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.txt'))) {
    texts.set(path.basename(file, '.txt'), readFileSync(path.join(dir, file), 'utf8'));
  }
  if (texts.size === 0) throw new Error(`no source documents (*.txt) in ${dir}`);
  return texts;
}

interface Quoted {
  file: string;
  line: number;
  sources: string[];
  quote?: string;
}

/** What a quote check looks at: every relationship, and every figure (it quotes its number). */
function quotedRows(batch: GraphBatch): Quoted[] {
  const figures = batch.nodes.flatMap(({ record, file, line }) =>
    record.kind === 'figure' ? [{ file, line, sources: record.sources, quote: record.quote }] : [],
  );
  const relationships = batch.relationships.map(({ record, file, line }) => ({ file, line, sources: record.sources, quote: record.quote }));
  return [...relationships, ...figures];
}

/** Every row citing a document whose quote is missing or not found in any document it cites. */
export function quoteProblems(batch: GraphBatch, documents: ReadonlyMap<string, string>): RowProblem[] {
  const problems: RowProblem[] = [];
  for (const row of quotedRows(batch)) {
    const cited = row.sources.filter((s) => documents.has(s));
    if (cited.length === 0) continue;
    if (!row.quote) {
      problems.push({ file: row.file, line: row.line, field: 'quote', message: `no quote, though it cites ${cited.join(', ')}` });
    } else if (!cited.some((s) => isQuoteInText(row.quote!, documents.get(s)!))) {
      problems.push({ file: row.file, line: row.line, field: 'quote', message: `not found in ${cited.join(' or ')}: "${row.quote}"` });
    }
  }
  return problems;
}

/** How many rows cite a document, and how many of those carry a quote found in it. */
export function quoteCounts(batch: GraphBatch, documents: ReadonlyMap<string, string>) {
  const rows = quotedRows(batch).filter((r) => r.sources.some((s) => documents.has(s)));
  const failing = new Set(quoteProblems(batch, documents).map((p) => `${p.file}:${p.line}`));
  return {
    citing: rows.length,
    quoted: rows.filter((r) => r.quote).length,
    verbatim: rows.filter((r) => !failing.has(`${r.file}:${r.line}`)).length,
  };
}
