import { describe, expect, it } from 'vitest';
import { rankCandidates, typesOf, reconcileBatchSchema, type Found } from '../../api/src/domain/reconciliation.js';

const found: Found[] = [
  { id: 'thy-try', kind: 'person', name: 'Thy Try', aliases: ['Mr. Thy Try'] },
  { id: 'try-sok', kind: 'person', name: 'Try Sok' },
  { id: 'odc', kind: 'organisation', name: 'Open Development Cambodia Organization', aliases: ['Open Development Cambodia', 'ODC'], acronym: 'ODC' },
];

describe('reconciliation ranking', () => {
  it('scores the same name written differently as a sure match, ahead of the rest', () => {
    const [best, next] = rankCandidates('Mr. THY Try', found.slice(0, 2), 5);
    expect(best).toMatchObject({ id: 'thy-try', match: true, type: [{ id: 'person', name: 'Person' }] });
    expect(best!.score).toBeGreaterThanOrEqual(95);
    expect(next!.match).toBe(false);
    expect(next!.score).toBeLessThan(best!.score);
  });

  it('matches an organisation by its acronym or a shorter name, and never two at once', () => {
    const [odc] = rankCandidates('ODC', [found[2]!], 3);
    expect(odc).toMatchObject({ id: 'odc' });
    expect(odc!.score).toBeGreaterThan(50);
    const tie = rankCandidates('Thy Try', [found[0]!, { ...found[0]!, id: 'thy-try-2' }], 3);
    expect(tie.filter((c) => c.match)).toEqual([]);
  });

  it('reads batches and types as OpenRefine sends them', () => {
    const batch = reconcileBatchSchema.parse({ q0: { query: 'ODC', type: 'organisation' }, q1: { query: 'Thy Try' } });
    expect(typesOf(batch.q0!)).toEqual(['organisation']);
    expect(typesOf(batch.q1!)).toEqual(['person', 'organisation']);
    expect(batch.q1!.limit).toBe(5);
    expect(reconcileBatchSchema.safeParse({ q0: { query: '' } }).success).toBe(false);
    expect(reconcileBatchSchema.safeParse({}).success).toBe(false);
  });
});
