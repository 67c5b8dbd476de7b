/** If-Match as Spean reads it: the versions a client's strong entity tags name, nothing from weak or foreign ones. */
import { describe, expect, it } from 'vitest';
import { ifMatchSchema, parseIfMatch, satisfies, versionTag } from '../../api/src/domain/preconditions.js';

describe('If-Match', () => {
  it('reads the versions of strong tags, with or without a digest, and * as any version', () => {
    expect(parseIfMatch(versionTag(3, 'abc_-'))).toEqual([3]);
    expect(parseIfMatch('"v9", "v2"')).toEqual([9, 2]);
    expect(parseIfMatch(' * ')).toBe('*');
    expect(parseIfMatch(undefined)).toBeUndefined();
  });

  it('lets no weak or foreign tag match', () => {
    expect(parseIfMatch('W/"v3"')).toEqual([]);
    expect(parseIfMatch('"g12-xyz"')).toEqual([]);
    expect(satisfies([], 3)).toBe(false);
    expect(satisfies([2, 3], 3)).toBe(true);
    expect(satisfies('*', 3)).toBe(true);
    expect(satisfies(undefined, 3)).toBe(true);
  });

  it('refuses a header that is no list of entity tags', () => {
    expect(ifMatchSchema.safeParse('v3').success).toBe(false);
    expect(ifMatchSchema.safeParse('"v3", W/"v2"').success).toBe(true);
  });
});
