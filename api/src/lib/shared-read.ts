/**
 * One value read from the database and kept in memory for the whole process (the graph
 * version): read again once a write of this process has ended (`generation` moved), and at the
 * latest after `maxAgeMs`, so that writes made by other processes (a restore or an import from
 * the command line) are seen within about that long. Concurrent callers share one read; a read
 * that a write overtook is answered to those who asked before the write ended, but not kept.
 */
export class SharedRead<T> {
  private kept: { value: T; generation: number; readAt: number } | undefined;
  private inFlight: { value: Promise<T>; generation: number } | undefined;

  constructor(
    private readonly read: () => Promise<T>,
    /** Moves whenever a write of this process ends (db/graph-db.ts `writeGeneration`). */
    private readonly generation: () => number,
    private readonly maxAgeMs = 1_000,
    private readonly now: () => number = () => performance.now(),
  ) {}

  get(): Promise<T> {
    const generation = this.generation();
    const kept = this.kept;
    if (kept && kept.generation === generation && this.now() - kept.readAt < this.maxAgeMs) return Promise.resolve(kept.value);
    if (this.inFlight?.generation === generation) return this.inFlight.value;
    // Its age counts from before the read: the value may be that old when it arrives.
    const readAt = this.now();
    const flight = { value: this.read(), generation };
    this.inFlight = flight;
    flight.value.then(
      (value) => {
        if (this.inFlight === flight) this.inFlight = undefined;
        if (this.generation() === generation) this.kept = { value, generation, readAt };
      },
      () => {
        if (this.inFlight === flight) this.inFlight = undefined;
      },
    );
    return flight.value;
  }
}
