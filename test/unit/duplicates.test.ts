/** Duplicate suggestions: each way one actor gets written twice, and what must not be taken for one. */
import { describe, expect, it } from 'vitest';
import { suggestDuplicates, type DuplicateCandidate } from '../../api/src/domain/duplicates.js';

const person = (id: string, name: string, aliases: string[] = []): DuplicateCandidate => ({ id, kind: 'person', name, aliases });
const org = (id: string, name: string, acronym?: string, aliases: string[] = []): DuplicateCandidate => ({ id, kind: 'organisation', name, acronym, aliases });

/** The evidence kinds found for the pair a–b, or undefined when the pair is not suggested. */
function evidenceFor(nodes: DuplicateCandidate[], a: string, b: string, marked = [] as { a: string; b: string; note?: string }[]) {
  const found = suggestDuplicates(nodes, marked, 100).find((s) => [s.a.id, s.b.id].sort().join() === [a, b].sort().join());
  return found && { kinds: found.evidence.map((e) => e.kind), score: found.score, details: found.evidence.map((e) => e.detail) };
}

describe('duplicate suggestions', () => {
  it('find names that differ only in accents, case, punctuation or titles', () => {
    const found = evidenceFor([person('a', 'Nguyễn Văn An'), person('b', 'Mr. NGUYEN van an'), person('c', 'Sok Dara')], 'a', 'b');
    expect(found?.kinds).toEqual(['same-name']);
    expect(found!.score).toBeGreaterThan(0.9);
  });

  it('find the same names in another order (family name first or last)', () => {
    expect(evidenceFor([person('a', 'Thy Try'), person('b', 'Try Thy')], 'a', 'b')?.kinds).toEqual(['swapped-order']);
  });

  it('find another romanisation of Khmer, and a name written in Khmer script', () => {
    const nodes = [person('a', 'Chhay Sopheap'), person('b', 'Chay Sophiep'), person('c', 'Sok Dara'), person('d', 'សុខ ដារ៉ា')];
    expect(evidenceFor(nodes, 'a', 'b')?.kinds).toEqual(['transliteration']);
    expect(evidenceFor(nodes, 'c', 'd')?.kinds).toEqual(['transliteration']);
    expect(evidenceFor(nodes, 'a', 'c')).toBeUndefined();
  });

  it('find a shared alias and a shared acronym, with what was shared', () => {
    const nodes = [
      org('a', 'Open Data Alliance'),
      org('b', 'Organization for Data-Driven Application', 'ODA'),
      org('c', 'Digital Cambodia', undefined, ['DC Org']),
      org('d', 'DC Org'),
    ];
    expect(evidenceFor(nodes, 'a', 'b')).toMatchObject({ kinds: ['shared-acronym'], details: ['both go by "ODA"'] });
    expect(evidenceFor(nodes, 'c', 'd')?.kinds).toEqual(['shared-alias']);
  });

  it('find a likely typo, but not names that differ in a number (a year, a day)', () => {
    const nodes = [org('a', 'Mekong Datahub'), org('b', 'Mekong Datahug'), org('c', 'Open Data Day 2022'), org('d', 'Open Data Day 2024')];
    expect(evidenceFor(nodes, 'a', 'b')).toMatchObject({ kinds: ['similar-name'], details: ['"Mekong Datahub" and "Mekong Datahug" are 93% alike'] });
    expect(evidenceFor(nodes, 'c', 'd')).toBeUndefined();
  });

  it('include the pairs a source marks, with its note, and let evidence add up', () => {
    const nodes = [org('a', 'Public service gateway'), org('b', 'Seva.gov.kh'), org('c', 'Open Data Alliance', 'ODA'), org('d', 'Org for Data Apps', 'ODA')];
    const marked = [
      { a: 'a', b: 'b', note: 'listed in its place' },
      { a: 'c', b: 'd' },
    ];
    expect(evidenceFor(nodes, 'a', 'b', marked)).toMatchObject({ kinds: ['marked'], score: 0.9, details: ['listed in its place'] });
    const both = evidenceFor(nodes, 'c', 'd', marked)!;
    expect(both.kinds).toEqual(['marked', 'shared-acronym']);
    expect(both.score).toBeGreaterThan(0.9);
  });

  it('never pair nodes of different kinds, and rank the best first', () => {
    const nodes = [
      person('p', 'Data Cambodia'),
      org('o', 'Data Cambodia'),
      org('o2', 'Data Cambodia.'),
      org('t1', 'Open Data Cambodia'),
      org('t2', 'Open Data Cambodja'),
    ];
    const all = suggestDuplicates(nodes, [], 10);
    expect(all.map((s) => `${s.a.id}-${s.b.id}`)).toEqual(['o-o2', 't1-t2']);
    expect(all[0]!.score).toBeGreaterThan(all[1]!.score);
  });
});
