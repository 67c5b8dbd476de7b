/**
 * Browser tests against the real app: the production UI build served by the app under test, on
 * loopback, with the seeded Neo4j behind it, in Debian's chromium.
 */
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { expect, inject } from 'vitest';
import { startTestApp, type TestApp } from './app.js';
import { launchChromium } from './browser.js';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');

/** The app serving the built UI and Debian's chromium, started side by side for a browser test file. */
export function startExplorerInChromium(): Promise<[TestApp, Browser]> {
  return Promise.all([startTestApp(undefined, { uiDir: inject('uiDir') }), launchChromium()]);
}

/** Closes what startExplorerInChromium started; either is missing when start-up failed. */
export async function closeExplorerInChromium(app: TestApp | undefined, browser: Browser | undefined): Promise<void> {
  await browser?.close();
  await app?.close();
}

/** Opens a page of the explorer and waits until the graph is on screen. */
export async function openExplorer(browser: Browser, url: string, viewport = { width: 1400, height: 900 }): Promise<Page> {
  // bypassCSP: axe is injected as an inline script, which the page's own CSP rightly refuses.
  const page = await browser.newPage({ viewport, bypassCSP: true });
  page.on('pageerror', (error) => {
    throw error;
  });
  await page.goto(url);
  await waitForGraph(page);
  return page;
}

/**
 * Waits until the bundled font has loaded and the labels the canvas shows stay the same between
 * two looks a quarter second apart: a loaded machine may still be fitting or relabelling.
 */
export async function labelsSettled(page: Page): Promise<void> {
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
  const look = () =>
    page.evaluate(() => JSON.stringify((window as any).speanCy.nodes('.labelled').map((n: any) => [n.id(), n.style('label'), n.renderedPosition()])));
  let last = await look();
  for (let tries = 0; tries < 40; tries++) {
    await page.waitForTimeout(250);
    const now = await look();
    if (now === last) return;
    last = now;
  }
  throw new Error('the labels kept changing for 10 s');
}

export async function waitForGraph(page: Page): Promise<void> {
  await page.waitForFunction(() => performance.getEntriesByName('spean:graph-rendered').length > 0, null, { timeout: 20_000 });
  await page.waitForFunction(() => document.querySelector('.canvas')?.getAttribute('data-arranging') === 'false');
}

/** Ids and positions of the nodes drawn on the canvas (visible ones only). */
export function canvasNodes(page: Page): Promise<{ id: string; x: number; y: number }[]> {
  return page.evaluate(() => {
    const cy = (window as unknown as { speanCy: import('cytoscape').Core }).speanCy;
    return cy.nodes(':visible').map((n) => ({ id: n.id(), ...n.position() }));
  });
}

/** Runs axe-core on the page and fails on any serious or critical WCAG 2.1 A/AA violation. */
export async function expectAccessible(page: Page, context: string): Promise<void> {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: typeof import('axe-core') }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }));
  });
  expect(violations, `axe on ${context}`).toEqual([]);
}

/** Ids of these classes on the canvas. */
export const withClass = (page: Page, selector: string) =>
  page.evaluate(
    (s) =>
      (window as any).speanCy
        .$(s)
        .map((e: any) => e.id())
        .sort() as string[],
    selector,
  );

/** Ids of the given nodes whose centre is outside the canvas's viewport. */
export const offScreen = (page: Page, ids: string[]) =>
  page.evaluate((wanted) => {
    const cy = (window as any).speanCy;
    const box = cy.extent();
    return wanted.filter((id: string) => {
      const n = cy.getElementById(id);
      if (n.empty()) return true;
      const p = n.position();
      return p.x < box.x1 || p.x > box.x2 || p.y < box.y1 || p.y > box.y2;
    });
  }, ids);
