/** Saved views: keep what is on screen under a stable, shareable id, and reopen it. */
import { z } from 'zod';
import { savedViewIdSchema, savedViewInputSchema } from '../domain/saved-view.js';
import { openedViewSchema, savedViewSchema } from '../domain/responses.js';
import { defineOperation, type Operation } from '../http/operation.js';
import { notFound } from '../domain/errors.js';
import { limitRequests } from '../http/rate-limit.js';
import type { GraphRepository } from '../repositories/graph.repository.js';
import type { SavedViewRepository } from '../repositories/saved-view.repository.js';
import { withoutHiddenNodes } from '../domain/saved-view.js';


export function savedViewOperations(views: SavedViewRepository, graph: GraphRepository, savesPerHour: number): Operation[] {
  // Anyone may save a view to share it; a limit per client keeps that from filling the database.
  const limiter = limitRequests({ windowMs: 3_600_000, limit: savesPerHour, message: `At most ${savesPerHour} views can be saved an hour; try again later.` });
  return [
    defineOperation({
      method: 'post',
      path: '/api/views',
      tag: 'views',
      summary: 'Save the view on screen (nodes, positions, viewport, filters) under a new id',
      body: savedViewInputSchema,
      middleware: [limiter],
      problems: [429],
      response: savedViewSchema,
      handle: async ({ body }, res) => {
        const saved = await views.create(body);
        res.status(201).location(`/api/views/${saved.id}`);
        return saved;
      },
    }),
    defineOperation({
      method: 'get',
      path: '/api/views/:id',
      tag: 'views',
      summary: 'A saved view with the current data of the nodes and edges it shows',
      description: 'Nodes deleted since the view was saved are left out; the positions and viewport are as saved.',
      params: z.strictObject({ id: savedViewIdSchema }),
      response: openedViewSchema,
      problems: [404],
      handle: async ({ params, publicOnly }) => {
        const view = await views.get(params.id);
        if (!view) throw notFound(`The saved view "${params.id}"`);
        const current = await graph.nodesView(view.nodes, publicOnly);
        const shown = new Set(view.edges);
        const edges = current.edges.filter((e) => shown.has(e.id));
        // For anonymous readers, what they may not see leaves the saved state too (ids name people);
        // a node deleted since goes with it, so that the two cannot be told apart.
        const visible = publicOnly ? withoutHiddenNodes(view, new Set(current.nodes.map((n) => n.id))) : view;
        return { ...visible, graph: await graph.withSources({ ...current, edges }) };
      },
    }),
  ];
}
