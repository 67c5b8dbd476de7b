/**
 * Which node labels the canvas shows at the current zoom: the selected, hovered and marked
 * nodes always, then the biggest and most linked that fit without overlapping
 * (label-picking.ts chooses; this reads the canvas and applies the choice). Each label is wrapped
 * and cut here, and measured with the font Cytoscape draws it in, so that the boxes compared are
 * the boxes drawn.
 */
import type { Core, NodeSingular } from 'cytoscape';
import { defaults } from './defaults.js';
import { estimateEm, LABEL_PLACES, labelBox, labelLines, pickLabels, type LabelCandidate, type MeasureEm } from './label-picking.js';
import { FONT_FAMILY } from './style.js';

/** Widths are measured once per text and weight at this size and kept in ems. */
const MEASURE_PX = 100;
const widths = new Map<string, number>();
let context: CanvasRenderingContext2D | null | undefined;

/** A text's width in ems in the node's font, measured as Cytoscape measures it (a 2D canvas). */
function measurer(node: NodeSingular): MeasureEm {
  context ??= typeof document === 'undefined' ? null : document.createElement('canvas').getContext('2d');
  const ctx = context;
  if (!ctx) return estimateEm;
  const font = `${node.style('font-style')} ${node.style('font-weight')} ${MEASURE_PX}px ${FONT_FAMILY}`;
  return (text) => {
    const key = `${font}|${text}`;
    let em = widths.get(key);
    if (em === undefined) {
      ctx.font = font;
      em = ctx.measureText(text).width / MEASURE_PX;
      widths.set(key, em);
    }
    return em;
  };
}

// Widths measured before the bundled font arrived are wrong once it has.
if (typeof document !== 'undefined') document.fonts?.addEventListener('loadingdone', () => widths.clear());

/**
 * Shows the labels that fit on a canvas of this size (in pixels). With `onlyTop` (a large view),
 * only nodes of the `top` class are candidates.
 */
export function showLabels(cy: Core, width: number, height: number, onlyTop: boolean): void {
  const zoom = cy.zoom();
  const { readablePx } = defaults.labels;
  const candidates: LabelCandidate[] = [];
  const size = new Map<string, number>();
  const text = new Map<string, string>();
  cy.nodes().forEach((node) => {
    if (node.hasClass('faded') || (onlyTop && !node.hasClass('top'))) return;
    const always = node.selected() || node.hasClass('cursor') || node.hasClass('hovered') || node.hasClass('neighbour') || node.hasClass('on-path');
    const p = node.renderedPosition();
    const diameter = Number(node.data('size')) * zoom;
    if (p.x < -diameter || p.y < -diameter || p.x > width + diameter || p.y > height + diameter) return;
    // Zoomed out, a label is still drawn at a readable size; there is room for fewer of them.
    const px = Math.max(Number(node.data('fontSize')) * zoom, readablePx);
    const measure = measurer(node);
    const lines = labelLines(String(node.data('label') ?? ''), measure);
    size.set(node.id(), px / zoom);
    text.set(node.id(), lines.join('\n'));
    const rank = always ? Infinity : Number(node.data('size')) * 1_000 + node.degree(false);
    for (const place of LABEL_PLACES) candidates.push({ id: node.id(), ...labelBox(lines, p.x, p.y, diameter, px, zoom, measure, place), rank });
  });
  const shown = pickLabels(candidates);
  cy.batch(() => {
    cy.nodes().forEach((node) => {
      const place = shown.get(node.id());
      if (place) node.data({ labelSize: size.get(node.id()), labelText: text.get(node.id()) });
      if (node.hasClass('labelled') !== Boolean(place)) node.toggleClass('labelled', Boolean(place));
      // One class per place away from the default, under the node (style.ts draws them).
      for (const other of LABEL_PLACES.slice(1)) {
        const on = place === other;
        if (node.hasClass(`label-${other}`) !== on) node.toggleClass(`label-${other}`, on);
      }
    });
  });
}
