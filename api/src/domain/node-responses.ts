/**
 * Nodes as the API answers them: each kind's schema from the model, with the bookkeeping the
 * database adds (a version, the date the node entered the network), as one union told apart by
 * `kind`. The OpenAPI document names each kind, so generated clients narrow on `kind`.
 */
import { z } from 'zod';
import {
  eventSchema,
  figureSchema,
  initiativeSchema,
  isoDateSchema,
  organisationSchema,
  personSchema,
  placeSchema,
  sourceSchema,
  topicSchema,
  type NodeKind,
} from './model.js';

const bookkeeping = {
  version: z.number().int().describe('Incremented by every change; send it back with an edit to guard against lost updates.'),
  since: isoDateSchema.optional().describe('When the node entered the network (events: their start).'),
};

// Loose: a stored node may carry fields newer than this schema; clients keep what they know.
const stored = <S extends z.ZodRawShape>(schema: { shape: S }, id: string) => z.looseObject({ ...schema.shape, ...bookkeeping }).meta({ id });

export const STORED_NODE_SCHEMAS = {
  organisation: stored(organisationSchema, 'Organisation'),
  person: stored(personSchema, 'Person'),
  event: stored(eventSchema, 'Event'),
  initiative: stored(initiativeSchema, 'Initiative'),
  place: stored(placeSchema, 'Place'),
  topic: stored(topicSchema, 'Topic'),
  source: stored(sourceSchema, 'Source'),
  figure: stored(figureSchema, 'Figure'),
} satisfies Record<NodeKind, z.ZodType>;

export const storedNodeSchema = z
  .discriminatedUnion('kind', Object.values(STORED_NODE_SCHEMAS) as [typeof STORED_NODE_SCHEMAS.organisation, ...(typeof STORED_NODE_SCHEMAS)[NodeKind][]])
  .meta({ id: 'Node' });
