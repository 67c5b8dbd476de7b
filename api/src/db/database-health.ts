/**
 * Bounded waits for every database call. The server's transaction timeout cannot help when the
 * server itself is frozen (its sockets stay open, nothing answers), so each call also has a
 * client-side deadline, and a call that is slow or loses its connection sends a ping
 * (`RETURN 1`). A ping refused (the server is gone) or unanswered for `tripAfterMs` (frozen)
 * marks the database down: calls still waiting fail at once, new ones fail without waiting, and
 * a ping goes out every second until one answers. A slow but living server answers its ping
 * well within `tripAfterMs`, so it is not mistaken for a frozen one. "Down" is a
 * ServiceUnavailable error, which the HTTP layer answers as 503 with Retry-After.
 */
import { isRetryableError, Neo4jError } from 'neo4j-driver';

export interface HealthOptions {
  /** How long `probe()` (readiness) waits for the ping's answer. */
  probeTimeoutMs: number;
  /** A ping unanswered this long, or refused, marks the database down; undefined: never (bounded waits only). */
  tripAfterMs: number | undefined;
  /** A call pending this long makes a probe check whether the database still answers. */
  slowCallMs: number;
  /** While down, how often to probe again. */
  recheckMs: number;
}

export const DEFAULT_HEALTH: HealthOptions = { probeTimeoutMs: 1_000, tripAfterMs: 3_000, slowCallMs: 1_000, recheckMs: 1_000 };

/** The error every guarded call fails with while the database is away. */
export const unavailable = (why: string) =>
  new Neo4jError(`The graph database is unavailable: ${why}`, 'ServiceUnavailable', '08000', 'error: connection exception');

const lostConnection = (error: unknown) => error instanceof Neo4jError && isRetryableError(error);

export class DatabaseHealth {
  private down = false;
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
        this.pingNow();
      }, deadlineMs);
      const slow = setTimeout(() => this.pingNow(), this.options.slowCallMs);
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
          if (lostConnection(error)) this.pingNow();
          fail(error);
        },
      );
    });
  }

  /** Whether the database answers its ping within the probe timeout (a readiness check). */
  async probe(): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const answered = await Promise.race([
      this.pingNow().then(
        () => true,
        () => false,
      ),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), this.options.probeTimeoutMs))),
    ]);
    clearTimeout(timer);
    return answered;
  }

  /** The ping under way, or a new one: while one hangs (a frozen server) no second one is sent. */
  private pingNow(): Promise<unknown> {
    if (this.ping) return this.ping;
    const ping = this.sendPing();
    this.ping = ping;
    const tripAfterMs = this.options.tripAfterMs;
    const trip = tripAfterMs === undefined ? undefined : setTimeout(() => this.setDown(true), tripAfterMs);
    // A ping that hung through a freeze brings the database back as soon as it answers.
    ping
      .then(
        () => this.setDown(false),
        () => this.options.tripAfterMs !== undefined && this.setDown(true),
      )
      .finally(() => {
        clearTimeout(trip);
        if (this.ping === ping) this.ping = undefined;
      });
    return ping;
  }

  private setDown(down: boolean): void {
    if (down && !this.recheck) {
      this.recheck = setInterval(() => this.pingNow(), this.options.recheckMs);
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
