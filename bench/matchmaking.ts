/**
 * `npm run bench:matchmaking`: does matchmaking predict who starts working together? From the
 * network as it was at the end of 2023 (read through the API's own as-of filter), every method
 * ranks the organisation pairs that do not work together yet; the pairs that first worked
 * together in 2024-2025 are the truth. Precision@10, precision@20, recall@20, recall@100, on the
 * seed and on the synthetic network (small scale), for the chosen method beside common
 * neighbours, Adamic-Adar and a random ranking in the same run.
 *
 * The weights were chosen on an earlier split (end of 2021 → 2022-2023) of both networks, so the
 * 2024-2025 figures are not the ones the weights were tuned on.
 */
import { graphFilter } from '../api/src/domain/views.js';
import { CHOSEN_WEIGHTS, MatchIndex, REASON_KINDS, workedTogether, type Damping, type MatchWeights } from '../api/src/analytics/matchmaking.js';
import { pairKey, pairScores, rankingQuality, type RankingQuality, type SharedItem } from '../api/src/analytics/matchmaking-backtest.js';
import type { Network } from '../api/src/domain/network.js';
import { AnalyticsRepository } from '../api/src/repositories/analytics.repository.js';
import { loadSeed } from '../seed/seed.js';
import { loadGenerated, wipe } from './generate.js';
import { SCALES } from './network-generator.js';
import { openBenchDatabase, writeResults } from './support.js';

interface Split {
  name: string;
  /** The network known at this date … */
  asOf: string;
  /** … predicts collaborations first seen up to this one. */
  until: string;
}
const TEST: Split = { name: 'test', asOf: '2023-12-31', until: '2025-12-31' };
const TUNING: Split = { name: 'tuning', asOf: '2021-12-31', until: '2023-12-31' };

/**
 * Items shared by more organisations than this are left out of every method's all-pairs ranking
 * (baselines too): a hub shared by thousands makes millions of pairs on this 2-core machine. Such
 * an item adds at most 1/ln 300 ≈ 0.18 to a pair under Adamic-Adar damping, 1/300 under resource
 * allocation. Suggestions for one actor (the API) use every item.
 */
const MAX_SHARED = 300;
const capped = (items: SharedItem[]) => items.filter((i) => i.holders.length <= MAX_SHARED);

/** One prediction task: the pairs to rank, and those that came true. */
interface Task {
  early: Network;
  match: MatchIndex;
  candidates: Set<string>;
  keep: (a: string, b: string) => boolean;
  candidatePairs: number;
  truth: Set<string>;
}

function task(early: Network, late: Network): Task {
  const match = new MatchIndex(early);
  const linked = new Set(early.edges.flatMap((e) => [e.from, e.to]));
  const candidates = new Set(early.nodes.filter((n) => n.kind === 'organisation' && linked.has(n.id)).map((n) => n.id));
  const keep = (a: string, b: string) => a !== b && candidates.has(a) && candidates.has(b) && !match.excludes('organisation', a, b);
  const truth = new Set<string>();
  for (const [a, partners] of workedTogether(late)) for (const b of partners) if (a < b && keep(a, b)) truth.add(pairKey(a, b));
  // Every unordered candidate pair minus the excluded ones (each excluded pair is counted from both ends).
  let excluded = 0;
  for (const a of candidates) for (const b of candidates) if (a < b && !keep(a, b)) excluded++;
  const candidatePairs = (candidates.size * (candidates.size - 1)) / 2 - excluded;
  return { early, match, candidates, keep, candidatePairs, truth };
}

/** Common neighbours and Adamic-Adar on the plain graph: every node shared by two organisations, damped by its degree. */
function plainItems(network: Network, damping: Damping): SharedItem[] {
  const kinds = new Map(network.nodes.map((n) => [n.id, n.kind]));
  const neighbours = new Map<string, Set<string>>();
  const add = (a: string, b: string) => (neighbours.get(a) ?? neighbours.set(a, new Set()).get(a)!).add(b);
  for (const e of network.edges) {
    if (!kinds.has(e.from) || !kinds.has(e.to) || e.from === e.to) continue;
    add(e.from, e.to);
    add(e.to, e.from);
  }
  return [...neighbours.values()].map((set) => ({
    holders: [...set].filter((id) => kinds.get(id) === 'organisation'),
    weight: damping === 'none' ? 1 : damping === 'log' ? 1 / Math.log(Math.max(set.size, 2)) : 1 / set.size,
  }));
}

const uniform = (damping: Damping): MatchWeights => ({ damping, kinds: Object.fromEntries(REASON_KINDS.map((k) => [k, 1])) as MatchWeights['kinds'] });

