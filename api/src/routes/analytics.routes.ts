/** Network metrics, collaboration gaps for funders, and dashboard figures. */
import { z } from 'zod';
import type { AnalyticsService } from '../analytics/analytics.service.js';
import { REACH_GROUPS } from '../analytics/gaps.js';
import type { MetricsResult, NodeMetrics } from '../analytics/metrics.js';
import { graphFilter, graphFilterQuery, refineTime } from '../domain/views.js';
import type { NodeKind } from '../domain/model.js';
import { gapsResponseSchema, metricsResponseSchema, statsResponseSchema } from '../domain/responses.js';
import { defineOperation, type Operation } from '../http/operation.js';
import { SerialisedAnswers, sendSerialised } from '../http/caching.js';
import type { StatsRepository } from '../repositories/stats.repository.js';

/** Centrality is about actors and what they do together; places and topics would dominate it. */
export const DEFAULT_METRIC_KINDS: NodeKind[] = ['organisation', 'person', 'event', 'initiative'];

const metricsQuery = refineTime(
  z.strictObject({
    ...graphFilterQuery,
    sort: z.enum(['degree', 'betweenness', 'pagerank']).default('pagerank'),
    limit: z.coerce.number().int().min(1).max(5000).default(100).describe('How many nodes to list, best first.'),
  }),
);

type SortKey = 'degree' | 'betweenness' | 'pagerank';
const sortedCache = new WeakMap<MetricsResult, Map<SortKey, NodeMetrics[]>>();

/** The nodes of a cached result ranked by one metric, sorted once per result and key. */
function ranked(result: MetricsResult, key: SortKey): NodeMetrics[] {
  let byKey = sortedCache.get(result);
  if (!byKey) sortedCache.set(result, (byKey = new Map()));
  let list = byKey.get(key);
  if (!list) byKey.set(key, (list = [...result.nodes].sort((a, b) => b[key] - a[key] || a.id.localeCompare(b.id))));
  return list;
}

const COMMUNITIES_LISTED = 50;

/** The filter `GET /api/metrics` uses without parameters. */
export const DEFAULT_METRICS_FILTER = graphFilter({ kinds: DEFAULT_METRIC_KINDS }, true);

/** A participation figure of an event or initiative (how many women, people with disabilities …). */

export function analyticsOperations(analytics: AnalyticsService, stats: StatsRepository): Operation[] {
  const metricsAnswers = new SerialisedAnswers();
  return [
    defineOperation({
      method: 'get',
      path: '/api/metrics',
      tag: 'analytics',
      summary: 'Degree, betweenness, PageRank, Louvain communities and brokers',
      description:
        'Computed off the request thread and cached until the graph changes. Betweenness is exact up to 20,000 nodes and sampled above. The largest 50 communities are listed; `communityCount` says how many there are.',
      query: metricsQuery,
      response: metricsResponseSchema,
      handle: async ({ query, publicOnly }, res, req) => {
        const { graphVersion, result } = await analytics.metrics(graphFilter({ ...query, kinds: query.kinds ?? DEFAULT_METRIC_KINDS }, publicOnly));
        const answer = metricsAnswers.get(JSON.stringify([query, publicOnly]), graphVersion, () => ({
          graphVersion,
          totalNodes: result.nodes.length,
          betweenness: result.betweenness,
          modularity: result.modularity,
          communityCount: result.communities.length,
          communities: result.communities.slice(0, COMMUNITIES_LISTED),
          brokers: result.brokers,
          nodes: ranked(result, query.sort).slice(0, query.limit),
        }));
        sendSerialised(req, res, answer);
        return undefined;
      },
    }),
    defineOperation({
      method: 'get',
      path: '/api/gaps',
      tag: 'analytics',
      summary: 'Collaboration gaps: matchmaking pairs, fragile actors, group reach, funder overlap',
      description: `Pairs of organisations that share events, topics, funders or neighbours but never partnered, co-organised or funded one another, each with the shared context; actors with no or one link; how the groups ${REACH_GROUPS.map((g) => g.label).join(', ')} are reached; which funders support the same actors and how far each reaches.`,
      query: refineTime(z.strictObject({ ...graphFilterQuery, limit: z.coerce.number().int().min(1).max(1000).default(50) })),
      response: gapsResponseSchema,
      handle: async ({ query, publicOnly }) => {
        // Gaps are about actors, events and initiatives; topics are context they read directly.
        const { graphVersion, result } = await analytics.gaps(graphFilter(query, publicOnly), query.limit);
        return { graphVersion, ...(result as object) };
      },
    }),
    defineOperation({
      method: 'get',
      path: '/api/stats',
      tag: 'analytics',
      summary: 'Dashboard figures: counts by kind, country and year; participation figures of events',
      response: statsResponseSchema,
      handle: async ({ publicOnly }) => stats.stats(publicOnly),
    }),
  ];
}
