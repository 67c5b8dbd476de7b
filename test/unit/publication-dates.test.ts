/**
 * Which relationships the loader dates only by a publication date, and that the seed keeps those
 * to the ones docs/seed-review.md lists with the reason for each.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { GraphNode, GraphRelationship } from '../../api/src/domain/model.js';
import { readCsvDirectory } from '../../api/src/spreadsheets/csv-directory.js';
import { eventDates, publicationDated } from '../../api/src/domain/publication-dates.js';
import type { Located } from '../../api/src/domain/spreadsheet.js';

const at = <T>(record: T, line: number): Located<T> => ({ record, file: 't.csv', line });
const event = (id: string, startDate?: string): GraphNode => ({
  kind: 'event',
  id,
  name: id,
  aliases: [],
  sources: ['s'],
  eventKind: 'session',
  ...(startDate ? { startDate } : {}),
});
const rel = (from: string, type: GraphRelationship['type'], to: string, extra: Partial<GraphRelationship> = {}): GraphRelationship => ({
  from,
  type,
  to,
  key: '',
  sources: ['s'],
  confidence: 'confirmed',
  ...extra,
});

describe('dating relationships by the loader’s rule', () => {
  const nodes = [
    at<GraphNode>({ kind: 'source', id: 's', name: 'S', aliases: [], sourceKind: 'report', publisher: 'P', date: '2024-12-01' }, 2),
    at(event('conf', '2024-03-26'), 3),
    at(event('breakout'), 4),
    at<GraphNode>({ kind: 'person', id: 'p', name: 'P', aliases: [], sources: ['s'], public: true }, 5),
    at<GraphNode>({ kind: 'organisation', id: 'o', name: 'O', aliases: [], sources: ['s'], orgKind: 'cso' }, 6),
  ];
  const relationships = [
    at(rel('breakout', 'PART_OF', 'conf'), 2),
    at(rel('p', 'SPOKE_AT', 'breakout'), 3),
    at(rel('p', 'WORKS_FOR', 'o', { from_date: '2024-03-26' }), 4),
    at(rel('p', 'WORKS_FOR', 'o', { key: 'second' }), 5),
  ];

  it('then an undated event takes its parent’s date', () => {
    expect(Object.fromEntries(eventDates({ nodes, relationships }))).toEqual({ conf: '2024-03-26', breakout: '2024-03-26' });
  });

  it('then only a relationship with no date of its own and no dated event is reported', () => {
    expect(publicationDated({ nodes, relationships }).map((r) => r.line)).toEqual([5]);
  });
});

describe('the seed’s publication-dated relationships', () => {
  it('then are exactly those docs/seed-review.md lists with a reason', () => {
    const { batch } = readCsvDirectory(new URL('../../seed', import.meta.url).pathname);
    const review = readFileSync(new URL('../../docs/seed-review.md', import.meta.url), 'utf8');
    const listed = [...review.matchAll(/`([a-z0-9-]+ [A-Z_]+ [a-z0-9-]+)`/g)].map((m) => m[1]);
    const reported = publicationDated(batch).map(({ record: r }) => `${r.from} ${r.type} ${r.to}`);
    expect(reported.sort()).toEqual([...new Set(listed)].sort());
  });
});
