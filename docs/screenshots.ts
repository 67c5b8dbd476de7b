/**
 * `npm run docs:screenshots`: the pictures in docs/ui.md, taken from the production build with
 * the seed network in Debian's chromium, so that they always show the explorer as it is.
 */
import { build } from 'vite';
import type { Page } from 'playwright-core';
import { ensureChromium, launchChromium } from '../test/support/browser.js';
import { seedDatabase, serveExplorer } from '../bench/ui-support.js';
import { drawOldFirstView } from '../bench/ui-readability.js';

/** What to do on the page before the picture, when the link alone does not show it. */
const ACTIONS: Record<string, (page: Page) => Promise<void>> = {
  focus: (page) => page.getByRole('button', { name: 'Focus' }).click(),
  // The first view as it was before issue 14, redrawn as bench:ui measures it.
  'first-view-before': async (page) => {
    await page.waitForFunction(() => document.querySelector('.canvas')?.getAttribute('data-arranging') === 'false');
    await page.waitForTimeout(300);
    await drawOldFirstView(page);
  },
};

const VIEWS: [file: string, query: string, ready: string][] = [
  ['first-view', '', '.canvas'],
  ['first-view-before', '', '.canvas'],
  ['graph', '?node=odc', '#node-title'],
  ['focus', '?node=odc', '#node-title'],
  ['path', '?tab=path&from=thy-try&to=dongpo-deng', 'ol.sentences'],
  ['gaps', '?tab=gaps', '#panel-gaps svg.sankey'],
  ['metrics', '?tab=metrics&size=pagerank&colour=community', '#panel-metrics table'],
  ['dashboard', '?tab=dashboard', '#panel-dashboard .cards'],
  ['table', '?tab=table&node=thy-try', '#panel-table table'],
  ['khmer', '?lang=km&colour=community&size=pagerank', '.canvas'],
  ['time-2024', '?asOf=2024-12-31', '.canvas'],
  ['changes', '?tab=changes&fromYear=2022&toYear=2025', '#panel-changes .compare'],
];
/** Phone-sized (390 px) pictures. */
const NARROW: [file: string, query: string, ready: string][] = [
  ['narrow', '?node=odc', '#node-title'],
  ['changes-narrow', '?tab=changes&fromYear=2022&toYear=2025', '#panel-changes .compare'],
];

/** `npm run docs:screenshots -- gaps narrow` retakes only these pictures; no names, all of them. */
const only = new Set(process.argv.slice(2));
const wanted = ([file]: [string, string, string]) => !only.size || only.has(file);

ensureChromium();
await build({ configFile: 'ui/vite.config.ts', logLevel: 'warn' });
const seed = await seedDatabase();
const app = await serveExplorer(seed.db);
const browser = await launchChromium();
try {
  for (const [file, query, ready] of VIEWS.filter(wanted)) {
    const page = await browser.newPage({ viewport: { width: 1400, height: 860 } });
    await page.goto(`${app.url}/${query}`);
    await page.waitForFunction(() => performance.getEntriesByName('spean:graph-rendered').length > 0, null, { timeout: 60_000 });
    await page.locator(ready).first().waitFor();
    await ACTIONS[file]?.(page);
    await page.waitForFunction(() => document.querySelector('.canvas')?.getAttribute('data-arranging') === 'false');
    await page.waitForTimeout(600);
    await page.screenshot({ path: `docs/screenshots/${file}.png` });
    console.log(`docs/screenshots/${file}.png`);
    await page.close();
  }
  for (const [file, query, ready] of NARROW.filter(wanted)) {
    const narrow = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await narrow.goto(`${app.url}/${query}`);
    await narrow.locator(ready).first().waitFor();
    await narrow.waitForTimeout(800);
    await narrow.screenshot({ path: `docs/screenshots/${file}.png` });
    console.log(`docs/screenshots/${file}.png`);
    await narrow.close();
  }
} finally {
  await browser.close();
  await app.close();
  await seed.close();
}
