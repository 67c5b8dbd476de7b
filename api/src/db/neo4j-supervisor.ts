/**
 * Keeps the Neo4j that the app started itself running: when it dies (killed, out of memory),
 * it is started again on the same port and data folder, after a wait that doubles with each
 * failed attempt (1 s, 2 s, 4 s … at most 30 s) and resets once it has stayed up for a minute.
 * The driver reconnects by itself; every exit and restart is logged.
 */
import { startLocalNeo4j, type LocalNeo4j, type LocalNeo4jOptions } from '../../../db/neo4j-process.js';

export interface SupervisorLog {
  info(details: object, message: string): void;
  error(details: object, message: string): void;
}

export interface Backoff {
  firstMs: number;
  maxMs: number;
  /** Up this long, the next failure starts from `firstMs` again. */
  resetAfterMs: number;
}

export const DEFAULT_BACKOFF: Backoff = { firstMs: 1_000, maxMs: 30_000, resetAfterMs: 60_000 };

export interface SupervisedNeo4j {
  uri: string;
  /** The running process (a new one after each restart). */
  current(): LocalNeo4j;
  restarts(): number;
  /** Stops supervising, then the database. */
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function superviseLocalNeo4j(options: LocalNeo4jOptions, log: SupervisorLog, backoff: Backoff = DEFAULT_BACKOFF): Promise<SupervisedNeo4j> {
  let current = await startLocalNeo4j(options);
  let stopping = false;
  let restarts = 0;
  let delay = backoff.firstMs;
  let restarting: Promise<void> | undefined;

  const restart = async (exit: object) => {
    while (!stopping) {
      log.error({ ...exit, retryInMs: delay }, `Neo4j exited unexpectedly; restarting it in ${delay / 1000} s`);
      await sleep(delay);
      if (stopping) return;
      const startedAt = Date.now();
      try {
        current = await startLocalNeo4j(options);
      } catch (error) {
        exit = { err: error };
        delay = Math.min(delay * 2, backoff.maxMs);
        continue;
      }
      restarts++;
      log.info({ uri: current.uri, pid: current.pid, restarts, tookMs: Date.now() - startedAt }, 'Neo4j restarted');
      watch(current);
      return;
    }
  };

  function watch(instance: LocalNeo4j): void {
    const upSince = Date.now();
    void instance.exited.then((exit) => {
      if (stopping) return;
      // A database that dies soon after a restart waits longer each time; one that ran a while starts afresh.
      delay = restarts === 0 || Date.now() - upSince >= backoff.resetAfterMs ? backoff.firstMs : Math.min(delay * 2, backoff.maxMs);
      restarting = restart(exit).finally(() => (restarting = undefined));
    });
  }
  watch(current);

  return {
    uri: current.uri,
    current: () => current,
    restarts: () => restarts,
    async stop() {
      stopping = true;
      await restarting;
      await current.stop();
    },
  };
}
