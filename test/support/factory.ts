/**
 * Test data through the real loader. Every id a test creates starts with `t-`, so tests can
 * remove what they made, and graph fingerprints can ignore other files' data.
 */
import type { GraphDb } from '../../api/src/db/graph-db.js';
import type { NodeInput, RelationshipInput } from '../../api/src/domain/model.js';
import { nodeSchema, relationshipSchema } from '../../api/src/domain/model.js';
import { loadBatch } from '../../api/src/curation/load.js';

export const TEST_SOURCE = '2024-odd-nodc-highlights-report';

export async function createGraph(db: GraphDb, nodes: NodeInput[], relationships: RelationshipInput[] = []): Promise<void> {
  await loadBatch(db, {
    nodes: nodes.map((n, i) => ({ record: nodeSchema.parse(n), file: 'factory', line: i + 1 })),
    relationships: relationships.map((r, i) => ({ record: relationshipSchema.parse(r), file: 'factory', line: i + 1 })),
  });
}

/** Removes a test file's nodes (ids starting with `prefix`) and the history entries about them. */
export async function removeGraph(db: GraphDb, prefix: string): Promise<void> {
  if (!prefix.startsWith('t-')) throw new Error('test data ids start with t-');
  await db.write('MATCH (n:Entity) WHERE n.id STARTS WITH $prefix DETACH DELETE n', { prefix });
  await db.write('MATCH (c:Change) WHERE any(id IN c.nodeIds WHERE id STARTS WITH $prefix) DELETE c', { prefix });
}
