/** Saved views: keep what is on screen under a stable, shareable id, and reopen it. */
import { z } from 'zod';
import { savedViewIdSchema, savedViewInputSchema } from '../domain/saved-view.js';
import { openedViewSchema, savedViewSchema } from '../domain/responses.js';
import { sourcedViewSchema } from '../domain/views.js';
import { defineOperation, type Operation } from '../http/operation.js';
import { notFound } from '../domain/errors.js';
import { limitRequests } from '../http/rate-limit.js';
import type { GraphRepository } from '../repositories/graph.repository.js';
import type { SavedViewRepository } from '../repositories/saved-view.repository.js';
import { withoutHiddenNodes } from '../domain/saved-view.js';
import { exportFormatQuery } from '../domain/views.js';
import { layoutOf, viewLayoutSchema } from '../domain/view-layout.js';
import { idSchema } from '../domain/model.js';
import { sendView } from '../export/view-export.js';
import { EXPORT_MEDIA_TYPES } from './nodes.routes.js';

/** A view to export as drawn: its nodes (and, optionally, which of their edges), where each sat, its colours and sizes. */
const drawnViewSchema = viewLayoutSchema.extend({
  nodes: z.array(idSchema).min(1, 'a view shows at least one node').max(5_000),
  edges: z.array(z.string().max(400)).max(20_000).optional().describe('The edges shown; all edges among the nodes when left out.'),
});

export function savedViewOperations(views: SavedViewRepository, graph: GraphRepository, savesPerHour: number): Operation[] {
  // Anyone may save a view to share it; a limit per client keeps that from filling the database.
  const limiter = limitRequests({ windowMs: 3_600_000, limit: savesPerHour, message: `At most ${savesPerHour} views can be saved an hour; try again later.` });
  return [
    defineOperation({
      method: 'post',
      status: 201,
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
      query: z.strictObject(exportFormatQuery),
      response: openedViewSchema,
      files: EXPORT_MEDIA_TYPES,
      problems: [404],
      handle: async ({ params, query, publicOnly, redact }, res) => {
        const view = await views.get(params.id);
        if (!view) throw notFound(`The saved view "${params.id}"`);
        const current = await graph.nodesView(view.nodes, publicOnly);
        const shown = new Set(view.edges);
        const edges = current.edges.filter((e) => shown.has(e.id));
        // For anonymous readers, what they may not see leaves the saved state too (ids name people);
        // a node deleted since goes with it, so that the two cannot be told apart.
        const visible = publicOnly ? withoutHiddenNodes(view, new Set(current.nodes.map((n) => n.id))) : view;
        const sourced = await graph.withSources({ ...current, edges });
        if (query.format === 'json') return { ...visible, graph: sourced };
        sendView(
          res,
          redact({
            ...sourced,
            layout: layoutOf(
              { positions: visible.positions },
              sourced.nodes.map((n) => n.id),
            ),
          }),
          query,
          `view-${params.id}`,
        );
        return undefined;
      },
    }),
    defineOperation({
      method: 'post',
      path: '/api/views/export',
      tag: 'views',
      summary: 'Export a view as drawn: its nodes with their positions, colours and sizes, as GEXF, GraphML or CSV',
      description: 'Nothing is saved. GEXF carries the layout as viz elements (Gephi opens it as drawn); GraphML and CSV as x, y, color and size columns.',
      query: z.strictObject(exportFormatQuery),
      body: drawnViewSchema,
      response: sourcedViewSchema.extend({ layout: viewLayoutSchema }),
      files: EXPORT_MEDIA_TYPES,
      handle: async ({ body, query, publicOnly, redact }, res) => {
        const current = await graph.nodesView(body.nodes, publicOnly);
        const shown = body.edges && new Set(body.edges);
        const view = await graph.withSources({ ...current, edges: shown ? current.edges.filter((e) => shown.has(e.id)) : current.edges });
        sendView(
          res,
          redact({
            ...view,
            layout: layoutOf(
              body,
              view.nodes.map((n) => n.id),
            ),
          }),
          query,
          'view',
        );
        return undefined;
      },
    }),
  ];
}
