/**
 * Answers cached per key until the graph changes: every load and edit bumps the graph version,
 * and a cached answer costs one tiny query for it. Concurrent callers share one computation; a
 * failed one is not kept. The least recently used entries go first.
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
    if (!entry || entry.version !== version) entry = { version, value: compute() };
    this.entries.delete(key);
    this.entries.set(key, entry);
    entry.value.catch(() => this.entries.delete(key));
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
    return { version, value: await entry.value };
  }
}
