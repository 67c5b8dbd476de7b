/**
 * What the explorer API answers with, and the filters its reads share: one graph "view" shape
 * (nodes and edges, each with its sources) for search results, neighbourhoods, paths and filtered
 * graphs, so that every view can be exported the same way. Response schemas feed the OpenAPI spec.
 */
import { z } from 'zod';
import { idSchema, isoDateSchema, nodeKindSchema, relationshipTypeSchema } from './model.js';

/**
 * A comma-separated list in a query string, each item checked by `item`. OpenAPI describes it as
 * what it is, an array of the item's values (sent as `a,b,c`: the document says style form,
 * explode false), so that generated clients offer the allowed values.
 */
export function csvList<T extends z.ZodType<string, string>>(item: T, max = 40) {
  const { $schema: _drop, ...items } = z.toJSONSchema(item, { io: 'input' }) as Record<string, unknown>;
  return z
    .string()
    .max(2000)
    .transform((s) =>
      s
        .split(',')
        .map((part) => part.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item).max(max))
    .meta({ override: { type: 'array', items: items as { type: 'string' }, maxItems: max } });
}

/** As-of date or date range: which part of the network's history a read sees. */
export const timeQuery = {
  asOf: isoDateSchema.optional().describe('See the network as it was on this date (inclusive).'),
  fromDate: isoDateSchema.optional().describe('Only what entered the network on or after this date.'),
  toDate: isoDateSchema.optional().describe('Only what entered the network on or before this date.'),
};

/** Filters on the nodes and relationships a read may use. */
export const graphFilterQuery = {
  ...timeQuery,
  kinds: csvList(nodeKindSchema).optional().describe('Only nodes of these kinds (comma-separated).'),
  relTypes: csvList(relationshipTypeSchema).optional().describe('Only relationships of these types (comma-separated).'),
  country: idSchema.optional().describe('Only nodes in this country, or with no known country (a place id, e.g. cambodia).'),
  topic: idSchema.optional().describe('Only events, initiatives and organisations about this topic (a topic id).'),
};

export interface TimeWindow {
  from?: string;
  to?: string;
}

/** The window a time query describes; an as-of date is a window that ends then. */
export function timeWindow(q: { asOf?: string; fromDate?: string; toDate?: string }): TimeWindow {
  return { from: q.fromDate, to: q.asOf ?? q.toDate };
}

export const viewNodeSchema = z.object({
  id: z.string(),
  kind: nodeKindSchema,
  name: z.string(),
  properties: z.record(z.string(), z.unknown()).describe('Every stored property, including aliases and sources.'),
});
export type ViewNode = z.infer<typeof viewNodeSchema>;

export const viewEdgeSchema = z.object({
  id: z.string().describe('from|TYPE|to|key: stable across loads.'),
  from: z.string(),
  to: z.string(),
  type: relationshipTypeSchema,
  properties: z.record(z.string(), z.unknown()).describe('sources, quote, confidence, since, role …'),
});
export type ViewEdge = z.infer<typeof viewEdgeSchema>;

export const graphViewSchema = z.object({
  nodes: z.array(viewNodeSchema),
  edges: z.array(viewEdgeSchema),
  truncated: z.boolean().describe('True when the size cap left part of the answer out.'),
  omitted: z.object({ nodes: z.number().int(), edges: z.number().int() }).describe('How much the cap left out.'),
});
export type GraphView = z.infer<typeof graphViewSchema>;

export const EXPORT_FORMATS = ['json', 'graphml', 'gexf', 'nodes.csv', 'edges.csv'] as const;
export const exportFormatQuery = {
  format: z.enum(EXPORT_FORMATS).default('json').describe('json, or a file: GraphML, GEXF (Gephi), or CSV of nodes or edges.'),
  bom: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true')
    .describe('CSV only: start with a UTF-8 byte order mark, for Excel on Windows.'),
};

export const sourceViewSchema = z
  .object({ id: z.string(), name: z.string(), publisher: z.string().nullable(), date: z.string().nullable(), url: z.string().nullable() })
  .meta({ id: 'SourceDocument', description: 'A document that facts cite.' });

/** A graph view with the source documents it cites, as every view endpoint answers in JSON. */
export type SourceView = z.infer<typeof sourceViewSchema>;

/** A graph view with the source documents it cites. */
export type SourcedView = GraphView & { sources: SourceView[] };

/** A stored source document as views carry it. */
export function toSourceView(s: Record<string, unknown>): SourceView {
  return {
    id: s.id as string,
    name: s.name as string,
    publisher: (s.publisher as string) ?? null,
    date: (s.date as string) ?? null,
    url: (s.url as string) ?? null,
  };
}

export const sourcedViewSchema = graphViewSchema.extend({ sources: z.array(sourceViewSchema) }).meta({ id: 'GraphView' });

/** What every graph read filters by; `graphFilter` builds it from a query. */
export interface GraphFilter {
  window: TimeWindow;
  kinds?: z.infer<typeof nodeKindSchema>[];
  relTypes?: z.infer<typeof relationshipTypeSchema>[];
  country?: string;
  topic?: string;
  /** Reading for someone not signed in: people marked not public are left out. */
  publicOnly: boolean;
}

/** The filter a graph-shaped query describes. */
export function graphFilter(
  q: {
    asOf?: string;
    fromDate?: string;
    toDate?: string;
    kinds?: z.infer<typeof nodeKindSchema>[];
    relTypes?: z.infer<typeof relationshipTypeSchema>[];
    country?: string;
    topic?: string;
  },
  publicOnly: boolean,
): GraphFilter {
  return { window: timeWindow(q), kinds: q.kinds, relTypes: q.relTypes, country: q.country, topic: q.topic, publicOnly };
}

/** An as-of date is one end of the window: it cannot be combined with a range. */
export function refineTime<T extends z.ZodType<{ asOf?: string; fromDate?: string; toDate?: string }>>(schema: T): T {
  return schema.refine((q) => !(q.asOf && (q.fromDate || q.toDate)) && !(q.fromDate && q.toDate && q.fromDate > q.toDate), {
    message: 'give either asOf, or a fromDate/toDate range with fromDate not after toDate',
    path: ['asOf'],
  }) as T;
}
