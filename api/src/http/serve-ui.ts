/**
 * Serves the built explorer UI. Vite names assets by content hash, so they are cached for a year;
 * index.html is not, so a new build is picked up at once. Any other GET outside the API answers
 * index.html: the UI keeps its state in the query string, and deep links must open.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import express, { Router } from 'express';
import { pageMeta } from './page-meta.js';

/** The name of a saved view, for the preview of a link that opens it. */
export type ViewNamer = (id: string) => Promise<string | undefined>;

export function serveUi(uiDir: string, viewName: ViewNamer = async () => undefined): Router {
  const root = resolve(uiDir);
  const index = join(root, 'index.html');
  if (!existsSync(index)) throw new Error(`No built UI in ${root}: run "npm run build" first.`);
  const page = readFileSync(index, 'utf8');
  const router = Router();
  router.use('/assets', express.static(join(root, 'assets'), { immutable: true, maxAge: '1y', fallthrough: false }));
  router.use(express.static(root, { index: false, maxAge: 0 }));
  router.get(/^\/(?!api\/|livez$|readyz$).*/, async (req, res) => {
    const view =
      typeof req.query.view === 'string' && /^[A-Za-z0-9_-]{8,32}$/.test(req.query.view) ? await viewName(req.query.view).catch(() => undefined) : undefined;
    const meta = pageMeta({ origin: `${req.protocol}://${req.get('host')}`, url: req.originalUrl, viewName: view });
    res.setHeader('Cache-Control', 'no-cache');
    res.type('html').send(page.replace('</head>', `  ${meta}\n  </head>`));
  });
  return router;
}
