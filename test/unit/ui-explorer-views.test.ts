/** The explorer's path search, label picking and community layout: plain TypeScript, no browser. */
import { describe, expect, it } from 'vitest';
import type { PathsResponse } from '../../ui/src/lib/api.js';
import { DEFAULT_AVOID, PATH_MAX_LENGTH, pathSteps, searchPaths } from '../../ui/src/lib/path-search.js';
import { LABEL_PLACES, labelBox, labelLines, overlappingPairs, pickLabels } from '../../ui/src/lib/graph/label-picking.js';
import { communityCentres } from '../../ui/src/lib/graph/communities.js';
import { computePositions } from '../../ui/src/lib/graph/layout-core.js';
import { filterState, relationshipChoices } from '../../ui/src/lib/graph/view-filter.js';
import { stateOf } from '../../ui/src/lib/graph/exploration.js';
import { formatDate } from '../../ui/src/lib/i18n.js';
import type { ViewEdge } from '../../api/src/domain/views.js';

const emptyAnswer: PathsResponse = { nodes: [], edges: [], sources: [], paths: [], truncated: false, omitted: { nodes: 0, edges: 0 } };
/** a —WORKS_FOR→ b ←SPOKE_AT— c, the second hop read against its direction. */
const answer: PathsResponse = {
  ...emptyAnswer,
  nodes: [
    { id: 'a', kind: 'person', name: 'A', properties: {} },
    { id: 'b', kind: 'organisation', name: 'B', properties: {} },
    { id: 'c', kind: 'person', name: 'C', properties: {} },
  ],
  edges: [
    { id: 'a|WORKS_FOR|b|', from: 'a', to: 'b', type: 'WORKS_FOR', properties: { sources: ['s1'] } },
    { id: 'c|WORKS_FOR|b|', from: 'c', to: 'b', type: 'WORKS_FOR', properties: { sources: ['s1', 's2'] } },
  ],
  sources: [
    { id: 's1', name: 'Report', publisher: null, date: null, url: 'https://example.org/r' },
    { id: 's2', name: 'Notes', publisher: null, date: null, url: null },
  ],
  paths: [{ nodes: ['a', 'b', 'c'], edges: ['a|WORKS_FOR|b|', 'c|WORKS_FOR|b|'], sentence: 'A works for B, where C works.' }],
};

describe('path search', () => {
  it('asks for paths as long as the API allows, avoiding what the person avoids', async () => {
    const asked: [number, readonly string[]][] = [];
    const found = await searchPaths(async (length, avoid) => (asked.push([length, avoid]), answer), DEFAULT_AVOID);
    expect(asked).toEqual([[PATH_MAX_LENGTH, DEFAULT_AVOID]]);
    expect(found).toMatchObject({ widened: false, avoided: DEFAULT_AVOID });
  });

  it('goes through the avoided kinds before saying there is no path, and says so', async () => {
    const asked: readonly string[][] = [];
    const found = await searchPaths(async (_length, avoid) => ((asked as string[][]).push([...avoid]), avoid.length ? emptyAnswer : answer), ['topic']);
    expect(asked).toEqual([['topic'], []]);
    expect(found).toMatchObject({ widened: true, avoided: [] });
    expect(found.response.paths).toHaveLength(1);
  });

  it('answers "none" only when even the wider search finds nothing', async () => {
    const found = await searchPaths(async () => emptyAnswer, ['topic']);
    expect(found).toMatchObject({ widened: false, avoided: ['topic'] });
    expect(found.response.paths).toEqual([]);
  });

  it('reads a path hop by hop with the sources of each hop', () => {
    const steps = pathSteps(answer);
    expect(steps.map((s) => [s.from.name, s.type, s.to.name, s.reversed])).toEqual([
      ['A', 'WORKS_FOR', 'B', false],
      ['B', 'WORKS_FOR', 'C', true],
    ]);
    expect(steps[1]!.sources.map((s) => s.name)).toEqual(['Report', 'Notes']);
    expect(pathSteps(answer, 5)).toEqual([]);
  });
});

