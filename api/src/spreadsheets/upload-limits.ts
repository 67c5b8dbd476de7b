/**
 * Bounds on an uploaded spreadsheet, checked before (and while) it is read into memory, so that
 * no file, however it is built, can make the API run out of memory or stack. An XLSX is a zip:
 * its entries are counted and their declared and actual uncompressed sizes summed (a zip bomb
 * declares little and inflates to gigabytes) before any sheet is parsed; each sheet's declared
 * dimension is read from its first bytes; rows, columns and cell sizes are then counted while the
 * sheet streams, and reading stops at the first one over its limit. A DOCX handed to the draft
 * extractor is a zip too, and its archive gets the same check (checkDocxArchive) under its own bound.
 */
import { PassThrough } from 'node:stream';
import JSZip from 'jszip';

/** The limits of one import request (all its files together). */
export const UPLOAD_LIMITS = Object.freeze({
  /** Data rows of every table together: twice the 100,000-row benchmark file. */
  rows: 200_000,
  /** Columns of a table: the widest table of the format has 14. */
  columns: 64,
  /** Characters of one cell: Excel's own maximum (32,767). */
  cellChars: 32_767,
  /** Entries in one XLSX archive: a workbook of the format has about 20. */
  zipEntries: 500,
  /** Uncompressed bytes of one XLSX's entries together: 200,000 rows of the format take about 90 MB. */
  unzippedBytes: 200 * 1024 * 1024,
  /** Uncompressed bytes of the shared-string table, which the reader keeps whole in memory. */
  sharedStringsBytes: 64 * 1024 * 1024,
});
export type UploadLimits = typeof UPLOAD_LIMITS;
export type UploadLimit = keyof UploadLimits;
/** The bounds of any zip archive: its entries, and their uncompressed bytes together. */
export type ArchiveLimits = Pick<UploadLimits, 'zipEntries' | 'unzippedBytes'>;
/** The zipped formats read: a spreadsheet for the importer, a document for the draft extractor. */
export type ArchiveFormat = 'XLSX' | 'DOCX';

/**
 * An upload refused as a whole: too large (413) or not a spreadsheet the importer reads (400).
 * Not an HTTP error itself; the import route turns it into a problem.
 */
export class UploadRejected extends Error {
  constructor(
    readonly status: 400 | 413,
    readonly file: string,
    message: string,
    /** Which of UPLOAD_LIMITS it broke, when it broke one. */
    readonly limit?: UploadLimit,
  ) {
    super(message);
    this.name = 'UploadRejected';
  }
}

const count = (n: number) => n.toLocaleString('en-GB');
const megabytes = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

/** A 413 that names the limit, its value and what the file has. */
export function overLimit<L extends UploadLimit>(
  file: string,
  limit: L,
  found: string,
  limits: Pick<UploadLimits, L> = UPLOAD_LIMITS,
  format: ArchiveFormat = 'XLSX',
): UploadRejected {
  const value = limit.endsWith('Bytes') ? megabytes(limits[limit]) : count(limits[limit]);
  const what: Record<UploadLimit, string> = {
    rows: 'rows in one import',
    columns: 'columns in a table',
    cellChars: 'characters in a cell',
    zipEntries: `entries in ${format === 'XLSX' ? 'an XLSX archive' : 'a DOCX archive'}`,
    unzippedBytes: `uncompressed bytes in ${format === 'XLSX' ? 'an XLSX' : 'a DOCX'}`,
    sharedStringsBytes: 'uncompressed bytes of an XLSX shared-string table',
  };
  return new UploadRejected(413, file, `${file}: ${found}; the limit is ${value} ${what[limit]} (${limit}).`, limit);
}

/** Rows left for the rest of an upload: every table of every file draws from one budget. */
export class RowBudget {
  private used = 0;
  constructor(readonly limits: UploadLimits = UPLOAD_LIMITS) {}

  /** Counts a row at `line` of `file`; throws when the upload has more rows than allowed. */
  take(file: string, line: number): void {
    this.used++;
    if (this.used > this.limits.rows) throw overLimit(file, 'rows', `row ${count(line)} makes more than ${count(this.limits.rows)} rows`, this.limits);
  }

