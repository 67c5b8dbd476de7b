/** Saved views, stored as `:SavedView` nodes outside the network (they are not `:Entity`). */
import { randomBytes } from 'node:crypto';
import type { GraphDb } from '../db/graph-db.js';
import type { SavedViewInput } from '../domain/saved-view.js';

export interface SavedView extends SavedViewInput {
  id: string;
  createdAt: string;
}

export class SavedViewRepository {
  constructor(private readonly db: GraphDb) {}

  async create(input: SavedViewInput): Promise<SavedView> {
    // Unguessable, so that a view is shared by choice, not found by counting.
    const view: SavedView = { ...input, id: randomBytes(9).toString('base64url'), createdAt: new Date().toISOString() };
    const { id, name, createdAt, ...rest } = view;
    await this.db.write('CREATE (:SavedView {id: $id, name: $name, createdAt: datetime($createdAt), body: $body})', {
      id,
      name,
      createdAt,
      body: JSON.stringify(rest),
    });
    return view;
  }

  async get(id: string): Promise<SavedView | undefined> {
    const rows = await this.db.read('MATCH (v:SavedView {id: $id}) RETURN v.id AS id, v.name AS name, toString(v.createdAt) AS createdAt, v.body AS body', {
      id,
    });
    const row = rows[0];
    if (!row) return undefined;
    return {
      ...(JSON.parse(row.body as string) as Omit<SavedView, 'id' | 'name' | 'createdAt'>),
      id,
      name: row.name as string,
      createdAt: row.createdAt as string,
    };
  }
}
