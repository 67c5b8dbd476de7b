/** What `GET /api/nodes/:id/suggestions` answers: who an organisation or person should meet, and why. */
import { z } from 'zod';

export const reasonSchema = z.object({
  kind: z.enum(['event', 'topic', 'funder', 'partner', 'place']).describe('What is shared: an event, a topic, a funder, a partner both work with, a place.'),
  id: z.string(),
  name: z.string(),
  sharedBy: z.number().int().describe('How many organisations (or people) share it: the more, the less it weighs.'),
  weight: z.number().describe('What it adds to the score.'),
});

export const suggestionsResponseSchema = z
  .object({
    graphVersion: z.number().int(),
    for: z.object({ id: z.string(), name: z.string(), kind: z.enum(['organisation', 'person']) }),
    method: z.string().describe('How suggestions are ranked (docs/matchmaking.md).'),
    suggestions: z.array(
      z.object({
        id: z.string(),
        name: z.string(),
        kind: z.enum(['organisation', 'person']),
        score: z.number(),
        reasons: z.array(reasonSchema).describe('The shared items behind the score, heaviest first.'),
      }),
    ),
  })
  .meta({ id: 'Suggestions' });
export type SuggestionsResponse = z.infer<typeof suggestionsResponseSchema>;
