import { describe, expect, it } from 'vitest';
import { describePath, hopSentence, type PathHop } from '../../api/src/domain/path-sentences.js';

const names = new Map([
  ['x', 'X'],
  ['y', 'Y'],
  ['z', 'Z'],
  ['w', 'W'],
]);

describe('telling a path as sentences', () => {
  it('tells each hop as a sentence of its own, subject first', () => {
    expect(
      describePath(
        names,
        ['x', 'y', 'z'],
        [
          { from: 'x', to: 'y', type: 'SPOKE_AT' },
          { from: 'y', to: 'z', type: 'PART_OF' },
        ],
      ),
    ).toBe('X spoke at Y. Y is part of Z.');
  });

  it('turns a hop walked against its relationship round, so that it still reads forwards', () => {
    // X and Z both spoke at Y; Z works for W: no "which Z spoke at" left dangling on a verb.
    expect(
      describePath(
        names,
        ['x', 'y', 'z', 'w'],
        [
          { from: 'x', to: 'y', type: 'SPOKE_AT' },
          { from: 'z', to: 'y', type: 'SPOKE_AT' },
          { from: 'z', to: 'w', type: 'WORKS_FOR' },
        ],
      ),
    ).toBe('X spoke at Y. Z spoke at Y. Z works for W.');
    expect(describePath(names, ['x', 'y'], [{ from: 'y', to: 'x', type: 'FUNDS' }])).toBe('Y funds X.');
  });

  it('reads the seed path from William Gilles to Mao Chandy as plain English, hop by hop', () => {
    // One of the seven-hop paths the API finds between them (seed/relationships.csv).
    const seed = new Map([
      ['william-gilles', 'William Gilles'],
      ['nodc-2024-european-model', 'The European Model of Open Data'],
      ['nodc-2024-day-2', 'National Open Data Conference 2024, day 2'],
      ['nodc-2024', 'National Open Data Conference 2024'],
      ['odc', 'Open Development Cambodia Organization'],
      ['odd-2022', 'Open Data Day 2022'],
      ['odd-2022-panel-2', 'Using ICT to promote digital governance'],
      ['mao-chandy', 'Mao Chandy'],
    ]);
    const ids = [...seed.keys()];
    const hops: PathHop[] = [
      { from: 'william-gilles', to: 'nodc-2024-european-model', type: 'SPOKE_AT' },
      { from: 'nodc-2024-european-model', to: 'nodc-2024-day-2', type: 'PART_OF' },
      { from: 'nodc-2024-day-2', to: 'nodc-2024', type: 'PART_OF' },
      { from: 'odc', to: 'nodc-2024', type: 'ORGANISED' },
      { from: 'odc', to: 'odd-2022', type: 'ORGANISED' },
      { from: 'odd-2022-panel-2', to: 'odd-2022', type: 'PART_OF' },
      { from: 'mao-chandy', to: 'odd-2022-panel-2', type: 'SPOKE_AT' },
    ];
    expect(describePath(seed, ids, hops).split('. ')).toEqual([
      'William Gilles spoke at The European Model of Open Data',
      'The European Model of Open Data is part of National Open Data Conference 2024, day 2',
      'National Open Data Conference 2024, day 2 is part of National Open Data Conference 2024',
      'Open Development Cambodia Organization organised National Open Data Conference 2024',
      'Open Development Cambodia Organization organised Open Data Day 2022',
      'Using ICT to promote digital governance is part of Open Data Day 2022',
      'Mao Chandy spoke at Using ICT to promote digital governance.',
    ]);
    expect(hopSentence('Mao Chandy', 'spoke at', 'Open Data Day 2022')).toBe('Mao Chandy spoke at Open Data Day 2022.');
  });

  it('has nothing to say of a path without hops', () => {
    expect(describePath(names, ['x'], [])).toBe('');
  });
});
