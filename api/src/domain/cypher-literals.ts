/** Reading the string literals out of a Cypher query's text, for the console guard (which sees literals only as auto-parameters). */
/** Every string literal of a Cypher query, unescaped; comments and `quoted identifiers` are skipped. */
export function stringLiterals(query: string): string[] {
  const literals: string[] = [];
  let i = 0;
  while (i < query.length) {
    const char = query[i]!;
    if (query.startsWith('//', i)) i = query.indexOf('\n', i) === -1 ? query.length : query.indexOf('\n', i);
    else if (query.startsWith('/*', i)) i = query.indexOf('*/', i + 2) === -1 ? query.length : query.indexOf('*/', i + 2) + 2;
    else if (char === '`') i = query.indexOf('`', i + 1) === -1 ? query.length : query.indexOf('`', i + 1) + 1;
    else if (char === "'" || char === '"') {
      let value = '';
      i++;
      while (i < query.length && query[i] !== char) {
        if (query[i] === '\\') {
          const [text, length] = unescape(query, i);
          value += text;
          i += length;
        } else value += query[i++];
      }
      literals.push(value);
      i++;
    } else i++;
  }
  return literals;
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f' };

/** One escape sequence at `at` (a backslash): its text and its length in the query. */
function unescape(query: string, at: number): [string, number] {
  const next = query[at + 1] ?? '';
  if (next === 'u' || next === 'U') {
    const digits = next === 'u' ? 4 : 8;
    const code = Number.parseInt(query.slice(at + 2, at + 2 + digits), 16);
    return [Number.isNaN(code) ? '' : String.fromCodePoint(code), 2 + digits];
  }
  return [ESCAPES[next] ?? next, 2];
}
