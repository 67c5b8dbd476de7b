/**
 * The text of a document a curator hands in: a PDF (unpdf, a packaged pdf.js), a DOCX (mammoth),
 * an HTML page (html-to-text) or plain text. Every refusal names its cause, so the route can answer
 * a 4xx problem without guessing: empty, binary, password-protected, unreadable.
 */
import { convert } from 'html-to-text';
import mammoth from 'mammoth';
import { extractText, getDocumentProxy } from 'unpdf';
import { checkDocxArchive, UPLOAD_LIMITS, UploadRejected } from '../spreadsheets/upload-limits.js';

/** The bounds of a document handed in for a draft; over one, a 413 naming it. */
export const DRAFT_LIMITS = Object.freeze({
  /** Bytes of an uploaded file. */
  fileBytes: 10 * 1024 * 1024,
  /** Characters of the text, pasted or taken from a file: the longest of the five source documents has about 75,000. */
  textChars: 200_000,
  /** Entries of a DOCX archive: the importer's bound (a document has about 15). */
  zipEntries: UPLOAD_LIMITS.zipEntries,
  /**
   * Uncompressed bytes of a DOCX's parts together: mammoth parses each part whole in memory, so
   * this is lower than a workbook's; a 10 MB document of 200,000 characters inflates to far less.
   */
  unzippedBytes: 50 * 1024 * 1024,
});
export type DraftLimit = keyof typeof DRAFT_LIMITS;

/** Why a document gave no text; `status` is the HTTP status the route answers with. */
export class DocumentRefused extends Error {
  constructor(
    readonly status: 400 | 413 | 415 | 422,
    message: string,
    /** Which of DRAFT_LIMITS it broke, when it broke one (a 413). */
    readonly limit?: DraftLimit,
  ) {
    super(message);
    this.name = 'DocumentRefused';
  }
}

/** Refuses a text longer than DRAFT_LIMITS.textChars; `what` names it ("The pasted text"). */
export function checkTextLength(text: string, what: string): void {
  if (text.length <= DRAFT_LIMITS.textChars) return;
  const count = (n: number) => n.toLocaleString('en-GB');
  throw new DocumentRefused(
    413,
    `${what} has ${count(text.length)} characters; the limit is ${count(DRAFT_LIMITS.textChars)} characters of text (textChars). Split the document and draft each part.`,
    'textChars',
  );
}

export interface DocumentFile {
  name: string;
  data: Buffer;
}

const startsWith = (data: Buffer, bytes: number[]) => bytes.every((b, i) => data[i] === b);
const PDF = [0x25, 0x50, 0x44, 0x46]; // %PDF
const ZIP = [0x50, 0x4b, 0x03, 0x04];
/** OLE compound files: old .doc, and every password-protected Office document. */
const OLE = [0xd0, 0xcf, 0x11, 0xe0];

async function pdfText(data: Buffer): Promise<string> {
  try {
    const pdf = await getDocumentProxy(new Uint8Array(data));
    const { text } = await extractText(pdf, { mergePages: true });
    return text;
  } catch (error) {
    if ((error as Error).name === 'PasswordException') throw new DocumentRefused(422, 'The PDF is password-protected; upload an unprotected copy.');
    throw new DocumentRefused(422, `The PDF could not be read: ${(error as Error).message}`);
  }
}

async function docxText(name: string, data: Buffer): Promise<string> {
  // Bounded before mammoth inflates and parses it: a zip bomb is refused, not read.
  await checkDocxArchive(name, data, DRAFT_LIMITS).catch((error: unknown) => {
    if (!(error instanceof UploadRejected)) throw error;
    throw new DocumentRefused(error.status === 413 ? 413 : 422, error.message, error.limit as DraftLimit | undefined);
  });
  try {
    return (await mammoth.extractRawText({ buffer: data })).value;
  } catch (error) {
    throw new DocumentRefused(422, `The DOCX could not be read: ${(error as Error).message}`);
  }
}

function htmlText(html: string): string {
  return convert(html, {
    wordwrap: false,
    selectors: [
      { selector: 'a', options: { ignoreHref: true } },
      { selector: 'img', format: 'skip' },
    ],
  });
}

/** UTF-8 text, or a refusal when the bytes are not text (NUL bytes, invalid UTF-8). */
function plainText(data: Buffer): string {
  if (data.includes(0)) throw new DocumentRefused(415, 'The file is binary, not text: upload a PDF, DOCX, HTML or plain-text file.');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(data).replace(/^\uFEFF/, '');
  } catch {
    throw new DocumentRefused(415, 'The file is not UTF-8 text: upload a PDF, DOCX, HTML or plain-text file.');
  }
}

/** The document's text, with Windows line ends made plain so quotes and offsets agree. */
export async function documentText(file: DocumentFile): Promise<string> {
  if (file.data.length === 0) throw new DocumentRefused(400, `The file "${file.name}" is empty.`);
  let text: string;
  if (startsWith(file.data, PDF)) text = await pdfText(file.data);
  else if (startsWith(file.data, OLE))
    throw new DocumentRefused(422, 'The document is password-protected or an old .doc file; upload an unprotected .docx or PDF.');
  else if (startsWith(file.data, ZIP)) {
    if (!/\.docx$/i.test(file.name)) throw new DocumentRefused(415, 'Of zipped documents only .docx can be read.');
    text = await docxText(file.name, file.data);
  } else {
    const plain = plainText(file.data);
    text = /\.html?$/i.test(file.name) || /^\s*<(!doctype html|html|body|p|div|h1)\b/i.test(plain) ? htmlText(plain) : plain;
  }
  text = normaliseText(text);
  if (!text.trim()) throw new DocumentRefused(422, `The file "${file.name}" has no text to read (a scanned PDF needs OCR first).`);
  checkTextLength(text, `The text of "${file.name}"`);
  return text;
}

/** Line ends as `\n`: the text quotes are checked against, the same for pasted and uploaded text. */
export function normaliseText(text: string): string {
  return text.replace(/\r\n?/g, '\n');
}
