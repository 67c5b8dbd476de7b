import { describe, expect, it } from 'vitest';
import { luceneQuery, queryWords } from '../../api/src/repositories/search.repository.js';

describe('building the full-text query', () => {
  it('keeps only letters and digits, so Lucene syntax in the input has no effect', () => {
    expect(queryWords('name:(x) OR *:* AND "odc"~ \\ ^9')).toEqual(['name', 'x', 'odc', '9']);
    expect(luceneQuery(queryWords('*:*'))).not.toContain('*:*');
  });

  it("keeps apostrophes and dots inside words, as Lucene's tokenizer does", () => {
    expect(queryWords("Cambodia's H.E. data.go.kr 'quoted'")).toEqual(["cambodia's", 'h.e', 'data.go.kr', 'quoted']);
  });

  it('folds case and Latin diacritics but leaves Khmer marks alone', () => {
    expect(queryWords('Sëla HANDICAP')).toEqual(['sela', 'handicap']);
    expect(queryWords('ការងារយើង')).toEqual(['ការងារយើង']);
  });

  it('drops stop words and adds prefix and fuzzy terms to longer words', () => {
    const q = luceneQuery(queryWords('Ministry of Planning'));
    expect(q).toContain('ministry~2');
    expect(q).not.toMatch(/\bof\b/);
    expect(luceneQuery(['odc'])).not.toContain('odc~');
    expect(luceneQuery(['ministry'], false)).not.toContain('~');
  });

  it('searches Khmer inside longer words', () => {
    expect(luceneQuery(['ការងារ'])).toContain('*ការងារ*');
  });
});
