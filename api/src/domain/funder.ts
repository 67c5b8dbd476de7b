/** What the Funder view's own routes answer: money flows, and places with what happens in them. */
import { z } from 'zod';
import { sourceViewSchema } from './views.js';

const flowRelationshipSchema = z.object({
  id: z.string().describe('from|TYPE|to|key'),
  from: z.string(),
  to: z.string(),
  type: z.string(),
  properties: z.object({
    sources: z.array(z.string()),
    quote: z.string().nullable().optional(),
    confidence: z.string().nullable().optional(),
    amount: z.number().nullable().optional(),
    currency: z.string().nullable().optional(),
    note: z.string().nullable().optional(),
  }),
});

export const flowsResponseSchema = z
  .object({
    nodes: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        kind: z.string(),
        stage: z.enum(['funder', 'programme', 'recipient', 'event']).describe('funder → programme → recipient (implementer) → event'),
      }),
    ),
    bands: z.array(
      z.object({
        from: z.string(),
        to: z.string(),
        kind: z.enum(['funds', 'supports', 'implemented-by', 'ran']),
        amounts: z.array(z.object({ amount: z.number(), currency: z.string().nullable() })).describe('Empty when no document states an amount.'),
        relationships: z.array(flowRelationshipSchema).describe('The relationships behind the band, with their sources and quotes.'),
      }),
    ),
    sources: z.array(sourceViewSchema),
  })
  .meta({ id: 'MoneyFlows' });
export type FlowsResponse = z.infer<typeof flowsResponseSchema>;

const namedSchema = z.object({ id: z.string(), name: z.string(), kind: z.string() });

export const mapResponseSchema = z
  .object({
    places: z
      .array(
        z.object({
          id: z.string(),
          name: z.string(),
          aliases: z.array(z.string()),
          placeKind: z.string(),
          latitude: z.number().nullable(),
          longitude: z.number().nullable(),
          coordinatesSource: z.string().nullable(),
          sources: z.array(z.string()),
          actors: z.array(namedSchema).describe('Organisations and people located or based there (organisations also by their country).'),
          events: z.array(namedSchema).describe('Events held there, or that the place was represented at.'),
          initiatives: z.array(namedSchema).describe('Initiatives covering it.'),
          reach: z.number().int().describe('Actors, events and initiatives linked to it: what the map sizes the place by.'),
        }),
      )
      .describe('Only the places the network touches.'),
  })
  .meta({ id: 'NetworkMap' });
export type MapResponse = z.infer<typeof mapResponseSchema>;
