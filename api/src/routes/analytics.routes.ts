/** Network metrics, collaboration gaps for funders, and dashboard figures. */
import { z } from 'zod';
import type { AnalyticsService } from '../analytics/analytics.service.js';
import { REACH_GROUPS } from '../analytics/gaps.js';
import { graphFilter, graphFilterQuery, refineTime } from '../domain/views.js';
import type { NodeKind } from '../domain/model.js';
import { defineOperation, type Operation } from '../http/operation.js';
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

const counted = z.array(z.object({ key: z.string().nullable(), count: z.number().int() }));

export function analyticsOperations(analytics: AnalyticsService, stats: StatsRepository): Operation[] {
  return [
    defineOperation({
      method: 'get',
      path: '/api/metrics',
      tag: 'analytics',
      summary: 'Degree, betweenness, PageRank, Louvain communities and brokers',
      description: 'Computed off the request thread and cached until the graph changes. Betweenness is exact up to 20,000 nodes and sampled above.',
      query: metricsQuery,
      response: z.object({
        graphVersion: z.number().int(),
        totalNodes: z.number().int(),
        betweenness: z.enum(['exact', 'sampled']),
        modularity: z.number(),
        communities: z.array(z.object({ id: z.number().int(), size: z.number().int(), members: z.array(z.string()) })),
        brokers: z.array(z.string()),
        nodes: z.array(
          z.object({
            id: z.string(),
            name: z.string(),
            kind: z.string(),
            degree: z.number().int(),
            betweenness: z.number(),
            pagerank: z.number(),
            community: z.number().int(),
            bridges: z.number().int(),
          }),
        ),
      }),
      handle: async ({ query }) => {
        const filter = graphFilter({ ...query, kinds: query.kinds ?? DEFAULT_METRIC_KINDS });
        const { graphVersion, result } = await analytics.metrics(filter);
        const nodes = [...result.nodes].sort((a, b) => b[query.sort] - a[query.sort] || a.id.localeCompare(b.id)).slice(0, query.limit);
        return { graphVersion, totalNodes: result.nodes.length, betweenness: result.betweenness, modularity: result.modularity, communities: result.communities, brokers: result.brokers, nodes };
      },
    }),
    defineOperation({
      method: 'get',
      path: '/api/gaps',
      tag: 'analytics',
      summary: 'Collaboration gaps: matchmaking pairs, fragile actors, group reach, funder overlap',
      description: `Pairs of organisations that share events, topics, funders or neighbours but never partnered, co-organised or funded one another, each with the shared context; actors with no or one link; how the groups ${REACH_GROUPS.map((g) => g.label).join(', ')} are reached; which funders support the same actors and how far each reaches.`,
      query: refineTime(z.strictObject({ ...graphFilterQuery, limit: z.coerce.number().int().min(1).max(1000).default(50) })),
      response: z.object({
        graphVersion: z.number().int(),
        pairs: z.array(
          z.object({
            a: z.string(),
            b: z.string(),
            score: z.number(),
            shared: z.object({ events: z.array(z.string()), topics: z.array(z.string()), funders: z.array(z.string()), neighbours: z.array(z.string()) }),
          }),
        ),
        fragile: z.array(z.object({ id: z.string(), name: z.string(), kind: z.string(), links: z.number().int(), via: z.string().optional() })),
        reach: z.array(z.record(z.string(), z.unknown())),
        funders: z.object({ reach: z.array(z.record(z.string(), z.unknown())), overlaps: z.array(z.record(z.string(), z.unknown())) }),
      }),
      handle: async ({ query }) => {
        // Gaps are about actors, events and initiatives; topics are context they read directly.
        const { graphVersion, result } = await analytics.gaps(graphFilter(query), query.limit);
        return { graphVersion, ...(result as object) };
      },
    }),
    defineOperation({
      method: 'get',
      path: '/api/stats',
      tag: 'analytics',
      summary: 'Dashboard figures: counts by kind, country and year; participation figures of events',
      response: z.object({
        byKind: counted,
        organisationsByKind: counted,
        organisationsByCountry: counted,
        eventsByYear: counted,
        relationshipsByYear: counted,
        relationshipsByType: counted,
        participation: z.array(z.record(z.string(), z.unknown())),
      }),
      handle: async () => stats.stats(),
    }),
  ];
}
