/**
 * Builds the Express app without listening: server.ts listens, tests mount it on port 0. Every
 * route is an operation (http/operation.ts), so the OpenAPI document is built from the same
 * definitions Express mounts.
 */
import express, { Router, type Express } from 'express';
import compression from 'compression';
import { pinoHttp } from 'pino-http';
import type { Logger } from 'pino';
import swaggerUi from 'swagger-ui-express';
import { AnalyticsService } from './analytics/analytics.service.js';
import { DEFAULT_METRICS_OPTIONS } from './analytics/metrics.js';
import { GdsRepository } from './repositories/gds.repository.js';
import cookieParser from 'cookie-parser';
import { authenticate } from './auth/authenticate.js';
import { AccountRepository } from './repositories/account.repository.js';
import { authOperations, type AuthSettings } from './routes/auth.routes.js';
import { EditRepository } from './repositories/edit.repository.js';
import { editOperations } from './routes/edits.routes.js';
import { duplicateOperations } from './routes/duplicates.routes.js';
import { releaseOperations } from './routes/releases.routes.js';
import { ReleaseRepository } from './repositories/release.repository.js';
import { DuplicateRepository } from './repositories/duplicate.repository.js';
import { importOperations } from './routes/import.routes.js';
import { exportOperations } from './routes/export.routes.js';
import type { GraphDb } from './db/graph-db.js';
import { mountOperations, openApiDocument, type Operation } from './http/operation.js';
import { problemHandler, unknownRoute } from './http/problem.js';
import { serveUi } from './http/serve-ui.js';
import { requestLogSerializers } from './http/request-log.js';
import { cacheControl, COMPRESSION_LEVEL } from './http/caching.js';
import { AnalyticsRepository } from './repositories/analytics.repository.js';
import { ConsoleRepository } from './repositories/console.repository.js';
import { GraphRepository } from './repositories/graph.repository.js';
import { NodeRepository } from './repositories/node.repository.js';
import { SavedViewRepository } from './repositories/saved-view.repository.js';
import { SearchRepository } from './repositories/search.repository.js';
import { StatsRepository } from './repositories/stats.repository.js';
import { TimelineRepository } from './repositories/timeline.repository.js';
import { analyticsOperations } from './routes/analytics.routes.js';
import { consoleOperations } from './routes/console.routes.js';
import { graphOperations } from './routes/graph.routes.js';
import { healthOperations } from './routes/health.routes.js';
import { nodeOperations } from './routes/nodes.routes.js';
import { searchOperations } from './routes/search.routes.js';
import { timeOperations } from './routes/time.routes.js';
import { savedViewOperations } from './routes/views.routes.js';

export interface AppOptions {
  db: GraphDb;
  logger: Logger;
  /** Timeout of console queries (ms) and how many the console answers per minute and client. */
  cypherConsole?: { timeoutMs: number; requestsPerMinute: number };
  /** The built explorer UI (`ui/dist`), served beside the API on the same port; none in API-only tests. */
  uiDir?: string;
  auth?: Partial<AuthSettings>;
  /** How many views one client may save an hour. */
  viewSavesPerHour?: number;
}

export const DEFAULT_AUTH: AuthSettings = { anonymousRead: true, sessionTtlHours: 12, secureCookies: true, loginsPerMinute: 10 };

export interface App {
  app: Express;
  operations: Operation[];
  analytics: AnalyticsService;
  /** Stops what the app started besides the HTTP server (the analytics worker). */
  close(): Promise<void>;
}

export const API_VERSION = '0.2.0';

export function buildApp({ db, logger, cypherConsole = { timeoutMs: 5_000, requestsPerMinute: 30 }, uiDir, auth = {}, viewSavesPerHour = 120 }: AppOptions): App {
  const authSettings = { ...DEFAULT_AUTH, ...auth };
  const accounts = new AccountRepository(db);
  const graph = new GraphRepository(db);
  const stats = new StatsRepository(db);
  const analyticsRepository = new AnalyticsRepository(db);
  const edits = new EditRepository(db);
  const analytics = new AnalyticsService(analyticsRepository, stats, DEFAULT_METRICS_OPTIONS, new GdsRepository(db), logger);
  const operations: Operation[] = [
    ...healthOperations(db),
    ...searchOperations(new SearchRepository(db), graph),
    ...nodeOperations(new NodeRepository(db), graph),
    ...graphOperations(graph, () => analyticsRepository.graphVersion()),
    ...timeOperations(new TimelineRepository(db)),
    ...analyticsOperations(analytics, stats),
    ...savedViewOperations(new SavedViewRepository(db), graph, viewSavesPerHour),
    ...authOperations(accounts, authSettings),
    ...editOperations(edits),
    ...duplicateOperations(new DuplicateRepository(db), edits, () => analyticsRepository.graphVersion()),
    ...importOperations(db),
    ...exportOperations(db),
    ...releaseOperations(db, new ReleaseRepository(db)),
    ...consoleOperations(new ConsoleRepository(db, cypherConsole.timeoutMs), cypherConsole.requestsPerMinute),
  ];
  const spec = openApiDocument(operations, API_VERSION);

  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(pinoHttp({ logger, serializers: requestLogSerializers, autoLogging: { ignore: (req) => req.url === '/livez' } }));
  app.use(express.json({ limit: '1mb' }));
  app.use(cookieParser());
  app.use(authenticate(accounts));
  app.use(compression({ level: COMPRESSION_LEVEL }));
  app.use(cacheControl);

  const router = Router();
  mountOperations(router, operations, { anonymousRead: authSettings.anonymousRead });
  router.get('/api/openapi.json', (_req, res) => {
    res.json(spec);
  });
  router.use('/api/docs', swaggerUi.serve, swaggerUi.setup(spec, { customSiteTitle: 'Spean API' }));
  app.use(router);
  if (uiDir) app.use(serveUi(uiDir));

  app.use(unknownRoute);
  app.use(problemHandler);
  return { app, operations, analytics, close: () => analytics.close() };
}
