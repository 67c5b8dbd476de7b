/**
 * Force-directed positions: ForceAtlas2 (Gephi's layout, graphology's implementation; Barnes–Hut
 * above a few hundred nodes), then noverlap so that small views have no overlapping nodes. Pure
 * and synchronous, so it runs in a worker in the browser and directly in unit tests.
 *
 * Nodes that already have a position keep it (`fixed`); new nodes start beside a placed neighbour,
 * so expanding a node grows the picture instead of reshuffling it.
 */
import { UndirectedGraph } from 'graphology';
import { connectedComponents } from 'graphology-components';
import forceAtlas2Module from 'graphology-layout-forceatlas2';
import noverlapModule from 'graphology-layout-noverlap';
import { defaults } from './defaults.js';
import { seedByCommunity } from './communities.js';
import { EDGE_LENGTH, startPositions, type LayoutInput, type Positions } from './layout-start.js';

// CommonJS packages with ESM-style typings: at run time the default import is the function itself.
const forceAtlas2 = forceAtlas2Module as unknown as typeof forceAtlas2Module.default;
const noverlap = noverlapModule as unknown as typeof noverlapModule.default;

interface NodeAttributes {
  x: number;
  y: number;
  size: number;
  fixed: boolean;
}

export type { LayoutInput, Point, Positions } from './layout-start.js';

interface Box {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
}

function boxOf(graph: UndirectedGraph<NodeAttributes>, ids: string[]): Box {
  const box = { x1: Infinity, y1: Infinity, x2: -Infinity, y2: -Infinity };
  for (const id of ids) {
    const { x, y, size } = graph.getNodeAttributes(id);
    box.x1 = Math.min(box.x1, x - size);
    box.y1 = Math.min(box.y1, y - size);
    box.x2 = Math.max(box.x2, x + size);
    box.y2 = Math.max(box.y2, y + size);
  }
  return box;
}

/**
 * Moves every component but the largest, each as it is, into rows under the largest: ForceAtlas2
 * flings a node without links (an organisation just added, say) far from the rest, and a fit to
 * the whole view would then shrink the network to a speck with unreadable labels.
 */
function packComponents(graph: UndirectedGraph<NodeAttributes>): void {
  const [main, ...others] = connectedComponents(graph).sort((a, b) => b.length - a.length);
  if (!main || !others.length) return;
  const gap = EDGE_LENGTH / 2;
  const home = boxOf(graph, main);
  const boxes = others.map((ids) => boxOf(graph, ids));
  // Rows as wide as the largest component, or wider when the others would make a tall column.
  const area = boxes.reduce((sum, b) => sum + (b.x2 - b.x1 + gap) * (b.y2 - b.y1 + gap), 0);
  const rowEnd = home.x1 + Math.max(home.x2 - home.x1, Math.sqrt(area));
  let [x, y, rowHeight] = [home.x1, home.y2 + gap, 0];
  others.forEach((ids, i) => {
    const box = boxes[i]!;
    if (x > home.x1 && x + box.x2 - box.x1 > rowEnd) [x, y, rowHeight] = [home.x1, y + rowHeight + gap, 0];
    const [dx, dy] = [x - box.x1, y - box.y1];
    for (const id of ids) graph.updateNodeAttributes(id, (a) => ({ ...a, x: a.x + dx, y: a.y + dy }));
    x += box.x2 - box.x1 + gap;
    rowHeight = Math.max(rowHeight, box.y2 - box.y1);
  });
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

/** Iterations: enough for small views to settle, few enough for large ones to finish in seconds. */
function iterationsFor(nodes: number): number {
  if (nodes <= 500) return defaults.layout.iterationsSmall;
  if (nodes <= 5_000) return defaults.layout.iterationsMedium;
  return defaults.layout.iterationsLarge;
}

/**
 * When most nodes are kept, only the new ones and the kept nodes they link to take part: an
 * expansion costs what it adds, not what is already on screen.
 */
function localNodes(input: LayoutInput): Set<string> {
  const local = new Set(input.nodes.filter((n) => !input.fixed[n.id]).map((n) => n.id));
  for (const e of input.edges) {
    if (local.has(e.source) && !local.has(e.target)) local.add(e.target);
    else if (local.has(e.target) && !local.has(e.source)) local.add(e.source);
  }
  return local;
}

export function computePositions(input: LayoutInput): Positions {
  const start = startPositions(input);
  if (input.quality === 'draft') return start;
  const fixedCount = input.nodes.filter((n) => input.fixed[n.id]).length;
  if (fixedCount === input.nodes.length) return start;

  const graph = new UndirectedGraph<NodeAttributes, { weight?: number }>({ allowSelfLoops: false });
  const moving = fixedCount ? localNodes(input) : undefined;
  for (const n of input.nodes) {
    if (moving && !moving.has(n.id)) continue;
    graph.addNode(n.id, { ...start[n.id]!, size: n.size / 2, fixed: Boolean(input.fixed[n.id]) });
  }
  for (const e of input.edges) if (e.source !== e.target && graph.hasNode(e.source) && graph.hasNode(e.target)) graph.mergeEdge(e.source, e.target);

  const count = graph.order;
  // A first layout starts each community in its own region, so that the forces end in clusters.
  if (!fixedCount) seedByCommunity(graph, input.communities);
  // Strong repulsion spreads the dense middle of a small network over the canvas, where labels can be read.
  const { barnesHutAbove, scalingRatio, gravity, firstGravity } = defaults.layout;
  const settings = {
    ...forceAtlas2.inferSettings(graph),
    barnesHutOptimize: count > barnesHutAbove,
    scalingRatio,
    gravity: fixedCount ? gravity : firstGravity,
  };
  forceAtlas2.assign(graph, { iterations: iterationsFor(count), settings });

  // ForceAtlas2 has its own scale: bring linked nodes to a readable distance, unless nodes are kept.
  if (!fixedCount && graph.size) {
    const lengths: number[] = [];
    graph.forEachEdge((_e, _a, s, t, sa, ta) => lengths.push(Math.hypot(sa.x - ta.x, sa.y - ta.y)));
    const scale = EDGE_LENGTH / (median(lengths) || EDGE_LENGTH);
    graph.updateEachNodeAttributes((_n, a) => ({ ...a, x: a.x * scale, y: a.y * scale }));
  }
  if (!fixedCount) packComponents(graph);
  const { noverlapUpTo, noverlapIterations, noverlapMargin, noverlapRatio } = defaults.layout;
  if (count <= noverlapUpTo) noverlap.assign(graph, { maxIterations: noverlapIterations, settings: { margin: noverlapMargin, ratio: noverlapRatio } });

  const positions: Positions = { ...start };
  graph.forEachNode((id, a) => {
    positions[id] = input.fixed[id] ?? { x: Math.round(a.x * 10) / 10, y: Math.round(a.y * 10) / 10 };
  });
  return positions;
}
