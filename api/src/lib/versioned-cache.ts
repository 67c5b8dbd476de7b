/**
 * Answers cached per key until the graph changes: every load and edit bumps the graph version,
 * which the process keeps in memory (lib/shared-read.ts), so a cached answer costs no query.
 * Concurrent callers share one computation; a failed one is not kept. The least recently used
 * entries go first.
 */
export class VersionedCache<T> {
  private readonly entries = new Map<string, { version: number; value: Promise<T> }>();

  constructor(
    private readonly currentVersion: () => Promise<number>,
    private readonly maxEntries = 32,
  ) {}

  async get(key: string, compute: () => Promise<T>): Promise<{ version: number; value: T }> {
    const version = await this.currentVersion();
    let entry = this.entries.get(key);
    if (!entry || entry.version !== version) {
      const fresh = { version, value: compute() };
      fresh.value.catch(() => this.entries.get(key) === fresh && this.entries.delete(key));
      entry = fresh;
    }
    this.entries.delete(key);
    this.entries.set(key, entry);
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return { version, value: await entry.value };
  }
}
