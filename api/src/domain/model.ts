/**
 * Spean's graph model, defined once: node kinds, relationship kinds, and the zod schemas that
 * the API, the seed loader, the importer and the UI all validate against. docs/model.md explains
 * the choices; a change here is a change of the model.
 */
import { z } from 'zod';
import { ORGANISATION_KINDS, EVENT_KINDS, EVENT_FORMATS, INITIATIVE_KINDS, PLACE_KINDS, SOURCE_KINDS, GENDERS, FIGURE_MEASURES } from './vocabularies.js';

export * from './vocabularies.js';

/** Stable, human-readable ids: lowercase slugs such as `odc` or `nodc-2024-day-1`. */
export const idSchema = z.string().regex(/^[a-z0-9][a-z0-9-]{0,119}$/, 'must be a lowercase slug: a-z, 0-9 and "-", at most 120 characters');

/** Calendar dates as ISO `YYYY-MM-DD`; stored as Neo4j `Date`. */
export const isoDateSchema = z.iso.date();

const text = (max: number) => z.string().trim().min(1).max(max);
const sourceIdsSchema = z.array(idSchema).min(1, 'every fact cites at least one source').max(20);

// ---------------------------------------------------------------------------------------------
// Node kinds

export const NODE_KINDS = ['organisation', 'person', 'event', 'initiative', 'place', 'topic', 'source', 'figure'] as const;
export const nodeKindSchema = z.enum(NODE_KINDS);
export type NodeKind = z.infer<typeof nodeKindSchema>;

/** The Neo4j label of each kind. Every node also carries the shared label `Entity`. */
export const LABEL_OF: Readonly<Record<NodeKind, string>> = {
  organisation: 'Organisation',
  person: 'Person',
  event: 'Event',
  initiative: 'Initiative',
  place: 'Place',
  topic: 'Topic',
  source: 'Source',
  figure: 'Figure',
};

/** The URL of each kind's list: `/api/organisations`, `/api/people` … */
export const COLLECTION_OF: Readonly<Record<NodeKind, string>> = {
  organisation: 'organisations',
  person: 'people',
  event: 'events',
  initiative: 'initiatives',
  place: 'places',
  topic: 'topics',
  source: 'sources',
  figure: 'figures',
};

/** Fields every node has, whatever its kind. */
const nodeBase = {
  id: idSchema,
  name: text(300),
  aliases: z.array(text(300)).max(50).default([]),
  description: z.string().trim().max(4000).optional(),
};
/**
 * A link that a browser may open: http(s) only, so no `javascript:` or `data:` URL is ever stored
 * and rendered as a link.
 */
export const webUrlSchema = z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' }).max(500);

/** Provenance of a node: the source documents that name it. */
const cited = { sources: sourceIdsSchema };

export const organisationSchema = z.strictObject({
  kind: z.literal('organisation'),
  ...nodeBase,
  ...cited,
  orgKind: z.enum(ORGANISATION_KINDS),
  acronym: text(40).optional(),
  country: idSchema.optional(),
  website: webUrlSchema.optional(),
});

export const personSchema = z.strictObject({
  kind: z.literal('person'),
  ...nodeBase,
  ...cited,
  honorific: text(40).optional(),
  gender: z.enum(GENDERS).optional(),
  /** A person marked not public is hidden from anonymous readers (curation issue). */
  public: z.boolean().default(true),
});

export const eventSchema = z
  .strictObject({
    kind: z.literal('event'),
    ...nodeBase,
    ...cited,
    eventKind: z.enum(EVENT_KINDS),
    startDate: isoDateSchema.optional(),
    endDate: isoDateSchema.optional(),
    format: z.enum(EVENT_FORMATS).optional(),
    venue: text(300).optional(),
    theme: text(500).optional(),
  })
  .refine((e) => !e.startDate || !e.endDate || e.startDate <= e.endDate, {
    message: 'endDate must not be before startDate',
    path: ['endDate'],
  });

export const initiativeSchema = z.strictObject({
  kind: z.literal('initiative'),
  ...nodeBase,
  ...cited,
  initiativeKind: z.enum(INITIATIVE_KINDS),
  url: webUrlSchema.optional(),
  startDate: isoDateSchema.optional(),
  endDate: isoDateSchema.optional(),
});

