/**
 * The Changes view in Debian's chromium against the real app and the seeded Neo4j: a deep link
 * to two years shows what the API says changed between them, a name opens its node, the view
 * reads in Khmer, and it fits a 390 px screen.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TimelineDiffResponse } from '../../api/src/domain/responses.js';
import type { TestApp } from '../support/app.js';
import { closeExplorerInChromium, expectAccessible, startExplorerInChromium, waitForGraph } from '../support/ui.js';

let app: TestApp;
let browser: Browser;

beforeAll(async () => {
  [app, browser] = await startExplorerInChromium();
});
afterAll(() => closeExplorerInChromium(app, browser));

/**
 * Opens the explorer as openExplorer does, keeping the diff the page itself was answered: other
 * test files add nodes meanwhile, so a second request could count differently.
 */
async function openChanges(query: string, viewport = { width: 1400, height: 900 }): Promise<{ page: Page; diff: TimelineDiffResponse; asked: URL }> {
  const page = await browser.newPage({ viewport, bypassCSP: true });
  page.on('pageerror', (error) => {
    throw error;
  });
  const answer = page.waitForResponse((res) => new URL(res.url()).pathname === '/api/timeline/diff');
  await page.goto(`${app.baseUrl}/${query}`);
  await waitForGraph(page);
  const res = await answer;
  await page.locator('#panel-changes [data-count="joined"]').waitFor();
  return { page, diff: (await res.json()) as TimelineDiffResponse, asked: new URL(res.url()) };
}

const text = (page: Page, selector: string) => page.locator(selector).innerText();
function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}

