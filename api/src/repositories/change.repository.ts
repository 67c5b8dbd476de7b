/**
 * The history of the network (`:Change`: who, when, what, before, after, why), written in the
 * transaction of the change it describes and read by node.
 */
import { randomUUID } from 'node:crypto';
import type { GraphDb, Row, Tx } from '../db/graph-db.js';
import type { User } from '../domain/accounts.js';
import type { Change } from '../domain/edits.js';

export interface NewChange {
  by: User;
  action: Change['action'];
  target: Change['target'];
  targetId: string;
  /** The nodes whose history shows the change. */
  nodeIds: string[];
  before: unknown;
  after: unknown;
  comment?: string | null;
  revertOf?: string | null;
}

const CHANGE = `c {.id, at: toString(c.at), .by, .byName, .action, .target, .targetId, .before, .after, .comment, .revertOf, .revertedBy}`;

function parseChange(row: Row): Change {
  return {
    ...(row as unknown as Change),
    before: row.before ? JSON.parse(row.before as string) : null,
    after: row.after ? JSON.parse(row.after as string) : null,
    comment: (row.comment as string | null) ?? null,
    revertOf: (row.revertOf as string | null) ?? null,
    revertedBy: (row.revertedBy as string | null) ?? null,
  };
}

/** Writes a history entry in the transaction of the change it describes. */
export async function recordChange(tx: Tx, entry: NewChange): Promise<Change> {
  const change = {
    id: randomUUID(),
    by: entry.by.id,
    byName: entry.by.name,
    action: entry.action,
    target: entry.target,
    targetId: entry.targetId,
    nodeIds: [...new Set(entry.nodeIds)],
    before: entry.before === null ? null : JSON.stringify(entry.before),
    after: entry.after === null ? null : JSON.stringify(entry.after),
    comment: entry.comment ?? null,
    revertOf: entry.revertOf ?? null,
  };
  const [row] = await tx.run(
    `MERGE (m:GraphMeta {key: 'graph'})
     SET m.changeSeq = coalesce(m.changeSeq, 0) + 1
     CREATE (c:Change) SET c = $change, c.at = datetime(), c.seq = m.changeSeq
     RETURN ${CHANGE} AS c`,
    { change },
  );
  return parseChange(row!.c as Row);
}

/**
 * A change with a write lock on it, inside a write: two admins reverting the same change cannot
 * both find it not reverted yet.
 */
export async function lockChange(tx: Tx, id: string): Promise<Change | undefined> {
  const [row] = await tx.run(`MATCH (c:Change {id: $id}) SET c.__lock = true REMOVE c.__lock RETURN ${CHANGE} AS c`, { id });
  return row ? parseChange(row.c as Row) : undefined;
}

export async function readChange(tx: Tx, id: string): Promise<Change | undefined> {
  const [row] = await tx.run(`MATCH (c:Change {id: $id}) RETURN ${CHANGE} AS c`, { id });
  return row ? parseChange(row.c as Row) : undefined;
}

export async function markReverted(tx: Tx, id: string, by: string): Promise<void> {
  await tx.run('MATCH (c:Change {id: $id}) SET c.revertedBy = $by', { id, by });
}

/** The nodes whose history shows a change. */
export async function nodeIdsOf(tx: Tx, changeId: string): Promise<string[]> {
  const [row] = await tx.run('MATCH (c:Change {id: $id}) RETURN c.nodeIds AS ids', { id: changeId });
  return (row?.ids as string[]) ?? [];
}

/** A merged node's history shows on the survivor's page: the ids of the entries that now do. */
export async function showHistoryOn(tx: Tx, from: string, on: string): Promise<string[]> {
  const rows = await tx.run('MATCH (c:Change) WHERE $from IN c.nodeIds AND NOT $on IN c.nodeIds SET c.nodeIds = c.nodeIds + $on RETURN c.id AS id', {
    from,
    on,
  });
  return rows.map((r) => r.id as string);
}

/** Undoes showHistoryOn for those entries. */
export async function stopShowingHistory(tx: Tx, ids: string[], on: string): Promise<void> {
  await tx.run('MATCH (c:Change) WHERE c.id IN $ids SET c.nodeIds = [x IN c.nodeIds WHERE x <> $on]', { ids, on });
}

/** Reads of the history outside a write. */
export class ChangeRepository {
  constructor(private readonly db: GraphDb) {}

  async history(nodeId: string, limit = 200): Promise<Change[]> {
    const rows = await this.db.read(
      `MATCH (c:Change) WHERE $id IN c.nodeIds WITH c ORDER BY c.at DESC, c.seq DESC LIMIT toInteger($limit) RETURN ${CHANGE} AS c`,
      {
        id: nodeId,
        limit,
      },
    );
    return rows.map((r) => parseChange(r.c as Row));
  }

  async change(id: string): Promise<Change | undefined> {
    const rows = await this.db.read(`MATCH (c:Change {id: $id}) RETURN ${CHANGE} AS c`, { id });
    return rows[0] ? parseChange(rows[0].c as Row) : undefined;
  }
}