  /** Checks a sheet's declared size before it is read: its last line and its widest column. */
  checkDeclared(sheet: string, file: string, lastLine: number, columns: number): void {
    if (lastLine - 1 > this.limits.rows - this.used) throw overLimit(file, 'rows', `${sheet} declares rows up to ${count(lastLine)}`, this.limits);
    if (columns > this.limits.columns) throw overLimit(file, 'columns', `${sheet} declares ${count(columns)} columns`, this.limits);
  }
}

export function checkColumns(file: string, columns: number, limits: UploadLimits = UPLOAD_LIMITS): void {
  if (columns > limits.columns) throw overLimit(file, 'columns', `a row has ${count(columns)} columns`, limits);
}

export function checkCell(file: string, where: string, text: string, limits: UploadLimits = UPLOAD_LIMITS): void {
  if (text.length > limits.cellChars) throw overLimit(file, 'cellChars', `cell ${where} has ${count(text.length)} characters`, limits);
}

const WORKSHEET = /^xl\/worksheets\/[^/]+\.xml$/;
const SHARED_STRINGS = 'xl/sharedStrings.xml';
/** Parts that make a workbook fetch or run something outside itself. */
const EXTERNAL = /^xl\/(externalLinks|connections\.xml|vbaProject\.bin|activeX|embeddings)/i;
/** The first bytes of a sheet that hold its `<dimension ref="A1:N200"/>`. */
const HEAD_BYTES = 4096;

/** The last row and column of a sheet's `<dimension ref="…">`, when it has one. */
export function declaredDimension(head: string): { rows: number; columns: number } | undefined {
  const match = /<(?:\w+:)?dimension\s+ref="(?:[A-Z]+\d+:)?([A-Z]+)(\d+)"/i.exec(head);
  if (!match) return undefined;
  const columns = [...match[1]!.toUpperCase()].reduce((n, letter) => n * 26 + letter.charCodeAt(0) - 64, 0);
  return { rows: Number(match[2]), columns };
}

/**
 * JSZip's streams as a Node core stream (async-iterable, accepted by exceljs), with their
 * errors passed on: pipe() alone drops them, and an unhandled one would end the process.
 */
export function coreStream(source: NodeJS.ReadableStream): PassThrough {
  const through = new PassThrough();
  source.on('error', (error) => through.destroy(error));
  return source.pipe(through);
}

/** The declared uncompressed size of an entry: JSZip reads it from the central directory. */
function declaredSize(entry: JSZip.JSZipObject): number {
  return (entry as unknown as { _data?: { uncompressedSize?: number } })._data?.uncompressedSize ?? 0;
}

/**
 * Inflates one entry chunk by chunk without keeping it, stopping as soon as it goes over
 * `budget` bytes; returns its real size and its first bytes.
 */
async function inflateCounting(entry: JSZip.JSZipObject, budget: number): Promise<{ bytes: number; head: string; over: boolean }> {
  let bytes = 0;
  let head = '';
  // Leaving the loop early stops the stream, and with it the inflating (JSZip's own stream is
  // not async-iterable; a PassThrough is, and applies back-pressure to it).
  for await (const chunk of coreStream(entry.nodeStream('nodebuffer')) as AsyncIterable<Buffer>) {
    if (head.length < HEAD_BYTES) head += chunk.subarray(0, HEAD_BYTES).toString('latin1');
    bytes += chunk.length;
    if (bytes > budget) return { bytes, head, over: true };
  }
  return { bytes, head, over: false };
}

interface ArchiveChecks {
  /** Checks the list of entries before anything is inflated (what a workbook must or may not hold). */
  entries?(entries: JSZip.JSZipObject[]): void;
  /** A lower bound for one entry than what is left of the whole, and the refusal when it is over. */
  tighter?(entry: JSZip.JSZipObject, left: number): { bytes: number; over: () => UploadRejected } | undefined;
  /** Sees an entry's first bytes once it is inflated (a sheet's declared dimension). */
  inflated?(entry: JSZip.JSZipObject, head: string): void;
}

