/** Liveness (the process answers) and readiness (the database answers and is migrated). */
import { Router } from 'express';
import type { GraphDb } from '../db/graph-db.js';
import { isMigrated } from '../db/migrations.js';
import { AppError, RETRY_AFTER_SECONDS } from '../http/problem.js';

export function healthRoutes(db: GraphDb): Router {
  const router = Router();
  router.get('/livez', (_req, res) => {
    res.json({ status: 'live' });
  });
  router.get('/readyz', async (_req, res) => {
    const migrated = await isMigrated(db);
    if (!migrated) {
      throw new AppError(503, 'Service Unavailable', 'The database schema is not migrated yet.', [], {
        'Retry-After': String(RETRY_AFTER_SECONDS),
      });
    }
    res.json({ status: 'ready' });
  });
  return router;
}
