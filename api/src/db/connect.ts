/**
 * Opens the graph database the configuration names: the server at NEO4J_URI when it is set;
 * otherwise the project's own local Neo4j, reused when one already answers on its port (say,
 * from `npm run db`) and started as a child process when none does.
 */
import neo4j from 'neo4j-driver';
import type { Config } from '../config.js';
import { GraphDb } from './graph-db.js';
import { superviseLocalNeo4j, type SupervisorLog } from './neo4j-supervisor.js';

export interface OpenDatabase {
  db: GraphDb;
  uri: string;
  /** Whether this process started the database (and so stops it on close). */
  started: boolean;
  close(): Promise<void>;
}

async function answers(uri: string): Promise<boolean> {
  const driver = neo4j.driver(uri, neo4j.auth.basic('neo4j', ''), { connectionTimeout: 2_000 });
  try {
    await driver.verifyConnectivity();
    return true;
  } catch {
    return false;
  } finally {
    await driver.close();
  }
}

const consoleLog: SupervisorLog = {
  info: (details, message) => console.error(`[neo4j] ${message}`, details),
  error: (details, message) => console.error(`[neo4j] ${message}`, details),
};

export interface OpenOptions {
  /** Hears when the database stops answering and answers again, and, for the database this process started, when it died and was restarted. */
  log?: SupervisorLog;
  /**
   * Whether an unanswered ping marks the database down so calls fail at once (the server: a 503
   * beats a hang). A command-line job leaves it off: a database busy for a few seconds (a large
   * restore, a loaded machine) is waited out, each call still bounded by its deadline.
   */
  failFast?: boolean;
}

export async function openDatabase(config: Config, { log = consoleLog, failFast = false }: OpenOptions = {}): Promise<OpenDatabase> {
  const options = {
    user: config.NEO4J_USER,
    password: config.NEO4J_PASSWORD,
    database: config.NEO4J_DATABASE,
    queryTimeoutMs: config.QUERY_TIMEOUT_MS,
    failFast,
    onAvailability: (available: boolean) =>
      available ? log.info({}, 'the graph database answers again') : log.error({}, 'the graph database does not answer; requests get 503 until it does'),
  };
  if (config.NEO4J_URI) {
    const db = new GraphDb({ uri: config.NEO4J_URI, ...options });
    return { db, uri: config.NEO4J_URI, started: false, close: () => db.close() };
  }
  const localUri = `bolt://127.0.0.1:${config.localNeo4j.port}`;
  if (await answers(localUri)) {
    const db = new GraphDb({ uri: localUri, ...options });
    return { db, uri: localUri, started: false, close: () => db.close() };
  }
  const local = await superviseLocalNeo4j(config.localNeo4j, log);
  const db = new GraphDb({ uri: local.uri, ...options });
  return {
    db,
    uri: local.uri,
    started: true,
    close: async () => {
      await db.close();
      await local.stop();
    },
  };
}
