/**
 * What browsers, notebooks and crawlers expect of a public API besides its routes: CORS for
 * anonymous reads (an Observable or Jupyter notebook in a browser can read the network, but never
 * with the reader's cookies or token), 405 with `Allow` for a method a known path does not
 * answer, and a robots.txt that lets crawlers see the explorer and keeps them off the API.
 */
import cors from 'cors';
import type { RequestHandler, Router } from 'express';
import { AppError } from '../domain/errors.js';
import type { Operation } from './operation.js';

/** `*` for any origin, or the origins allowed (`https://observablehq.com`, …); an empty list turns CORS off. */
export type CorsOrigins = '*' | string[];

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * CORS for GET and HEAD only, without credentials: browsers then neither send cookies nor may
 * set an Authorization header cross-origin (it is not an allowed header), so only what anonymous
 * readers see can leave through it.
 */
export function corsForReads(origins: CorsOrigins): RequestHandler {
  if (origins !== '*' && !origins.length) return (_req, _res, next) => next();
  const handler = cors({
    origin: origins === '*' ? '*' : origins,
    methods: ['GET', 'HEAD'],
    // Listed, not reflected: the cors package would otherwise allow whatever a page asks, Authorization included.
    allowedHeaders: ['Accept', 'Accept-Language', 'If-None-Match'],
    credentials: false,
    maxAge: 600,
    exposedHeaders: ['Content-Disposition', 'Retry-After'],
  });
  // Writes get no CORS headers at all, so a page elsewhere can never read what a write answered;
  // an OPTIONS that is no preflight is answered with Allow by refuseOtherMethods.
  return (req, res, next) => {
    const preflight = req.method === 'OPTIONS' && req.get('access-control-request-method') !== undefined;
    return READS.has(req.method) && (req.method !== 'OPTIONS' || preflight) ? handler(req, res, next) : next();
  };
}

/** Each known path's `Allow` header: its operations' methods, HEAD with GET, and OPTIONS. */
export function allowedMethods(operations: Operation[]): Map<string, string> {
  const methods = new Map<string, Set<string>>();
  for (const op of operations) methods.set(op.path, (methods.get(op.path) ?? new Set()).add(op.method.toUpperCase()));
  return new Map(
    [...methods].map(([path, allowed]) => {
      if (allowed.has('GET')) allowed.add('HEAD');
      return [path, [...allowed, 'OPTIONS'].join(', ')];
    }),
  );
}

/** After the operations: any other method on a known path is a 405 naming the allowed ones. */
export function refuseOtherMethods(router: Router, operations: Operation[]): void {
  for (const [path, allow] of allowedMethods(operations)) {
    router.all(path, (req, res, next) => {
      if (req.method === 'OPTIONS') {
        res.set('Allow', allow).status(204).end();
        return;
      }
      next(new AppError(405, 'Method Not Allowed', `${req.method} is not allowed on ${path}; use ${allow}.`, [], { Allow: allow }));
    });
  }
}

export const ROBOTS_TXT = [
  '# Spean: the explorer is for people and crawlers; the API is for programs.',
  'User-agent: *',
  'Allow: /$',
  'Allow: /api/docs',
  'Disallow: /api/',
  '',
].join('\n');

export const robots: RequestHandler = (_req, res) => {
  res.type('text/plain').send(ROBOTS_TXT);
};
