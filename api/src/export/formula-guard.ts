/**
 * Spreadsheet-formula injection (OWASP "CSV injection"): a cell that starts like a formula gets a
 * leading apostrophe on export, so a spreadsheet shows it as text instead of running it. The
 * importer takes the apostrophe off again, so that exports in the import format round-trip exactly.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutralise<T>(value: T): T | string {
  return typeof value === 'string' && FORMULA_START.test(value) ? `'${value}` : value;
}

export function unguard(text: string): string {
  return text.startsWith("'") && FORMULA_START.test(text.slice(1)) ? text.slice(1) : text;
}
