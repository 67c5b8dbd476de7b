/**
 * Bounded waits for every database call. The server's transaction timeout cannot help when the
 * server itself is frozen (its sockets stay open, nothing answers), so each call also has a
 * client-side deadline, and a call that is slow or fails for want of a connection triggers a
 * probe (`RETURN 1` with a one-second deadline). A failed probe marks the database down: the
 * calls still waiting fail at once, new ones fail without waiting, and a probe repeats every
 * second until the database answers again. "Down" is a ServiceUnavailable error, which the HTTP
 * layer answers as 503 with Retry-After.
 */
import { isRetryableError, Neo4jError } from 'neo4j-driver';

export interface HealthOptions {
  /** How long a probe may take before the database counts as down. */
  probeTimeoutMs: number;
  /** A call pending this long makes a probe check whether the database still answers. */
  slowCallMs: number;
  /** While down, how often to probe again. */
  recheckMs: number;
}

export const DEFAULT_HEALTH: HealthOptions = { probeTimeoutMs: 1_000, slowCallMs: 1_000, recheckMs: 1_000 };

/** The error every guarded call fails with while the database is away. */
export const unavailable = (why: string) =>
  new Neo4jError(`The graph database is unavailable: ${why}`, 'ServiceUnavailable', '08000', 'error: connection exception');

const lostConnection = (error: unknown) => error instanceof Neo4jError && isRetryableError(error);

export class DatabaseHealth {
  private down = false;
  private probing: Promise<boolean> | undefined;
  /** The last ping sent; while it hangs (a frozen server) no second one is sent. */
  private ping: Promise<unknown> | undefined;
  private recheck: NodeJS.Timeout | undefined;
  private readonly waiting = new Set<(error: Error) => void>();

  constructor(
    private readonly sendPing: () => Promise<unknown>,
    private readonly onChange: (available: boolean) => void = () => undefined,
    private readonly options: HealthOptions = DEFAULT_HEALTH,
  ) {}

  get available(): boolean {
    return !this.down;
  }

  /** Runs `work`, failing fast while the database is down and at `deadlineMs` at the latest. */
  guard<T>(work: () => Promise<T>, deadlineMs: number): Promise<T> {
    if (this.down) return Promise.reject(unavailable('it did not answer the last check'));
    return new Promise<T>((resolve, reject) => {
      const fail = (error: unknown) => {
        settle();
        reject(error);
      };
      const deadline = setTimeout(() => {
        fail(unavailable(`no answer within ${deadlineMs} ms`));
        void this.probe();
      }, deadlineMs);
      const slow = setTimeout(() => void this.probe(), this.options.slowCallMs);
      const settle = () => {
        clearTimeout(deadline);
        clearTimeout(slow);
        this.waiting.delete(fail);
      };
      this.waiting.add(fail);
      work().then(
        (value) => {
          settle();
          resolve(value);
        },
        (error: unknown) => {
          if (lostConnection(error)) void this.probe();
          fail(error);
        },
      );
    });
  }

  /** Whether the database answers within the probe timeout; one probe at a time. */
  probe(): Promise<boolean> {
    this.probing ??= this.runProbe().finally(() => (this.probing = undefined));
    return this.probing;
  }

  private async runProbe(): Promise<boolean> {
    if (!this.ping) {
      const ping = this.sendPing();
      this.ping = ping;
      // A ping that hung through a freeze brings the database back as soon as it answers.
      ping.then(
        () => this.setDown(false),
        () => undefined,
      ).finally(() => {
        if (this.ping === ping) this.ping = undefined;
      });
    }
    let timer: NodeJS.Timeout | undefined;
    const answered = await Promise.race([
      this.ping.then(() => true, () => false),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), this.options.probeTimeoutMs))),
    ]);
    clearTimeout(timer);
    this.setDown(!answered);
    return answered;
  }

  private setDown(down: boolean): void {
    if (down && !this.recheck) {
      this.recheck = setInterval(() => void this.probe(), this.options.recheckMs);
      this.recheck.unref();
    }
    if (!down && this.recheck) {
      clearInterval(this.recheck);
      this.recheck = undefined;
    }
    if (down === this.down) return;
    this.down = down;
    if (down) for (const fail of [...this.waiting]) fail(unavailable('it stopped answering'));
    this.onChange(!down);
  }

  close(): void {
    if (this.recheck) clearInterval(this.recheck);
    this.recheck = undefined;
  }
}
