/**
 * The researcher's journeys of issue #14 in Debian's chromium against the real app and the seeded
 * Neo4j: a long path found and read hop by hop, deep links that land on what matters, the fade
 * that Escape and Clear undo.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../support/app.js';
import { closeExplorerInChromium, offScreen, openExplorer, startExplorerInChromium, waitForGraph, withClass } from '../support/ui.js';

let app: TestApp;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await startExplorerInChromium();
});
afterAll(() => closeExplorerInChromium(app, browser));

async function pick(page: Page, box: string, text: string, option: RegExp) {
  await page.getByRole('combobox', { name: box }).fill(text);
  await page.getByRole('option', { name: option }).first().click();
}

describe('explorer journeys', { timeout: 90_000 }, () => {
  it('finds William Gilles ↔ Mao Chandy, seven steps apart, and reads it hop by hop with sources', { timeout: 150_000 }, async () => {
    const page = await openExplorer(browser, `${app.baseUrl}/?tab=path`);
    await pick(page, 'From — Search the network', 'William Gilles', /William Gilles/);
    await pick(page, 'To — Search the network', 'Mao Chandy', /Mao Chandy/);
    await page.getByRole('button', { name: 'Find paths' }).click();
    const found = page.getByText(/shortest paths? of 7 steps/);
    await found.waitFor();
    const steps = page.locator('ol.steps > li');
    expect(await steps.count()).toBe(7);
    expect(await steps.first().innerText()).toMatch(/^William Gilles .+ · .+/);
    expect(await steps.last().innerText()).toMatch(/Mao Chandy/);
    expect(await page.getByText(/No path joins them/).count()).toBe(0);
    // Told hop by hop, each hop a sentence in its relationship's direction, from Gilles to Mao Chandy.
    const told = await page.locator('ol.sentences li').first().innerText();
    expect(told).toMatch(/^William Gilles (spoke at|works for|presented) .+\. Mao Chandy (spoke at|works for|presented) [^.]+\.$/);
    expect(told).not.toMatch(/, which /);
    for (const step of await steps.allInnerTexts()) expect(step, 'a sentence, then its sources').toMatch(/^[^·]+\. · .+/);
    // In Khmer, the same hops in Khmer: the relationship in Khmer, each sentence ending with ។.
    await page.getByRole('button', { name: 'ខ្មែរ' }).click();
    await page.getByText('មួយជំហានម្ដងៗ ជាមួយប្រភព').waitFor();
    const khmer = await page.locator('ol.sentences li').first().innerText();
    expect(khmer.match(/។/g)).toHaveLength(7);
    expect(khmer).toContain('បានថ្លែងនៅ');
    expect(khmer).not.toMatch(/\b(spoke at|is part of|organised|works for|presented)\b/);
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByText('Step by step, with the sources').waitFor();

    // On the graph: the whole path in view, the rest faded; the selected node is never faded.
    await page.getByRole('button', { name: 'Show on graph' }).click();
    await waitForGraph(page);
    const onPath = await withClass(page, 'node.on-path');
    expect(onPath).toEqual(expect.arrayContaining(['william-gilles', 'mao-chandy']));
    expect(onPath.length).toBeGreaterThanOrEqual(8);
    await page.waitForFunction(() => !(window as any).speanCy.animated());
    expect(await offScreen(page, onPath)).toEqual([]);
    expect((await withClass(page, '.faded')).length).toBeGreaterThan(100);
    const other = (await withClass(page, 'node.faded'))[0]!;
    await page.evaluate((id) => (window as any).speanCy.$id(id).emit('tap'), other);
    await page.waitForFunction((id) => new URL(location.href).searchParams.get('node') === id, other);
    await page.locator('#node-title').waitFor();
    expect(await withClass(page, 'node:selected.faded')).toEqual([other]);
    expect(await page.evaluate((id) => (window as any).speanCy.$id(id).style('opacity'), other)).toBe('1');

    // Escape clears the fade (and the path's ends), a second Escape closes the panel.
    await page.locator('#main').focus();
    await page.keyboard.press('Escape');
    expect(await withClass(page, '.faded')).toEqual([]);
    expect(page.url()).not.toContain('from=');
    await page.keyboard.press('Escape');
    await page.locator('#node-title').waitFor({ state: 'detached' });
    await page.close();
  });

  it('lets a person allow or avoid kinds on the way, kept in the link', async () => {
    const page = await openExplorer(browser, `${app.baseUrl}/?tab=path&from=thy-try&to=dongpo-deng`);
    await page.getByRole('group', { name: 'A path may pass through' }).getByRole('checkbox', { name: 'Topics' }).check();
    expect(page.url()).toMatch(/avoid=place/);
    expect(page.url()).not.toMatch(/avoid=[^&]*topic/);
    await page.locator('ol.steps > li').first().waitFor();
    // Cleared while the new search is on its way: its answer is not drawn when it comes.
    await page.getByRole('button', { name: 'Find paths' }).click();
    await page.getByRole('button', { name: 'Clear', exact: true }).click();
    await page.waitForFunction(() => document.querySelector('[role=status]')?.textContent !== 'Loading …');
    await page.waitForTimeout(500);
    expect(await page.locator('ol.steps').count()).toBe(0);
    await page.getByRole('tab', { name: 'Graph' }).click();
    expect(await withClass(page, '.faded')).toEqual([]);
    await page.close();
  });

  it('a deep link to a path opens with the whole path in the viewport', async () => {
    const page = await openExplorer(browser, `${app.baseUrl}/?tab=path&from=william-gilles&to=mao-chandy`);
    await page.locator('ol.steps > li').first().waitFor();
    await page.getByRole('tab', { name: 'Graph' }).click();
    await waitForGraph(page);
    await page.waitForFunction(() => !(window as any).speanCy.animated());
    const onPath = await withClass(page, 'node.on-path');
    expect(onPath).toEqual(expect.arrayContaining(['william-gilles', 'mao-chandy']));
    expect(await offScreen(page, onPath)).toEqual([]);
    // Clearing from the graph: the Path tab's Clear resets the fade.
    await page.getByRole('tab', { name: 'Path' }).click();
    await page.getByRole('button', { name: 'Clear', exact: true }).click();
    await page.getByRole('tab', { name: 'Graph' }).click();
    expect(await withClass(page, '.faded')).toEqual([]);
    await page.close();
  });

  it('a deep link to a node on the graph tab lands on the node and its neighbours', async () => {
    const page = await openExplorer(browser, `${app.baseUrl}/?tab=gaps&node=thy-try`);
    await page.getByRole('tab', { name: 'Graph' }).click();
    await page.waitForFunction(() => !(window as any).speanCy.animated());
    const neighbours = await page.evaluate(() =>
      (window as any).speanCy
        .$id('thy-try')
        .closedNeighborhood('node')
        .map((n: any) => n.id()),
    );
    expect(neighbours.length).toBeGreaterThan(1);
    expect(await offScreen(page, neighbours)).toEqual([]);
    await page.close();
  });

  it('filters relationship kinds without reloading: only this, then two more, kinds listed once', async () => {
    const page = await openExplorer(browser, app.baseUrl);
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.locator('.rels summary').click();
    const rels = page.locator('.rels');
    expect(await rels.getByRole('checkbox', { name: 'covers' }).count()).toBe(1);
    expect(await rels.getByRole('checkbox', { name: 'may be the same as' }).count()).toBe(0);
    await rels.getByRole('button', { name: 'Only works for' }).click();
    await rels.getByRole('checkbox', { name: 'spoke at' }).check();
    await rels.getByRole('checkbox', { name: 'organised' }).check();
    const types = await page.evaluate(() => [...new Set((window as any).speanCy.edges().map((e: any) => e.data('type')))].sort());
    expect(types).toEqual(['ORGANISED', 'SPOKE_AT', 'WORKS_FOR']);
    expect(requests.filter((u) => u.includes('/api/graph'))).toEqual([]);
    expect(page.url()).toContain('rels=');
    // Every node left has one of those links: nobody floats alone.
    const lonely = await page.evaluate(() => (window as any).speanCy.nodes().filter((n: any) => n.degree(false) === 0).length);
    expect(lonely).toBe(0);
    await page.close();
  });

  it('keyboard only: search, the panel in a few Tabs, arrow keys to a neighbour, Enter, its sources', async () => {
    const page = await openExplorer(browser, app.baseUrl);
    await page.getByRole('combobox', { name: 'Search the network' }).focus();
    await page.keyboard.type('Thy Try');
    await page
      .getByRole('option', { name: /Thy Try/ })
      .first()
      .waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.getByRole('complementary', { name: 'Thy Try' }).waitFor();
    await page.waitForFunction(() => document.activeElement?.id === 'node-title');
    let presses = 0;
    while (presses < 6 && (await page.evaluate(() => document.activeElement?.textContent)) !== 'Expand neighbours') {
      await page.keyboard.press('Tab');
      presses++;
    }
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Expand neighbours');
    expect(presses).toBeLessThanOrEqual(4);

    // Back to the canvas by the keyboard too, past the time controls and the legend.
    let back = 0;
    while (back < 10 && !(await page.evaluate(() => document.activeElement?.classList.contains('canvas')))) {
      await page.keyboard.press('Shift+Tab');
      back++;
    }
    expect(back, 'Shift+Tab presses from the panel to the canvas').toBeLessThan(10);
    // On the canvas: an arrow key moves to a neighbour and says so; Enter opens it.
    await page.keyboard.press('ArrowRight');
    const cursor = await page.evaluate(() => (window as any).speanCy.$('node.cursor').map((n: any) => n.id()));
    expect(cursor).toHaveLength(1);
    const neighbours = await page.evaluate(() =>
      (window as any).speanCy
        .$id('thy-try')
        .neighborhood('node')
        .map((n: any) => n.id()),
    );
    expect(neighbours).toContain(cursor[0]);
    expect(await page.locator('.stage [aria-live=polite]').innerText()).toMatch(/links?\. Enter opens it\.$/);
    await page.keyboard.press('Enter');
    await page.waitForFunction((id) => new URL(location.href).searchParams.get('node') === id, cursor[0]);
    const panel = page.locator('aside.node');
    await panel.locator('#node-title').waitFor();
    // Tab on to the neighbour's first sources, opening a folded group of relationships on the way.
    let tabs = 0;
    let at = '';
    while (tabs < 60 && at !== 'sources') {
      await page.keyboard.press('Tab');
      tabs++;
      at = await page.evaluate(() => {
        const e = document.activeElement;
        if (e?.tagName !== 'SUMMARY' || !e.closest('aside.node')) return '';
        const details = e.parentElement as HTMLDetailsElement;
        return details.classList.contains('provenance') ? 'sources' : details.open ? '' : 'folded';
      });
      if (at === 'folded') await page.keyboard.press('Enter');
    }
    expect(at, 'the sources reached with Tab').toBe('sources');
    await page.keyboard.press('Enter');
    await panel.locator('details.provenance[open] li').first().waitFor();
    // Escape closes the panel.
    await page.keyboard.press('Escape');
    await panel.waitFor({ state: 'detached' });
    await page.close();
  });

  it('focus mode keeps a node and its neighbours, and the legend follows community colours', async () => {
    const page = await openExplorer(browser, `${app.baseUrl}/?node=odc&colour=community`);
    await page.getByRole('button', { name: 'Focus' }).click();
    const bright = await page.evaluate(() =>
      (window as any).speanCy
        .nodes()
        .filter((n: any) => !n.hasClass('faded'))
        .map((n: any) => n.id())
        .sort(),
    );
    const expected = await page.evaluate(() =>
      (window as any).speanCy
        .$id('odc')
        .closedNeighborhood('node')
        .map((n: any) => n.id())
        .sort(),
    );
    expect(bright).toEqual(expected);
    // The legend starts folded when the view opens on a node, so as not to cover it.
    expect(await page.locator('.legend').getAttribute('open')).toBeNull();
    await page.locator('.legend summary').click();
    await page.locator('.legend').getByText('Colour: community').waitFor();
    await page
      .locator('.legend')
      .getByText(/^Community \d+/)
      .first()
      .waitFor();
    await page.keyboard.press('Escape');
    expect(await withClass(page, '.faded')).toEqual([]);
    await page.close();
  });

  it('in Khmer, the legend, the relationship list and the node panel have no English word', async () => {
    const page = await openExplorer(browser, `${app.baseUrl}/?lang=km&node=thy-try`);
    await page.locator('aside.node #node-title').waitFor();
    await page.locator('.filters .rels summary').click();
    const latinWords = (text: string) => text.match(/[A-Za-z]{3,}/g) ?? [];
    await page.locator('.legend summary').click();
    expect(await page.locator('.legend li').count()).toBeGreaterThan(8);
    expect(latinWords(await page.locator('.legend').innerText())).toEqual([]);
    expect(latinWords(await page.locator('.filters .rels').innerText())).toEqual([]);
    // The panel: names of people and documents stay as written; every label of the UI is Khmer.
    const labels = await page
      .locator('aside.node')
      .evaluate((panel) =>
        Array.from(panel.querySelectorAll('h3, dt, summary, button, .kind, .confidence')).map((e) => (e.childNodes[0]?.textContent ?? '').trim()),
      );
    const names = await page.evaluate(() =>
      Array.from(document.querySelectorAll('aside.node .rels .linklike, aside.node #node-title')).map((e) => e.textContent ?? ''),
    );
    expect(labels.flatMap(latinWords).filter((w) => !names.some((n) => n.includes(w)))).toEqual([]);
    expect(await page.locator('aside.node').innerText()).toMatch(/[០-៩]/);
    await page.close();
  });

  it('on a 390 px phone the panel is a bottom sheet over the graph, visible without scrolling', async () => {
    const page = await openExplorer(browser, `${app.baseUrl}/?node=odc`, { width: 390, height: 844 });
    const panel = page.locator('aside.node');
    await panel.waitFor();
    const box = (await panel.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(844 + 1);
    expect(box.y).toBeLessThan(844);
    expect(box.width).toBeGreaterThanOrEqual(388);
    const canvas = (await page.locator('.canvas').boundingBox())!;
    expect(canvas.y).toBeLessThan(box.y);
    const tabs = await page
      .locator('.tabs')
      .evaluate((el) => ({ scroll: el.scrollWidth > el.clientWidth, overflow: getComputedStyle(el).overflowX, mask: getComputedStyle(el).maskImage }));
    expect(tabs).toMatchObject({ scroll: true, overflow: 'auto' });
    expect(tabs.mask).toContain('gradient');
    await page.close();
  });
});
