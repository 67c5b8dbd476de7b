/**
 * Documents for the draft extractor that break its bounds, built by the test that posts them from a
 * few raw DOCX parts (the zip helpers of the hostile spreadsheets), so what makes each one hostile
 * is plain to see.
 */
import { Readable } from 'node:stream';
import { lieAboutSizes, repeated, zipOf, type Content } from './hostile-spreadsheets.js';

const MB = 1024 * 1024;
const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Default Extension="bin" ContentType="application/octet-stream"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`;
const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`;
const W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';

/** A DOCX whose paragraphs are these (plain text), with any extra parts. */
export function docxOf(paragraphs: Iterable<string> | AsyncIterable<string>, extra: Record<string, Content> = {}): Promise<Buffer> {
  async function* body() {
    yield `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:document xmlns:w="${W}"><w:body>`;
    for await (const text of paragraphs) yield `<w:p><w:r><w:t xml:space="preserve">${text}</w:t></w:r></w:p>`;
    yield '</w:body></w:document>';
  }
  return zipOf({ '[Content_Types].xml': CONTENT_TYPES, '_rels/.rels': ROOT_RELS, ...extra, 'word/document.xml': Readable.from(body()) });
}

/** A DOCX of one short sentence that carries `megabytes` MB of zeros; `lie` declares them as 1 KB. */
export async function docxBomb(megabytes: number, lie: boolean): Promise<Buffer> {
  const docx = await docxOf(['Mr. Vireak Sothy spoke.'], { 'word/media/zeros.bin': repeated('\0'.repeat(MB), megabytes) });
  return lie ? lieAboutSizes(docx, 1024) : docx;
}
