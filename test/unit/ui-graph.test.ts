/** The UI's graph code (ui/src/lib/graph): plain TypeScript, tested without a browser. */
import cytoscape from 'cytoscape';
import { describe, expect, it } from 'vitest';
import type { ViewEdge, ViewNode } from '../../api/src/domain/views.js';
import { toElements, visibleGraph, GROUP_PREFIX } from '../../ui/src/lib/graph/elements.js';
import { collapse, hide, History, pin, stateOf, withView, type ExplorationState } from '../../ui/src/lib/graph/exploration.js';
import { computePositions } from '../../ui/src/lib/graph/layout-core.js';
import { addMissingEdges, currentPositions, highlight, layoutGraph, placeNodes, syncElements } from '../../ui/src/lib/graph/sync.js';
import { graphStyle } from '../../ui/src/lib/graph/style.js';
import { KIND_LOOK } from '../../ui/src/lib/graph/encoding.js';

const node = (id: string, kind: ViewNode['kind'] = 'organisation'): ViewNode => ({ id, kind, name: id.toUpperCase(), properties: {} });
const edge = (from: string, to: string, type = 'PARTNERS_WITH', confidence?: string): ViewEdge =>
  ({ id: `${from}|${type}|${to}|`, from, to, type, properties: confidence ? { confidence } : {} }) as ViewEdge;

/** A hub with four leaves, and a chain hub–a–b. */
const star = () =>
  stateOf({
    nodes: [node('hub'), node('l1', 'person'), node('l2', 'person'), node('l3', 'person'), node('l4', 'event'), node('a'), node('b')],
    edges: [edge('hub', 'l1'), edge('hub', 'l2'), edge('hub', 'l3'), edge('hub', 'l4'), edge('hub', 'a'), edge('a', 'b', 'FUNDS', 'inferred')],
  });
const draw = (state: ExplorationState, size: 'none' | 'degree' = 'degree') => toElements(state, { size, colour: 'kind', groupLabel: (n) => `${n} more` });

describe('elements', () => {
  it('draws every node by kind (colour and shape) and sizes by degree on screen', () => {
    const elements = draw(star());
    const hub = elements.find((e) => e.data.id === 'hub')!;
    const leaf = elements.find((e) => e.data.id === 'l1')!;
    expect(hub.data).toMatchObject({ colour: KIND_LOOK.organisation.colour, shape: 'round-rectangle', label: 'HUB' });
    expect(leaf.data).toMatchObject({ colour: KIND_LOOK.person.colour, shape: 'ellipse' });
    expect(hub.data.size).toBeGreaterThan(leaf.data.size);
    expect(elements.find((e) => e.data.id === 'a|FUNDS|b|')).toMatchObject({ classes: 'inferred', data: { source: 'a', target: 'b' } });
  });

  it('leaves hidden nodes and their edges out', () => {
    const shown = visibleGraph(hide(star(), ['a']));
    expect(shown.nodes.map((n) => n.id)).not.toContain('a');
    expect(shown.edges.some((e) => e.from === 'a' || e.to === 'a')).toBe(false);
  });

  it("folds a collapsed hub's leaves (not pinned ones, not ones with other links) into one group node", () => {
    const state = pin(collapse(star(), 'hub', true), 'l4', true);
    const shown = visibleGraph(state);
    expect(shown.groups.get(`${GROUP_PREFIX}hub`)).toEqual({ hub: 'hub', members: ['l1', 'l2', 'l3'] });
    expect(shown.nodes.map((n) => n.id).sort()).toEqual(['a', 'b', 'hub', 'l4']);
    const group = draw(state).find((e) => e.data.id === `${GROUP_PREFIX}hub`)!;
    expect(group.data.label).toBe('3 more');
    expect(draw(collapse(state, 'hub', false)).some((e) => e.data.id === `${GROUP_PREFIX}hub`)).toBe(false);
  });
});

describe('exploration history', () => {
  it('undoes and redoes steps, and a new step drops the redo branch', () => {
    const history = new History(star());
    history.push(hide(history.current, ['a']));
    history.push(withView(history.current, { nodes: [node('c')], edges: [edge('b', 'c')] }));
    expect(history.current.nodes.has('c')).toBe(true);
    expect(history.undo().nodes.has('c')).toBe(false);
    expect(history.undo().hidden.has('a')).toBe(false);
    expect(history.canUndo).toBe(false);
    expect(history.redo().hidden.has('a')).toBe(true);
    history.push(pin(history.current, 'b', true));
    expect(history.canRedo).toBe(false);
  });

  it('shows a hidden node again when a view brings it', () => {
    const state = withView(hide(star(), ['a']), { nodes: [node('a')], edges: [] });
    expect(state.hidden.has('a')).toBe(false);
  });
});

