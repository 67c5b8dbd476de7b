import { describe, expect, it } from 'vitest';
import { checkEndpoints, nodeSchema, relationshipSchema } from '../../api/src/domain/model.js';

describe('the graph model', () => {
  it('accepts a well-formed organisation and fills defaults', () => {
    const org = nodeSchema.parse({ kind: 'organisation', id: 'odc', name: 'Open Development Cambodia', orgKind: 'cso', sources: ['s1'] });
    expect(org).toMatchObject({ aliases: [], orgKind: 'cso' });
  });

  it('rejects unknown fields, so nobody can set what the model does not have', () => {
    const result = nodeSchema.safeParse({ kind: 'person', id: 'p', name: 'P', sources: ['s1'], version: 7 });
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toContain('version');
  });

  it('requires a source on every fact', () => {
    expect(nodeSchema.safeParse({ kind: 'topic', id: 't', name: 'T', sources: [] }).success).toBe(false);
    expect(relationshipSchema.safeParse({ from: 'a', type: 'FUNDS', to: 'b', sources: [] }).success).toBe(false);
  });

  it('rejects ids that are not slugs and events that end before they start', () => {
    expect(nodeSchema.safeParse({ kind: 'topic', id: 'Open Data', name: 'T', sources: ['s'] }).success).toBe(false);
    const event = nodeSchema.safeParse({
      kind: 'event',
      id: 'e',
      name: 'E',
      sources: ['s'],
      eventKind: 'workshop',
      startDate: '2025-05-27',
      endDate: '2025-05-26',
    });
    expect(event.success).toBe(false);
    expect(event.error?.issues[0]?.path).toEqual(['endDate']);
  });

  it('knows which kinds each relationship may join', () => {
    expect(checkEndpoints('WORKS_FOR', 'person', 'organisation')).toBeUndefined();
    expect(checkEndpoints('WORKS_FOR', 'organisation', 'person')).toMatch(/cannot start at a organisation/);
    expect(checkEndpoints('POSSIBLE_DUPLICATE', 'organisation', 'person')).toMatch(/same kind/);
  });
});
