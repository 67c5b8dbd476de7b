/**
 * The first check of the read-only Cypher console: refuses what must never run, with a message
 * that says why. The database is the second check (the query's planned type must be read-only,
 * and it runs in a read transaction); this one catches what a read plan can still do: load
 * files or URLs, call procedures outside the allowlist, administer the server.
 */

/** Procedures a researcher may call: schema introspection and full-text search. */
export const ALLOWED_PROCEDURES = new Set([
  'db.labels',
  'db.relationshiptypes',
  'db.propertykeys',
  'db.schema.visualization',
  'db.schema.nodetypeproperties',
  'db.schema.reltypeproperties',
  'db.index.fulltext.querynodes',
  'db.index.fulltext.queryrelationships',
]);

const REFUSED_CLAUSES: ReadonlyArray<[RegExp, string]> = [
  [/\bLOAD\s+CSV\b/i, 'LOAD CSV is not allowed in the console.'],
  [/^\s*(EXPLAIN|PROFILE)\b/i, 'EXPLAIN and PROFILE are not available in the console; send the query itself.'],
  [/^\s*(SHOW|TERMINATE|ALTER|GRANT|DENY|REVOKE|START|STOP|CREATE\s+(USER|ROLE|DATABASE|ALIAS)|DROP)\b/i, 'Administration commands are not allowed in the console.'],
  [/\bUSE\s+[\w.`]+/i, 'The console reads the Spean database only; USE is not allowed.'],
  [/\bCALL\s+dbms\./i, 'dbms.* procedures are not allowed in the console.'],
];

/** The query without string literals and comments, so that words inside them are not mistaken for clauses. */
export function withoutLiterals(query: string): string {
  return query
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/\/\/[^\n]*/g, ' ')
    .replace(/'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"/g, "''");
}

/** Names of the procedures the query calls (lowercase), `CALL { … }` subqueries aside. */
export function calledProcedures(query: string): string[] {
  const code = withoutLiterals(query).replace(/`/g, '');
  return [...code.matchAll(/\bCALL\s+([A-Za-z_][\w.]*)\s*\(/gi)].map((m) => m[1]!.toLowerCase());
}

/** Why the console refuses the query, or undefined when it may go on to the database's check. */
export function refusal(query: string): string | undefined {
  const code = withoutLiterals(query);
  for (const [pattern, message] of REFUSED_CLAUSES) if (pattern.test(code)) return message;
  const forbidden = calledProcedures(query).filter((name) => !ALLOWED_PROCEDURES.has(name));
  if (forbidden.length) {
    return `The procedure ${forbidden.join(', ')} is not on the console's allowlist (${[...ALLOWED_PROCEDURES].join(', ')}).`;
  }
  return undefined;
}
