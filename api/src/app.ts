/**
 * Builds the Express app without listening: server.ts listens, tests mount it on port 0. Every
 * route is an operation (http/operation.ts), so the OpenAPI document is built from the same
 * definitions Express mounts.
 */
import express, { Router, type Express } from 'express';
import compression from 'compression';
import type { Logger } from 'pino';
import swaggerUi from 'swagger-ui-express';
import { AnalyticsService } from './analytics/analytics.service.js';
import { DEFAULT_METRICS_OPTIONS } from './analytics/metrics.js';
import { GdsRepository } from './repositories/gds.repository.js';
import cookieParser from 'cookie-parser';
import { authenticate } from './http/authenticate.js';
import { AccountRepository } from './repositories/account.repository.js';
import { authOperations, type AuthSettings } from './routes/auth.routes.js';
import { ChangeRepository } from './repositories/change.repository.js';
import { editOperations } from './routes/edits.routes.js';
import { duplicateOperations } from './routes/duplicates.routes.js';
import { releaseOperations } from './routes/releases.routes.js';
import { ReleaseRepository } from './repositories/release.repository.js';
import { DuplicateRepository } from './repositories/duplicate.repository.js';
import { importOperations } from './routes/import.routes.js';
import { draftOperations } from './routes/drafts.routes.js';
import { exportOperations } from './routes/export.routes.js';
import type { GraphDb } from './db/graph-db.js';
import { mountOperations, type Operation } from './http/operation.js';
import { openApiDocument } from './http/openapi.js';
import { problemHandler, unknownRoute } from './http/problem.js';
import { serveUi } from './http/serve-ui.js';
import { requestLog } from './http/request-log.js';
import { securityHeaders } from './http/security-headers.js';
import { corsForReads, refuseOtherMethods, robots, type CorsOrigins } from './http/web-conventions.js';
import { BROTLI_OPTIONS, cacheControl, COMPRESSION_LEVEL, COMPRESSION_THRESHOLD } from './http/caching.js';
import { AnalyticsRepository } from './repositories/analytics.repository.js';
import { ConsoleRepository, DEFAULT_CONSOLE_LIMITS, type ConsoleLimits } from './repositories/console.repository.js';
import { PrivacyRepository } from './repositories/privacy.repository.js';
import { makeRedactor, type Redactor } from './domain/redaction.js';
import { VersionedCache } from './lib/versioned-cache.js';
import { GraphRepository } from './repositories/graph.repository.js';
import { NodeRepository } from './repositories/node.repository.js';
import { SavedViewRepository } from './repositories/saved-view.repository.js';
import { SearchRepository } from './repositories/search.repository.js';
import { StatsRepository } from './repositories/stats.repository.js';
import { TimelineRepository } from './repositories/timeline.repository.js';
import { analyticsOperations } from './routes/analytics.routes.js';
import { matchmakingOperations } from './routes/matchmaking.routes.js';
import { funderOperations } from './routes/funder.routes.js';
import { FunderRepository } from './repositories/funder.repository.js';
import { consoleOperations } from './routes/console.routes.js';
import { graphOperations } from './routes/graph.routes.js';
import { healthOperations } from './routes/health.routes.js';
import { nodeOperations } from './routes/nodes.routes.js';
import { searchOperations } from './routes/search.routes.js';
import { timeOperations } from './routes/time.routes.js';
import { savedViewOperations } from './routes/views.routes.js';
import { reconcileOperations } from './routes/reconcile.routes.js';

export interface AppOptions {
  db: GraphDb;
  logger: Logger;
  /** Timeout and size caps of console queries, and how many the console answers per minute and client. */
  cypherConsole?: Partial<ConsoleLimits> & { requestsPerMinute?: number };
  /** The built explorer UI (`ui/dist`), served beside the API on the same port; none in API-only tests. */
  uiDir?: string;
  auth?: Partial<AuthSettings>;
  /** How many views one client may save an hour. */
  viewSavesPerHour?: number;
  /** Web origins that may read the API anonymously (CORS). */
  corsOrigins?: CorsOrigins;
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

export function buildApp({ db, logger, cypherConsole = {}, uiDir, auth = {}, viewSavesPerHour = 120, corsOrigins = '*' }: AppOptions): App {
  const authSettings = { ...DEFAULT_AUTH, ...auth };
  const accounts = new AccountRepository(db);
  const graph = new GraphRepository(db);
  const stats = new StatsRepository(db);
  const analyticsRepository = new AnalyticsRepository(db);
  const search = new SearchRepository(db);
  const savedViews = new SavedViewRepository(db);
  const nodeRepository = new NodeRepository(db);
  const analytics = new AnalyticsService(analyticsRepository, stats, DEFAULT_METRICS_OPTIONS, new GdsRepository(db), logger);
  // Names of people who are not public, read again only when the graph changed. Every anonymous
  // read asks: the version it is checked against is kept in memory, not queried each time.
  const hiddenNames = new VersionedCache<Redactor>(() => analyticsRepository.graphVersion(), 1);
  const privacy = new PrivacyRepository(db);
  const redactor = async () => (await hiddenNames.get('names', async () => makeRedactor(await privacy.hiddenNames()))).value;
  const operations: Operation[] = [
    ...healthOperations(db),
    ...searchOperations(search, graph),
    ...nodeOperations(nodeRepository, graph),
    ...graphOperations(graph, () => analyticsRepository.graphVersion()),
    ...timeOperations(new TimelineRepository(db)),
    ...analyticsOperations(analytics, stats),
    ...matchmakingOperations(analytics),
    ...funderOperations(new FunderRepository(db), graph),
    ...savedViewOperations(savedViews, graph, viewSavesPerHour),
    ...authOperations(accounts, authSettings),
    ...editOperations(db, new ChangeRepository(db)),
    ...duplicateOperations(db, new DuplicateRepository(db), () => analyticsRepository.graphVersion()),
    ...importOperations(db),
    ...draftOperations(db),
    ...exportOperations(db),
    ...releaseOperations(db, new ReleaseRepository(db), redactor),
    ...reconcileOperations(search, nodeRepository),
    ...consoleOperations(new ConsoleRepository(db, { ...DEFAULT_CONSOLE_LIMITS, ...cypherConsole }), cypherConsole.requestsPerMinute ?? 30),
  ];
  const spec = openApiDocument(operations, API_VERSION);

  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(requestLog(logger));
  app.use(securityHeaders());
  app.use('/api', corsForReads(corsOrigins));
  app.use(express.json({ limit: '1mb' }));
  app.use(cookieParser());
  app.use(authenticate(accounts));
  app.use(compression({ level: COMPRESSION_LEVEL, brotli: BROTLI_OPTIONS, threshold: COMPRESSION_THRESHOLD }));
  app.use(cacheControl);

  const router = Router();
  mountOperations(router, operations, { anonymousRead: authSettings.anonymousRead, redactor });
  router.get('/api/openapi.json', (_req, res) => {
    res.json(spec);
  });
  router.use('/api/docs', swaggerUi.serve, swaggerUi.setup(spec, { customSiteTitle: 'Spean API' }));
  refuseOtherMethods(router, operations);
  router.get('/robots.txt', robots);
  app.use(router);
  if (uiDir) app.use(serveUi(uiDir, async (id) => (await savedViews.get(id))?.name));

  app.use(unknownRoute);
  app.use(problemHandler);
  return { app, operations, analytics, close: () => analytics.close() };
}
