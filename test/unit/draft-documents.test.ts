/**
 * Documents in: the text of a PDF (unpdf), a DOCX (mammoth) and an HTML page (html-to-text), built
 * here byte by byte; and the refusals that name their cause (password-protected, binary, empty).
 */
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { DocumentRefused, documentText } from '../../api/src/drafts/text.js';

const SENTENCE = 'Mr. Vireak Sothy from ODC spoke.';

/** A one-page PDF showing `text`; with `encrypt`, protected by a password the reader does not have. */
function pdf(text: string, encrypt = false): Buffer {
  const content = `BT /F1 12 Tf 72 720 Td (${text}) Tj ET`;
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    ...(encrypt ? [`<< /Filter /Standard /V 1 /R 2 /O <${'ab'.repeat(32)}> /U <${'cd'.repeat(32)}> /P -4 >>`] : []),
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = out.length;
  const trailer = `<< /Size ${objects.length + 1} /Root 1 0 R${encrypt ? ` /Encrypt 6 0 R /ID [<${'01'.repeat(16)}> <${'01'.repeat(16)}>]` : ''} >>`;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}trailer\n${trailer}\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

/** The smallest DOCX mammoth reads: one paragraph. */
async function docx(text: string): Promise<Buffer> {
  const zip = new JSZip();
  zip.file(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
  );
  zip.file(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
  );
  zip.file(
    'word/document.xml',
    `<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:body></w:document>`,
  );
  return zip.generateAsync({ type: 'nodebuffer' });
}

describe('the text of a document', () => {
  it('reads a PDF, a DOCX and an HTML page', async () => {
    expect(await documentText({ name: 'report.pdf', data: pdf(SENTENCE) })).toContain(SENTENCE);
    expect(await documentText({ name: 'report.docx', data: await docx(SENTENCE) })).toContain(SENTENCE);
    expect(await documentText({ name: 'page.html', data: Buffer.from(`<html><body><h1>Report</h1><p>${SENTENCE}</p></body></html>`) })).toContain(SENTENCE);
  });

  it('refuses a password-protected PDF, saying so', async () => {
    const refusal = await documentText({ name: 'secret.pdf', data: pdf(SENTENCE, true) }).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(DocumentRefused);
    expect(refusal).toMatchObject({ status: 422, message: expect.stringMatching(/password-protected/) });
  });

  it('refuses a zip that is not a DOCX, and a document with no text', async () => {
    const zip = await new JSZip().file('a.txt', 'x').generateAsync({ type: 'nodebuffer' });
    await expect(documentText({ name: 'a.zip', data: zip })).rejects.toMatchObject({ status: 415 });
    await expect(documentText({ name: 'blank.txt', data: Buffer.from('   \n  ') })).rejects.toMatchObject({ status: 422 });
  });
});
