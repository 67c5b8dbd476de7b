/**
 * Fits that outlast a change of the canvas's size. Cytoscape measures its container only when
 * told to, so when the node panel opens beside the graph (or closes, or a phone turns) a view
 * fitted to the wide canvas ran under the panel. The fit is done again for the new size, unless
 * the person has panned or zoomed since: then their view is theirs.
 */
import type { Core, NodeCollection } from 'cytoscape';
import { defaults } from './defaults.js';

export interface Viewport {
  zoom: number;
  pan: { x: number; y: number };
}

/** What to fit the view to, once the canvas has a size and the nodes have places. */
export type FitRequest = { ids: string[] } | { viewport: Viewport } | 'all';

export class FitKeeper {
  private last: { request: FitRequest; zoom: number; x: number; y: number } | null = null;
  private observer: ResizeObserver;

  /** `refit` does a fit again for the canvas's new size. */
  constructor(cy: Core, container: HTMLElement, refit: (request: FitRequest) => void) {
    this.observer = new ResizeObserver(() => {
      const last = this.last;
      if (!last || !container.clientWidth || !container.clientHeight) return;
      const pan = cy.pan();
      const untouched = cy.zoom() === last.zoom && pan.x === last.x && pan.y === last.y;
      cy.resize();
      if (untouched) refit(last.request);
    });
    this.observer.observe(container);
  }

  /** A fit was just done for this request: the viewport it left is remembered. */
  fitted(cy: Core, request: FitRequest): void {
    const pan = cy.pan();
    this.last = { request, zoom: cy.zoom(), x: pan.x, y: pan.y };
  }

  disconnect(): void {
    this.observer.disconnect();
  }
}

/**
 * The viewport that shows these nodes whole, `padding` pixels from the edges of a canvas this size:
 * what `cy.fit` computes, from the nodes' positions and sizes alone. Cytoscape's fit first takes
 * their bounding box, which computes every node's style and label: 1.6 s of the first frame of a
 * 5,000-node view (docs/performance.md). Labels are not counted; the padding leaves them room.
 */
export function fitViewport(nodes: NodeCollection, width: number, height: number, padding: number, maxZoom: number): Viewport | null {
  let [x1, y1, x2, y2] = [Infinity, Infinity, -Infinity, -Infinity];
  nodes.forEach((node) => {
    const { x, y } = node.position();
    const radius = (Number(node.data('size')) || 0) / 2;
    [x1, y1, x2, y2] = [Math.min(x1, x - radius), Math.min(y1, y - radius), Math.max(x2, x + radius), Math.max(y2, y + radius)];
  });
  if (!Number.isFinite(x1)) return null;
  const fits = Math.min((width - 2 * padding) / Math.max(x2 - x1, 1), (height - 2 * padding) / Math.max(y2 - y1, 1));
  const zoom = Math.min(maxZoom, Math.max(defaults.canvas.minZoom, fits));
  return { zoom, pan: { x: (width - zoom * (x1 + x2)) / 2, y: (height - zoom * (y1 + y2)) / 2 } };
}
