/**
 * What the explorer has on the canvas, and the steps that changed it. Each step (load, expand,
 * hide, collapse …) produces a new immutable state, so undo and redo are moves along a list of
 * states, and a saved view is a state written down.
 */
import type { GraphView, ViewEdge, ViewNode } from '../api.js';

export interface ExplorationState {
  readonly nodes: ReadonlyMap<string, ViewNode>;
  readonly edges: ReadonlyMap<string, ViewEdge>;
  readonly hidden: ReadonlySet<string>;
  readonly pinned: ReadonlySet<string>;
  /** Hubs whose leaves are drawn as one group node. */
  readonly collapsed: ReadonlySet<string>;
}

export const EMPTY_STATE: ExplorationState = { nodes: new Map(), edges: new Map(), hidden: new Set(), pinned: new Set(), collapsed: new Set() };

export function stateOf(view: Pick<GraphView, 'nodes' | 'edges'>, rest: Partial<Omit<ExplorationState, 'nodes' | 'edges'>> = {}): ExplorationState {
  return {
    ...EMPTY_STATE,
    ...rest,
    nodes: new Map(view.nodes.map((n) => [n.id, n])),
    edges: new Map(view.edges.map((e) => [e.id, e])),
  };
}

/** Adds a view's nodes and edges (an expansion, a path); what was hidden and is added again shows. */
export function withView(state: ExplorationState, view: Pick<GraphView, 'nodes' | 'edges'>): ExplorationState {
  const nodes = new Map(state.nodes);
  const edges = new Map(state.edges);
  const hidden = new Set(state.hidden);
  for (const n of view.nodes) {
    nodes.set(n.id, n);
    hidden.delete(n.id);
  }
  for (const e of view.edges) edges.set(e.id, e);
  return { ...state, nodes, edges, hidden };
}

const toggled = (set: ReadonlySet<string>, id: string, on: boolean) => {
  const next = new Set(set);
  if (on) next.add(id);
  else next.delete(id);
  return next;
};

export const hide = (state: ExplorationState, ids: string[]): ExplorationState => ({ ...state, hidden: new Set([...state.hidden, ...ids]) });
export const showAll = (state: ExplorationState): ExplorationState => ({ ...state, hidden: new Set() });
export const pin = (state: ExplorationState, id: string, on: boolean): ExplorationState => ({ ...state, pinned: toggled(state.pinned, id, on) });
export const collapse = (state: ExplorationState, hub: string, on: boolean): ExplorationState => ({
  ...state,
  collapsed: toggled(state.collapsed, hub, on),
});

/** A list of states with a cursor: every step pushes, undo and redo move. */
export class History<T> {
  private states: T[];
  private cursor = 0;

  constructor(
    initial: T,
    private readonly limit = 100,
  ) {
    this.states = [initial];
  }

  get current(): T {
    return this.states[this.cursor]!;
  }
  get canUndo(): boolean {
    return this.cursor > 0;
  }
  get canRedo(): boolean {
    return this.cursor < this.states.length - 1;
  }

  push(state: T): T {
    this.states = [...this.states.slice(Math.max(0, this.cursor + 1 - this.limit), this.cursor + 1), state];
    this.cursor = this.states.length - 1;
    return state;
  }
  undo(): T {
    if (this.canUndo) this.cursor--;
    return this.current;
  }
  redo(): T {
    if (this.canRedo) this.cursor++;
    return this.current;
  }
}
