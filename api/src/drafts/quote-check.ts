/**
 * Whether a quote is in the document, verbatim. The drafts module's own check (named so the lead
 * can unify it with the domain's quote check, `domain/quotes.ts`, written on another branch).
 */

/** True when `quote` is a non-empty exact substring of the document's text. */
export function draftQuoteIsVerbatim(quote: string, documentText: string): boolean {
  return quote.length > 0 && documentText.includes(quote);
}
