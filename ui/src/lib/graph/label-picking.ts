/**
 * Which labels to draw at the current zoom: the most important nodes first (by size, which follows
 * degree or the chosen centrality), each label only where it overlaps no label already drawn:
 * under its node, or above, right or left of it when more important labels have taken the places
 * before (the four-position model of map labelling).
 * Pure, so it is unit-tested; the canvas feeds it boxes in screen pixels and draws the answer.
 */
import { defaults } from './defaults.js';

/** Where a label is drawn: under its node (as Cytoscape does by default), above it or beside it. */
export type LabelPlace = 'below' | 'above' | 'right' | 'left';

/** The places tried, in this order: under the node first, as readers expect a label. */
export const LABEL_PLACES: readonly LabelPlace[] = ['below', 'above', 'right', 'left'];

export interface LabelCandidate {
  id: string;
  /** One candidate per place a node's label may take; without one, 'below'. */
  place?: LabelPlace;
  /** The label's box on screen, in pixels. */
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  /** Higher draws first; `Infinity` for labels always shown (selected, hovered, on a path). */
  rank: number;
}

/** A node's label font size at zoom 1: larger nodes get larger labels, read before zooming in. */
export function labelFontSize(nodeSize: number): number {
  const t = Math.min(1, Math.max(0, (nodeSize - 18) / (64 - 18)));
  return Math.round((10 + 8 * t) * 10) / 10;
}

/** A text's width in font sizes (ems); the canvas measures it, the estimate serves where there is none. */
export type MeasureEm = (text: string) => number;

/** An average glyph width per character: for tests and for a page that cannot measure. */
export const estimateEm: MeasureEm = (text) => text.length * defaults.labels.charWidth;

/**
 * The lines a label is drawn in: wrapped between words at `maxWidthEm`, at most `maxLines`, the
 * last cut with an ellipsis where the name goes on (so is a single word wider than a line).
 */
export function labelLines(text: string, measure: MeasureEm = estimateEm): string[] {
  const { maxWidthEm, maxLines } = defaults.labels;
  const lines: string[] = [];
  let words = text.trim().split(/\s+/).filter(Boolean);
  while (words.length && lines.length < maxLines) {
    let n = 1;
    while (n < words.length && measure(words.slice(0, n + 1).join(' ')) <= maxWidthEm) n++;
    lines.push(words.slice(0, n).join(' '));
    words = words.slice(n);
  }
  return lines.map((line, i) => (i === lines.length - 1 && words.length ? cut(`${line} ${words[0]}`, measure) : cut(line, measure)));
}

/** The text as it is if it fits on a line, otherwise as much of it as fits before an ellipsis. */
function cut(text: string, measure: MeasureEm): string {
  const { maxWidthEm } = defaults.labels;
  if (measure(text) <= maxWidthEm) return text;
  let kept = text;
  while (kept.length > 1 && measure(`${kept}…`) > maxWidthEm) kept = kept.slice(0, -1);
  return `${kept.trimEnd()}…`;
}

/**
 * The screen box of these label lines under, above or beside a node at (x, y) of rendered diameter
 * `size`, drawn `fontPx` high on screen at this zoom: the box Cytoscape itself gives the label (its
 * text, the outline and its margin around it, `margin` model units away from the node).
 */
export function labelBox(
  lines: string[],
  x: number,
  y: number,
  size: number,
  fontPx: number,
  zoom: number,
  measure: MeasureEm = estimateEm,
  place: LabelPlace = 'below',
): Omit<LabelCandidate, 'id' | 'rank'> {
  const { margin, padModel } = defaults.labels;
  const pad = padModel * zoom;
  const width = Math.max(0, ...lines.map(measure)) * fontPx + 2 * pad;
  const height = lines.length * fontPx + 2 * pad;
  const gap = size / 2 + margin * zoom - pad;
  const [x1, y1] =
    place === 'below'
      ? [x - width / 2, y + gap]
      : place === 'above'
        ? [x - width / 2, y - gap - height]
        : place === 'right'
          ? [x + gap, y - height / 2]
          : [x - gap - width, y - height / 2];
  return { x1, y1, x2: x1 + width, y2: y1 + height, place };
}

const overlaps = (a: LabelCandidate, b: LabelCandidate, gap: number) => a.x1 < b.x2 + gap && b.x1 < a.x2 + gap && a.y1 < b.y2 + gap && b.y1 < a.y2 + gap;

/**
 * The labels to draw and where: greedy by rank, each node's places in the order given, skipping
 * any place that would touch a label already kept.
 */
export function pickLabels(candidates: LabelCandidate[], gap: number = defaults.labels.gapPx): Map<string, LabelPlace> {
  // A stable sort: a node's places keep the order they were given in.
  const sorted = [...candidates].sort((a, b) => b.rank - a.rank || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  // A grid of screen cells, so that each label is compared only with its neighbours.
  const CELL = 120;
  const grid = new Map<string, LabelCandidate[]>();
  const cells = (c: LabelCandidate) => {
    const keys: string[] = [];
    for (let i = Math.floor((c.x1 - gap) / CELL); i <= Math.floor((c.x2 + gap) / CELL); i++)
      for (let j = Math.floor((c.y1 - gap) / CELL); j <= Math.floor((c.y2 + gap) / CELL); j++) keys.push(`${i},${j}`);
    return keys;
  };
  const kept = new Map<string, LabelPlace>();
  for (const c of sorted) {
    if (kept.has(c.id)) continue;
    const keys = cells(c);
    if (c.rank !== Infinity && keys.some((k) => grid.get(k)?.some((other) => overlaps(c, other, gap)))) continue;
    kept.set(c.id, c.place ?? 'below');
    for (const k of keys) grid.set(k, [...(grid.get(k) ?? []), c]);
  }
  return kept;
}

/** Pairs of boxes that overlap: what the UI benchmark counts on the first view. */
export function overlappingPairs(boxes: Omit<LabelCandidate, 'id' | 'rank'>[]): number {
  let pairs = 0;
  const all = boxes.map((b, i) => ({ ...b, id: String(i), rank: 0 }));
  for (let i = 0; i < all.length; i++) for (let j = i + 1; j < all.length; j++) if (overlaps(all[i]!, all[j]!, 0)) pairs++;
  return pairs;
}
