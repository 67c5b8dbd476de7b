import { describe, expect, it } from 'vitest';
import { neutralise, unguard } from '../../api/src/domain/formula-guard.js';

describe('the formula guard of exports', () => {
  const formulas = ['=1+1', '+1', '-1+1', '-A1', '－1', '@SUM(A1)', '\t=1', '＝HYPERLINK("http://evil.example")', '＋1', '＠x', '  =1+1', '\u00a0=1'];

  it('makes every cell that a spreadsheet could run as a formula start with an apostrophe, full-width signs too', () => {
    for (const cell of formulas) expect(neutralise(cell), JSON.stringify(cell)).toBe(`'${cell}`);
  });

  // A negative number (a latitude west or south) is read as that number: guarding it would make it text.
  it('leaves other text and plain negative numbers as they are, and the importer gets every guarded cell back exactly', () => {
    for (const cell of ['Open Development Cambodia', 'ស្ពាន', "O'Brien", 'a=b', '1-2', '-25.27', '-1e3']) expect(neutralise(cell)).toBe(cell);
    for (const cell of formulas) expect(unguard(neutralise(cell) as string)).toBe(cell);
    expect(unguard("'plain")).toBe("'plain");
  });
});
