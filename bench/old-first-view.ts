/**
 * The seed's first view as the explorer drew it before issue 14 (commit cb51bc3), for the "before"
 * figure of `npm run bench:ui`: the same start positions, then ForceAtlas2 with its settings of
 * then (gravity 1, no communities, every edge of weight 1), scaled to the usual edge length and
 * cleared of overlapping nodes by noverlap; the view fitted to every node with 30 px to spare,
 * and every node labelled at its own font size (10–18 px at zoom 1, drawn from 8 px on screen).
 */
import { UndirectedGraph } from 'graphology';
import forceAtlas2Module from 'graphology-layout-forceatlas2';
import noverlapModule from 'graphology-layout-noverlap';
import { EDGE_LENGTH, startPositions, type LayoutInput, type Positions } from '../ui/src/lib/graph/layout-start.js';

// CommonJS packages with ESM-style typings: at run time the default import is the function itself.
const forceAtlas2 = forceAtlas2Module as unknown as typeof forceAtlas2Module.default;
const noverlap = noverlapModule as unknown as typeof noverlapModule.default;

/** The old first view's settings, as they were written then. */
export const OLD_FIRST_VIEW = {
  iterations: 200, // ForceAtlas2 iterations up to 500 nodes
  barnesHutAbove: 300, // nodes above which repulsion was approximated
  scalingRatio: 10, // repulsion
  gravity: 1, // pull towards the centre: what made one round blob
  noverlap: { maxIterations: 30, settings: { margin: 6, ratio: 1.1 } },
  fitPadding: 30, // pixels the first fit kept free
  minFontPx: 8, // labels smaller than this on screen were not drawn
  maxWidthPx: 140, // labels wider than this (in model units) were cut with an ellipsis
} as const;

/** Positions of the old first layout for these nodes and edges. */
export function oldFirstViewPositions(input: Pick<LayoutInput, 'nodes' | 'edges'>): Positions {
  const start = startPositions({ ...input, fixed: {} });
  const graph = new UndirectedGraph<{ x: number; y: number; size: number }>({ allowSelfLoops: false });
  for (const n of input.nodes) graph.addNode(n.id, { ...start[n.id]!, size: n.size / 2 });
  for (const e of input.edges) if (e.source !== e.target && graph.hasNode(e.source) && graph.hasNode(e.target)) graph.mergeEdge(e.source, e.target);
  const { iterations, barnesHutAbove, scalingRatio, gravity } = OLD_FIRST_VIEW;
  const settings = { ...forceAtlas2.inferSettings(graph), barnesHutOptimize: graph.order > barnesHutAbove, scalingRatio, gravity };
  forceAtlas2.assign(graph, { iterations, settings });
  const lengths: number[] = [];
  graph.forEachEdge((_e, _a, _s, _t, sa, ta) => lengths.push(Math.hypot(sa.x - ta.x, sa.y - ta.y)));
  const median = [...lengths].sort((a, b) => a - b)[Math.floor(lengths.length / 2)] || EDGE_LENGTH;
  graph.updateEachNodeAttributes((_n, a) => ({ ...a, x: (a.x * EDGE_LENGTH) / median, y: (a.y * EDGE_LENGTH) / median }));
  noverlap.assign(graph, OLD_FIRST_VIEW.noverlap);
  const positions: Positions = {};
  graph.forEachNode((id, a) => (positions[id] = { x: a.x, y: a.y }));
  return positions;
}
