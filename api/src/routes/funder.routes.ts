/** The Funder view's pictures: money flows with their sources, and the places the network touches. */
import { z } from 'zod';
import { moneyFlows } from '../analytics/flows.js';
import { flowsResponseSchema, mapResponseSchema } from '../domain/funder.js';
import { graphFilter, refineTime, timeQuery, type GraphView } from '../domain/views.js';
import { defineOperation, type Operation } from '../http/operation.js';
import type { FunderRepository, PlaceActivity } from '../repositories/funder.repository.js';
import type { GraphRepository } from '../repositories/graph.repository.js';

const timeOnly = refineTime(z.strictObject({ ...timeQuery }));

export function funderOperations(funder: FunderRepository, graph: GraphRepository): Operation[] {
  return [
    defineOperation({
      method: 'get',
      path: '/api/flows',
      tag: 'analytics',
      summary: 'Money flows: funders → programmes → recipients → the events they ran, each band with its relationships and sources',
      description:
        'A band joins two nodes: money (FUNDS, SUPPORTS), a programme and the organisation implementing it (IMPLEMENTS, RUNS), or a recipient and an event it organised, hosted or partnered in. `amounts` lists what the documents state; most state none. Acyclic, for a Sankey diagram.',
      query: timeOnly,
      response: flowsResponseSchema,
      handle: async ({ query, publicOnly }) => {
        const { endpoints, relationships } = await funder.flowRelationships(graphFilter(query, publicOnly));
        const flows = moneyFlows(endpoints, relationships);
        const cited = { nodes: [], edges: flows.bands.flatMap((b) => b.relationships), truncated: false, omitted: { nodes: 0, edges: 0 } };
        const { sources } = await graph.withSources(cited as unknown as GraphView);
        return { ...flows, sources };
      },
    }),
    defineOperation({
      method: 'get',
      path: '/api/map',
      tag: 'analytics',
      summary: 'The countries, provinces and cities the network touches, each with its actors, events and initiatives',
      description: 'Coordinates come from the place records (`coordinatesSource` says where from); a place without them is still listed.',
      query: timeOnly,
      response: mapResponseSchema,
      handle: async ({ query, publicOnly }) => ({
        places: (await funder.placesWithActivity(graphFilter(query, publicOnly))).map(touched).filter((p) => p.reach > 0),
      }),
    }),
  ];
}

/** A place with what is linked to it split by kind. */
function touched({ linked, ...place }: PlaceActivity) {
  const of = (...kinds: string[]) => linked.filter((n) => kinds.includes(n.kind)).sort((a, b) => a.name.localeCompare(b.name));
  const actors = of('organisation', 'person');
  const events = of('event');
  const initiatives = of('initiative');
  return { ...place, actors, events, initiatives, reach: actors.length + events.length + initiatives.length };
}
