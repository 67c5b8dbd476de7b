/**
 * The Cytoscape instance of the graph tab and what it does by itself: drawing a list of elements
 * (new nodes placed by the layout worker first), fading what a path or a focus leaves out,
 * labelling what matters at the current zoom, and fitting the view to what matters once the tab
 * is on screen. Plain TypeScript: GraphView.svelte creates one in an `$effect` and destroys it in
 * the effect's cleanup, and hands it what the explorer says.
 */
import cytoscape, { type Core, type ElementDefinition, type NodeCollection, type NodeSingular } from 'cytoscape';
import svg from 'cytoscape-svg';
import { FitKeeper, type FitRequest, type Viewport } from './canvas-fit.js';
import { showLabels } from './canvas-labels.js';
import { defaults } from './defaults.js';
import { neighbourInDirection } from './keyboard-step.js';
import { LayoutWorker } from './layout.js';
import { startPositions, type Positions } from './layout-start.js';
import { graphStyle } from './style.js';
import { addMissingEdges, currentPositions, highlight, layoutGraph, placeNodes, syncElements } from './sync.js';

cytoscape.use(svg);

export interface CanvasEvents {
  tapNode(id: string, node: NodeSingular): void;
  doubleTapNode(id: string): void;
  tapBackground(): void;
  arranging(on: boolean): void;
}

export type { Viewport } from './canvas-fit.js';

export class GraphCanvas {
  readonly cy: Core;
  private layouts = new LayoutWorker();
  private positions: Positions = {};
  private elements: ElementDefinition[] = [];
  private marked: ReadonlySet<string> = new Set();
  private styledLarge = false;
  private drawn = false;
  /** A large view's first frame holds its nodes only; its edges and labels come a frame later. */
  private edgesWaiting = false;
  /** The selected node, selected again when it arrives later (placed by the worker after a reload). */
  private selected: string | undefined;
  private pendingFit: FitRequest | null = null;
  private labelFrame = 0;
  private destroyed = false;
  private fits: FitKeeper;
  /** Labels measured before the bundled font arrived are measured again once it has. */
  private relabel = () => this.scheduleLabels();

  constructor(
    private container: HTMLElement,
    private events: CanvasEvents,
    webgl = false,
  ) {
    const { minZoom, maxZoom } = defaults.canvas;
    this.cy = cytoscape({
      container,
      style: graphStyle(false),
      minZoom,
      maxZoom,
      boxSelectionEnabled: false,
      ...(webgl ? { renderer: { name: 'canvas', webgl: true } } : {}),
    } as cytoscape.CytoscapeOptions);
    this.cy.on('tap', 'node', (event) => events.tapNode(event.target.id() as string, event.target));
    this.cy.on('dbltap', 'node', (event) => events.doubleTapNode(event.target.id() as string));
    this.cy.on('tap', (event) => {
      if (event.target === this.cy) events.tapBackground();
    });
    this.cy.on('dragfree', 'node', (event) => {
      this.positions[event.target.id()] = { ...event.target.position() };
    });
    this.cy.on('viewport resize', () => this.scheduleLabels());
    document.fonts?.addEventListener('loadingdone', this.relabel);
    this.fits = new FitKeeper(this.cy, container, (request) => ((this.pendingFit = request), this.runFit()));
    this.cy.on('mouseover', 'node', (event) => this.hover(event.target, true));
    this.cy.on('mouseout', 'node', (event) => this.hover(event.target, false));
  }

  /** Positions and viewport of a saved view, used when its nodes are drawn. */
  restore(positions: Positions, viewport: Viewport): void {
    this.positions = { ...positions };
    this.pendingFit = { viewport };
  }

  /** Draws these elements: what is gone leaves, what is new is placed by the worker first. */
  draw(elements: ElementDefinition[]): void {
    this.elements = elements;
    const large = elements.length > defaults.size.large;
    if (large !== this.styledLarge) this.restyle(large);
    const result = syncElements(this.cy, elements, this.positions);
    if (result.pending.length) {
      const onCanvas: Positions = {};
      this.cy.nodes().forEach((n) => {
        onCanvas[n.id()] = this.positions[n.id()] ?? n.position();
      });
      void this.arrange(onCanvas);
    } else this.settled();
    highlight(this.cy, this.marked);
  }

  /** Highlights these elements (a path, a focus) and fades the others; an empty set clears it. */
  mark(ids: ReadonlySet<string>): void {
    this.marked = ids;
    highlight(this.cy, ids);
    this.scheduleLabels();
  }