describe('label picking', () => {
  const at = (id: string, x: number, y: number, rank: number) => ({ id, ...labelBox(['Organisation name'], x, y, 24, 12, 1), rank });

  it('wraps a long name between words onto two lines of about 24 characters, cutting the rest', () => {
    expect(labelLines('Open Development Cambodia Organization')).toEqual(['Open Development', 'Cambodia Organization']);
    expect(labelLines('Thy Try')).toEqual(['Thy Try']);
    const long = labelLines('Ponlok Chomnes II: Data and Dialogue for Development in Cambodia Program');
    expect(long).toHaveLength(2);
    expect(long[1]!.endsWith('…')).toBe(true);
    expect(long.every((line) => line.length <= 24)).toBe(true);
  });

  it('gives a label box as wide as its longest line at the font drawn, taller by a line per line', () => {
    const one = labelBox(['Open Development'], 0, 0, 20, 11, 0.5);
    const two = labelBox(['Open Development', 'Cambodia Organization'], 0, 0, 20, 11, 0.5);
    expect(two.x2 - two.x1).toBeGreaterThan(one.x2 - one.x1);
    expect(two.y2 - two.y1 - (one.y2 - one.y1)).toBeCloseTo(11);
    // Twice the font on screen, twice the text width: the width follows the font size.
    const big = labelBox(['Open Development'], 0, 0, 20, 22, 0.5);
    expect(big.x2 - big.x1 - 4).toBeCloseTo(2 * (one.x2 - one.x1 - 4));
  });

  it('keeps the most important of two overlapping labels and every label apart from the others', () => {
    const picked = pickLabels([at('small', 100, 100, 1), at('big', 110, 102, 5), at('far', 600, 400, 0)]);
    expect([...picked.keys()].sort()).toEqual(['big', 'far']);
  });

  it('puts a label above its node when a more important one has taken the place underneath', () => {
    const box = (id: string, x: number, y: number, rank: number, place: 'below' | 'above') => ({
      id,
      ...labelBox(['Organisation name'], x, y, 24, 12, 1, undefined, place),
      rank,
    });
    // The hub's label, under the hub, covers the place under the second node, up and to the right.
    const both = (id: string, x: number, y: number, rank: number) => [box(id, x, y, rank, 'below'), box(id, x, y, rank, 'above')];
    const picked = pickLabels([...both('second', 140, 80, 5), ...both('hub', 100, 100, 9)]);
    expect(Object.fromEntries(picked)).toEqual({ hub: 'below', second: 'above' });
    // Above the node: the text (the box less its 4 px of outline and margin) ends above the node's top edge.
    expect(box('second', 140, 80, 5, 'above').y2 - 4).toBeLessThan(80 - 12);
  });

  it('puts a label beside its node when more important ones cover both places above and below', () => {
    const places = (id: string, x: number, y: number, rank: number) =>
      LABEL_PLACES.map((place) => ({ id, ...labelBox(['Organisation name'], x, y, 48, 12, 1, undefined, place), rank }));
    const [below, above, right, left] = places('third', 300, 200, 5);
    // Two bigger labels lie exactly where the third node's (a hub, 48 px wide) would go under and over it.
    const blockers = [
      { ...below!, id: 'first', rank: 9 },
      { ...above!, id: 'second', rank: 8 },
    ];
    expect(pickLabels([...places('third', 300, 200, 5), ...blockers]).get('third')).toBe('right');
    expect(pickLabels([...places('third', 300, 200, 5), ...blockers, { ...right!, id: 'big', rank: 7 }]).get('third')).toBe('left');
    // Beside the node: the text starts right of its edge (or ends left of it), centred on it.
    expect(right!.x1 + 4).toBeGreaterThan(300 + 24);
    expect(left!.x2 - 4).toBeLessThan(300 - 24);
    expect((right!.y1 + right!.y2) / 2).toBeCloseTo(200);
  });

  it('always keeps labels ranked Infinity (selected, hovered), before any other', () => {
    expect([...pickLabels([at('hub', 100, 100, 9), at('selected', 105, 100, Infinity)]).keys()]).toEqual(['selected']);
  });

  it('leaves no overlapping pair among the labels it keeps', () => {
    const many = Array.from({ length: 300 }, (_, i) => at(`n${i}`, (i * 37) % 500, (i * 53) % 400, i % 7));
    const kept = pickLabels(many);
    expect(kept.size).toBeGreaterThan(10);
    expect(overlappingPairs(many.filter((c) => kept.has(c.id)))).toBe(0);
    expect(overlappingPairs(many)).toBeGreaterThan(100);
  });
});

