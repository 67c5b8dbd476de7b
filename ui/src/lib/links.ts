/**
 * A stored URL as a link target only when it is a web address: data written before the model
 * refused other schemes (or by another tool) must never become a `javascript:` link.
 */
export function webHref(url: string | null | undefined): string | undefined {
  if (!url) return undefined;
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}
