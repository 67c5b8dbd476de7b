/**
 * `npm start`: opens the database (starting the local Neo4j when no NEO4J_URI is set), migrates
 * the schema, loads the seed network into an empty graph, and serves the API on one port.
 * SIGTERM and SIGINT stop the HTTP server first, then the driver, then the local database.
 */
import type { Server } from 'node:http';
import { buildApp } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { openDatabase } from './db/connect.js';
import { migrate } from './db/migrations.js';
import { NodeRepository } from './repositories/node.repository.js';
import { DEFAULT_METRICS_FILTER } from './routes/analytics.routes.js';
import { loadSeed } from '../../seed/seed.js';
import { createLogger } from './lib/logger.js';

function readConfig() {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

const config = readConfig();
const logger = createLogger(config.LOG_LEVEL);
const database = await openDatabase(config, { log: logger, failFast: true });
logger.info({ uri: database.uri, started: database.started }, 'graph database open');

const applied = await migrate(database.db);
if (applied.length) logger.info({ applied }, 'schema migrated');

if (config.SEED_WHEN_EMPTY) {
  const counts = await new NodeRepository(database.db).countByKind();
  if (Object.keys(counts).length === 0) {
    const loaded = await loadSeed(database.db);
    const { nodes, relationships, publicationDated } = loaded;
    logger.info({ nodes, relationships, publicationDated: publicationDated.length }, 'seed network loaded into the empty database');
  }
}

const { app, analytics } = buildApp({
  db: database.db,
  logger,
  uiDir: config.UI_DIR || undefined,
  corsOrigins: config.CORS_ORIGINS,
  auth: {
    anonymousRead: config.ANONYMOUS_READ,
    sessionTtlHours: config.SESSION_TTL_HOURS,
    secureCookies: config.COOKIE_SECURE,
    loginsPerMinute: config.LOGINS_PER_MINUTE,
  },
});
const server: Server = app.listen(config.PORT, config.HOST, () => {
  logger.info(`Spean is listening on http://${config.HOST}:${config.PORT}`);
  // Written now, not with the next batch: scripts and supervisors wait for this line.
  logger.flush();
  // Compute the default metrics now, off the request thread, so the first visitor need not wait.
  analytics.metrics(DEFAULT_METRICS_FILTER).then(
    () => logger.info('default network metrics computed'),
    (error: unknown) => logger.warn({ err: error }, 'could not compute the default network metrics yet'),
  );
});

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down');
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await analytics.close();
  await database.close();
  logger.flush(() => process.exit(0));
}
process.once('SIGTERM', () => void shutdown('SIGTERM'));
process.once('SIGINT', () => void shutdown('SIGINT'));
