/**
 * The one Neo4j driver of the process, wrapped so that every query is parameterised, carries a
 * timeout, and runs in a read transaction unless it writes. Repositories receive a `GraphDb`.
 */
import neo4j, { type Driver, type ManagedTransaction, type QueryResult, type RecordShape, type RoutingControl } from 'neo4j-driver';
import { DatabaseHealth, DEFAULT_HEALTH } from './database-health.js';
import { toPlain } from './plain-values.js';

export interface GraphDbOptions {
  uri: string;
  user: string;
  password: string;
  database?: string;
  /** Every transaction is terminated by the server after this long. */
  queryTimeoutMs: number;
  /** Told when the database stops answering and when it answers again. */
  onAvailability?: (available: boolean) => void;
  /**
   * Fail fast while the server is away (a refused or hung ping marks it down): for the server
   * process. Tools and tests that only want bounded waits leave it off.
   */
  failFast?: boolean;
}

/** How long past its server-side timeout a call may wait before the client gives up on it. */
const CLIENT_GRACE_MS = 2_000;

export type Row = Record<string, unknown>;

let writesEnded = 0;

/**
 * Moves whenever a write through any `GraphDb` of this process ends, committed or not: a value
 * read from the database before it moved may be stale (lib/shared-read.ts keeps the graph
 * version in memory on this).
 */
export const writeGeneration = (): number => writesEnded;

/** Counts `work` as a write once it has ended, whichever way. */
async function counted<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } finally {
    writesEnded++;
  }
}

export class GraphDb {
  readonly driver: Driver;
  /** The configured database (NEO4J_DATABASE); undefined for the server's default. */
  readonly database: string | undefined;
  private readonly timeoutMs: number;
  /** Bounds every call's wait and fails fast while the server is away. */
  readonly health: DatabaseHealth;

  constructor(options: GraphDbOptions) {
    this.driver = neo4j.driver(options.uri, neo4j.auth.basic(options.user, options.password), {
      // Fail fast while the server is away: the API answers 503 instead of hanging.
      connectionAcquisitionTimeout: 3_000,
      connectionTimeout: 5_000,
      maxTransactionRetryTime: 5_000,
      disableLosslessIntegers: false,
    });
    this.database = options.database;
    this.timeoutMs = options.queryTimeoutMs;
    this.health = new DatabaseHealth(() => this.ping(), options.onAvailability, {
      ...DEFAULT_HEALTH,
      tripAfterMs: options.failFast ? DEFAULT_HEALTH.tripAfterMs : undefined,
    });
  }

  /** `RETURN 1` in a session of its own: no retries, so a probe sees the server as it is. */
  private async ping(): Promise<void> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session.READ });
    try {
      await session.run('RETURN 1');
    } finally {
      await session.close();
    }
  }

  /** Runs `work` against the database with a bounded wait: its timeout plus a grace, or less while the server is away. */
  guarded<T>(work: () => Promise<T>, timeoutMs = this.timeoutMs): Promise<T> {
    return this.health.guard(work, timeoutMs + CLIENT_GRACE_MS);
  }

  /** Whether the database answers within a second. */
  answers(): Promise<boolean> {
    return this.health.probe();
  }

  /** Runs a read query in a read transaction and returns its rows as plain values. */
  read<T extends Row = Row>(cypher: string, params: Row = {}, timeoutMs = this.timeoutMs): Promise<T[]> {
    return this.query<T>(neo4j.routing.READ, cypher, params, timeoutMs);
  }

  /** Runs one write query in its own write transaction. */
  write<T extends Row = Row>(cypher: string, params: Row = {}, timeoutMs = this.timeoutMs): Promise<T[]> {
    return counted(this.query<T>(neo4j.routing.WRITE, cypher, params, timeoutMs));
  }

  private async query<T>(routing: RoutingControl, cypher: string, params: Row, timeoutMs: number): Promise<T[]> {
    const result = await this.guarded(
      () => this.driver.executeQuery(cypher, params, { routing, database: this.database, transactionConfig: { timeout: timeoutMs } }),
      timeoutMs,
    );
    return result.records.map((record) => toPlain(record.toObject()) as T);
  }

  /** Runs `work` in one write transaction: all of it commits, or none of it. */
  writeTransaction<T>(work: (tx: Tx) => Promise<T>, timeoutMs = this.timeoutMs): Promise<T> {
    return counted(this.transaction('WRITE', work, timeoutMs));
  }

  /** Runs several reads in one read transaction, so they see one state of the graph. */
  readTransaction<T>(work: (tx: Tx) => Promise<T>, timeoutMs = this.timeoutMs): Promise<T> {
    return this.transaction('READ', work, timeoutMs);
  }

  private transaction<T>(mode: 'READ' | 'WRITE', work: (tx: Tx) => Promise<T>, timeoutMs: number): Promise<T> {
    return this.guarded(() => this.inSession(mode, work, timeoutMs), timeoutMs);
  }

  private async inSession<T>(mode: 'READ' | 'WRITE', work: (tx: Tx) => Promise<T>, timeoutMs: number): Promise<T> {
    const session = this.driver.session({ database: this.database, defaultAccessMode: neo4j.session[mode] });
    try {
      const run = (tx: ManagedTransaction) => work(new Tx(tx));
      return await (mode === 'READ' ? session.executeRead(run, { timeout: timeoutMs }) : session.executeWrite(run, { timeout: timeoutMs }));
    } finally {
      await session.close();
    }
  }

  async close(): Promise<void> {
    this.health.close();
    await this.driver.close();
  }
}

/** A transaction handed to `readTransaction` or `writeTransaction`; its results are plain values too. */
export class Tx {
  constructor(private readonly tx: ManagedTransaction) {}

  async run<T extends Row = Row>(cypher: string, params: Row = {}): Promise<T[]> {
    const result: QueryResult<RecordShape> = await this.tx.run(cypher, params);
    return result.records.map((record) => toPlain(record.toObject()) as T);
  }
}
