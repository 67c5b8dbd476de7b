import { describe, expect, it } from 'vitest';
import { CHOSEN_WEIGHTS, MatchIndex, workedTogether } from '../../api/src/analytics/matchmaking.js';
import { pairKey, pairScores, rankingQuality } from '../../api/src/analytics/matchmaking-backtest.js';
import type { Network } from '../../api/src/domain/network.js';

const org = (id: string) => ({ id, kind: 'organisation', name: id.toUpperCase(), orgKind: 'cso' });
const person = (id: string) => ({ id, kind: 'person', name: id });
const e = (from: string, type: string, to: string) => ({ from, type, to });

/**
 * `me` and `small` met at a twelve-person session; `me` and `big1`/`big2` only at a large
 * conference; `partner` already works with `me`; `donor` funds `me` and `funded`.
 */
function network(): Network {
  const crowd = Array.from({ length: 10 }, (_, i) => org(`crowd${i}`));
  return {
    nodes: [
      org('me'),
      org('small'),
      org('big1'),
      org('big2'),
      org('partner'),
      org('donor'),
      org('funded'),
      ...crowd,
      person('p-me'),
      person('p-small'),
      person('p-colleague'),
      person('p-other'),
      { id: 'conf', kind: 'event', name: 'Big conference' },
      { id: 'session', kind: 'event', name: 'Small session' },
      { id: 'province', kind: 'place', name: 'Province', placeKind: 'province' },
    ],
    edges: [
      e('session', 'PART_OF', 'conf'),
      e('p-me', 'WORKS_FOR', 'me'),
      e('p-colleague', 'WORKS_FOR', 'me'),
      e('p-small', 'WORKS_FOR', 'small'),
      e('p-me', 'SPOKE_AT', 'session'),
      e('p-small', 'SPOKE_AT', 'session'),
      e('p-colleague', 'ATTENDED', 'session'),
      e('p-other', 'ATTENDED', 'session'),
      e('big1', 'ATTENDED', 'conf'),
      e('big2', 'ATTENDED', 'conf'),
      ...crowd.map((c) => e(c.id, 'ATTENDED', 'conf')),
      e('me', 'PARTNERS_WITH', 'partner'),
      e('partner', 'ATTENDED', 'session'),
      e('donor', 'FUNDS', 'me'),
      e('donor', 'FUNDS', 'funded'),
      e('conf', 'HELD_IN', 'province'),
    ],
  };
}

describe('matchmaking', () => {
  it('ranks a pair that shared a small session above pairs that shared only a large conference', () => {
    const suggestions = new MatchIndex(network()).suggestionsFor('me')!;
    const ids = suggestions.map((s) => s.id);
    expect(ids.indexOf('small')).toBeLessThan(ids.indexOf('big1'));
    const small = suggestions.find((s) => s.id === 'small')!;
    expect(small.reasons.map((r) => [r.kind, r.id])).toEqual(
      expect.arrayContaining([
        ['event', 'session'],
        ['event', 'conf'],
      ]),
    );
    const session = small.reasons.find((r) => r.id === 'session')!;
    const conf = small.reasons.find((r) => r.id === 'conf')!;
    expect(session.weight).toBeGreaterThan(conf.weight);
    expect(conf.sharedBy).toBeGreaterThan(session.sharedBy);
  });

  it('names a shared funder as a reason', () => {
    const funded = new MatchIndex(network()).suggestionsFor('me')!.find((s) => s.id === 'funded')!;
    expect(funded.reasons).toEqual([expect.objectContaining({ kind: 'funder', id: 'donor', name: 'DONOR' })]);
  });

  it('never suggests an organisation that already works with it, or its funder', () => {
    const ids = new MatchIndex(network()).suggestionsFor('me')!.map((s) => s.id);
    expect(ids).not.toContain('partner');
    expect(ids).not.toContain('donor');
    expect(ids).not.toContain('me');
  });

  it('suggests people to a person, leaving out colleagues', () => {
    const ids = new MatchIndex(network()).suggestionsFor('p-me')!.map((s) => s.id);
    expect(ids).toContain('p-small');
    expect(ids).toContain('p-other');
    expect(ids).not.toContain('p-colleague');
  });

  it('has no suggestions for anything but organisations and people', () => {
    expect(new MatchIndex(network()).suggestionsFor('conf')).toBeUndefined();
  });

  it('counts running the same event, money and partnership as working together', () => {
    const worked = workedTogether({
      nodes: [org('a'), org('b'), org('c'), org('d'), { id: 'ev', kind: 'event', name: 'Ev' }, { id: 'prog', kind: 'initiative', name: 'Prog' }],
      edges: [e('a', 'ORGANISED', 'ev'), e('b', 'HOSTED', 'ev'), e('c', 'FUNDS', 'prog'), e('d', 'IMPLEMENTS', 'prog'), e('d', 'ATTENDED', 'ev')],
    });
    expect([...worked.get('a')!]).toEqual(['b']);
    expect([...worked.get('c')!]).toEqual(['d']);
    expect(worked.get('d')!.has('a')).toBe(false);
  });
});

describe('ranking quality', () => {
  it('scores all pairs by their shared items', () => {
    const scores = pairScores(
      [
        { holders: ['a', 'b', 'c'], weight: 0.5 },
        { holders: ['a', 'b'], weight: 1 },
      ],
      (x, y) => x !== 'c' && y !== 'c',
    );
    expect(Object.fromEntries(scores)).toEqual({ [pairKey('a', 'b')]: 1.5 });
  });

  it('counts the expected hits of a tie that straddles the cutoff', () => {
    // 40 pairs tied at the top, 10 of them true: a random order puts 2.5 in the first 10.
    const scores = new Map(Array.from({ length: 40 }, (_, i) => [`p${i}`, 1]));
    const truth = new Set(Array.from({ length: 10 }, (_, i) => `p${i}`));
    const q = rankingQuality(scores, truth, 1000);
    expect(q.precisionAt10).toBe(0.25);
    expect(q.recallAt100).toBe(1);
    expect(q.coverage).toBe(1);
  });

  it('gives a random ranking the share of true pairs among candidates', () => {
    const q = rankingQuality(new Map(), new Set(['x', 'y']), 100);
    expect(q.precisionAt20).toBe(0.02);
    expect(q.recallAt20).toBe(0.2);
  });

  it('the chosen weights damp by size', () => {
    expect(CHOSEN_WEIGHTS.damping).not.toBe('none');
  });
});
