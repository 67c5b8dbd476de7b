/**
 * `npm run bench:ui`: the explorer UI in headless chromium (software rendering: no GPU here).
 *
 * - The seed network: time from navigation to the first drawn graph, and layout time, against a
 *   baseline page in the same run that fetches the same data and draws it with bare Cytoscape and
 *   a grid layout (the floor: network, parsing, one render).
 * - Synthetic views of 1k, 5k and 20k nodes (the most connected of the generated 20k/100k
 *   network): first frame, layout time, the longest main-thread task while loading (layout runs
 *   in a worker and must not block), and frames per second during scripted pan and zoom, with
 *   Cytoscape's canvas renderer and its WebGL renderer in the same run.
 * - The production bundle, gzipped.
 */
import { gzipSync } from 'node:zlib';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import { ensureChromium, launchChromium } from '../test/support/browser.js';
import { SCALES } from './network-generator.js';
import { ensureGenerated } from './generate.js';
import { openBenchDatabase, writeResults } from './support.js';
import { seedDatabase, serveExplorer, UI_DIR } from './ui-support.js';
import { measureReadability } from './ui-readability.js';

const RUNS = Number(process.env.BENCH_UI_RUNS ?? 5);
const PAN_ZOOM_MS = Number(process.env.BENCH_UI_PAN_MS ?? 4_000);
const VIEWPORT = { width: 1400, height: 900 };
/** A folder to save a screenshot of each synthetic view in, once laid out (to look at). */
const SCREENSHOTS = process.env.BENCH_UI_SCREENSHOTS;

interface Load {
  /** From navigation to the API's answer parsed. */
  dataMs: number;
  /** From navigation to the first drawn graph. */
  firstFrameMs: number;
  /** What that first frame held: a large view's holds its nodes only. */
  firstFrame: { nodes: number; edges: number } | null;
  /** From navigation to the frame with a large view's edges (null where they came in the first). */
  edgesMs: number | null;
  layoutMs: number | null;
  longestTaskMs: number;
  nodes: number;
  edges: number;
}

