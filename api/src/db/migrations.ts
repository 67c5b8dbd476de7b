/**
 * Schema migrations, applied in order at start-up. Each statement is idempotent (IF NOT EXISTS),
 * and each migration is recorded as a `:SchemaMigration` node, so `/readyz` can tell whether the
 * database is at the schema this code expects.
 */
import { LABEL_OF } from '../domain/model.js';
import type { GraphDb } from './graph-db.js';

interface Migration {
  id: string;
  statements: string[];
}

const searchableLabels = ['Organisation', 'Person', 'Event', 'Initiative', 'Place', 'Topic', 'Source'].join('|');

export const MIGRATIONS: readonly Migration[] = [
  {
    id: '001-entity-ids',
    statements: ['CREATE CONSTRAINT entity_id IF NOT EXISTS FOR (n:Entity) REQUIRE n.id IS UNIQUE'],
  },
  {
    id: '002-search',
    statements: [
      // standard-folding folds diacritics (Sëla = Sēla = Sela); aliases are a list, indexed as is.
      `CREATE FULLTEXT INDEX entity_search IF NOT EXISTS FOR (n:${searchableLabels})
       ON EACH [n.name, n.aliases, n.acronym, n.description]
       OPTIONS { indexConfig: { \`fulltext.analyzer\`: 'standard-folding', \`fulltext.eventually_consistent\`: false } }`,
    ],
  },
  {
    id: '003-time',
    statements: [
      'CREATE RANGE INDEX event_start IF NOT EXISTS FOR (n:Event) ON (n.startDate)',
      'CREATE RANGE INDEX schema_migration_id IF NOT EXISTS FOR (n:SchemaMigration) ON (n.id)',
    ],
  },
  {
    // Entity.id is unique across all kinds already; a second index per kind only slowed writes.
    id: '004-one-id-constraint',
    statements: Object.values(LABEL_OF).map((label) => `DROP CONSTRAINT ${label.toLowerCase()}_id IF EXISTS`),
  },
  {
    id: '005-saved-views',
    statements: ['CREATE CONSTRAINT saved_view_id IF NOT EXISTS FOR (v:SavedView) REQUIRE v.id IS UNIQUE'],
  },
  {
    id: '006-accounts',
    statements: [
      'CREATE CONSTRAINT user_id IF NOT EXISTS FOR (u:User) REQUIRE u.id IS UNIQUE',
      'CREATE CONSTRAINT user_email IF NOT EXISTS FOR (u:User) REQUIRE u.email IS UNIQUE',
      'CREATE CONSTRAINT session_id IF NOT EXISTS FOR (s:Session) REQUIRE s.id IS UNIQUE',
      'CREATE RANGE INDEX session_user IF NOT EXISTS FOR (s:Session) ON (s.userId)',
      'CREATE CONSTRAINT api_token_id IF NOT EXISTS FOR (t:ApiToken) REQUIRE t.id IS UNIQUE',
      'CREATE RANGE INDEX api_token_user IF NOT EXISTS FOR (t:ApiToken) ON (t.userId)',
    ],
  },
  {
    id: '007-history',
    statements: ['CREATE CONSTRAINT change_id IF NOT EXISTS FOR (c:Change) REQUIRE c.id IS UNIQUE'],
  },
  {
    id: '008-releases',
    statements: ['CREATE CONSTRAINT release_id IF NOT EXISTS FOR (r:Release) REQUIRE r.id IS UNIQUE'],
  },
  {
    id: '009-duplicate-dismissals',
    statements: ['CREATE CONSTRAINT duplicate_dismissal_pair IF NOT EXISTS FOR (d:DuplicateDismissal) REQUIRE d.pair IS UNIQUE'],
  },
];

// Building indexes on a cold or large database takes longer than any request may.
const MIGRATION_TIMEOUT_MS = 300_000;

/** Applies the migrations not yet recorded; safe to call on every start and from several processes. */
export async function migrate(db: GraphDb): Promise<string[]> {
  const recorded = await db.read<{ id: string }>('MATCH (m:SchemaMigration) RETURN m.id AS id', {}, MIGRATION_TIMEOUT_MS);
  const applied = new Set(recorded.map((r) => r.id));
  const newlyApplied: string[] = [];
  for (const migration of MIGRATIONS) {
    if (applied.has(migration.id)) continue;
    // Schema statements cannot share a transaction with data writes, so each runs on its own.
    for (const statement of migration.statements) await db.write(statement, {}, MIGRATION_TIMEOUT_MS);
    await db.write('MERGE (m:SchemaMigration {id: $id}) ON CREATE SET m.appliedAt = datetime()', { id: migration.id }, MIGRATION_TIMEOUT_MS);
    newlyApplied.push(migration.id);
  }
  await db.write('CALL db.awaitIndexes(300)', {}, MIGRATION_TIMEOUT_MS);
  return newlyApplied;
}

/** Whether every migration this code knows has been applied. */
export async function isMigrated(db: GraphDb): Promise<boolean> {
  const rows = await db.read<{ n: number }>('MATCH (m:SchemaMigration) WHERE m.id IN $ids RETURN count(m) AS n', {
    ids: MIGRATIONS.map((m) => m.id),
  });
  return rows[0]?.n === MIGRATIONS.length;
}
