/**
 * How readable the seed's first view is and how fast filters answer, for `npm run bench:ui`:
 * - label overlap: pairs of label boxes (Cytoscape's own boxes) that overlap on the first view,
 *   with the labels the explorer draws ("after"), and with the rule it had before, every label
 *   drawn once its text is 8 px or larger on screen ("before"), on the same layout;
 * - the time from a click to the next painted frame for three relationship-kind filters in a
 *   row (only "works for", then "spoke at" and "organised" ticked), target under 300 ms each.
 */
import type { Page } from 'playwright-core';

export interface Readability {
  labelsDrawn: number;
  labelOverlapAfter: number;
  labelsBefore: number;
  labelOverlapBefore: number;
  relFilterMs: number[];
}

/** Pairs of overlapping label boxes on the canvas now; `everyLabel` draws all as the old rule did. */
function labelOverlap(page: Page, everyLabel: boolean): Promise<{ labels: number; pairs: number }> {
  return page.evaluate((all) => {
    const cy = (window as unknown as { speanCy: import('cytoscape').Core }).speanCy;
    const zoom = cy.zoom();
    const extent = cy.extent();
    const before = cy.nodes('.labelled');
    const sizes = new Map(cy.nodes().map((n) => [n.id(), n.data('labelSize')]));
    // The old rule: every node labelled at its own font size, drawn once that is 8 px on screen.
    if (all) cy.nodes().forEach((n) => void n.data('labelSize', n.data('fontSize')).addClass('labelled'));
    const boxes = cy
      .nodes('.labelled')
      .filter((n) => parseFloat(n.style('font-size')) * zoom >= 8)
      .map((n) => n.boundingBox({ includeNodes: false, includeEdges: false, includeLabels: true }))
      .filter((b) => b.w > 0 && b.x2 > extent.x1 && b.x1 < extent.x2 && b.y2 > extent.y1 && b.y1 < extent.y2);
    if (all) {
      cy.nodes()
        .removeClass('labelled')
        .forEach((n) => void n.data('labelSize', sizes.get(n.id())));
      before.addClass('labelled');
    }
    let pairs = 0;
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i]!;
        const b = boxes[j]!;
        if (a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2) pairs++;
      }
    return { labels: boxes.length, pairs };
  }, everyLabel);
}

/** Clicks (in the page, so that only the page's own work is timed) and waits for the painted frame. */
function timedClick(page: Page, selector: string): Promise<number> {
  return page.evaluate(async (s) => {
    const target = document.querySelector<HTMLElement>(s);
    if (!target) throw new Error(`nothing matches ${s}`);
    const started = performance.now();
    target.click();
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    return Math.round(performance.now() - started);
  }, selector);
}

export async function measureReadability(page: Page): Promise<Readability> {
  await page.waitForTimeout(300);
  const after = await labelOverlap(page, false);
  const before = await labelOverlap(page, true);
  await page.locator('.rels summary').click();
  const relFilterMs = [
    await timedClick(page, 'button[aria-label="Only works for"]'),
    await timedClick(page, '.rels input[type=checkbox][data-label="spoke at"]'),
    await timedClick(page, '.rels input[type=checkbox][data-label="organised"]'),
  ];
  return { labelsDrawn: after.labels, labelOverlapAfter: after.pairs, labelsBefore: before.labels, labelOverlapBefore: before.pairs, relFilterMs };
}
