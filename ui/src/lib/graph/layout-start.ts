/**
 * Where nodes start before any force runs: kept positions, given ones, beside a placed neighbour,
 * or in a disc. Cheap and free of the layout library, so the page can draw a large view at once
 * while the worker computes the real layout.
 */
import { defaults } from './defaults.js';

export interface Point {
  x: number;
  y: number;
}
export type Positions = Record<string, Point>;

export interface LayoutInput {
  nodes: { id: string; size: number }[];
  edges: { source: string; target: string }[];
  /** Positions to keep. */
  fixed: Positions;
  /** Positions to start from and improve (a draft being refined). */
  start?: Positions;
  /** Community of each node: a first layout starts each community in its own region (clusters). */
  communities?: Record<string, number>;
  /** `draft` only places nodes (instant, rough); the default runs the forces. */
  quality?: 'draft' | 'default';
}

/** Typical distance between linked nodes on screen, in pixels at zoom 1. */
export const EDGE_LENGTH = defaults.layout.edgeLength;

function hash(id: string): number {
  let h = 2166136261;
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** A deterministic point in a disc whose area grows with the number of nodes. */
function inDisc(id: string, count: number): Point {
  const h = hash(id);
  const radius = EDGE_LENGTH * Math.sqrt(count) * Math.sqrt((h % 10_007) / 10_007);
  const angle = ((h >>> 8) % 3_600) * (Math.PI / 1_800);
  return { x: radius * Math.cos(angle), y: radius * Math.sin(angle) };
}

/** Where each node starts: kept, given, beside a placed neighbour, or in a disc. */
export function startPositions(input: LayoutInput): Positions {
  const placed: Positions = { ...input.start, ...input.fixed };
  const anchor = new Map<string, string>();
  for (const e of input.edges) {
    if (placed[e.source] && !anchor.has(e.target)) anchor.set(e.target, e.source);
    if (placed[e.target] && !anchor.has(e.source)) anchor.set(e.source, e.target);
  }
  const start: Positions = {};
  for (const n of input.nodes) {
    const at = placed[n.id];
    if (at) start[n.id] = at;
    else {
      const near = placed[anchor.get(n.id) ?? ''];
      const offset = inDisc(n.id, near ? 1 : input.nodes.length);
      start[n.id] = near ? { x: near.x + offset.x * 0.6, y: near.y + offset.y * 0.6 } : offset;
    }
  }
  return start;
}
