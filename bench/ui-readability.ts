/**
 * How readable the seed's first view is and how fast filters answer, for `npm run bench:ui`:
 * - label overlap: pairs of label boxes (Cytoscape's own boxes) that overlap on the first view,
 *   with the layout and labels the explorer draws now ("after"), and with the first view it drew
 *   before issue 14 ("before", old-first-view.ts: one round ForceAtlas2 blob, every node
 *   labelled, fitted to the whole network), on the same nodes and the same canvas;
 * - the time from a click to the next painted frame for three relationship-kind filters in a
 *   row (only "works for", then "spoke at" and "organised" ticked), target under 300 ms each.
 */
import type { Page } from 'playwright-core';
import { OLD_FIRST_VIEW, oldFirstViewPositions } from './old-first-view.js';
import { defaults } from '../ui/src/lib/graph/defaults.js';
import type { Positions } from '../ui/src/lib/graph/layout-start.js';

export interface Labels {
  /** Labels drawn in the viewport (at least `minFontPx` on screen). */
  labels: number;
  /** Pairs of them whose boxes overlap. */
  pairs: number;
  /** Smallest and largest label on screen, in pixels. */
  fontPx: [number, number];
  zoom: number;
}

export interface Readability {
  after: Labels;
  before: Labels;
  relFilterMs: number[];
}

type Cy = import('cytoscape').Core;

/** The labels on the canvas now: drawn ones only, as Cytoscape measures their boxes. */
function labelsOnCanvas(page: Page, minFontPx: number): Promise<Labels> {
  return page.evaluate((minPx) => {
    const cy = (window as unknown as { speanCy: Cy }).speanCy;
    const zoom = cy.zoom();
    const extent = cy.extent();
    const drawn = cy
      .nodes()
      .filter((n) => String(n.style('label')) !== '' && parseFloat(n.style('font-size')) * zoom >= minPx)
      .map((n) => ({ px: parseFloat(n.style('font-size')) * zoom, box: n.boundingBox({ includeNodes: false, includeEdges: false, includeLabels: true }) }))
      .filter(({ box: b }) => b.w > 0 && b.x2 > extent.x1 && b.x1 < extent.x2 && b.y2 > extent.y1 && b.y1 < extent.y2);
    let pairs = 0;
    for (let i = 0; i < drawn.length; i++)
      for (let j = i + 1; j < drawn.length; j++) {
        const a = drawn[i]!.box;
        const b = drawn[j]!.box;
        if (a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2) pairs++;
      }
    const px = drawn.map((d) => Math.round(d.px * 10) / 10);
    return { labels: drawn.length, pairs, fontPx: [Math.min(...px), Math.max(...px)] as [number, number], zoom: Math.round(zoom * 1000) / 1000 };
  }, minFontPx);
}

/**
 * Redraws the canvas as the old first view (positions, fit, a label on every node at its own
 * size) and counts its labels. The page is left that way: measure it last. The docs' "before"
 * picture is taken from it too (docs/screenshots.ts).
 */
export async function drawOldFirstView(page: Page): Promise<Labels> {
  const input = await page.evaluate(() => {
    const cy = (window as unknown as { speanCy: Cy }).speanCy;
    return {
      nodes: cy.nodes().map((n) => ({ id: n.id(), size: Number(n.data('size')) })),
      edges: cy.edges().map((e) => ({ source: e.source().id(), target: e.target().id() })),
    };
  });
  const positions = oldFirstViewPositions(input);
  await page.evaluate(
    ({ at, padding, maxWidth }: { at: Positions; padding: number; maxWidth: number }) => {
      const cy = (window as unknown as { speanCy: Cy }).speanCy;
      cy.batch(() => {
        cy.elements().removeClass('faded on-path');
        cy.nodes().forEach((n) => {
          n.position(at[n.id()]!);
          // A style bypass outlasts the canvas's own label picking, which follows every zoom.
          n.style({ label: n.data('label'), 'font-size': n.data('fontSize'), 'text-wrap': 'ellipsis', 'text-max-width': `${maxWidth}px` });
        });
      });
      cy.fit(undefined, padding);
    },
    { at: positions, padding: OLD_FIRST_VIEW.fitPadding, maxWidth: OLD_FIRST_VIEW.maxWidthPx },
  );
  return labelsOnCanvas(page, OLD_FIRST_VIEW.minFontPx);
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
  const after = await labelsOnCanvas(page, defaults.labels.minFontPx);
  await page.locator('.rels summary').click();
  const relFilterMs = [
    await timedClick(page, 'button[aria-label="Only works for"]'),
    await timedClick(page, '.rels input[type=checkbox][data-label="spoke at"]'),
    await timedClick(page, '.rels input[type=checkbox][data-label="organised"]'),
  ];
  // Back to every relationship kind, so that the old view is drawn on the same network.
  await page.goto(page.url().replace(/\?.*$/, ''));
  await page.waitForFunction(() => performance.getEntriesByName('spean:graph-rendered').length > 0);
  await page.waitForFunction(() => document.querySelector('.canvas')?.getAttribute('data-arranging') === 'false');
  const before = await drawOldFirstView(page);
  return { after, before, relFilterMs };
}