/** The weightings tried on the tuning split. */
const GRID: Record<string, MatchWeights> = {};
const KIND_PRESETS: Record<string, MatchWeights['kinds']> = {
  uniform: uniform('none').kinds,
  'events only': { event: 1, topic: 0, funder: 0, partner: 0, place: 0 },
  'partners and funders first': { event: 1, topic: 0.5, funder: 1, partner: 2, place: 0.25 },
};
for (const damping of ['none', 'log', 'linear'] as const) {
  for (const [preset, kinds] of Object.entries(KIND_PRESETS)) GRID[`contexts, ${damping}, ${preset}`] = { damping, kinds };
}

/** The baselines the issue names, each on the plain graph, plus the expectation of a random ranking. */
function baselines(t: Task): Record<string, RankingQuality> {
  const random = rankingQuality(new Map(), t.truth, t.candidatePairs);
  return {
    'common neighbours': rankingQuality(pairScores(capped(plainItems(t.early, 'none')), t.keep), t.truth, t.candidatePairs),
    'Adamic-Adar': rankingQuality(pairScores(capped(plainItems(t.early, 'log')), t.keep), t.truth, t.candidatePairs),
    'resource allocation (plain graph)': rankingQuality(pairScores(capped(plainItems(t.early, 'linear')), t.keep), t.truth, t.candidatePairs),
    random,
  };
}

const contextQuality = (t: Task, weights: MatchWeights) =>
  rankingQuality(pairScores(capped(t.match.sharedItems('organisation', weights)), t.keep), t.truth, t.candidatePairs);

async function readSplit(repository: AnalyticsRepository, split: Split): Promise<Task> {
  const [early, late] = await Promise.all([
    repository.network(graphFilter({ asOf: split.asOf }, false), 600_000),
    repository.network(graphFilter({ asOf: split.until }, false), 600_000),
  ]);
  return task(early, late);
}

const describeTask = (t: Task) => ({ candidates: t.candidates.size, candidatePairs: t.candidatePairs, newPairs: t.truth.size });
const truthNames = (t: Task) =>
  [...t.truth].map((pair) =>
    pair
      .split('|')
      .map((id) => t.match.index.byId.get(id)?.name ?? id)
      .join(' + '),
  );

function printTable(title: string, rows: Record<string, RankingQuality>) {
  console.log(`\n${title}`);
  console.log(`${'method'.padEnd(46)} P@10   P@20   R@20   R@100  coverage`);
  for (const [name, q] of Object.entries(rows)) {
    const f = (x: number) => x.toFixed(3).padStart(6);
    console.log(`${name.padEnd(46)}${f(q.precisionAt10)} ${f(q.precisionAt20)} ${f(q.recallAt20)} ${f(q.recallAt100)} ${f(q.coverage)}`);
  }
}

const bench = await openBenchDatabase(1536, 512);
const repository = new AnalyticsRepository(bench.db);
const networks: Record<string, unknown> = {};
const tuning: Record<string, Record<string, RankingQuality>> = {};
try {
  for (const name of ['seed', 'synthetic (small)']) {
    if (name === 'seed') {
      await wipe(bench.db);
      await loadSeed(bench.db);
    } else await loadGenerated(bench.db, SCALES.small!);
    const tune = await readSplit(repository, TUNING);
    tuning[name] = Object.fromEntries(Object.entries(GRID).map(([label, w]) => [label, contextQuality(tune, w)]));
    const test = await readSplit(repository, TEST);
    const rows = {
      'chosen: contexts, Adamic-Adar damping': contextQuality(test, CHOSEN_WEIGHTS),
      'contexts, resource allocation damping': contextQuality(test, { ...CHOSEN_WEIGHTS, damping: 'linear' }),
      'contexts, no damping': contextQuality(test, { ...CHOSEN_WEIGHTS, damping: 'none' }),
      ...baselines(test),
    };
    printTable(`${name}: network at ${TEST.asOf} → pairs first working together by ${TEST.until} (${JSON.stringify(describeTask(test))})`, rows);
    networks[name] = {
      tuningSplit: describeTask(tune),
      testSplit: describeTask(test),
      results: rows,
      ...(name === 'seed' ? { newPairs: truthNames(test) } : {}),
    };
    if (name === 'seed') console.log('new pairs:', truthNames(test).join('; '));
  }
  // The tuning grid: the mean precision@20 of each weighting over both networks' earlier split.
  const mean = Object.keys(GRID)
    .map((label) => ({ label, meanPrecisionAt20: Object.values(tuning).reduce((s, rows) => s + rows[label]!.precisionAt20, 0) / Object.keys(tuning).length }))
    .sort((a, b) => b.meanPrecisionAt20 - a.meanPrecisionAt20);
  console.log('\ntuning split (end of 2021 → 2022-2023), mean precision@20 over both networks:');
  for (const row of mean) console.log(`  ${row.label.padEnd(52)} ${row.meanPrecisionAt20.toFixed(3)}`);
  writeResults('matchmaking', { splits: { tuning: TUNING, test: TEST }, chosen: CHOSEN_WEIGHTS, networks, tuning: { grid: GRID, byNetwork: tuning, mean } });
} finally {
  await bench.close();
}