export const placeSchema = z.strictObject({
  kind: z.literal('place'),
  ...nodeBase,
  ...cited,
  placeKind: z.enum(PLACE_KINDS),
  /** Where to draw the place on a map (WGS 84 degrees): a country's or province's centre, a city. */
  latitude: z.number().min(-90).max(90).optional(),
  longitude: z.number().min(-180).max(180).optional(),
  /** Where the coordinates come from. */
  coordinatesSource: text(300).optional(),
});

export const topicSchema = z.strictObject({ kind: z.literal('topic'), ...nodeBase, ...cited });

/** A source document that facts cite. Sources cite nothing themselves. */
export const sourceSchema = z.strictObject({
  kind: z.literal('source'),
  ...nodeBase,
  sourceKind: z.enum(SOURCE_KINDS),
  publisher: text(300),
  date: isoDateSchema.optional(),
  url: webUrlSchema.optional(),
});

/** A number an event or initiative reports (participants, women …), with its own source. */
export const figureSchema = z.strictObject({
  kind: z.literal('figure'),
  ...nodeBase,
  ...cited,
  measure: z.enum(FIGURE_MEASURES),
  value: z.number().nonnegative().max(1e9),
  /** "around", "at least", "over" - how the source qualifies the number. */
  qualifier: z.enum(['exact', 'about', 'at-least', 'over']).default('exact'),
  quote: z.string().trim().max(1000).optional(),
});

export const nodeSchema = z.discriminatedUnion('kind', [
  organisationSchema,
  personSchema,
  eventSchema,
  initiativeSchema,
  placeSchema,
  topicSchema,
  sourceSchema,
  figureSchema,
]);
export type NodeInput = z.input<typeof nodeSchema>;
export type GraphNode = z.infer<typeof nodeSchema>;

/** Fields of nodes and relationships that hold dates (stored as Neo4j `Date`). */
export const DATE_FIELDS = ['startDate', 'endDate', 'date', 'from_date', 'to_date'] as const;

// ---------------------------------------------------------------------------------------------
// Relationship kinds

type Endpoints = { from: readonly NodeKind[]; to: readonly NodeKind[]; meaning: string };
const actors = ['organisation', 'person'] as const;

/**
 * Every relationship type, the kinds it may join and what it means. The loader refuses a
 * relationship whose endpoints do not fit, so the graph keeps the shape docs/model.md shows.
 */
export const RELATIONSHIP_RULES = {
  PART_OF: { from: ['organisation', 'event', 'place', 'initiative'], to: ['organisation', 'event', 'place', 'initiative'], meaning: 'is part of' },
  WORKS_FOR: { from: ['person'], to: ['organisation'], meaning: 'works for' },
  ORGANISED: { from: actors, to: ['event'], meaning: 'organised' },
  HOSTED: { from: actors, to: ['event'], meaning: 'hosted' },
  PARTNER_IN: { from: ['organisation'], to: ['event', 'initiative'], meaning: 'was a partner in' },
  SPOKE_AT: { from: actors, to: ['event'], meaning: 'spoke at' },
  MODERATED: { from: ['person'], to: ['event'], meaning: 'moderated' },
  JUDGED: { from: ['person'], to: ['event'], meaning: 'judged' },
  MENTORED: { from: actors, to: ['event'], meaning: 'mentored at' },
  ATTENDED: { from: actors, to: ['event'], meaning: 'attended' },
  WON: { from: actors, to: ['event'], meaning: 'won at' },
  PRESENTED: { from: actors, to: ['initiative'], meaning: 'presented' },
  FUNDS: { from: ['organisation'], to: ['organisation', 'event', 'initiative'], meaning: 'funds' },
  SUPPORTS: { from: ['organisation', 'initiative'], to: ['organisation', 'event', 'initiative'], meaning: 'supports' },
  IMPLEMENTS: { from: ['organisation'], to: ['initiative'], meaning: 'implements' },
  RUNS: { from: ['organisation'], to: ['initiative'], meaning: 'runs' },
  PARTNERS_WITH: { from: ['organisation'], to: ['organisation'], meaning: 'partners with' },
  DEVELOPED: { from: actors, to: ['initiative'], meaning: 'developed' },
  DEVELOPED_AT: { from: ['initiative'], to: ['event'], meaning: 'was developed at' },
  PRESENTED_AT: { from: ['initiative'], to: ['event'], meaning: 'was presented at' },
  AUTHORED: { from: actors, to: ['initiative'], meaning: 'authored' },
  PUBLISHED: { from: ['organisation'], to: ['initiative'], meaning: 'published' },
  COVERS: { from: ['initiative'], to: ['event', 'initiative'], meaning: 'covers' },
  MENTIONS: { from: ['event', 'initiative'], to: ['organisation', 'initiative', 'event'], meaning: 'mentions' },
  HELD_IN: { from: ['event'], to: ['place'], meaning: 'was held in' },
  LOCATED_IN: { from: ['organisation', 'place'], to: ['place'], meaning: 'is located in' },
  BASED_IN: { from: ['person'], to: ['place'], meaning: 'is based in' },
  REPRESENTED_AT: { from: ['place'], to: ['event'], meaning: 'was represented at' },
  COVERS_PLACE: { from: ['initiative', 'event'], to: ['place'], meaning: 'covers' },
  ABOUT: { from: ['event', 'initiative', 'organisation'], to: ['topic'], meaning: 'is about' },
  HAS_FIGURE: { from: ['event', 'initiative'], to: ['figure'], meaning: 'reports' },
  POSSIBLE_DUPLICATE: {
    from: ['organisation', 'person', 'event', 'initiative', 'place', 'topic'],
    to: ['organisation', 'person', 'event', 'initiative', 'place', 'topic'],
    meaning: 'may be the same as',
  },
} as const satisfies Record<string, Endpoints>;

