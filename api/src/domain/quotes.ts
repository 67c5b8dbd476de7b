/**
 * Whether a quote is in a document's text: the one test behind "every fact is quoted from its
 * source". Both sides are compared after Unicode normalisation (NFKC), case folding and
 * collapsing whitespace, so a table row quoted with single spaces matches the tab-separated
 * cells of the extracted text; punctuation must be the text's own. An ellipsis (`…`) in the
 * quote separates fragments that must appear in this order.
 */

/** The separator of quoted fragments. Split on before normalising: NFKC turns `…` into `...`. */
export const FRAGMENT_SEPARATOR = '…';

/** Text as quotes are compared: NFKC, case-folded, every run of whitespace one space, trimmed. */
export function normaliseForQuote(text: string): string {
  // toUpperCase then toLowerCase folds the cases that lowercasing alone leaves apart (ß, ſ, ς).
  return text.normalize('NFKC').toUpperCase().toLowerCase().replace(/\s+/gu, ' ').trim();
}

/** The fragments of a quote, normalised; empty fragments (a leading or doubled `…`) dropped. */
export function quoteFragments(quote: string): string[] {
  return quote
    .split(FRAGMENT_SEPARATOR)
    .map(normaliseForQuote)
    .filter((fragment) => fragment.length > 0);
}

/**
 * Where each fragment of `quote` starts in the normalised `text`, or `undefined` when the quote
 * is not in it (a fragment missing or out of order). An empty quote is never found.
 */
export function locateQuote(quote: string, text: string): number[] | undefined {
  const fragments = quoteFragments(quote);
  if (fragments.length === 0) return undefined;
  const haystack = normaliseForQuote(text);
  const at: number[] = [];
  let from = 0;
  for (const fragment of fragments) {
    const found = haystack.indexOf(fragment, from);
    if (found < 0) return undefined;
    at.push(found);
    from = found + fragment.length;
  }
  return at;
}

/** Whether `quote` is found in `text` (see the module comment for what counts as the same). */
export function isQuoteInText(quote: string, text: string): boolean {
  return locateQuote(quote, text) !== undefined;
}
