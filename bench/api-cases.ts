/**
 * What bench:api asks of each endpoint: the HTTP request, and the same repository call through
 * the raw driver in the bench process (the baseline), with deterministic random ids and words.
 */
import type { GraphDb } from '../api/src/db/graph-db.js';
import { seededRandom } from '../api/src/analytics/metrics.js';
import { GraphRepository } from '../api/src/repositories/graph.repository.js';
import { SearchRepository } from '../api/src/repositories/search.repository.js';
import { AnalyticsRepository } from '../api/src/repositories/analytics.repository.js';
import type { Scale } from './network-generator.js';

export interface BenchCase {
  endpoint: string;
  http: (base: string) => string;
  driver: (() => Promise<unknown>) | null;
}

export function apiCases(db: GraphDb, scale: Scale): BenchCase[] {
  const random = seededRandom(99);
  const people = scale.nodes - Math.round(scale.nodes * 0.5) - 200;
  const communities = Math.max(10, Math.round(scale.nodes / 400));
  const person = () => `g-person-${Math.floor(random() * people)}`;
  /** Two people of the same community: the paths researchers ask about are mostly local. */
  const pair = () => {
    const a = Math.floor(random() * people);
    const b = Math.min(people - 1, a + communities * (1 + Math.floor(random() * 5)));
    return [`g-person-${a}`, `g-person-${b}`];
  };
  const words = ['kamo', 'rith', 'sokdara', 'pheap', 'open data', 'lina', 'chea', 'forum', 'portal', 'bosen'];
  const word = () => words[Math.floor(random() * words.length)]!;

  const graph = new GraphRepository(db);
  const search = new SearchRepository(db);
  const analytics = new AnalyticsRepository(db);
  // The benchmark reads as an anonymous visitor does: people marked not public left out.
  const all = { window: {}, publicOnly: true };
  return [
    {
      endpoint: 'GET /api/search',
      http: (base) => `${base}/api/search?q=${encodeURIComponent(word())}`,
      driver: () => search.search(word(), { kinds: [], limit: 20, window: {}, publicOnly: true }),
    },
    {
      endpoint: 'GET /api/nodes/:id/neighbourhood depth=1',
      http: (base) => `${base}/api/nodes/${person()}/neighbourhood?depth=1`,
      driver: async () => graph.withSources((await graph.neighbourhood(person(), 1, 150, all))!),
    },
    {
      endpoint: 'GET /api/nodes/:id/neighbourhood depth=2',
      http: (base) => `${base}/api/nodes/${person()}/neighbourhood?depth=2`,
      driver: async () => graph.withSources((await graph.neighbourhood(person(), 2, 150, all))!),
    },
    {
      endpoint: 'GET /api/paths',
      http: (base) => {
        const [from, to] = pair();
        return `${base}/api/paths?from=${from}&to=${to}&maxLength=4`;
      },
      driver: async () => {
        const [from, to] = pair();
        const found = await graph.shortestPaths({
          from: from!,
          to: to!,
          maxLength: 4,
          limit: 20,
          avoidKinds: ['topic', 'place', 'figure', 'source'],
          filter: all,
        });
        // As the route does: with no path found, whether each end exists (a 404 or an empty list).
        if (!found.paths.length) for (const id of [from!, to!]) await graph.exists(id, true);
        return graph.withSources(found.view);
      },
    },
    // The driver baseline of a cached answer stays the one version query it used to cost.
    { endpoint: 'GET /api/metrics (cached)', http: (base) => `${base}/api/metrics?limit=20`, driver: () => analytics.readGraphVersion() },
  ];
}