export type RelationshipType = keyof typeof RELATIONSHIP_RULES;
export const RELATIONSHIP_TYPES = Object.keys(RELATIONSHIP_RULES) as [RelationshipType, ...RelationshipType[]];
export const relationshipTypeSchema = z.enum(RELATIONSHIP_TYPES);

export const CONFIDENCE_LEVELS = ['confirmed', 'reported', 'inferred'] as const;

/**
 * One relationship, with its provenance. `key` tells apart two relationships of the same type
 * between the same pair (two roles at one organisation); it is part of the relationship's
 * identity, so loading the same row twice changes nothing.
 */
export const relationshipSchema = z
  .strictObject({
    from: idSchema,
    type: relationshipTypeSchema,
    to: idSchema,
    key: z.string().trim().max(80).default(''),
    sources: sourceIdsSchema,
    quote: z.string().trim().max(1000).optional(),
    confidence: z.enum(CONFIDENCE_LEVELS).default('confirmed'),
    from_date: isoDateSchema.optional(),
    to_date: isoDateSchema.optional(),
    /** Job title (WORKS_FOR), speaking role (SPOKE_AT: keynote, panellist …), award (WON). */
    role: text(300).optional(),
    amount: z.number().nonnegative().optional(),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as USD')
      .optional(),
    note: z.string().trim().max(1000).optional(),
  })
  .refine((r) => r.from !== r.to, { message: 'a relationship must join two different nodes', path: ['to'] })
  .refine((r) => !r.from_date || !r.to_date || r.from_date <= r.to_date, {
    message: 'to_date must not be before from_date',
    path: ['to_date'],
  });
export type RelationshipInput = z.input<typeof relationshipSchema>;
export type GraphRelationship = z.infer<typeof relationshipSchema>;

/** Whether a relationship type may join these two kinds; the reason when it may not. */
export function checkEndpoints(type: RelationshipType, fromKind: NodeKind, toKind: NodeKind): string | undefined {
  const rule: Endpoints = RELATIONSHIP_RULES[type];
  if (!rule.from.includes(fromKind)) return `${type} cannot start at a ${fromKind} (allowed: ${rule.from.join(', ')})`;
  if (!rule.to.includes(toKind)) return `${type} cannot end at a ${toKind} (allowed: ${rule.to.join(', ')})`;
  if (type === 'POSSIBLE_DUPLICATE' && fromKind !== toKind) return 'POSSIBLE_DUPLICATE joins two nodes of the same kind';
  return undefined;
}
