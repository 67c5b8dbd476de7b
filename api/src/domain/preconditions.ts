/**
 * Preconditions on writes (RFC 9110 §13.1.1): a node's or relationship's strong entity tag names
 * its stored version (`"v3"`, or `"v3-…"` when the tag also names the rest of an answer), and an
 * If-Match header names the versions a client holds. A write whose If-Match names none of the
 * current version is refused (412), before the body's own `version` is compared (409).
 */
import { z } from 'zod';

/** `*` (whatever version is current) or the versions the header's strong tags name. */
export type IfMatch = '*' | number[];

/** The entity tag of a stored version, optionally followed by a digest of the whole answer. */
export const versionTag = (version: number, digest?: string): string => `"v${version}${digest ? `-${digest}` : ''}"`;

const TAG = /^"v(\d{1,15})(?:-[!#-~]*)?"$/;
const LIST = /^\s*(\*|(W\/)?"[!#-~]*"(\s*,\s*(W\/)?"[!#-~]*")*)\s*$/;

/** The If-Match header as zod reads it: absent, `*`, or a list of entity tags. */
export const ifMatchSchema = z
  .string()
  .regex(LIST, 'a list of entity tags such as "v3", or *')
  .optional()
  .describe('Write only if the version is still this one: the ETag of GET /api/nodes/{id} ("v3-…"), or "v3". A stale one is answered 412.');

/** The versions an If-Match header names; weak tags and tags of no version name none (strong comparison). */
export function parseIfMatch(header: string | undefined): IfMatch | undefined {
  if (header === undefined) return undefined;
  if (header.trim() === '*') return '*';
  return header
    .split(',')
    .map((tag) => TAG.exec(tag.trim()))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => Number(m[1]));
}

/** Whether a write that sent `ifMatch` may go ahead on `version`. */
export const satisfies = (ifMatch: IfMatch | undefined, version: number): boolean => ifMatch === undefined || ifMatch === '*' || ifMatch.includes(version);
