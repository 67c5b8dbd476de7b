/**
 * From exploration state to Cytoscape elements: what is visible (not hidden; a collapsed hub's
 * leaves folded into one group node), and how each element is drawn (kind, size by metric,
 * colour by kind or community). Pure, so the whole mapping is unit-tested without a browser.
 */
import type { ElementDefinition } from 'cytoscape';
import type { NodeKind } from '../../../../api/src/domain/model.js';
import type { NodeMetrics, ViewEdge, ViewNode } from '../api.js';
import type { ColourMode, SizeMetric } from '../url-state.js';
import { communityColour, GROUP_COLOUR, KIND_LOOK, nodeSize } from './encoding.js';
import type { ExplorationState } from './exploration.js';
import { defaults } from './defaults.js';
import { labelFontSize } from './label-picking.js';

export interface DrawOptions {
  size: SizeMetric;
  colour: ColourMode;
  metrics?: ReadonlyMap<string, NodeMetrics>;
  /** The label of a group node of `count` leaves. */
  groupLabel: (count: number) => string;
  /** Nodes the changes view lists as newcomers: drawn with a halo. */
  joined?: ReadonlySet<string>;
}

export const GROUP_PREFIX = 'group:';
/** In a large view only this many nodes, the largest, may carry labels: text is what costs most to draw. */
export const LABELLED_IN_LARGE_VIEWS = defaults.size.labelledInLarge;
export const isGroup = (id: string) => id.startsWith(GROUP_PREFIX);

export interface VisibleGraph {
  nodes: ViewNode[];
  edges: ViewEdge[];
  /** Group node id → the leaves it stands for. */
  groups: Map<string, { hub: string; members: string[] }>;
}

/** The nodes and edges on screen: hidden ones out, edges only between shown nodes, leaves folded. */
export function visibleGraph(state: ExplorationState): VisibleGraph {
  const shown = new Set([...state.nodes.keys()].filter((id) => !state.hidden.has(id)));
  let edges = [...state.edges.values()].filter((e) => shown.has(e.from) && shown.has(e.to));
  const groups = new Map<string, { hub: string; members: string[] }>();

  if (state.collapsed.size) {
    const neighbours = new Map<string, Set<string>>();
    for (const e of edges) {
      for (const [a, b] of [
        [e.from, e.to],
        [e.to, e.from],
      ] as const) {
        if (!neighbours.has(a)) neighbours.set(a, new Set());
        neighbours.get(a)!.add(b);
      }
    }
    for (const hub of state.collapsed) {
      if (!shown.has(hub)) continue;
      const leaves = [...(neighbours.get(hub) ?? [])].filter(
        (n) => neighbours.get(n)?.size === 1 && !state.pinned.has(n) && !state.collapsed.has(n) && shown.has(n),
      );
      if (leaves.length < 2) continue;
      for (const leaf of leaves) shown.delete(leaf);
      groups.set(GROUP_PREFIX + hub, { hub, members: leaves.sort() });
    }
    edges = edges.filter((e) => shown.has(e.from) && shown.has(e.to));
  }
  const nodes = [...shown].map((id) => state.nodes.get(id)!);
  return { nodes, edges, groups };
}

function degrees(edges: ViewEdge[]): Map<string, number> {
  const degree = new Map<string, number>();
  for (const e of edges) for (const id of [e.from, e.to]) degree.set(id, (degree.get(id) ?? 0) + 1);
  return degree;
}

/** The value each node is sized by: degree on screen, or a network metric from the API. */
function sizeValues(graph: VisibleGraph, options: DrawOptions): Map<string, number> {
  if (options.size === 'none') return new Map();
  if (options.size === 'degree') return degrees(graph.edges);
  const metric = options.size;
  const values = new Map<string, number>();
  for (const n of graph.nodes) {
    const m = options.metrics?.get(n.id);
    if (m) values.set(n.id, m[metric]);
  }
  return values;
}

export function toElements(state: ExplorationState, options: DrawOptions): ElementDefinition[] {
  const graph = visibleGraph(state);
  const values = sizeValues(graph, options);
  const max = Math.max(0, ...values.values());
  const labelled = new Set(
    [...graph.nodes]
      .sort((a, b) => (values.get(b.id) ?? 0) - (values.get(a.id) ?? 0))
      .slice(0, LABELLED_IN_LARGE_VIEWS)
      .map((n) => n.id),
  );
  const elements: ElementDefinition[] = graph.nodes.map((n) => {
    const kind = n.kind as NodeKind;
    const look = KIND_LOOK[kind];
    const colour = options.colour === 'community' ? communityColour(options.metrics?.get(n.id)?.community) : look.colour;
    const classes = [
      kind,
      labelled.has(n.id) ? 'top' : '',
      state.pinned.has(n.id) ? 'pinned' : '',
      state.collapsed.has(n.id) ? 'collapsed' : '',
      options.joined?.has(n.id) ? 'joined' : '',
    ]
      .filter(Boolean)
      .join(' ');
    const size = options.size === 'none' ? nodeSize(undefined, 0) : nodeSize(values.get(n.id) ?? 0, max);
    return {
      group: 'nodes',
      data: { id: n.id, label: n.name, kind, colour, shape: look.shape, size, fontSize: labelFontSize(size) },
      classes,
    };
  });
  for (const [id, group] of graph.groups) {
    elements.push({
      group: 'nodes',
      data: {
        id,
        label: options.groupLabel(group.members.length),
        kind: 'group',
        colour: GROUP_COLOUR,
        shape: 'round-octagon',
        size: nodeSize(1, 1),
        fontSize: labelFontSize(nodeSize(1, 1)),
        hub: group.hub,
        members: group.members,
      },
      classes: 'group',
    });
    elements.push({ group: 'edges', data: { id: `${id}|edge`, source: group.hub, target: id, type: 'GROUP' }, classes: 'group-edge' });
  }
  for (const e of graph.edges) {
    const confidence = (e.properties.confidence as string | undefined) ?? 'confirmed';
    elements.push({ group: 'edges', data: { id: e.id, source: e.from, target: e.to, type: e.type, confidence }, classes: confidence });
  }
  return elements;
}
