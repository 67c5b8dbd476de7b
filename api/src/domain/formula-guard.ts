/**
 * Spreadsheet-formula injection (OWASP "CSV injection"): a cell that starts like a formula gets a
 * leading apostrophe on export, so a spreadsheet shows it as text instead of running it. The
 * importer takes the apostrophe off again, so that exports in the import format round-trip exactly.
 */

/**
 * What a spreadsheet may read as the start of a formula. Checked on the NFKC form, because some
 * spreadsheets (and input methods) treat full-width signs such as `＝` and `＋` as their ASCII
 * twins; spaces before the sign do not make it safe either.
 */
const FORMULA_START = /^[ \u00a0]*[=+\-@\t\r]/;

/** A plain number such as a negative latitude: a spreadsheet reads it as that number, never as a formula. */
const PLAIN_NUMBER = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/;

const looksLikeFormula = (text: string) => !PLAIN_NUMBER.test(text) && FORMULA_START.test(text.normalize('NFKC'));

export function neutralise<T>(value: T): T | string {
  return typeof value === 'string' && looksLikeFormula(value) ? `'${value}` : value;
}

export function unguard(text: string): string {
  return text.startsWith("'") && looksLikeFormula(text.slice(1)) ? text.slice(1) : text;
}
