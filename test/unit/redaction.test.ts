import { describe, expect, it } from 'vitest';
import { makeRedactor, WITHHELD } from '../../api/src/domain/redaction.js';

describe('redacting the names of people who are not public', () => {
  const redactor = makeRedactor(['Sok Dara', 'Dara Sok', 'Nguyễn Văn An', 'Li']);

  it('replaces each name and alias as a whole word, whatever its case, accents or spacing', () => {
    expect(redactor.text('Mr. Sok Dara, Deputy Chief, spoke.')).toBe(`Mr. ${WITHHELD}, Deputy Chief, spoke.`);
    expect(redactor.text('thanks to DARA  SOK and sok dara')).toBe(`thanks to ${WITHHELD} and ${WITHHELD}`);
    expect(redactor.text('Nguyen Van An presented')).toBe(`${WITHHELD} presented`);
    expect(redactor.text('Nguyễn Văn An presented')).toBe(`${WITHHELD} presented`);
  });

  it('leaves other words alone: parts of words, short names, and text that names nobody', () => {
    expect(redactor.text('Sok Darabot is someone else')).toBe('Sok Darabot is someone else');
    expect(redactor.text('Li and Lisa')).toBe('Li and Lisa');
    // Ids keep pointing where they point.
    expect(makeRedactor(['Dara']).text('dara-foundation')).toBe('dara-foundation');
    expect(makeRedactor(['Dara']).text('dara-foundation|WORKS_FOR|odc|Dara')).toBe('dara-foundation|WORKS_FOR|odc|Dara');
    const untouched = 'Open Development Cambodia (ODC) ស្ពាន';
    expect(redactor.text(untouched)).toBe(untouched);
  });

  it('walks a whole answer: every string of every object and list', () => {
    const answer = { items: [{ quote: 'Sok Dara said so', n: 3, ok: true, none: null }], title: 'about Dara Sok' };
    expect(redactor.deep(answer)).toEqual({ items: [{ quote: `${WITHHELD} said so`, n: 3, ok: true, none: null }], title: `about ${WITHHELD}` });
  });

  it('does nothing when nobody is hidden', () => {
    expect(makeRedactor([]).active).toBe(false);
  });
});
