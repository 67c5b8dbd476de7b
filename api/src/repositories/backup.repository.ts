/**
 * A full dump of the database and its restore: every node with all its labels and properties
 * (the network, history, users with their password hashes, tokens, saved views, schema
 * migrations), every relationship, as JSON lines. Restore goes into an empty database and is
 * lossless: types and precision are kept (backup/values.ts).
 *
 *   {"spean":"backup","format":1,"at":"…","nodes":N,"relationships":M}
 *   {"n":0,"labels":["Entity","Organisation"],"p":{…}}
 *   {"r":"FUNDS","from":0,"to":5,"p":{…}}
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import type { Driver } from 'neo4j-driver';
import { decodeProperties, encodeProperties } from '../db/tagged-values.js';
import { chunks } from '../lib/chunks.js';

export const BACKUP_FORMAT = 1;
/** A label and a property only restore uses, to find nodes again; removed when it is done. */
const RESTORE_LABEL = 'SpeanRestore';
const BATCH = 5_000;

async function write(out: NodeJS.WritableStream, line: unknown): Promise<void> {
  if (!out.write(`${JSON.stringify(line)}\n`)) await once(out, 'drain');
}

export async function backup(driver: Driver, file: string, database?: string): Promise<{ nodes: number; relationships: number }> {
  const session = driver.session({ database, defaultAccessMode: 'READ' });
  const out = createWriteStream(file);
  try {
    // One read transaction: the dump is one consistent moment of the database.
    return await session.executeRead(async (tx) => {
      const [counts] = (await tx.run('MATCH (n) WITH count(n) AS nodes MATCH ()-[r]->() RETURN nodes, count(r) AS relationships')).records;
      const nodes = Number(counts?.get('nodes') ?? 0);
      const relationships = Number(counts?.get('relationships') ?? 0);
      await write(out, { spean: 'backup', format: BACKUP_FORMAT, at: new Date().toISOString(), nodes, relationships });
      const number = new Map<string, number>();
      for await (const record of tx.run('MATCH (n) RETURN elementId(n) AS id, labels(n) AS labels, properties(n) AS p ORDER BY id')) {
        const n = number.size;
        number.set(record.get('id') as string, n);
        await write(out, { n, labels: record.get('labels'), p: encodeProperties(record.get('p')) });
      }
      for await (const record of tx.run(
        'MATCH (a)-[r]->(b) RETURN elementId(a) AS a, type(r) AS t, elementId(b) AS b, properties(r) AS p ORDER BY elementId(r)',
      )) {
        await write(out, { r: record.get('t'), from: number.get(record.get('a')), to: number.get(record.get('b')), p: encodeProperties(record.get('p')) });
      }
      return { nodes, relationships };
    });
  } finally {
    out.end();
    await once(out, 'close');
    await session.close();
  }
}

const LABEL = /^[A-Za-z][A-Za-z0-9_]*$/;
const quoted = (name: string) => {
  if (!LABEL.test(name)) throw new Error(`unexpected label or type in the backup: ${name}`);
  return `\`${name}\``;
};

/** Restores a backup into an empty database; refuses a database that holds anything. */
export async function restore(driver: Driver, file: string, database?: string): Promise<{ nodes: number; relationships: number }> {
  const session = driver.session({ database });
  try {
    const [existing] = (await session.run('MATCH (n) WHERE NOT n:SchemaMigration RETURN count(n) AS n LIMIT 1')).records;
    if (Number(existing?.get('n') ?? 0) > 0) throw new Error('the database is not empty: restore goes into an empty database');
    await session.run('MATCH (n:SchemaMigration) DELETE n');
    await session.run(`CREATE INDEX spean_restore IF NOT EXISTS FOR (n:${RESTORE_LABEL}) ON (n._restore)`);
    await session.run('CALL db.awaitIndexes(300)');
    const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
    interface Header {
      spean?: string;
      format?: number;
      nodes?: number;
      relationships?: number;
    }
    let header: Header | undefined;
    const nodes = new Map<string, { n: number; p: Record<string, unknown> }[]>();
    const rels = new Map<string, { from: number; to: number; p: Record<string, unknown> }[]>();
    const counted = { nodes: 0, relationships: 0 };
    const flush = async (force = false) => {
      for (const [labels, rows] of nodes) {
        if (!force && rows.length < BATCH) continue;
        const set = labels ? `:${labels.split(',').map(quoted).join(':')}` : '';
        await session.executeWrite((tx) => tx.run(`UNWIND $rows AS row CREATE (n:${RESTORE_LABEL}${set}) SET n = row.p, n._restore = row.n`, { rows }));
        nodes.delete(labels);
      }
      if (!force) return;
      for (const [type, rows] of rels) {
        for (const batch of chunks(rows, BATCH)) {
          await session.executeWrite((tx) =>
            tx.run(
              `UNWIND $rows AS row MATCH (a:${RESTORE_LABEL} {_restore: row.from}) MATCH (b:${RESTORE_LABEL} {_restore: row.to})
               CREATE (a)-[r:${quoted(type)}]->(b) SET r = row.p`,
              { rows: batch },
            ),
          );
        }
      }
    };
    for await (const text of lines) {
      if (!text.trim()) continue;
      const line = JSON.parse(text) as Record<string, unknown>;
      if (!header) {
        header = line as Header;
        if (header.spean !== 'backup' || header.format !== BACKUP_FORMAT) throw new Error('not a Spean backup (format 1)');
        continue;
      }
      if ('n' in line) {
        const key = (line.labels as string[]).join(',');
        if (!nodes.has(key)) nodes.set(key, []);
        nodes.get(key)!.push({ n: line.n as number, p: decodeProperties(line.p as Record<string, unknown>) });
        counted.nodes++;
        await flush();
      } else {
        const type = line.r as string;
        if (!rels.has(type)) rels.set(type, []);
        rels.get(type)!.push({ from: line.from as number, to: line.to as number, p: decodeProperties(line.p as Record<string, unknown>) });
        counted.relationships++;
      }
    }
    await flush(true);
    if (header && (counted.nodes !== header.nodes || counted.relationships !== header.relationships)) {
      throw new Error(`the backup is incomplete: ${counted.nodes}/${header.nodes} nodes, ${counted.relationships}/${header.relationships} relationships`);
    }
    await session.run(`MATCH (n:${RESTORE_LABEL}) CALL (n) { REMOVE n:${RESTORE_LABEL}, n._restore } IN TRANSACTIONS OF 10000 ROWS`);
    await session.run('DROP INDEX spean_restore IF EXISTS');
    return counted;
  } finally {
    await session.close();
  }
}
