/**
 * Why a spreadsheet row was rejected, in the words of a curator rather than of zod: the cell's
 * value, what the column takes, and the closest thing it may have meant (a column name, an
 * allowed value, an id). Pure: everything it needs is passed in.
 */
import { closest, distance } from 'fastest-levenshtein';

/** A rejected cell: where, why, and when known the value, what was expected and a suggestion. */
export interface RowProblem {
  /** Where the row is: file name and line number (the header is line 1). */
  file: string;
  line: number;
  /** The column (or `file`, `row`). */
  field: string;
  message: string;
  /** What the cell holds. */
  value?: string;
  /** What the column takes, in words. */
  expected?: string;
  /** The closest allowed column, value or id. */
  didYouMean?: string;
}

/** The parts of a zod issue the messages use. */
export interface SchemaIssue {
  code: string;
  path: PropertyKey[];
  message: string;
  keys?: string[];
  values?: readonly unknown[];
  expected?: string;
  format?: string;
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
}

/** The closest candidate when it is near enough to be a slip (case, a typo or two), else nothing. */
export function didYouMean(value: string, candidates: readonly string[]): string | undefined {
  if (!value || candidates.length === 0) return undefined;
  const exactIgnoringCase = candidates.find((c) => c.toLowerCase() === value.toLowerCase());
  if (exactIgnoringCase) return exactIgnoringCase;
  const best = closest(
    value.toLowerCase(),
    candidates.map((c) => c.toLowerCase()),
  );
  const found = candidates.find((c) => c.toLowerCase() === best)!;
  return distance(value.toLowerCase(), best) <= Math.max(2, Math.floor(value.length / 3)) ? found : undefined;
}

/** Whether zod wrote the message itself (which a curator should not read) or the model did. */
const ZOD_WORDING = /^(Invalid|Too (big|small)|Unrecognized)/;

const quote = (text: string) => `“${text.length > 80 ? `${text.slice(0, 77)}…` : text}”`;
const withSuggestion = (message: string, suggestion?: string) => (suggestion ? `${message}; did you mean ${quote(suggestion)}?` : message);

/** A value as a slug id (`Open Data Day 2024` → `open-data-day-2024`), to suggest for a bad id. */
const slug = (text: string) =>
  text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 120);

const LIST_HINT = ' (several separated by |)';

/** One problem for one schema issue of a row; `columns` are the columns the table may have. */
function problemFor(issue: SchemaIssue, row: Record<string, string>, columns: readonly string[]): Omit<RowProblem, 'file' | 'line'>[] {
  if (issue.code === 'unrecognized_keys') {
    return (issue.keys ?? []).map((key) => {
      const suggestion = didYouMean(key, columns);
      return {
        field: key,
        value: key,
        didYouMean: suggestion,
        expected: `one of the columns ${columns.join(', ')}`,
        message: withSuggestion(`${quote(key)} is not a column of this table`, suggestion) + ` (its columns: ${columns.join(', ')})`,
      };
    });
  }
  const field = issue.path.map(String).join('.') || 'row';
  const column = String(issue.path[0] ?? '');
  const value = row[column]?.trim() ?? '';
  const base = { field, ...(value ? { value } : {}) };
  const own = !ZOD_WORDING.test(issue.message);
  switch (issue.code) {
    case 'invalid_value': {
      const allowed = (issue.values ?? []).map(String);
      const suggestion = didYouMean(value, allowed);
      return [
        {
          ...base,
          expected: `one of ${allowed.join(', ')}`,
          didYouMean: suggestion,
          message: withSuggestion(`${quote(value)} is not an allowed ${column}`, suggestion) + ` (allowed: ${allowed.join(', ')})`,
        },
      ];
    }
    case 'invalid_type': {
      if (!value) {
        const hint = issue.expected === 'array' ? `: give at least one id${LIST_HINT}` : '';
        return [{ ...base, expected: 'a value', message: `${column} is required and this cell is empty${hint}` }];
      }
      const expected = issue.expected === 'number' ? 'a number' : issue.expected === 'boolean' ? 'true or false' : `a ${issue.expected}`;
      return [{ ...base, expected, message: `expected ${expected}, not ${quote(value)}` }];
    }
    case 'invalid_format': {
      if (issue.format === 'date')
        return [{ ...base, expected: 'a date written YYYY-MM-DD', message: `expected a date written YYYY-MM-DD (such as 2024-03-12), not ${quote(value)}` }];
      if (issue.format === 'url')
        return [{ ...base, expected: 'a web address', message: `expected a web address starting with https:// or http://, not ${quote(value)}` }];
      const suggestion = column === 'id' || column === 'from' || column === 'to' ? slug(value) || undefined : undefined;
      const rule = own ? issue.message : 'is not in the expected form';
      return [
        {
          ...base,
          expected: rule,
          didYouMean: suggestion,
          message: withSuggestion(`${quote(value)} ${rule.startsWith('must') ? rule : `is not valid: ${rule}`}`, suggestion),
        },
      ];
    }
    case 'too_big': {
      const items = issue.origin === 'array' ? value.split('|').length : value.length;
      const unit = issue.origin === 'array' ? `items${LIST_HINT}` : 'characters';
      return [{ ...base, expected: `at most ${issue.maximum} ${unit}`, message: `at most ${issue.maximum} ${unit}; this cell has ${items}` }];
    }
    case 'too_small': {
      if (own) return [{ ...base, message: value ? issue.message : `${issue.message}: this cell is empty` }];
      const what = issue.origin === 'number' ? `${issue.minimum} or more` : `at least ${issue.minimum}`;
      return [{ ...base, expected: what, message: `expected ${what}, not ${quote(value)}` }];
    }
    default:
      return [{ ...base, message: own ? issue.message : `${quote(value)} is not valid here` }];
  }
}

/** The problems of one rejected row, in plain words. */
export function rowProblems(file: string, line: number, issues: readonly SchemaIssue[], row: Record<string, string>, columns: readonly string[]): RowProblem[] {
  const defined = (problem: object) => Object.fromEntries(Object.entries(problem).filter(([, v]) => v !== undefined));
  return issues.flatMap((issue) => problemFor(issue, row, columns).map((problem) => ({ file, line, ...defined(problem) }) as RowProblem));
}

const SUGGESTION_LIMIT = 500;

/** Where a row that was rejected stands, by the id it tried to give. */
export type RejectedRows = ReadonlyMap<string, { file: string; line: number }>;

/**
 * Rewrites "no such id" problems (a relationship's `from`/`to`, a cited source) in two cases: the
 * id is the id of a row this upload rejected (the knock-on says so, and where that row is), or
 * it is close to a known id (did you mean).
 */
export function explainReferences(problems: RowProblem[], rejected: RejectedRows, known: { ids: readonly string[]; sources: readonly string[] }): RowProblem[] {
  // Each suggestion compares the value with every known id: a few hundred of them are enough.
  let suggestions = 0;
  return problems.map((problem) => {
    const { value, field } = problem;
    if (!value || !['from', 'to', 'sources'].includes(field)) return problem;
    const row = rejected.get(value);
    if (row) {
      const what = field === 'sources' ? 'the source' : 'the node';
      return { ...problem, message: `rejected because ${what} ${quote(value)} was rejected itself (${row.file}, line ${row.line}); fix that row first` };
    }
    if (suggestions++ >= SUGGESTION_LIMIT) return problem;
    const suggestion = didYouMean(value, field === 'sources' ? known.sources : known.ids);
    return suggestion ? { ...problem, didYouMean: suggestion, message: withSuggestion(problem.message, suggestion) } : problem;
  });
}