const READABLE: Record<ArchiveFormat, { noun: string; advice: string }> = {
  XLSX: { noun: 'XLSX workbook', advice: 'save it again as an Excel workbook (.xlsx)' },
  DOCX: { noun: 'DOCX document', advice: 'save it again as a Word document (.docx)' },
};

/**
 * Opens a zip archive and checks it before anything parses it: readable, few entries, declared and
 * real uncompressed sizes under the limit (declared sizes can lie, so each entry is inflated,
 * streamed and dropped, to count). Throws UploadRejected: 413 naming the limit, 400 when unreadable.
 */
async function checkArchive(file: string, data: Buffer, format: ArchiveFormat, limits: ArchiveLimits, checks: ArchiveChecks = {}): Promise<JSZip> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(data, { checkCRC32: false });
  } catch (error) {
    const { noun, advice } = READABLE[format];
    throw new UploadRejected(400, file, `${file} is not a readable ${noun} (${(error as Error).message}); ${advice}.`);
  }
  const entries = Object.values(zip.files).filter((entry) => !entry.dir);
  if (entries.length > limits.zipEntries) throw overLimit(file, 'zipEntries', `the archive has ${count(entries.length)} entries`, limits, format);
  checks.entries?.(entries);
  const declared = entries.reduce((sum, entry) => sum + declaredSize(entry), 0);
  if (declared > limits.unzippedBytes) throw overLimit(file, 'unzippedBytes', `its entries declare ${megabytes(declared)} uncompressed`, limits, format);

  let total = 0;
  for (const entry of entries) {
    const left = limits.unzippedBytes - total;
    const tighter = checks.tighter?.(entry, left);
    const inflated = await inflateCounting(entry, tighter?.bytes ?? left).catch((error: Error) => {
      throw new UploadRejected(400, file, `${file} is a damaged archive (${entry.name}: ${error.message}).`);
    });
    if (inflated.over) {
      throw tighter ? tighter.over() : overLimit(file, 'unzippedBytes', `its entries inflate to more than ${megabytes(limits.unzippedBytes)}`, limits, format);
    }
    total += inflated.bytes;
    checks.inflated?.(entry, inflated.head);
  }
  return zip;
}

/**
 * Checks an XLSX archive before any sheet is parsed: a readable zip, few entries, nothing
 * external, declared and real uncompressed sizes under the limits. Throws UploadRejected.
 */
export function checkXlsxArchive(file: string, data: Buffer, budget: RowBudget): Promise<JSZip> {
  const { limits } = budget;
  return checkArchive(file, data, 'XLSX', limits, {
    entries(entries) {
      if (!entries.some((entry) => WORKSHEET.test(entry.name)))
        throw new UploadRejected(400, file, `${file} has no worksheet; is it an Excel workbook (.xlsx)?`);
      const external = entries.find((entry) => EXTERNAL.test(entry.name));
      if (external) {
        throw new UploadRejected(
          400,
          file,
          `${file} links to other files or holds macros (${external.name}); save a copy with values only (no external links, no macros) and import that.`,
        );
      }
    },
    // The reader keeps the shared-string table whole in memory: it has a bound of its own.
    tighter: (entry, left) =>
      entry.name === SHARED_STRINGS && limits.sharedStringsBytes < left
        ? {
            bytes: limits.sharedStringsBytes,
            over: () => overLimit(file, 'sharedStringsBytes', `its shared strings inflate to more than ${megabytes(limits.sharedStringsBytes)}`, limits),
          }
        : undefined,
    inflated(entry, head) {
      const dimension = WORKSHEET.test(entry.name) ? declaredDimension(head) : undefined;
      if (dimension) budget.checkDeclared(`sheet ${entry.name}`, file, dimension.rows, dimension.columns);
    },
  });
}

/**
 * Checks a DOCX archive before its XML is parsed (mammoth reads each part whole into memory):
 * readable, few entries, declared and real uncompressed sizes under `limits`. Throws UploadRejected.
 */
export async function checkDocxArchive(file: string, data: Buffer, limits: ArchiveLimits): Promise<void> {
  await checkArchive(file, data, 'DOCX', limits);
}
