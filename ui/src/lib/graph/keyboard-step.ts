/** Arrow-key stepping through the graph: from one node to the neighbour that lies in a direction. */
import type { Core, NodeSingular } from 'cytoscape';

/**
 * From `from` (or the most linked node when there is none), the neighbour that lies most in the
 * direction (dx, dy) on screen. Undefined when the start has no neighbour.
 */
export function neighbourInDirection(cy: Core, from: string | undefined, dx: number, dy: number): NodeSingular | undefined {
  const start = from ? cy.getElementById(from) : cy.collection();
  let next: NodeSingular | undefined;
  if (start.empty()) next = cy.nodes().max((n) => n.degree(false)).ele as NodeSingular | undefined;
  else {
    const at = start.position();
    let best = -Infinity;
    start.neighborhood('node').forEach((n) => {
      const p = n.position();
      const length = Math.hypot(p.x - at.x, p.y - at.y) || 1;
      // Most in the direction first; among those, the nearest.
      const score = ((p.x - at.x) * dx + (p.y - at.y) * dy) / length - length / 10_000;
      if (score > best) {
        best = score;
        next = n;
      }
    });
  }
  return next;
}
