/**
 * Which node labels the canvas shows at the current zoom: the selected, hovered and marked
 * nodes always, then the biggest and most linked that fit without overlapping
 * (label-picking.ts chooses; this reads the canvas and applies the choice).
 */
import type { Core } from 'cytoscape';
import { defaults } from './defaults.js';
import { labelBox, pickLabels, type LabelCandidate } from './label-picking.js';

/**
 * Shows the labels that fit on a canvas of this size (in pixels). With `onlyTop` (a large view),
 * only nodes of the `top` class are candidates.
 */
export function showLabels(cy: Core, width: number, height: number, onlyTop: boolean): void {
  const zoom = cy.zoom();
  const { readablePx } = defaults.labels;
  const candidates: LabelCandidate[] = [];
  const size = new Map<string, number>();
  cy.nodes().forEach((node) => {
    if (node.hasClass('faded') || (onlyTop && !node.hasClass('top'))) return;
    const always = node.selected() || node.hasClass('cursor') || node.hasClass('hovered') || node.hasClass('neighbour') || node.hasClass('on-path');
    const p = node.renderedPosition();
    const diameter = Number(node.data('size')) * zoom;
    if (p.x < -diameter || p.y < -diameter || p.x > width + diameter || p.y > height + diameter) return;
    // Zoomed out, a label is still drawn at a readable size; there is room for fewer of them.
    const px = Math.max(Number(node.data('fontSize')) * zoom, readablePx);
    size.set(node.id(), px / zoom);
    const box = labelBox(String(node.data('label') ?? ''), p.x, p.y, diameter, px);
    candidates.push({ id: node.id(), ...box, rank: always ? Infinity : Number(node.data('size')) * 1_000 + node.degree(false) });
  });
  const shown = pickLabels(candidates);
  cy.batch(() => {
    cy.nodes().forEach((node) => {
      const on = shown.has(node.id());
      if (on) node.data('labelSize', size.get(node.id()));
      if (node.hasClass('labelled') !== on) node.toggleClass('labelled', on);
    });
  });
}