  /** Selects one node (or none); a node chosen elsewhere is brought into view when off screen. */
  select(id: string | undefined): void {
    this.selected = id;
    this.cy.nodes(':selected').unselect();
    if (!id) return this.scheduleLabels();
    const node = this.cy.getElementById(id);
    node.select();
    this.scheduleLabels();
    if (node.empty() || !this.hasSize()) return;
    const box = this.cy.extent();
    const at = node.position();
    if (at.x < box.x1 || at.x > box.x2 || at.y < box.y1 || at.y > box.y2) {
      this.cy.animate({ center: { eles: node }, zoom: Math.max(this.cy.zoom(), 1) }, { duration: defaults.canvas.animateMs });
    }
  }

  /** Fits the view to these nodes (all of them by default), now or as soon as it can. */
  fitTo(ids?: Iterable<string>): void {
    this.pendingFit = ids ? { ids: [...ids] } : 'all';
    this.settled();
  }

  /** The tab is on screen again: measure the container, then do a fit that waited for it. */
  shown(): void {
    this.cy.resize();
    this.settled();
  }

  /** Lays the whole canvas out again; these nodes stay where they are. */
  relayout(pinned: Iterable<string>): void {
    const kept: Positions = {};
    for (const id of pinned) {
      const node = this.cy.getElementById(id);
      if (node.nonempty()) kept[id] = { ...node.position() };
    }
    this.positions = { ...kept };
    this.pendingFit = 'all';
    void this.arrange(kept);
  }

  /**
   * The keyboard's node: from `from` (or the most linked node), the neighbour that lies most in
   * the direction (dx, dy) on screen; it is marked and brought into view. Undefined if none.
   */
  step(from: string | undefined, dx: number, dy: number): NodeSingular | undefined {
    const next = neighbourInDirection(this.cy, from, dx, dy);
    if (!next) return undefined;
    this.cy.nodes('.cursor').removeClass('cursor');
    next.addClass('cursor');
    this.cy.animate({ center: { eles: next } }, { duration: defaults.canvas.animateMs / 2 });
    this.scheduleLabels();
    return next;
  }

  snapshot(): { positions: Positions; viewport: Viewport } {
    return { positions: currentPositions(this.cy), viewport: { zoom: this.cy.zoom(), pan: this.cy.pan() } };
  }

  png(): Blob {
    return this.cy.png({ output: 'blob', full: true, scale: 2, bg: '#ffffff' }) as unknown as Blob;
  }

  svg(): Blob {
    const text = (this.cy as unknown as { svg(o: object): string }).svg({ full: true, bg: '#ffffff' });
    return new Blob([text], { type: 'image/svg+xml' });
  }

  destroy(): void {
    this.destroyed = true;
    document.fonts?.removeEventListener('loadingdone', this.relabel);
    cancelAnimationFrame(this.labelFrame);
    this.layouts.terminate();
    this.fits.disconnect();
    this.cy.destroy();
  }

  private hasSize(): boolean {
    return this.container.clientWidth > 0 && this.container.clientHeight > 0;
  }

  /** Restyling every element is costly: only when the view crosses the size where edges simplify. */
  private restyle(large: boolean): void {
    this.cy.style(graphStyle(large));
    // While a person pans or zooms a large view, Cytoscape moves a snapshot and leaves the edges
    // out, then redraws when they stop. These are renderer options fixed at creation in the public
    // API; the renderer reads them on every frame, so they are switched here by size.
    const renderer = (this.cy as unknown as { renderer(): { textureOnViewport: boolean; hideEdgesOnViewport: boolean } }).renderer();
    renderer.textureOnViewport = large;
    renderer.hideEdgesOnViewport = large;
    this.styledLarge = large;
  }

  /**
   * Draws what the current elements say, with the positions known now. `nodesFirst` leaves the
   * new edges out of this frame and adds them in a later one: the edges of a large view cost most
   * of its first frame (their styles, end points and drawing), and its nodes alone show its shape.
   */
  private redraw(nodesFirst = false): void {
    placeNodes(this.cy, this.positions);
    this.edgesWaiting = nodesFirst;
    syncElements(this.cy, this.elements, this.positions, { edges: !nodesFirst });
    highlight(this.cy, this.marked);
    this.settled();
    if (nodesFirst) afterPaint(() => this.drawEdges());
  }

  /** The edges a nodes-first frame left out, in one batch, with the labels in the same frame. */
  private drawEdges(): void {
    if (this.destroyed) return;
    this.edgesWaiting = false;
    addMissingEdges(this.cy, this.elements);
    highlight(this.cy, this.marked);
    this.updateLabels();
    afterPaint(() => performance.mark('spean:edges-rendered', { detail: this.onCanvas() }));
  }

