/**
 * Serves the built explorer UI. Vite names assets by content hash, so they are cached for a year;
 * index.html is not, so a new build is picked up at once. Any other GET outside the API answers
 * index.html: the UI keeps its state in the query string, and deep links must open.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import express, { Router } from 'express';

export function serveUi(uiDir: string): Router {
  const root = resolve(uiDir);
  const index = join(root, 'index.html');
  if (!existsSync(index)) throw new Error(`No built UI in ${root}: run "npm run build" first.`);
  const router = Router();
  router.use('/assets', express.static(join(root, 'assets'), { immutable: true, maxAge: '1y', fallthrough: false }));
  router.use(express.static(root, { index: false, maxAge: 0 }));
  router.get(/^\/(?!api\/|livez$|readyz$).*/, (_req, res) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return router;
}
