/**
 * What the backtest needs beyond one actor's suggestions (bench/matchmaking.ts,
 * docs/matchmaking.md): the score of every pair at once, and how well a ranking of pairs
 * predicts the collaborations that came later.
 */

/** A node the actors in `holders` share, worth `weight` to each pair of them. */
export interface SharedItem {
  holders: string[];
  weight: number;
}

/** Key of an unordered pair. */
export const pairKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);

/** Above this many actors the pair sums go to a map instead of a dense n × n array. */
const DENSE_LIMIT = 6_000;

/**
 * Sums, for every pair of actors, the weights of the items they share; only pairs `keep` accepts
 * are returned. A network ranks millions of pairs: the sums go into a dense array of numbered
 * actors (a map only beyond DENSE_LIMIT actors) and are named at the end.
 */
export function pairScores(items: Iterable<SharedItem>, keep: (a: string, b: string) => boolean): Map<string, number> {
  const list = [...items].filter((item) => item.weight > 0 && item.holders.length > 1);
  const number = new Map<string, number>();
  for (const item of list) for (const id of item.holders) if (!number.has(id)) number.set(id, number.size);
  const ids = [...number.keys()];
  const n = ids.length;
  const dense = n <= DENSE_LIMIT ? new Float64Array(n * n) : undefined;
  const sparse = new Map<number, number>();
  for (const { holders, weight } of list) {
    const nums = holders.map((id) => number.get(id)!);
    for (let i = 0; i < nums.length; i++) {
      for (let j = i + 1; j < nums.length; j++) {
        const key = Math.min(nums[i]!, nums[j]!) * n + Math.max(nums[i]!, nums[j]!);
        if (dense) dense[key] = dense[key]! + weight;
        else sparse.set(key, (sparse.get(key) ?? 0) + weight);
      }
    }
  }
  const scores = new Map<string, number>();
  const add = (key: number, sum: number) => {
    const [a, b] = [ids[Math.floor(key / n)]!, ids[key % n]!];
    if (sum > 0 && keep(a, b)) scores.set(pairKey(a, b), sum);
  };
  if (dense) dense.forEach((sum, key) => sum > 0 && add(key, sum));
  else sparse.forEach((sum, key) => add(key, sum));
  return scores;
}

export interface RankingQuality {
  precisionAt10: number;
  precisionAt20: number;
  recallAt20: number;
  recallAt100: number;
  /** Share of the true pairs the method gives any score at all. */
  coverage: number;
}

/**
 * Precision and recall of a ranking of `candidates` pairs (the scored ones first, by score; the
 * unscored after them), against the pairs in `truth`. Ties are broken at random, so a cutoff
 * inside a group of equal scores counts that group's expected hits: a method cannot win by the
 * order in which ties happen to fall.
 */
export function rankingQuality(scores: Map<string, number>, truth: Set<string>, candidates: number): RankingQuality {
  const groups = new Map<number, { size: number; hits: number }>();
  let scoredHits = 0;
  for (const [pair, score] of scores) {
    if (score <= 0) continue;
    const group = groups.get(score) ?? { size: 0, hits: 0 };
    group.size++;
    if (truth.has(pair)) {
      group.hits++;
      scoredHits++;
    }
    groups.set(score, group);
  }
  const ordered = [...groups.entries()].sort((a, b) => b[0] - a[0]).map(([, g]) => g);
  const scored = ordered.reduce((n, g) => n + g.size, 0);
  ordered.push({ size: Math.max(candidates - scored, 0), hits: truth.size - scoredHits });
  const hitsAt = (k: number) => {
    let left = k;
    let hits = 0;
    for (const g of ordered) {
      if (left <= 0) break;
      const taken = Math.min(left, g.size);
      hits += g.size ? (g.hits * taken) / g.size : 0;
      left -= taken;
    }
    return hits;
  };
  const r = (x: number) => Math.round(x * 1000) / 1000;
  const recall = (k: number) => (truth.size ? r(hitsAt(k) / truth.size) : 0);
  return {
    precisionAt10: r(hitsAt(10) / 10),
    precisionAt20: r(hitsAt(20) / 20),
    recallAt20: recall(20),
    recallAt100: recall(100),
    coverage: truth.size ? r(scoredHits / truth.size) : 0,
  };
}
