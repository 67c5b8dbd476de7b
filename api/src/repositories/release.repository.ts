/**
 * Releases, stored as `:Release` nodes outside the network (they are not `:Entity`): metadata and
 * the snapshot's tables, gzipped. Nothing updates or deletes a release.
 */
import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { Neo4jError } from 'neo4j-driver';
import type { GraphDb, Row } from '../db/graph-db.js';
import type { User } from '../domain/accounts.js';
import type { NewRelease } from '../domain/release.js';
import type { SheetData } from '../domain/spreadsheet.js';

export interface StoredRelease {
  id: string;
  title: string;
  notes: string | null;
  publishedAt: string;
  publishedBy: string;
  digest: string;
  counts: Record<string, number>;
}

const META = 'r {.id, .title, .notes, publishedAt: toString(r.publishedAt), .publishedBy, .digest, .counts}';
const toRelease = (row: Row): StoredRelease => ({
  ...(row as unknown as StoredRelease),
  notes: (row.notes as string) ?? null,
  counts: JSON.parse(row.counts as string),
});

export class ReleaseRepository {
  constructor(private readonly db: GraphDb) {}

  /** Stores a snapshot under the date of `now` (`.2`, `.3` … for more releases that day). */
  async publish(release: NewRelease, tables: SheetData[], by: User, now = new Date()): Promise<StoredRelease> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.create(release, tables, by, now);
      } catch (error) {
        // Two releases published at once took the same number: the unique id refused one; count again.
        const taken = error instanceof Neo4jError && error.code === 'Neo.ClientError.Schema.ConstraintValidationFailed';
        if (!taken || attempt === 3) throw error;
      }
    }
  }

  private create(release: NewRelease, tables: SheetData[], by: User, now: Date): Promise<StoredRelease> {
    const json = JSON.stringify(tables);
    const date = now.toISOString().slice(0, 10);
    return this.db.writeTransaction(async (tx) => {
      const [taken] = await tx.run("MATCH (r:Release) WHERE r.id = $date OR r.id STARTS WITH $date + '.' RETURN count(r) AS n", { date });
      const n = taken!.n as number;
      const [row] = await tx.run(
        `CREATE (r:Release {id: $id, title: $title, notes: $notes, publishedAt: datetime($at), publishedBy: $by, publishedById: $byId,
                            digest: $digest, counts: $counts, tables: $tables})
         RETURN ${META}`,
        {
          id: n === 0 ? date : `${date}.${n + 1}`,
          title: release.title,
          notes: release.notes ?? null,
          at: now.toISOString(),
          by: by.name,
          byId: by.id,
          digest: createHash('sha256').update(json).digest('hex'),
          counts: JSON.stringify(Object.fromEntries(tables.map((t) => [t.name, t.rows.length]))),
          tables: gzipSync(json).toString('base64'),
        },
      );
      return toRelease(row!.r as Row);
    });
  }

  async list(): Promise<StoredRelease[]> {
    const rows = await this.db.read(`MATCH (r:Release) RETURN ${META} AS r ORDER BY r.publishedAt DESC`);
    return rows.map((row) => toRelease(row.r as Row));
  }

  async get(id: string): Promise<StoredRelease | undefined> {
    const [row] = await this.db.read(`MATCH (r:Release {id: $id}) RETURN ${META} AS r`, { id });
    return row ? toRelease(row.r as Row) : undefined;
  }

  /** The snapshot's tables, as published. */
  async tables(id: string): Promise<SheetData[] | undefined> {
    const [row] = await this.db.read('MATCH (r:Release {id: $id}) RETURN r.tables AS tables', { id });
    return row ? (JSON.parse(gunzipSync(Buffer.from(row.tables as string, 'base64')).toString('utf8')) as SheetData[]) : undefined;
  }
}
