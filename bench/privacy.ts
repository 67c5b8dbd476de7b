/**
 * `npm run bench:privacy`: what hiding people who are not public costs the hot reads. The same
 * repository calls for an anonymous reader (publicOnly) and for a signed-in one, alternated call
 * by call in one process, sequentially, on the bench network (`npm run bench:api -- large` loads
 * it), with 1% of its people marked not public for the run.
 */
import { GraphRepository } from '../api/src/repositories/graph.repository.js';
import { NodeRepository } from '../api/src/repositories/node.repository.js';
import { SearchRepository } from '../api/src/repositories/search.repository.js';
import { latency, openBenchDatabase, timed, writeResults, type Latency } from './support.js';

const CALLS = Number(process.env.BENCH_PRIVACY_CALLS ?? 300);
const bench = await openBenchDatabase();
const { db } = bench;

const [counted] = await db.read<{ people: number }>("MATCH (p:Person) WHERE p.id STARTS WITH 'g-person-' RETURN count(p) AS people");
const people = counted?.people ?? 0;
if (!people) throw new Error('The bench database has no generated network: run `npm run bench:api -- small` (or large) first.');
await db.write("MATCH (p:Person) WHERE p.id STARTS WITH 'g-person-' AND toInteger(substring(p.id, 9)) % 100 = 0 SET p.public = false");

const graph = new GraphRepository(db);
const nodes = new NodeRepository(db);
const search = new SearchRepository(db);
let seed = 7;
const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
const person = () => `g-person-${1 + Math.floor(random() * (people - 1))}`;
const words = ['kamo', 'rith', 'sokdara', 'pheap', 'open data', 'lina', 'chea', 'forum', 'portal', 'bosen'];
const word = () => words[Math.floor(random() * words.length)]!;

const calls: Record<string, (publicOnly: boolean, id: string, q: string) => Promise<unknown>> = {
  search: (publicOnly, _id, q) => search.search(q, { kinds: [], limit: 20, window: {}, publicOnly }),
  'node detail': (publicOnly, id) => nodes.get(id, publicOnly),
  'neighbourhood, depth 1': (publicOnly, id) => graph.neighbourhood(id, 1, 150, { window: {}, publicOnly }),
  'network, 2,000 nodes': (publicOnly) => graph.filteredGraph({ window: {}, publicOnly }, 2_000),
};

const results: Record<string, { signedIn: Latency; anonymous: Latency }> = {};
try {
  for (const [name, call] of Object.entries(calls)) {
    const samples = { signedIn: [] as number[], anonymous: [] as number[] };
    const count = name.startsWith('network') ? Math.ceil(CALLS / 10) : CALLS;
    for (let i = 0; i < count; i++) {
      const [id, q] = [person(), word()];
      // Alternate which goes first, so that neither always meets a warmer cache.
      const order = i % 2 ? (['anonymous', 'signedIn'] as const) : (['signedIn', 'anonymous'] as const);
      for (const audience of order) samples[audience].push((await timed(() => call(audience === 'anonymous', id, q)))[1]);
    }
    results[name] = { signedIn: latency(samples.signedIn), anonymous: latency(samples.anonymous) };
    const show = (l: Latency) => `${l.p50} / ${l.p95} / ${l.p99}`;
    console.log(
      `${name.padEnd(24)} signed in ${show(results[name].signedIn).padEnd(24)} anonymous ${show(results[name].anonymous)}  (ms p50/p95/p99, ${count} calls each)`,
    );
  }
  writeResults('privacy', { people, hidden: Math.floor(people / 100), calls: CALLS, results });
} finally {
  await db.write("MATCH (p:Person) WHERE p.id STARTS WITH 'g-person-' AND p.public = false SET p.public = true");
  await bench.close();
}