describe('Changes view', { timeout: 120_000 }, () => {
  it('opens a deep link on its two years with the counts the API gives for them', async () => {
    const { page, diff, asked } = await openChanges('?tab=changes&fromYear=2022&toYear=2025');
    // From the end of 2022 to the end of 2025.
    expect([asked.searchParams.get('from'), asked.searchParams.get('to')]).toEqual(['2022-12-31', '2025-12-31']);
    expect(await page.getByRole('tab', { name: 'Changes' }).getAttribute('aria-selected')).toBe('true');
    expect(await page.getByLabel('From the end of').inputValue()).toBe('2022');
    expect(await page.getByLabel('to the end of').inputValue()).toBe('2025');
    expect(page.url()).toContain('fromYear=2022&toYear=2025');

    const joinedIds = diff.joined.map((n) => n.id);
    expect(joinedIds).toContain('regional-dialogue-2025');
    expect(joinedIds, 'ODC was there by the end of 2022').not.toContain('odc');
    expect(await text(page, '[data-count="joined"] .n')).toBe(diff.totals.joined.toLocaleString('en-GB'));
    expect(await text(page, '[data-count="links"] .n')).toBe(diff.totals.links.toLocaleString('en-GB'));

    // Each kind's list, and its row in the side-by-side table, hold what the API says joined.
    for (const [kind, nodes] of groupBy(diff.joined, (n) => n.kind)) {
      expect(await page.locator(`#panel-changes ul[data-group="${kind}"] > li`).count(), kind).toBe(nodes.length);
      const cells = await page.locator(`#panel-changes tr[data-row="${kind}"] td`).allInnerTexts();
      const [atFrom, atTo, change] = cells.map((c) => Number(c.replace(/[,+]/g, '')));
      expect([atTo! - atFrom!, change], kind).toEqual([nodes.length, nodes.length]);
    }
    for (const [type, links] of groupBy(diff.links, (l) => l.type)) {
      expect(await page.locator(`#panel-changes ul[data-list="began"][data-group="${type}"] > li`).count(), type).toBe(links.length);
    }
    // Links that ended: those with an end date in the range, as the API lists them.
    expect(await text(page, '[data-count="ended"] .n')).toBe(diff.totals.ended.toLocaleString('en-GB'));
    expect(diff.ended.map((l) => `${l.from} ${l.type} ${l.to}`)).toContain('taf PARTNERS_WITH odc');
    expect(await page.locator('#panel-changes ul[data-list="ended"] > li').count()).toBe(diff.ended.length);
    const linkCells = await page.locator('#panel-changes tr[data-row="links"] td').allInnerTexts();
    expect(linkCells[2]).toBe(`+${diff.totals.links.toLocaleString('en-GB')}`);
    // A link names both its ends, old ones too.
    const partner = diff.links.find((l) => l.from === 'odc' || l.to === 'odc')!;
    expect(await page.locator(`#panel-changes ul[data-list="began"][data-group="${partner.type}"]`).innerText()).toContain(
      'Open Development Cambodia Organization',
    );
    await expectAccessible(page, 'Changes view');
    await page.close();
  });

  it('a name selects its node on the graph, with its panel; other years give their own answer', async () => {
    const { page, diff } = await openChanges('?tab=changes&fromYear=2022&toYear=2025');
    const ccc = diff.joined.find((n) => n.id === 'ccc')!;
    await page.locator('#panel-changes ul[data-group="organisation"] [data-node="ccc"]').click();
    await page.getByRole('complementary', { name: ccc.name }).waitFor();
    expect(page.url()).toContain('node=ccc');
    expect(await page.getByRole('tab', { name: 'Graph' }).getAttribute('aria-selected')).toBe('true');
    expect(await page.evaluate(() => (window as any).speanCy.$(':selected').map((n: any) => n.id()))).toEqual(['ccc']);

    // Back to the changes, still on the same years; then a later first year.
    await page.getByRole('tab', { name: 'Changes' }).click();
    await page.locator('#panel-changes [data-count="joined"]').waitFor();
    expect(await page.getByLabel('From the end of').inputValue()).toBe('2022');
    const next = page.waitForResponse((res) => res.url().includes('/api/timeline/diff?from=2024-12-31&to=2025-12-31'));
    await page.getByLabel('From the end of').selectOption('2024');
    const later = (await (await next).json()) as TimelineDiffResponse;
    await page.waitForFunction(() => document.querySelector('#panel-changes thead')?.textContent?.includes('End of 2024'));
    expect(await text(page, '[data-count="joined"] .n')).toBe(later.totals.joined.toLocaleString('en-GB'));
    expect(later.totals.joined).toBeLessThan(diff.totals.joined);
    expect(page.url()).toContain('fromYear=2024&toYear=2025');
    await page.close();
  });

  it('a name the time slider hides moves the time on; the newcomers are ringed on the graph', async () => {
    // The graph as of June 2023: the 2025 dialogue is not on it yet.
    const { page, diff } = await openChanges('?tab=changes&fromYear=2022&toYear=2025&asOf=2023-06-30');
    await page.locator('#panel-changes [data-node="regional-dialogue-2025"]').first().click();
    await page.waitForFunction(() => (window as any).speanCy.$id('regional-dialogue-2025').nonempty());
    await waitForGraph(page);
    expect(new URL(page.url()).searchParams.get('asOf'), 'the end of the later year').toBe('2025-12-31');
    expect(await page.locator('.time output').innerText()).toBe('The network as of December 2025');
    expect(await page.evaluate(() => (window as any).speanCy.$(':selected').map((n: any) => n.id()))).toEqual(['regional-dialogue-2025']);
    expect(await page.evaluate(() => (window as any).speanCy.$id('regional-dialogue-2025').visible())).toBe(true);

    // Every node the changes list as joined, and only those, carry the halo.
    const ringed: string[] = await page.evaluate(() => (window as any).speanCy.$('node.joined').map((n: any) => n.id()));
    const joined = new Set(diff.joined.map((n) => n.id));
    expect(ringed).toContain('regional-dialogue-2025');
    expect(ringed.filter((id) => !joined.has(id))).toEqual([]);
    expect(ringed).not.toContain('odc');
    // The legend folds when a node is selected, so as not to cover it: open it to read the ring.
    if ((await page.locator('.legend').getAttribute('open')) === null) await page.locator('.legend summary').click();
    const legend = page.locator('.legend li.joined');
    expect(await legend.innerText()).toContain('joined between the end of 2022 and the end of 2025');
    await legend.getByRole('button', { name: 'Unmark' }).click();
    await page.waitForFunction(() => (window as any).speanCy.$('node.joined').empty());
    await page.close();
  });

  it('its lists follow the kind and country filters; the counts stay those of the whole network', async () => {
    const kinds = ['organisation', 'person'];
    const { page, diff } = await openChanges(`?tab=changes&fromYear=2022&toYear=2025&kinds=${kinds.join(',')}`);
    await page.locator('#panel-changes [data-note="filtered"]').waitFor();
    const listed = await page
      .locator('#panel-changes section[aria-labelledby="changes-joined"] [data-node]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-node')));
    expect(listed.sort()).toEqual(
      diff.joined
        .filter((n) => kinds.includes(n.kind))
        .map((n) => n.id)
        .sort(),
    );
    expect(await page.locator('#panel-changes ul[data-group="event"]').count()).toBe(0);
    const both = diff.links.filter((l) => kinds.includes(l.ends.from.kind) && kinds.includes(l.ends.to.kind));
    expect(await page.locator('#panel-changes ul[data-list="began"] > li').count()).toBe(both.length);
    expect(await text(page, '[data-count="joined"] .n')).toBe(diff.totals.joined.toLocaleString('en-GB'));
    await page.close();

    // A country: only what the network under that filter holds.
    const { page: laos, diff: all } = await openChanges('?tab=changes&fromYear=2022&toYear=2025&country=lao-pdr');
    const network = (await (await fetch(`${app.baseUrl}/api/graph?country=lao-pdr&limit=20000`)).json()) as { nodes: { id: string }[] };
    const within = new Set(network.nodes.map((n) => n.id));
    await laos.locator('#panel-changes [data-note="filtered"]').waitFor();
    const ids = await laos.locator('#panel-changes [data-node]').evaluateAll((els) => els.map((e) => e.getAttribute('data-node')!));
    expect(ids.length).toBeGreaterThan(0);
    expect(ids.filter((id) => !within.has(id))).toEqual([]);
    const joinedHere = await laos.locator('#panel-changes section[aria-labelledby="changes-joined"] [data-node]').count();
    expect(joinedHere, 'fewer newcomers than in the whole network').toBeLessThan(all.joined.length);
    await laos.close();
  });

  it('reads in Khmer: the tab, its headings and its figures', async () => {
    const { page } = await openChanges('?tab=changes&fromYear=2022&toYear=2025');
    await page.getByRole('button', { name: 'ខ្មែរ' }).click();
    await page.getByRole('tab', { name: 'ការផ្លាស់ប្ដូរ' }).waitFor();
    expect(await text(page, '#panel-changes h2')).toBe('អ្វីដែលបានផ្លាស់ប្ដូរ');
    const headings = await page.locator('#panel-changes :is(h2, h3, h4)').allInnerTexts();
    expect(headings.length).toBeGreaterThan(5);
    for (const heading of headings) {
      expect(heading, 'in Khmer script').toMatch(/[\u1780-\u17FF]/);
      expect(heading, 'no English or Latin digits left').not.toMatch(/[A-Za-z0-9]/);
    }
    expect(await text(page, '[data-count="joined"] .n')).toMatch(/^[០-៩]+$/);
    expect(await page.locator('#panel-changes thead').innerText()).toContain('ចុងឆ្នាំ ២០២២');
    await expectAccessible(page, 'Changes view in Khmer');
    await page.close();
  });

  it('fits a 390 px screen: nothing runs off the side', async () => {
    const { page } = await openChanges('?tab=changes&fromYear=2022&toYear=2025', { width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth), 'the page').toBeLessThanOrEqual(390);
    const region = await page.locator('#panel-changes .scroll').evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    expect(region.scroll, 'the view itself').toBeLessThanOrEqual(region.client);
    await expectAccessible(page, 'Changes view at 390 px');
    await page.close();
  });

  it('the time slider marks every year from 2022 with its label', async () => {
    const { page } = await openChanges('?tab=changes');
    await page.getByRole('tab', { name: 'Graph' }).click();
    const labels = await page.locator('.time .ticks span').allInnerTexts();
    const thisYear = new Date().getUTCFullYear();
    expect(labels).toEqual(Array.from({ length: thisYear - 2022 + 1 }, (_, i) => String(2022 + i)));
    // Each label sits under the slider position of its January.
    const slider = await page.getByRole('slider', { name: 'Time' }).boundingBox();
    const first = await page.locator('.time .ticks span').first().boundingBox();
    expect(first!.x + first!.width / 2).toBeGreaterThanOrEqual(slider!.x);
    expect(first!.x + first!.width / 2).toBeLessThan(slider!.x + 20);
    await page.close();
  });
});