describe('community layout', () => {
  it('puts community centres apart, the largest in the middle', () => {
    const centres = communityCentres([40, 20, 10]);
    expect(centres[0]).toEqual({ x: 0, y: 0 });
    expect(Math.hypot(centres[1]!.x, centres[1]!.y)).toBeGreaterThan(300);
    expect(Math.hypot(centres[2]!.x - centres[1]!.x, centres[2]!.y - centres[1]!.y)).toBeGreaterThan(200);
  });

  it('lays two dense groups joined by one edge out as two clusters', () => {
    const group = (p: string) => Array.from({ length: 15 }, (_, i) => `${p}${i}`);
    const a = group('a');
    const b = group('b');
    const edges = [...a, ...b].flatMap((id, i, all) =>
      all.filter((other, j) => j > i && other[0] === id[0] && (i * 7 + j * 13) % 5 < 2).map((other) => ({ source: id, target: other })),
    );
    edges.push({ source: 'a0', target: 'b0' });
    const positions = computePositions({ nodes: [...a, ...b].map((id) => ({ id, size: 24 })), edges, fixed: {} });
    const centre = (ids: string[]) => ({
      x: ids.reduce((s, id) => s + positions[id]!.x, 0) / ids.length,
      y: ids.reduce((s, id) => s + positions[id]!.y, 0) / ids.length,
    });
    const [ca, cb] = [centre(a), centre(b)];
    const nearer = (id: string, own: { x: number; y: number }, other: { x: number; y: number }) =>
      Math.hypot(positions[id]!.x - own.x, positions[id]!.y - own.y) < Math.hypot(positions[id]!.x - other.x, positions[id]!.y - other.y);
    // Each node is nearer the centre of its own group than the other's: two clusters, not one blob.
    expect([...a.filter((id) => !nearer(id, ca, cb)), ...b.filter((id) => !nearer(id, cb, ca))]).toEqual([]);
  });

  it('gathers nodes without links and small groups in rows under the network, each group kept whole', () => {
    const main = Array.from({ length: 30 }, (_, i) => `m${i}`);
    const edges = main.flatMap((id, i) => [
      { source: id, target: main[(i + 1) % 30]! },
      { source: id, target: main[(i * 7 + 3) % 30]! },
    ]);
    const alone = Array.from({ length: 12 }, (_, i) => `alone${i}`);
    edges.push({ source: 'pair-a', target: 'pair-b' });
    const ids = [...main, ...alone, 'pair-a', 'pair-b'];
    const positions = computePositions({ nodes: ids.map((id) => ({ id, size: 24 })), edges, fixed: {} });
    const xs = main.map((id) => positions[id]!.x);
    const bottom = Math.max(...main.map((id) => positions[id]!.y));
    for (const id of [...alone, 'pair-a', 'pair-b']) {
      expect(positions[id]!.y, id).toBeGreaterThan(bottom);
      expect(positions[id]!.x, id).toBeGreaterThanOrEqual(Math.min(...xs) - 12);
    }
    // A row at a time, close under the network, not flung out by the forces.
    const lowest = Math.max(...alone.map((id) => positions[id]!.y));
    expect(lowest - bottom).toBeLessThan(Math.max(...xs) - Math.min(...xs));
    const pair = Math.hypot(positions['pair-a']!.x - positions['pair-b']!.x, positions['pair-a']!.y - positions['pair-b']!.y);
    expect(pair, 'the linked pair stays together').toBeLessThan(200);
  });
});

describe('filters applied in the browser', () => {
  const n = (id: string) => ({ id, kind: 'organisation' as const, name: id, properties: {} });
  const e = (from: string, type: string, to: string) => ({ id: `${from}|${type}|${to}|`, from, to, type, properties: {} }) as ViewEdge;
  const state = stateOf({
    nodes: [n('a'), n('b'), n('c'), n('d'), n('lonely')],
    edges: [e('a', 'FUNDS', 'b'), e('b', 'PARTNERS_WITH', 'c'), e('c', 'POSSIBLE_DUPLICATE', 'd'), e('a', 'FUNDS', 'c')],
  });

  it('keeps only the chosen relationship kinds and the nodes they join', () => {
    const only = filterState(state, { relTypes: ['FUNDS'], minDegree: 0, curator: true });
    expect([...only.nodes.keys()].sort()).toEqual(['a', 'b', 'c']);
    expect([...only.edges.values()].map((x) => x.type)).toEqual(['FUNDS', 'FUNDS']);
  });

  it("hides curators' notes from the public, and shows them to curators", () => {
    expect([...filterState(state, { relTypes: [], minDegree: 0, curator: false }).edges.values()].map((x) => x.type)).not.toContain('POSSIBLE_DUPLICATE');
    expect(filterState(state, { relTypes: [], minDegree: 0, curator: true })).toBe(state);
  });

  it('keeps nodes with at least the given number of links', () => {
    expect([...filterState(state, { relTypes: [], minDegree: 2, curator: true }).nodes.keys()].sort()).toEqual(['a', 'b', 'c']);
  });

  it("lists each relationship kind once per meaning, curators' notes only for curators", () => {
    const publicList = relationshipChoices(false);
    expect(publicList.filter((c) => c.meaning === 'covers')).toEqual([{ meaning: 'covers', types: ['COVERS', 'COVERS_PLACE'] }]);
    expect(publicList.some((c) => c.types.includes('POSSIBLE_DUPLICATE'))).toBe(false);
    expect(relationshipChoices(true).some((c) => c.types.includes('POSSIBLE_DUPLICATE'))).toBe(true);
  });
});

describe('Khmer dates', () => {
  it('come from date-fns and its Khmer locale: Khmer month names and digits, whatever the browser', () => {
    expect(formatDate('2022-03-05', 'km')).toBe('៥ មីនា ២០២២');
    expect(formatDate('2024-12', 'km')).toBe('ធ្នូ ២០២៤');
  });
});
