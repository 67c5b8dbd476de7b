/**
 * A saved view: what an explorer had on screen (which nodes and edges, hidden, pinned and collapsed
 * ones, where each node sat, the viewport) and the URL state of its filters, time and selection, so
 * that the view reopens exactly as it was left and can be embedded elsewhere.
 */
import { z } from 'zod';
import { idSchema } from './model.js';
import { parseRelationshipId } from './ids.js';

const MAX_NODES = 5_000;
const point = z.object({ x: z.number().finite(), y: z.number().finite() });
const ids = z.array(idSchema).max(MAX_NODES);

export const savedViewInputSchema = z.strictObject({
  name: z.string().trim().min(1, 'give the view a name').max(120),
  state: z.string().max(4_000).describe('The query string of the view: filters, time, selection, path, tab.'),
  nodes: ids.min(1, 'a view shows at least one node'),
  edges: z.array(z.string().max(400)).max(4 * MAX_NODES),
  hidden: ids.default([]),
  pinned: ids.default([]),
  collapsed: ids.default([]),
  positions: z.record(idSchema, point).refine((p) => Object.keys(p).length <= MAX_NODES, `at most ${MAX_NODES} positions`),
  viewport: z.object({ zoom: z.number().positive().max(100), pan: point }),
});
export type SavedViewInput = z.infer<typeof savedViewInputSchema>;

export const savedViewIdSchema = z.string().regex(/^[A-Za-z0-9_-]{8,32}$/, 'a saved view id');

/**
 * The saved view without the nodes an audience may not see: out of its node lists, positions and
 * edges, and out of its URL state (a selected node or a path end names a node by its id).
 */
export function withoutHiddenNodes<V extends SavedViewInput>(view: V, visible: ReadonlySet<string>): V {
  const hidden = new Set(view.nodes.filter((id) => !visible.has(id)));
  if (hidden.size === 0) return view;
  const keep = (ids: string[]) => ids.filter((id) => !hidden.has(id));
  const state = new URLSearchParams(view.state);
  const naming = [...state].filter(([, value]) => value.split(',').some((part) => hidden.has(part)));
  for (const [key] of naming) state.delete(key);
  return {
    ...view,
    state: naming.length ? `${view.state.startsWith('?') ? '?' : ''}${state}` : view.state,
    nodes: keep(view.nodes),
    edges: view.edges.filter((edge) => {
      const ends = parseRelationshipId(edge);
      return !(ends && (hidden.has(ends.from) || hidden.has(ends.to)));
    }),
    hidden: keep(view.hidden),
    pinned: keep(view.pinned),
    collapsed: keep(view.collapsed),
    positions: Object.fromEntries(Object.entries(view.positions).filter(([id]) => !hidden.has(id))),
  };
}
