/**
 * How a view looked on screen: where each node sat, and the colour and size it was drawn with.
 * Exports of a view (GEXF's viz elements, GraphML and CSV columns) carry what the view gives.
 */
import { z } from 'zod';
import { idSchema } from './model.js';

const MAX_NODES = 5_000;
const perNode = <T extends z.ZodType>(value: T) => z.record(idSchema, value).refine((r) => Object.keys(r).length <= MAX_NODES, `at most ${MAX_NODES} nodes`);

export const pointSchema = z.object({ x: z.number().finite(), y: z.number().finite() });

export const viewLayoutSchema = z.object({
  positions: perNode(pointSchema).default({}).describe('Where each node sat: x to the right, y downwards (screen coordinates).'),
  colours: perNode(z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour such as #0072B2'))
    .default({})
    .describe('The fill colour of each node, #rrggbb.'),
  sizes: perNode(z.number().positive().max(10_000)).default({}).describe('The diameter each node was drawn with.'),
});
export type ViewLayout = z.infer<typeof viewLayoutSchema>;

/** The layout of only these nodes: a node an audience may not see leaves no trace of its id. */
export function layoutOf(layout: Partial<ViewLayout>, ids: Iterable<string>): ViewLayout {
  const keep = new Set(ids);
  const pick = <T>(r: Record<string, T> = {}) => Object.fromEntries(Object.entries(r).filter(([id]) => keep.has(id)));
  return { positions: pick(layout.positions), colours: pick(layout.colours), sizes: pick(layout.sizes) };
}
