/**
 * HTTP caching of reads. Every API read says how it may be cached (revalidate each time, private
 * when signed in, since the answer depends on who asks), and carries an ETag so a client that
 * has the answer gets 304. Answers that stay the same until the graph changes (metrics, the graph
 * at a version) are kept serialised and gzipped once per graph version with their ETag, so a
 * repeated request costs a lookup, not JSON.stringify and compression again.
 */
import { createHash } from 'node:crypto';
import { constants, gzipSync } from 'node:zlib';
import type { NextFunction, Request, Response } from 'express';
import { viewerOf } from './operation.js';

/** Response compression for answers made per request: fast, since it runs on every one. */
export const COMPRESSION_LEVEL = 1;
/** The same for brotli, which browsers prefer over gzip; the middleware's own default is quality 4. */
export const BROTLI_OPTIONS = { params: { [constants.BROTLI_PARAM_QUALITY]: COMPRESSION_LEVEL } };

/**
 * Answers smaller than this go uncompressed. A response that fits in TCP's initial congestion
 * window (10 segments of 1,460 bytes, RFC 6928, less the headers) arrives in one round trip
 * either way, so gzip saves it no time, while a gzip stream per response (zlib's state, a trip
 * through the thread pool) was a measurable share of a search's CPU time (docs/performance.md).
 */
export const COMPRESSION_THRESHOLD = 14_000;

/** Cache-Control on GET and HEAD under /api/; set before the handler, which may override it. */
export function cacheControl(req: Request, res: Response, next: NextFunction): void {
  if ((req.method === 'GET' || req.method === 'HEAD') && req.path.startsWith('/api/')) {
    res.setHeader('Cache-Control', viewerOf(res) ? 'private, no-cache' : 'no-cache');
    res.vary('Cookie').vary('Authorization');
  }
  next();
}

export interface SerialisedAnswer {
  etag: string;
  json: Buffer;
  gzip: Buffer;
}

/** A short digest of a JSON answer, for entity tags. */
export const digestOf = (value: unknown): string => createHash('sha1').update(JSON.stringify(value)).digest('base64url');

/** An answer as the bytes sent, with an ETag naming the graph version and the content. */
export function serialise(value: unknown, graphVersion: number): SerialisedAnswer {
  const json = Buffer.from(JSON.stringify(value));
  const digest = createHash('sha1').update(json).digest('base64url');
  // Compressed once and kept: the best compression is worth it here.
  return { etag: `"g${graphVersion}-${digest}"`, json, gzip: gzipSync(json, { level: constants.Z_BEST_COMPRESSION }) };
}

/** Serialised answers per key, each valid at one graph version; the least recently used go first. */
export class SerialisedAnswers {
  private readonly entries = new Map<string, { version: number; answer: SerialisedAnswer }>();

  constructor(private readonly maxEntries = 32) {}

  get(key: string, graphVersion: number, build: () => unknown): SerialisedAnswer {
    let entry = this.entries.get(key);
    if (!entry || entry.version !== graphVersion) entry = { version: graphVersion, answer: serialise(build(), graphVersion) };
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return entry.answer;
  }
}

/** Sends a kept answer: 304 when the client has it, else the gzipped bytes when it accepts gzip. */
export function sendSerialised(req: Request, res: Response, answer: SerialisedAnswer): void {
  res.setHeader('ETag', answer.etag);
  res.vary('Accept-Encoding');
  if (req.fresh) {
    res.status(304).end();
    return;
  }
  res.type('application/json');
  // The compression middleware leaves a body that already has a Content-Encoding alone.
  const gzip = req.acceptsEncodings('gzip', 'identity') === 'gzip';
  if (gzip) res.setHeader('Content-Encoding', 'gzip');
  const body = gzip ? answer.gzip : answer.json;
  res.setHeader('Content-Length', body.length);
  res.end(req.method === 'HEAD' ? undefined : body);
}