/** Loads a page and waits until the graph is drawn and arranged. */
async function loadPage(browser: Browser, url: string, ours: boolean): Promise<{ page: Page; load: Load }> {
  const page = await browser.newPage({ viewport: VIEWPORT });
  await page.addInitScript(() => {
    const tasks: number[] = ((window as unknown as { longTasks: number[] }).longTasks = []);
    new PerformanceObserver((list) => list.getEntries().forEach((e) => tasks.push(e.duration))).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(url);
  await page.waitForFunction(() => performance.getEntriesByName('spean:graph-rendered').length > 0, null, { timeout: 600_000 });
  if (ours) await page.waitForFunction(() => document.querySelector('.canvas')?.getAttribute('data-arranging') === 'false', null, { timeout: 600_000 });
  const load = await page.evaluate((isOurs) => {
    const first = performance.getEntriesByName('spean:graph-rendered')[0] as PerformanceMark;
    const rendered = first.startTime;
    const edges = performance.getEntriesByName('spean:edges-rendered')[0]?.startTime;
    const data = performance.getEntriesByName('spean:data')[0]?.startTime ?? NaN;
    const layouts = performance.getEntriesByName('spean:layout');
    const cy = isOurs ? (window as unknown as { speanCy: import('cytoscape').Core }).speanCy : null;
    return {
      dataMs: Math.round(data),
      firstFrameMs: Math.round(rendered),
      firstFrame: (first.detail as { nodes: number; edges: number } | null) ?? null,
      edgesMs: edges === undefined ? null : Math.round(edges),
      layoutMs: layouts.length ? Math.round(layouts[layouts.length - 1]!.duration) : null,
      longestTaskMs: Math.round(Math.max(0, ...(window as unknown as { longTasks: number[] }).longTasks)),
      nodes: cy ? cy.nodes().length : 0,
      edges: cy ? cy.edges().length : 0,
    };
  }, ours);
  return { page, load };
}

/**
 * Frames per second while a person pans (drags the canvas in a circle) and zooms (mouse wheel),
 * through real input events, so that Cytoscape's interaction paths run as they do for people.
 * Frames are counted by requestAnimationFrame in the page.
 */
async function panAndZoom(page: Page, ms: number): Promise<number> {
  const box = (await page.locator('.canvas').boundingBox())!;
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  await page.evaluate('window.frames_ = 0; (function count() { window.frames_++; requestAnimationFrame(count); })()');
  const start = Date.now();
  await page.mouse.move(cx, cy);
  let step = 0;
  while (Date.now() - start < ms) {
    await page.mouse.down();
    for (let i = 0; i < 12; i++, step++) await page.mouse.move(cx + 150 * Math.cos(step / 6), cy + 100 * Math.sin(step / 6), { steps: 2 });
    await page.mouse.up();
    for (let i = 0; i < 6; i++) await page.mouse.wheel(0, (step % 24 < 12 ? -1 : 1) * 120);
  }
  const frames = (await page.evaluate('window.frames_')) as number;
  return Math.round((frames / ((Date.now() - start) / 1000)) * 10) / 10;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function bundleSizes() {
  const assets = path.join(UI_DIR, 'assets');
  const files = readdirSync(assets).filter((f) => f.endsWith('.js'));
  const gz = (f: string) => gzipSync(readFileSync(path.join(assets, f))).length;
  const page = files.filter((f) => !f.startsWith('layout-worker')).reduce((sum, f) => sum + gz(f), 0);
  const worker = files.filter((f) => f.startsWith('layout-worker')).reduce((sum, f) => sum + gz(f), 0);
  return { pageKiB: Math.round(page / 1024), workerKiB: Math.round(worker / 1024), totalKiB: Math.round((page + worker) / 1024) };
}

ensureChromium();
await build({ configFile: 'ui/vite.config.ts', logLevel: 'warn' });
const bundle = bundleSizes();
console.log(`bundle (gzip): page ${bundle.pageKiB} KiB, layout worker ${bundle.workerKiB} KiB, total ${bundle.totalKiB} KiB`);

const [seed, synthetic] = await Promise.all([seedDatabase(), openBenchDatabase(2048, 1024)]);
if (process.env.BENCH_UI_LIMITS !== '') await ensureGenerated(synthetic.db, SCALES.small!);
const [seedApp, syntheticApp] = await Promise.all([serveExplorer(seed.db), serveExplorer(synthetic.db)]);
const browser = await launchChromium();

try {
  // The seed network, several runs each; the first load of each warms the server's caches.
  const seedRuns = { spean: [] as Load[], baseline: [] as Load[] };
  for (let i = 0; i <= RUNS; i++) {
    for (const [name, url, ours] of [
      ['spean', `${seedApp.url}/`, true],
      ['baseline', `${seedApp.url}/bench/baseline.html`, false],
    ] as const) {
      const { page, load } = await loadPage(browser, url, ours);
      if (i > 0) seedRuns[name].push(load);
      await page.close();
    }
  }
  const seedResult = {
    nodes: seedRuns.spean[0]!.nodes,
    edges: seedRuns.spean[0]!.edges,
    dataMs: median(seedRuns.spean.map((r) => r.dataMs)),
    firstFrameMs: median(seedRuns.spean.map((r) => r.firstFrameMs)),
    baselineDataMs: median(seedRuns.baseline.map((r) => r.dataMs)),
    baselineFirstFrameMs: median(seedRuns.baseline.map((r) => r.firstFrameMs)),
    layoutMs: median(seedRuns.spean.map((r) => r.layoutMs ?? 0)),
    longestTaskMs: Math.max(...seedRuns.spean.map((r) => r.longestTaskMs)),
    budgetMs: 1500,
  };
  const { page: seedPage } = await loadPage(browser, `${seedApp.url}/`, true);
  const readability = await measureReadability(seedPage);
  await seedPage.close();
  const { after, before, relFilterMs } = readability;
  console.log(
    `seed first view: ${after.pairs} overlapping label pairs among ${after.labels} labels drawn (${after.fontPx.join('–')} px, zoom ${after.zoom}); before (the old first view): ${before.pairs} pairs among ${before.labels} labels (${before.fontPx.join('–')} px, zoom ${before.zoom}); three relationship-kind filters: ${relFilterMs.join(', ')} ms (target < 300 each)`,
  );
  console.log(
    `seed network (${seedResult.nodes} nodes, ${seedResult.edges} edges): on screen in ${seedResult.firstFrameMs} ms, data at ${seedResult.dataMs} ms (baseline ${seedResult.baselineFirstFrameMs} ms, data at ${seedResult.baselineDataMs} ms; budget 1500), layout ${seedResult.layoutMs} ms in the worker, longest main-thread task ${seedResult.longestTaskMs} ms`,
  );

  const views = [];
  // BENCH_UI_LIMITS= (empty) measures the seed network only.
  const limits = (process.env.BENCH_UI_LIMITS ?? '1000,5000,20000').split(',').filter(Boolean).map(Number);
  for (const limit of limits) {
    const { page: basePage, load: baseline } = await loadPage(browser, `${syntheticApp.url}/bench/baseline.html?limit=${limit}`, false);
    await basePage.close();
    const row: Record<string, unknown> = { limit, baselineDataMs: baseline.dataMs, baselineFirstFrameMs: baseline.firstFrameMs };
    for (const renderer of ['canvas', 'webgl'] as const) {
      const { page, load } = await loadPage(browser, `${syntheticApp.url}/?limit=${limit}${renderer === 'webgl' ? '&renderer=webgl' : ''}`, true);
      if (SCREENSHOTS) await page.screenshot({ path: path.join(SCREENSHOTS, `${limit}-${renderer}.png`) });
      const fps = await panAndZoom(page, PAN_ZOOM_MS);
      await page.close();
      row.nodes = load.nodes;
      row.edges = load.edges;
      row[renderer] = {
        dataMs: load.dataMs,
        firstFrameMs: load.firstFrameMs,
        afterDataMs: load.firstFrameMs - load.dataMs,
        firstFrame: load.firstFrame,
        edgesAfterDataMs: load.edgesMs === null ? null : load.edgesMs - load.dataMs,
        layoutMs: load.layoutMs,
        longestTaskMs: load.longestTaskMs,
        fps,
      };
      const firstHeld = load.firstFrame ? ` (${load.firstFrame.nodes} nodes, ${load.firstFrame.edges} edges)` : '';
      const edgesLater = load.edgesMs === null ? '' : `, edges ${load.edgesMs - load.dataMs} ms after the data`;
      console.log(
        `${load.nodes} nodes / ${load.edges} edges, ${renderer}: first frame${firstHeld} ${load.firstFrameMs} ms, ${load.firstFrameMs - load.dataMs} ms after the data${edgesLater} (bare Cytoscape: ${baseline.firstFrameMs} ms, ${baseline.firstFrameMs - baseline.dataMs} ms after the data), layout ${load.layoutMs} ms in the worker, longest task ${load.longestTaskMs} ms, ${fps} fps panning and zooming`,
      );
    }
    views.push(row);
  }
  writeResults('ui', { bundle, seed: seedResult, readability, views, panZoomMs: PAN_ZOOM_MS, runs: RUNS });
} finally {
  await browser.close();
  await Promise.all([seedApp.close(), syntheticApp.close()]);
  await Promise.all([seed.close(), synthetic.close()]);
}
