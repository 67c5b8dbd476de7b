/**
 * Fits that outlast a change of the canvas's size. Cytoscape measures its container only when
 * told to, so when the node panel opens beside the graph (or closes, or a phone turns) a view
 * fitted to the wide canvas ran under the panel. The fit is done again for the new size (and once
 * a large view's layout replaces its draft), unless the person has panned or zoomed since: then
 * their view is theirs.
 */
import type { Core } from 'cytoscape';

export interface Viewport {
  zoom: number;
  pan: { x: number; y: number };
}

/** What to fit the view to, once the canvas has a size and the nodes have places. */
export type FitRequest = { ids: string[] } | { viewport: Viewport } | 'all';

export class FitKeeper {
  private last: { request: FitRequest; zoom: number; x: number; y: number } | null = null;
  private observer: ResizeObserver;

  /** `refit` does a fit again for the canvas's new size (or the nodes' new places). */
  constructor(
    cy: Core,
    private container: HTMLElement,
    private refit: (request: FitRequest) => void,
  ) {
    this.observer = new ResizeObserver(() => this.again(cy));
    this.observer.observe(container);
  }

  /** Does the last fit again, unless the person has panned or zoomed since: then their view is theirs. */
  again(cy: Core): void {
    const last = this.last;
    if (!last || !this.container.clientWidth || !this.container.clientHeight) return;
    const pan = cy.pan();
    const untouched = cy.zoom() === last.zoom && pan.x === last.x && pan.y === last.y;
    cy.resize();
    if (untouched) this.refit(last.request);
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
