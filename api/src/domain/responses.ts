/**
 * What the explorer API answers, as zod schemas: the routes validate and document their answers
 * with them (OpenAPI), and the UI reads their types. Only zod and the domain model here, so the UI
 * can import these types without pulling in anything of the server.
 */
import { z } from 'zod';
import { nodeKindSchema } from './model.js';
import { savedViewInputSchema } from './saved-view.js';
import { storedNodeSchema } from './node-responses.js';
import { sourcedViewSchema, sourceViewSchema, viewEdgeSchema, viewNodeSchema } from './views.js';

export type SourcedGraphView = z.infer<typeof sourcedViewSchema>;

// Search
const hitSchema = z.object({
  id: z.string(),
  kind: nodeKindSchema,
  name: z.string(),
  acronym: z.string().nullable(),
  aliases: z.array(z.string()),
  description: z.string().nullable(),
  score: z.number(),
});

export const searchResponseSchema = z.object({ q: z.string(), items: z.array(hitSchema) });
export type SearchResponse = z.infer<typeof searchResponseSchema>;

// Nodes
export const nodeDetailSchema = z.object({
  node: storedNodeSchema,
  relationships: z.array(
    z.object({
      type: z.string(),
      direction: z.enum(['out', 'in']),
      other: z.object({ id: z.string(), kind: nodeKindSchema, name: z.string() }),
      properties: z.record(z.string(), z.unknown()),
    }),
  ),
  sources: z.array(sourceViewSchema),
});

export const neighbourhoodResponseSchema = sourcedViewSchema.extend({ center: z.string() });
export type NeighbourhoodResponse = z.infer<typeof neighbourhoodResponseSchema>;
export type NodeDetail = z.infer<typeof nodeDetailSchema>;
export type RelationshipView = NodeDetail['relationships'][number];
export type NodeSummary = RelationshipView['other'];

// Paths
const pathSchema = z.object({ nodes: z.array(z.string()), edges: z.array(z.string()), sentence: z.string() });
export const pathsResponseSchema = sourcedViewSchema.extend({ paths: z.array(pathSchema) });
export type PathsResponse = z.infer<typeof pathsResponseSchema>;

// Analytics
const counted = z.array(z.object({ key: z.string().nullable(), count: z.number().int() }));

const participationSchema = z.object({
  of: z.string(),
  ofName: z.string(),
  ofKind: z.string().nullish(),
  date: z.string().nullable(),
  measure: z.string(),
  value: z.number(),
  qualifier: z.string().nullish(),
  sources: z.array(z.string()),
  quote: z.string().nullish(),
});

export const metricsResponseSchema = z.object({
  graphVersion: z.number().int(),
  totalNodes: z.number().int(),
  betweenness: z.enum(['exact', 'sampled']),
  modularity: z.number().nullable().describe('null when the network shown has no relationship to measure it by'),
  communityCount: z.number().int(),
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
});
export type MetricsResponse = z.infer<typeof metricsResponseSchema>;

export const gapsResponseSchema = z.object({
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
  reach: z.array(
    z.object({
      id: z.string(),
      label: z.string(),
      members: z.array(
        z.object({
          id: z.string(),
          name: z.string(),
          distanceToFunder: z.number().int().nullable().describe('Hops to the nearest funder; null when none is reachable.'),
          distanceToEvent: z.number().int().nullable(),
          events: z.number().int(),
        }),
      ),
      unreached: z.number().int().describe('Members no event reaches.'),
      participation: z.array(participationSchema),
    }),
  ),
  funders: z.object({
    reach: z.array(
      z.object({ funder: z.string(), name: z.string(), grantees: z.array(z.string()), twoHopNetwork: z.number().int(), shareOfNetwork: z.number() }),
    ),
    overlaps: z.array(z.object({ a: z.string(), b: z.string(), shared: z.array(z.string()), jaccard: z.number() })),
  }),
});
export type GapsResponse = z.infer<typeof gapsResponseSchema>;

export const statsResponseSchema = z.object({
  byKind: counted,
  organisationsByKind: counted,
  organisationsByCountry: counted,
  eventsByYear: counted,
  relationshipsByYear: counted,
  relationshipsByType: counted,
  participation: z.array(participationSchema),
});
export type StatsResponse = z.infer<typeof statsResponseSchema>;

// Time
export const timelineResponseSchema = z.object({
  from: z.string(),
  to: z.string(),
  granularity: z.enum(['year', 'month']),
  periods: z.array(
    z.object({ period: z.string(), events: z.number().int(), relationships: z.number().int(), newNodes: z.record(z.string(), z.number().int()) }),
  ),
  events: z.array(z.record(z.string(), z.unknown())),
});
export type TimelineResponse = z.infer<typeof timelineResponseSchema>;

/** A link's end as a reader needs it: the end itself may be older than the link. */
const linkEndSchema = z.object({ id: z.string(), kind: nodeKindSchema, name: z.string() });
const diffLinkSchema = viewEdgeSchema.extend({ ends: z.object({ from: linkEndSchema, to: linkEndSchema }) });

export const timelineDiffResponseSchema = z.object({
  from: z.string(),
  to: z.string(),
  joined: z.array(viewNodeSchema.extend({ firstSeen: z.string().describe('The earliest date the network knows it by.') })),
  links: z.array(diffLinkSchema).describe('Links that began (their `since`) in the range.'),
  ended: z.array(diffLinkSchema).describe('Links whose end date (`to_date`) falls in the range.'),
  totals: z.object({ joined: z.number().int(), links: z.number().int(), ended: z.number().int() }).describe('Counted before the limit.'),
  truncated: z.boolean(),
});
export type TimelineDiffResponse = z.infer<typeof timelineDiffResponseSchema>;

// Saved views
export const savedViewSchema = savedViewInputSchema.extend({ id: z.string(), createdAt: z.string() });
export const openedViewSchema = savedViewSchema.extend({ graph: sourcedViewSchema }).meta({ id: 'SavedView' });
export type OpenedView = z.infer<typeof openedViewSchema>;

/** A likely duplicate: two nodes of one kind, how likely they are one (0–1), and why. */
export const duplicateSuggestionSchema = z
  .object({
    kind: nodeKindSchema,
    a: z.object({ id: z.string(), name: z.string() }),
    b: z.object({ id: z.string(), name: z.string() }),
    score: z.number().min(0).max(1),
    evidence: z.array(z.object({ kind: z.string(), detail: z.string() })),
  })
  .meta({ id: 'DuplicateSuggestion' });
