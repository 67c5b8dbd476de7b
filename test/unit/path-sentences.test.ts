import { describe, expect, it } from 'vitest';
import { describePath } from '../../api/src/domain/path-sentences.js';

const names = new Map([
  ['x', 'X'],
  ['y', 'Y'],
  ['z', 'Z'],
  ['w', 'W'],
]);

describe('telling a path as sentences', () => {
  it('continues with "which" when a hop starts where the last clause ended', () => {
    expect(
      describePath(
        names,
        ['x', 'y', 'z'],
        [
          { from: 'x', to: 'y', type: 'SPOKE_AT' },
          { from: 'z', to: 'y', type: 'ORGANISED' },
        ],
      ),
    ).toBe('X spoke at Y, which Z organised.');
    expect(
      describePath(
        names,
        ['x', 'y', 'z'],
        [
          { from: 'x', to: 'y', type: 'SPOKE_AT' },
          { from: 'y', to: 'z', type: 'PART_OF' },
        ],
      ),
    ).toBe('X spoke at Y, which is a part of Z.');
  });

  it('starts a new sentence after a clause that ends on a verb, naming the subject', () => {
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
    ).toBe('X spoke at Y, which Z spoke at. Z works for W.');
  });

  it('tells a path that starts against the direction of its first relationship', () => {
    expect(describePath(names, ['x', 'y'], [{ from: 'y', to: 'x', type: 'FUNDS' }])).toBe('Y funds X.');
  });
});