  /**
   * Positions the view's elements in the worker, keeping `fixed` nodes where they are. A large
   * empty canvas is drawn at once from a draft (a large view's nodes first) and settles when the
   * forces are done; a small one waits the fraction of a second the forces take.
   */
  private async arrange(fixed: Positions): Promise<void> {
    const { nodes, edges } = layoutGraph(this.elements);
    this.events.arranging(true);
    try {
      const drafted = nodes.length > defaults.size.draftFirst && !Object.keys(fixed).length;
      if (drafted) {
        Object.assign(this.positions, startPositions({ nodes, edges, fixed }));
        this.redraw(this.styledLarge);
      }
      const result = await this.layouts.layout({ nodes, edges, fixed });
      if (this.destroyed) return;
      performance.measure('spean:layout', { start: performance.now() - result.ms, duration: result.ms });
      Object.assign(this.positions, result.positions);
      this.redraw();
      // The draft was fitted, and the forces draw the network far smaller than the draft's disc.
      if (drafted) this.fits.again(this.cy);
    } finally {
      if (!this.destroyed) this.events.arranging(false);
    }
  }

  /** Every node has its place: the first frame is marked, and a waiting fit is done. */
  private settled(): void {
    if (this.selected) this.cy.getElementById(this.selected).select();
    if (!this.drawn && this.cy.nodes().nonempty()) {
      this.drawn = true;
      this.pendingFit ??= 'all';
      afterPaint(() => performance.mark('spean:graph-rendered', { detail: this.onCanvas() }));
    }
    this.runFit();
    this.scheduleLabels();
  }

  private runFit(): void {
    const request = this.pendingFit;
    if (!request || !this.hasSize() || this.cy.nodes().empty()) return;
    // Cytoscape keeps the size it measured last, which is nothing while the tab was hidden.
    this.cy.resize();
    if (request !== 'all' && 'viewport' in request) {
      this.pendingFit = null;
      this.cy.viewport(request.viewport);
      return;
    }
    let target: NodeCollection = this.cy.nodes();
    if (request !== 'all') {
      const wanted = new Set(request.ids);
      target = this.cy.nodes().filter((n) => wanted.has(n.id()));
      // Nodes still waiting for the worker: fit when they have their places.
      if (target.length < request.ids.length && this.isArranging(request.ids)) return;
      if (target.empty()) target = this.cy.nodes();
    }
    this.pendingFit = null;
    const { fitPadding, fitMaxZoom } = defaults.canvas;
    this.cy.fit(target, fitPadding);
    if (request !== 'all' && this.cy.zoom() > fitMaxZoom) this.cy.zoom({ level: fitMaxZoom, renderedPosition: centre(target) });
    this.fits.fitted(this.cy, request);
  }

  /** What the canvas holds, for the marks the benchmark and the browser tests read. */
  private onCanvas(): { nodes: number; edges: number } {
    return { nodes: this.cy.nodes().length, edges: this.cy.edges().length };
  }

  private isArranging(ids: string[]): boolean {
    const wanted = new Set(ids);
    return this.elements.some((e) => e.group === 'nodes' && wanted.has(e.data.id!) && this.cy.getElementById(e.data.id!).empty());
  }

  private hover(node: NodeSingular, on: boolean): void {
    node.toggleClass('hovered', on);
    node.neighborhood().toggleClass('neighbour', on);
    this.scheduleLabels();
  }

  /** Labels follow the zoom: recomputed once per frame at most (not before a large view's edges). */
  private scheduleLabels(): void {
    if (this.labelFrame || this.destroyed || this.edgesWaiting) return;
    this.labelFrame = requestAnimationFrame(() => {
      this.labelFrame = 0;
      // Asked for before a large view's nodes-first frame: its edges' frame does it instead.
      if (!this.destroyed && !this.edgesWaiting) this.updateLabels();
    });
  }

  private updateLabels(): void {
    if (!this.hasSize()) return;
    showLabels(this.cy, this.container.clientWidth, this.container.clientHeight, this.styledLarge);
  }
}

/**
 * Runs `then` once what was just drawn is on screen: Cytoscape draws in its own animation frame,
 * and two frames later the graph is there, with either renderer (the WebGL one emits no 'render'
 * event).
 */
function afterPaint(then: () => void): void {
  requestAnimationFrame(() => requestAnimationFrame(then));
}

function centre(nodes: NodeCollection): { x: number; y: number } {
  const box = nodes.renderedBoundingBox();
  return { x: (box.x1 + box.x2) / 2, y: (box.y1 + box.y2) / 2 };
}
