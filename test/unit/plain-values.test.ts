/** Driver values to plain JSON values, as every repository receives them. */
import neo4j from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { toPlain } from '../../api/src/db/plain-values.js';
import { contentHash } from '../../api/src/repositories/network-write.repository.js';

describe('when a driver record becomes plain values', () => {
  it('then integers are numbers, temporal values ISO strings, and lists and maps keep their shape', () => {
    const record = {
      count: neo4j.int(42),
      name: 'Open Development Cambodia',
      score: 1.5,
      public: true,
      missing: undefined,
      none: null,
      since: new neo4j.types.Date(2024, 3, 7),
      at: new neo4j.types.DateTime(2024, 3, 7, 9, 30, 0, 0, 0),
      nested: { years: [neo4j.int(2020), neo4j.int(2021)], inner: { n: neo4j.int(-3) } },
    };
    expect(toPlain(record)).toEqual({
      count: 42,
      name: 'Open Development Cambodia',
      score: 1.5,
      public: true,
      missing: null,
      none: null,
      since: '2024-03-07',
      at: '2024-03-07T09:30:00Z',
      nested: { years: [2020, 2021], inner: { n: -3 } },
    });
  });

  it('then nodes and relationships become their properties, a relationship with its type', () => {
    const node = new neo4j.types.Node(neo4j.int(1), ['Entity'], { id: 'odc', founded: neo4j.int(2011) }, 'e1');
    const rel = new neo4j.types.Relationship(neo4j.int(2), neo4j.int(1), neo4j.int(3), 'FUNDS', { since: new neo4j.types.Date(2020, 1, 1) }, 'r2', 'e1', 'e3');
    expect(toPlain([node, rel])).toEqual([
      { id: 'odc', founded: 2011 },
      { type: 'FUNDS', since: '2020-01-01' },
    ]);
  });

  it("then the write path's content hash is left out, in nodes and relationships as in property maps", () => {
    const node = new neo4j.types.Node(neo4j.int(1), ['Entity'], { id: 'odc', _contentHash: 'x' }, 'e1');
    const rel = new neo4j.types.Relationship(neo4j.int(2), neo4j.int(1), neo4j.int(3), 'FUNDS', { key: '', _contentHash: 'y' }, 'r2', 'e1', 'e3');
    expect(toPlain({ n: node, r: rel, p: { id: 'odc', _contentHash: 'z' } })).toEqual({ n: { id: 'odc' }, r: { type: 'FUNDS', key: '' }, p: { id: 'odc' } });
  });
});

describe('the content hash of a record', () => {
  it('is the same for the same stored properties, whatever their order, and absent or null fields', () => {
    const a = contentHash({ id: 'odc', name: 'ODC', aliases: ['A', 'B'], founded: 2011 });
    expect(contentHash({ founded: 2011, aliases: ['A', 'B'], name: 'ODC', id: 'odc', acronym: undefined, url: null })).toBe(a);
    expect(a).toMatch(/^[\w-]{27}$/);
  });

  it('differs when any value does, lists in their order and numbers from strings', () => {
    const a = contentHash({ id: 'odc', aliases: ['A', 'B'], founded: 2011 });
    expect(contentHash({ id: 'odc', aliases: ['B', 'A'], founded: 2011 })).not.toBe(a);
    expect(contentHash({ id: 'odc', aliases: ['A', 'B'], founded: '2011' })).not.toBe(a);
    expect(contentHash({ id: 'odc', aliases: ['A', 'B'], founded: 2011, note: '' })).not.toBe(a);
  });
});
