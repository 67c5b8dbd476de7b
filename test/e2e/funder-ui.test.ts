/**
 * The Funder view in Debian's chromium against the real app and the seeded Neo4j: who ODC should
 * meet and why, the DFAT money chain as a flow with its sources, reach charts with percentages,
 * the map with the seven provinces of the 2025 dialogue, and a page that scrolls without going
 * blank, on a desktop and a 390 px screen.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../support/app.js';
import { closeExplorerInChromium, expectAccessible, openExplorer, startExplorerInChromium } from '../support/ui.js';

let app: TestApp;
let browser: Browser;
const SHOTS = 'test/e2e/screenshots';

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  [app, browser] = await startExplorerInChromium();
});
afterAll(() => closeExplorerInChromium(app, browser));

async function openFunderView(viewport?: { width: number; height: number }, query = ''): Promise<Page> {
  const page = await openExplorer(browser, `${app.baseUrl}/?tab=gaps${query}`, viewport);
  await page.locator('#panel-gaps svg.sankey').waitFor();
  await page.locator('#panel-gaps svg.map circle').first().waitFor();
  return page;
}

describe('Funder view', { timeout: 120_000 }, () => {
  it('lists whom ODC should meet, each with its reasons in words', async () => {
    const page = await openFunderView(undefined, '&node=odc');
    const list = page.getByRole('list', { name: 'Suggestions for Open Development Cambodia Organization' });
    await list.waitFor();
    const items = list.locator(':scope > li');
    expect(await items.count()).toBeGreaterThan(2);
    const first = await items.first().innerText();
    expect(first).toMatch(/both (took part in|work on|work with|funded or supported by|active in) /);
    expect(first).toMatch(/shared by \d+/);
    // Another actor, picked in the search box.
    await page.getByRole('combobox', { name: 'Organisation or person' }).fill('Thy Try');
    await page.getByRole('option', { name: /Thy Try/ }).click();
    await page.getByRole('list', { name: 'Suggestions for Thy Try' }).waitFor();
    await page.screenshot({ path: `${SHOTS}/funder-meet.png` });
    await page.close();
  });

  it('draws the DFAT → Ponlok Chomnes II → The Asia Foundation / ODC → events chain, and a band opens its quotes and sources', async () => {
    const page = await openFunderView();
    const chart = page.locator('#panel-gaps svg.sankey');
    for (const name of [
      'Australian Department of Foreign Affairs',
      'Ponlok Chomnes II',
      'The Asia Foundation',
      'Open Development Cambodia Organization',
      'National Open Data Conference 2024',
    ]) {
      expect(await chart.locator('text.label', { hasText: name }).count(), name).toBeGreaterThan(0);
    }
    const band = chart.getByRole('button', { name: /^Australian Department of Foreign Affairs and Trade funds Ponlok Chomnes II.*amount not stated/ });
    await band.scrollIntoViewIfNeeded();
    await band.click();
    const detail = page.getByRole('region', { name: 'The relationships behind this band' });
    await detail.waitFor();
    const text = await detail.innerText();
    expect(text).toContain('FUNDS');
    expect(text).toContain('with support from the Australian Department of Foreign Affairs and Trade');
    expect(text).toMatch(/Source: .*National Open Data Conference 2024/);
    // The chain continues: the programme to its implementer and to ODC, ODC to its events.
    for (const name of [
      /^Ponlok Chomnes II.* is implemented by The Asia Foundation/,
      /^Ponlok Chomnes II.* supports Open Development Cambodia Organization/,
      /^Open Development Cambodia Organization ran National Open Data Conference 2024/,
    ]) {
      expect(await chart.getByRole('button', { name }).count(), String(name)).toBe(1);
    }
    await expectAccessible(page, 'Funder view with a band open');
    await detail.screenshot({ path: `${SHOTS}/funder-band.png` });
    await chart.screenshot({ path: `${SHOTS}/funder-flows.png` });
    await page.close();
  });

  it('shows reach as charts with percentages and names the missing groups', async () => {
    const page = await openFunderView();
    const reach = page.locator('section[aria-labelledby="reach-title"]');
    const day1 = reach.locator('table', { hasText: 'National Open Data Conference 2024, day 1' });
    await day1.waitFor();
    const text = await day1.innerText();
    expect(text).toContain('41.5 %'); // 59 women of 142
    expect(text).toContain('4.2 %'); // 6 people with disabilities of 142
    expect(text).toContain('Source: 2024-nodc-day1-blog');
    expect(text).toContain('Indigenous women'); // the only indigenous figure: a lower bound, said so
    expect(await reach.innerText()).toMatch(/No organisation or initiative of indigenous people in the network/);
    // A year's bar adds up that year's events, and cites their sources too.
    const year2024 = reach.locator('table', { hasText: /^2024: / });
    expect(await year2024.innerText()).toMatch(/Women\s+[\d.]+ %.*Source: .*2024-nodc-day1-blog/s);
    await reach.screenshot({ path: `${SHOTS}/funder-reach.png` });
    await page.close();
  });

  it('maps the seven provinces of the 2025 dialogue, and a province opens its event', async () => {
    const page = await openFunderView();
    const map = page.locator('#panel-gaps svg.map');
    for (const id of ['siem-reap', 'kampong-chhnang', 'svay-rieng', 'battambang', 'oddar-meanchey', 'koh-kong', 'preah-vihear']) {
      expect(await map.locator(`g.province[data-place="${id}"] circle`).count(), id).toBe(1);
    }
    // The outlines load on their own (a lazily imported atlas): wait for them before counting.
    await map.locator('path.country').first().waitFor();
    expect(await map.locator('path.country').count()).toBeGreaterThan(100);
    await map.getByRole('button', { name: /^Battambang/ }).click();
    const detail = page.getByRole('region', { name: 'Battambang' });
    expect(await detail.innerText()).toMatch(/Mekong|dialogue/i);
    await expectAccessible(page, 'Funder view with a province open');
    await map.screenshot({ path: `${SHOTS}/funder-map.png` });
    await page.close();
  });

  it('scrolls to the end without a blank screen, fits a 390 px screen, and is axe clean', async () => {
    for (const viewport of [
      { width: 1400, height: 900 },
      { width: 390, height: 800 },
    ]) {
      const page = await openFunderView(viewport, '&node=odc');
      await page.getByRole('list', { name: /^Suggestions for/ }).waitFor();
      expect(await page.evaluate(() => document.documentElement.scrollWidth), 'nothing runs off the side').toBeLessThanOrEqual(viewport.width);
      // Nor inside the view's own scroll box: every table fits its width (none is clipped or scrolls sideways).
      const overflowing = await page.locator('#panel-gaps').evaluate((panel) => {
        const box = panel.querySelector('.scroll')!;
        const right = box.getBoundingClientRect().right + 1;
        const tables = Array.from(panel.querySelectorAll('table')).filter((table) => table.getBoundingClientRect().right > right);
        return [
          box.scrollWidth > box.clientWidth + 1 ? `the scroll box: ${box.scrollWidth} px > ${box.clientWidth} px` : '',
          ...tables.map(
            (t) =>
              `${t.querySelector('caption')?.textContent || t.outerHTML.slice(0, 120)}: ${Math.round(t.getBoundingClientRect().right)} px > ${Math.round(right)} px`,
          ),
        ].filter(Boolean);
      });
      expect(overflowing.join('; '), `tables wider than the view at ${viewport.width} px`).toBe('');
      // Scroll the view, and the window, to their very end: the screen still shows the view.
      await page.locator('#panel-gaps .scroll').evaluate((el) => el.scrollTo(0, el.scrollHeight));
      await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
      await page.mouse.wheel(0, 20_000);
      const blank = await page.evaluate(() =>
        [0.25, 0.5, 0.9].filter((f) => {
          const hit = document.elementFromPoint(window.innerWidth / 2, window.innerHeight * f);
          return !hit || hit === document.body || hit === document.documentElement;
        }),
      );
      expect(blank, 'no part of the screen is blank page').toEqual([]);
      if (viewport.width > 760)
        expect(await page.evaluate(() => document.documentElement.scrollHeight), 'on a desktop the page does not scroll at all').toBeLessThanOrEqual(
          viewport.height,
        );
      await page.screenshot({ path: `${SHOTS}/funder-end-${viewport.width}.png` });
      await expectAccessible(page, `Funder view at ${viewport.width} px`);
      await page.close();
    }
  });
});
