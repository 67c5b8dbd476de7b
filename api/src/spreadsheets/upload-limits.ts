/**
 * Bounds on an uploaded spreadsheet, checked before (and while) it is read into memory, so that
 * no file, however it is built, can make the API run out of memory or stack. An XLSX is a zip:
 * its entries are counted and their declared and actual uncompressed sizes summed (a zip bomb
 * declares little and inflates to gigabytes) before any sheet is parsed; each sheet's declared
 * dimension is read from its first bytes; rows, columns and cell sizes are then counted while the
 * sheet streams, and reading stops at the first one over its limit.
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
export function overLimit(file: string, limit: UploadLimit, found: string, limits: UploadLimits = UPLOAD_LIMITS): UploadRejected {
  const value = limit.endsWith('Bytes') ? megabytes(limits[limit]) : count(limits[limit]);
  const what: Record<UploadLimit, string> = {
    rows: 'rows in one import',
    columns: 'columns in a table',
    cellChars: 'characters in a cell',
    zipEntries: 'entries in an XLSX archive',
    unzippedBytes: 'uncompressed bytes in an XLSX',
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

/**
 * Checks an XLSX archive before any sheet is parsed: a readable zip, few entries, nothing
 * external, declared and real uncompressed sizes under the limits. Throws UploadRejected.
 */
export async function checkXlsxArchive(file: string, data: Buffer, budget: RowBudget): Promise<JSZip> {
  const { limits } = budget;
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(data, { checkCRC32: false });
  } catch (error) {
    throw new UploadRejected(400, file, `${file} is not a readable XLSX workbook (${(error as Error).message}); save it again as an Excel workbook (.xlsx).`);
  }
  const entries = Object.values(zip.files).filter((entry) => !entry.dir);
  if (entries.length > limits.zipEntries) throw overLimit(file, 'zipEntries', `the archive has ${count(entries.length)} entries`, limits);
  if (!entries.some((entry) => WORKSHEET.test(entry.name))) throw new UploadRejected(400, file, `${file} has no worksheet; is it an Excel workbook (.xlsx)?`);
  const external = entries.find((entry) => EXTERNAL.test(entry.name));
  if (external) {
    throw new UploadRejected(
      400,
      file,
      `${file} links to other files or holds macros (${external.name}); save a copy with values only (no external links, no macros) and import that.`,
    );
  }
  const declared = entries.reduce((sum, entry) => sum + declaredSize(entry), 0);
  if (declared > limits.unzippedBytes) throw overLimit(file, 'unzippedBytes', `its entries declare ${megabytes(declared)} uncompressed`, limits);

  // Declared sizes can lie: inflate each entry (streamed, nothing kept) to count its real size.
  let total = 0;
  for (const entry of entries) {
    const left = limits.unzippedBytes - total;
    const sharedStringsBound = entry.name === SHARED_STRINGS && limits.sharedStringsBytes < left;
    const room = sharedStringsBound ? limits.sharedStringsBytes : left;
    const inflated = await inflateCounting(entry, room).catch((error: Error) => {
      throw new UploadRejected(400, file, `${file} is a damaged archive (${entry.name}: ${error.message}).`);
    });
    if (inflated.over) {
      throw sharedStringsBound
        ? overLimit(file, 'sharedStringsBytes', `its shared strings inflate to more than ${megabytes(room)}`, limits)
        : overLimit(file, 'unzippedBytes', `its entries inflate to more than ${megabytes(limits.unzippedBytes)}`, limits);
    }
    total += inflated.bytes;
    const dimension = WORKSHEET.test(entry.name) ? declaredDimension(inflated.head) : undefined;
    if (dimension) budget.checkDeclared(`sheet ${entry.name}`, file, dimension.rows, dimension.columns);
  }
  return zip;
}
