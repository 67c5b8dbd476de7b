/**
 * The seed's evidence: every relationship and figure citing one of the source documents quotes
 * it, and each quote is found in that document (../shared/sources/<id>.txt).
 */
import { describe, expect, it } from 'vitest';
import { isQuoteInText, locateQuote } from '../../api/src/domain/quotes.js';
import { readCsvDirectory } from '../../api/src/spreadsheets/csv-directory.js';
import { quoteCounts, quoteProblems, readSourceDocuments } from '../../seed/quote-check.js';

const documents = readSourceDocuments();
const { batch, problems } = readCsvDirectory(new URL('../../seed', import.meta.url).pathname);

describe('a quote is in a text', () => {
  it('when it matches after NFKC, case folding and collapsing whitespace', () => {
    expect(isQuoteInText('Dr  Pak Kimchoeun CAMBODIA australia', 'Dr Pak Kimchoeun\tCambodia Australia Partnership')).toBe(true);
    expect(isQuoteInText('ﬁve women', 'including five women')).toBe(true);
    expect(isQuoteInText('STRASSE', 'die Straße')).toBe(true);
  });

  it('when its fragments, separated by …, appear in order', () => {
    expect(locateQuote('Session 1 … Thy Try', 'Session 1: Overview\nDr Pak\nThy Try (Welcoming remarks)')).toEqual([0, 27]);
    expect(isQuoteInText('Thy Try … Session 1', 'Session 1: Overview\nThy Try')).toBe(false);
  });

  it('not when a word, a punctuation mark or everything differs', () => {
    expect(isQuoteInText('the FMIS', 'about the FIMS')).toBe(false);
    expect(isQuoteInText('Dr Pak — Cambodia', 'Dr Pak\tCambodia')).toBe(false);
    expect(isQuoteInText('', 'anything')).toBe(false);
    expect(isQuoteInText(' … ', 'anything')).toBe(false);
  });
});

describe('the seed quotes its documents', () => {
  it('then every relationship and figure citing a document carries a quote found in it', () => {
    expect(problems).toEqual([]);
    const failing = quoteProblems(batch, documents).map((p) => `${p.file}:${p.line} ${p.message}`);
    expect(failing).toEqual([]);
    const counts = quoteCounts(batch, documents);
    expect(counts.citing).toBeGreaterThan(400);
    expect(counts.verbatim).toBe(counts.citing);
  });

  it('then changing one word of one quote makes the check fail, naming its CSV line', () => {
    const index = batch.relationships.findIndex((r) => r.record.quote?.includes('Country Representative'));
    expect(index).toBeGreaterThanOrEqual(0);
    const original = batch.relationships[index]!;
    const changed = { ...original, record: { ...original.record, quote: original.record.quote!.replace('Country', 'Regional') } };
    const altered = { ...batch, relationships: batch.relationships.with(index, changed) };
    expect(quoteProblems(altered, documents)).toEqual([expect.objectContaining({ file: 'relationships.csv', line: original.line, field: 'quote' })]);
  });
});
