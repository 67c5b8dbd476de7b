/**
 * Builds the Express app without listening: server.ts listens, tests mount it on port 0.
 */
import express, { type Express } from 'express';
import { pinoHttp } from 'pino-http';
import type { Logger } from 'pino';
import type { GraphDb } from './db/graph-db.js';
import { problemHandler, unknownRoute } from './http/problem.js';
import { NodeRepository } from './repositories/node.repository.js';
import { SearchRepository } from './repositories/search.repository.js';
import { healthRoutes } from './routes/health.routes.js';
import { nodeRoutes } from './routes/nodes.routes.js';
import { searchRoutes } from './routes/search.routes.js';

export interface AppDeps {
  db: GraphDb;
  logger: Logger;
}

export function buildApp({ db, logger }: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(pinoHttp({ logger, autoLogging: { ignore: (req) => req.url === '/livez' } }));
  app.use(express.json({ limit: '1mb' }));

  app.use(healthRoutes(db));
  app.use(nodeRoutes(new NodeRepository(db)));
  app.use(searchRoutes(new SearchRepository(db)));

  app.use(unknownRoute);
  app.use(problemHandler);
  return app;
}
