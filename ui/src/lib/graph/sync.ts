/**
 * Brings a Cytoscape instance in line with a list of element definitions: removes what is gone,
 * updates what changed, adds what is new. Nodes without a known position (and their edges) wait
 * outside the canvas until the layout worker has placed them: nothing flashes at the origin, and
 * Cytoscape styles each element once.
 */
import type { Core, ElementDefinition } from 'cytoscape';
import type { Positions } from './layout-core.js';

export interface SyncResult {
  added: number;
  removed: number;
  /** New nodes that need a position, and the edges that wait with them. */
  pending: ElementDefinition[];
}

export interface SyncOptions {
  /** False leaves new edges out (a large view draws its nodes first; addMissingEdges adds them). */
  edges?: boolean;
}

export function syncElements(cy: Core, elements: ElementDefinition[], positions: Positions, { edges = true }: SyncOptions = {}): SyncResult {
  const wanted = new Set(elements.map((e) => e.data.id!));
  const result: SyncResult = { added: 0, removed: 0, pending: [] };
  cy.batch(() => {
    const gone = cy.elements().filter((ele) => !wanted.has(ele.id()));
    result.removed = gone.length;
    cy.remove(gone);
    const waiting = new Set<string>();
    const toAdd: ElementDefinition[] = [];
    for (const def of elements) {
      const existing = cy.getElementById(def.data.id!);
      if (existing.nonempty()) {
        existing.data(def.data);
        existing.classes(def.classes ?? '');
      } else if (def.group === 'nodes') {
        const at = positions[def.data.id!];
        if (at) toAdd.push({ ...def, position: { ...at } });
        else {
          waiting.add(def.data.id!);
          result.pending.push(def);
        }
      } else if (waiting.has(def.data.source) || waiting.has(def.data.target)) result.pending.push(def);
      else if (edges) toAdd.push(def);
    }
    result.added = toAdd.length;
    // Nodes first, so that edges find their ends.
    cy.add(toAdd.filter((d) => d.group === 'nodes'));
    cy.add(toAdd.filter((d) => d.group === 'edges'));
  });
  return result;
}

/** Adds, in one batch, the edges of `elements` that are not on the canvas but whose ends are. */
export function addMissingEdges(cy: Core, elements: ElementDefinition[]): number {
  const missing = elements.filter(
    (d) =>
      d.group === 'edges' &&
      cy.getElementById(d.data.id!).empty() &&
      cy.getElementById(d.data.source).nonempty() &&
      cy.getElementById(d.data.target).nonempty(),
  );
  // One batch: Cytoscape styles the new edges once, not once per edge added.
  if (missing.length) cy.batch(() => cy.add(missing));
  return missing.length;
}

/** Moves the nodes on the canvas to their positions. */
export function placeNodes(cy: Core, positions: Positions): void {
  cy.batch(() => {
    cy.nodes().forEach((node) => {
      const p = positions[node.id()];
      if (p) node.position({ ...p });
    });
  });
}

/** Every node's current position, rounded (what a saved view keeps). */
export function currentPositions(cy: Core): Positions {
  const positions: Positions = {};
  cy.nodes().forEach((node) => {
    const p = node.position();
    positions[node.id()] = { x: Math.round(p.x * 10) / 10, y: Math.round(p.y * 10) / 10 };
  });
  return positions;
}

/** Highlights a set of nodes and edges (a path) and fades the rest; an empty set clears it. */
export function highlight(cy: Core, ids: ReadonlySet<string>): void {
  const marked = cy.elements('.on-path, .faded');
  // Touching every element restyles every element: only when there is something to change.
  if (!ids.size && marked.empty()) return;
  cy.batch(() => {
    marked.removeClass('on-path faded');
    if (!ids.size) return;
    cy.elements().forEach((ele) => {
      ele.addClass(ids.has(ele.id()) ? 'on-path' : 'faded');
    });
  });
}

/**
 * The nodes and edges a layout works on: all of the view's elements, those on the canvas and those
 * waiting to join it (or edges a nodes-first frame left out), read from their definitions.
 */
export function layoutGraph(elements: ElementDefinition[]) {
  const nodes: { id: string; size: number }[] = [];
  const edges: { source: string; target: string }[] = [];
  for (const d of elements) {
    if (d.group === 'nodes') nodes.push({ id: d.data.id!, size: Number(d.data.size) });
    else edges.push({ source: d.data.source, target: d.data.target });
  }
  return { nodes, edges };
}
