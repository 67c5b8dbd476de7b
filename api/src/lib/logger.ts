/**
 * The server's logger: JSON lines on stdout, written off the request path. Lines are gathered
 * and written in batches of at least 4 KiB, and at least once a second (sonic-boom's
 * `minLength` and `periodicFlush`, as pino's guide to asynchronous logging suggests): one write
 * per line — one trip through the thread pool per request for the access log — was a
 * measurable share of each request's CPU time (docs/performance.md). Shutdown flushes what is
 * left (`logger.flush`); a process that crashes may lose up to a second of lines.
 */
import { pino, type Logger } from 'pino';

/** Lines are written once this many bytes are waiting … */
const BATCH_BYTES = 4096;
/** … or once this long has passed. */
const FLUSH_EVERY_MS = 1_000;

export function createLogger(level: string): Logger {
  return pino({ level }, pino.destination({ dest: 1, sync: false, minLength: BATCH_BYTES, periodicFlush: FLUSH_EVERY_MS }));
}
