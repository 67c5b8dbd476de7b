/**
 * Runs a researcher's own Cypher against the network only. In one explicit read transaction
 * (never retried by the driver) with a server-side timeout: EXPLAIN first, and the plan must
 * pass the console guard (domain/console-guard.ts); then the query, read in small batches, every
 * value checked again (a node or relationship outside the network refuses the answer), rows and
 * total bytes capped. A client-side deadline stops waiting if the server does not answer in time.
 */
import neo4j, { isNode, isPath, isRelationship, type Node, type Relationship, type Session, type Transaction } from 'neo4j-driver';
import type { GraphDb } from '../db/graph-db.js';
import { toPlain } from '../db/plain-values.js';
import { NETWORK_LABELS, NETWORK_TYPES, planRefusal, type PlanNode } from '../domain/console-guard.js';
import { stringLiterals } from '../domain/cypher-literals.js';

export interface ConsoleResult {
  columns: string[];
  rows: Record<string, unknown>[];
  truncated: boolean;
}

export interface ConsoleLimits {
  /** Server-side timeout of the console's transaction; the client stops waiting shortly after. */
  timeoutMs: number;
  /** Largest row, as JSON. */
  maxRowBytes: number;
  /** Largest answer, as JSON: past it the rows read so far come back with `truncated`. */
  maxAnswerBytes: number;
}

export const DEFAULT_CONSOLE_LIMITS: ConsoleLimits = { timeoutMs: 5_000, maxRowBytes: 256 * 1024, maxAnswerBytes: 4 * 1024 * 1024 };

/** The query reads, or would read, something other than the network. */
export class ConsoleRefusal extends Error {}
/** A row is larger than the console's cap. */
export class ConsoleTooLarge extends Error {}
/** The query ran past the console's timeout and was stopped. */
export class ConsoleTimeout extends Error {}

/** Records pulled from the server per batch: small, so a cap stops the stream before much is read. */
const FETCH_SIZE = 50;
/** How long after the server-side timeout the client stops waiting (the server may be frozen). */
const DEADLINE_GRACE_MS = 1_000;

/** What in a returned value lies outside the network (a node or relationship of an internal label or type), if anything. */
export function outsideNetwork(value: unknown): string | undefined {
  if (isNode(value)) {
    const node = value as Node;
    const foreign = node.labels.filter((label) => !NETWORK_LABELS.has(label));
    return foreign.length || !node.labels.includes('Entity') ? `a node labelled ${node.labels.join(':') || '(none)'}` : undefined;
  }
  if (isRelationship(value)) {
    const relationship = value as Relationship;
    return NETWORK_TYPES.has(relationship.type) ? undefined : `a relationship of type ${relationship.type}`;
  }
  if (isPath(value)) return [value.start, value.end, ...value.segments.map((s) => s.relationship)].map(outsideNetwork).find(Boolean);
  if (Array.isArray(value)) return value.map(outsideNetwork).find(Boolean);
  if (value && typeof value === 'object' && value.constructor === Object) return Object.values(value).map(outsideNetwork).find(Boolean);
  return undefined;
}

export class ConsoleRepository {
  constructor(
    private readonly db: GraphDb,
    private readonly limits: ConsoleLimits = DEFAULT_CONSOLE_LIMITS,
  ) {}

  async run(query: string, params: Record<string, unknown>, limit: number): Promise<ConsoleResult> {
    const session = this.db.driver.session({ database: this.db.database, defaultAccessMode: neo4j.session.READ, fetchSize: FETCH_SIZE });
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new ConsoleTimeout(this.timeoutMessage())), this.limits.timeoutMs + DEADLINE_GRACE_MS);
    });
    try {
      // Guarded too, so that it fails fast while the database is away.
      return await this.db.guarded(() => Promise.race([this.runInSession(session, query, params, limit), deadline]), this.limits.timeoutMs);
    } finally {
      clearTimeout(timer);
      // After a missed deadline the server may never answer: do not wait for the session to close.
      void session.close().catch(() => undefined);
    }
  }

  timeoutMessage(): string {
    return `The query ran past the console's timeout of ${this.limits.timeoutMs / 1000} s and was stopped.`;
  }

  private async runInSession(session: Session, query: string, params: Record<string, unknown>, limit: number): Promise<ConsoleResult> {
    const tx = session.beginTransaction({ timeout: this.limits.timeoutMs, metadata: { app: 'spean-console' } });
    try {
      await this.check(tx, query, params);
      return await this.read(tx, query, params, limit);
    } finally {
      if (tx.isOpen()) await tx.rollback().catch(() => undefined);
    }
  }

  private async check(tx: Transaction, query: string, params: Record<string, unknown>): Promise<void> {
    const indexes = await tx.run("SHOW FULLTEXT INDEXES YIELD name, labelsOrTypes, entityType WHERE entityType = 'NODE' RETURN name, labelsOrTypes");
    const explained = await tx.run(`EXPLAIN ${query}`, params);
    if (explained.summary.database.name !== indexes.summary.database.name) {
      throw new ConsoleRefusal(`The console reads the Spean database (${indexes.summary.database.name}) only; USE cannot change that.`);
    }
    if (explained.summary.queryType !== 'r') {
      throw new ConsoleRefusal(`Only read queries run in the console; this one is of type "${explained.summary.queryType}".`);
    }
    const why = planRefusal(explained.summary.plan as PlanNode, {
      params,
      literals: stringLiterals(query),
      fullTextIndexes: new Map(indexes.records.map((r) => [r.get('name') as string, r.get('labelsOrTypes') as string[]])),
    });
    if (why) throw new ConsoleRefusal(why);
  }

  private async read(tx: Transaction, query: string, params: Record<string, unknown>, limit: number): Promise<ConsoleResult> {
    const result = tx.run(query, params);
    const columns = [...(await result.keys())];
    const rows: Record<string, unknown>[] = [];
    let bytes = 2;
    let truncated = false;
    for await (const record of result) {
      const values = record.toObject();
      const foreign = outsideNetwork(values);
      if (foreign) throw new ConsoleRefusal(`The answer holds ${foreign}; the console answers with the network only.`);
      const row = toPlain(values) as Record<string, unknown>;
      const rowBytes = Buffer.byteLength(JSON.stringify(row)) + 1;
      if (rowBytes > this.limits.maxRowBytes) {
        throw new ConsoleTooLarge(`A row of the answer is ${rowBytes} bytes; the console's cap is ${this.limits.maxRowBytes} bytes a row.`);
      }
      if (rows.length === limit || bytes + rowBytes > this.limits.maxAnswerBytes) {
        truncated = true;
        break;
      }
      rows.push(row);
      bytes += rowBytes;
    }
    return { columns, rows, truncated };
  }
}