describe('layout', () => {
  const input = () => {
    const s = star();
    return {
      nodes: [...s.nodes.keys()].map((id) => ({ id, size: 24 })),
      edges: [...s.edges.values()].map((e) => ({ source: e.from, target: e.to })),
    };
  };

  it('places every node apart, deterministically', () => {
    const first = computePositions({ ...input(), fixed: {} });
    const again = computePositions({ ...input(), fixed: {} });
    expect(Object.keys(first).sort()).toEqual(['a', 'b', 'hub', 'l1', 'l2', 'l3', 'l4']);
    expect(again).toEqual(first);
    const points = Object.values(first);
    for (let i = 0; i < points.length; i++)
      for (let j = i + 1; j < points.length; j++) expect(Math.hypot(points[i]!.x - points[j]!.x, points[i]!.y - points[j]!.y)).toBeGreaterThan(20);
  });

  it('keeps fixed nodes where they are and puts a new node near its neighbour', () => {
    const placed = computePositions({ ...input(), fixed: {} });
    const grown = computePositions({
      nodes: [...input().nodes, { id: 'new', size: 24 }],
      edges: [...input().edges, { source: 'new', target: 'b' }],
      fixed: placed,
    });
    for (const [id, p] of Object.entries(placed)) expect(grown[id]).toEqual(p);
    const distance = (p: string, q: string) => Math.hypot(grown[p]!.x - grown[q]!.x, grown[p]!.y - grown[q]!.y);
    expect(distance('new', 'b')).toBeLessThan(Math.max(...['hub', 'l1', 'l2', 'l3'].map((id) => distance('new', id))));
  });
});

describe('sync with a Cytoscape instance (headless)', () => {
  it('adds, updates and removes elements; new nodes and their edges wait for a position', () => {
    const cy = cytoscape({ headless: true, styleEnabled: true, style: graphStyle() });
    const first = syncElements(cy, draw(star()), { hub: { x: 1, y: 2 } });
    expect(cy.nodes().map((n) => n.id())).toEqual(['hub']);
    expect(
      first.pending
        .filter((d) => d.group === 'nodes')
        .map((d) => d.data.id)
        .sort(),
    ).toEqual(['a', 'b', 'l1', 'l2', 'l3', 'l4']);
    expect(first.pending.filter((d) => d.group === 'edges')).toHaveLength(6);
    expect(cy.$id('hub').position()).toEqual({ x: 1, y: 2 });

    const placed = Object.fromEntries(['a', 'b', 'l1', 'l2', 'l3', 'l4'].map((id, i) => [id, { x: i * 10, y: 5 }]));
    expect(syncElements(cy, draw(star()), { hub: { x: 1, y: 2 }, ...placed }).pending).toEqual([]);
    expect(cy.elements().length).toBe(13);
    placeNodes(cy, { a: { x: 5, y: 6 } });
    expect(cy.$id('a').position()).toEqual({ x: 5, y: 6 });

    const second = syncElements(cy, draw(hide(star(), ['b']), 'none'), {});
    expect(second.removed).toBe(2); // b and its edge
    expect(cy.$id('b').empty()).toBe(true);
    expect(cy.$id('hub').data('size')).toBe(cy.$id('l1').data('size'));
    expect(currentPositions(cy).a).toEqual({ x: 5, y: 6 });

    highlight(cy, new Set(['hub', 'a', 'hub|PARTNERS_WITH|a|']));
    expect(
      cy
        .$('.on-path')
        .map((e) => e.id())
        .sort(),
    ).toEqual(['a', 'hub', 'hub|PARTNERS_WITH|a|']);
    expect(cy.$id('l1').hasClass('faded')).toBe(true);
    highlight(cy, new Set());
    expect(cy.$('.faded').length).toBe(0);
    cy.destroy();
  });
  it('draws the nodes first when asked, then adds the edges it left out in one go', () => {
    const cy = cytoscape({ headless: true, styleEnabled: true, style: graphStyle(true) });
    const elements = draw(star());
    const everywhere = Object.fromEntries(layoutGraph(elements).nodes.map((n, i) => [n.id, { x: i * 10, y: 0 }]));
    const first = syncElements(cy, elements, everywhere, { edges: false });
    expect([cy.nodes().length, cy.edges().length, first.pending.length]).toEqual([7, 0, 0]);
    expect(addMissingEdges(cy, elements)).toBe(6);
    expect(addMissingEdges(cy, elements)).toBe(0);
    expect(cy.elements().length).toBe(13);
    cy.destroy();
  });

  it('lays out every element of the view, whether on the canvas yet or not', () => {
    const { nodes, edges } = layoutGraph(draw(star()));
    expect(nodes.map((n) => n.id).sort()).toEqual(['a', 'b', 'hub', 'l1', 'l2', 'l3', 'l4']);
    expect(edges).toContainEqual({ source: 'a', target: 'b' });
    expect(edges).toHaveLength(6);
  });
});
