/**
 * The draft review in the browser, against the real app and Neo4j: a pasted report is drafted,
 * the document shows the extracted names highlighted beside the proposals, a proposal is
 * rejected, and the rest is committed through the importer; the panel passes axe.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../support/app.js';
import { createAccount, removeAccounts, type TestAccount } from '../support/accounts.js';
import { createGraph, TEST_SOURCE, removeGraph } from '../support/factory.js';
import { expectAccessible, startExplorerInChromium, waitForGraph } from '../support/ui.js';

let app: TestApp;
let browser: Browser;
let editor: TestAccount;
// Names of its own: the integration tests, which may run at the same time, draft other people.
const REPORT = 'Ms. Chanthy Sovanna, Programme Manager of the Kampot Youth Data Network, gave the welcoming remarks at the Youth Data Workshop 2027.';

beforeAll(async () => {
  [app, browser] = await startExplorerInChromium();
  editor = await createAccount(app, 'editor');
  // The network knows all three, so the draft matches them and the commit writes only relationships and the source.
  await createGraph(app.db, [
    { kind: 'person', id: 't-dr-ui-sovanna', name: 'Chanthy Sovanna', sources: [TEST_SOURCE] },
    { kind: 'organisation', id: 't-dr-ui-network', name: 'Kampot Youth Data Network', orgKind: 'network', sources: [TEST_SOURCE] },
    { kind: 'event', id: 't-dr-ui-workshop', name: 'Youth Data Workshop 2027', eventKind: 'workshop', sources: [TEST_SOURCE] },
  ]);
});
afterAll(async () => {
  await browser?.close();
  await removeGraph(app.db, 't-dr-ui');
  await removeAccounts(app);
  await app?.close();
});

/** The explorer signed in as the editor (its session cookie), on the Curate tab. */
async function curate(): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, bypassCSP: true });
  const [name, value] = editor.cookie.split('=') as [string, string];
  await context.addCookies([{ name, value, url: app.baseUrl }]);
  const page = await context.newPage();
  page.on('pageerror', (error) => {
    throw error;
  });
  await page.goto(app.baseUrl);
  await waitForGraph(page);
  await page.getByRole('tab', { name: 'Curate' }).click();
  return page;
}

describe('draft review', { timeout: 120_000 }, () => {
  it('highlights the names in the document beside the proposals, and commits what is accepted', async () => {
    const page = await curate();
    const panel = page.getByRole('region', { name: 'Draft from a document' });
    await panel.getByLabel('Text of the document').fill(REPORT);
    await panel.getByLabel('Title of the source', { exact: true }).fill('t-dr-ui source');
    await panel.getByLabel('Publisher').fill('Test publisher');
    await panel.getByRole('button', { name: 'Draft it' }).click();
    const documentView = panel.getByRole('region', { name: 'The document' });
    await documentView.locator('mark').first().waitFor();
    expect(await documentView.locator('mark').allInnerTexts()).toEqual(
      expect.arrayContaining(['Chanthy Sovanna', 'Kampot Youth Data Network', 'Youth Data Workshop 2027']),
    );
    await expectAccessible(page, 'the draft review');

    // Each proposal is matched to the node the network has; the curator rejects one relationship.
    const proposals = panel.locator('ul.nodes > li');
    expect(await proposals.count()).toBe(3);
    const works = panel.locator('ul.rels > li', { hasText: 'WORKS_FOR' });
    await works.getByRole('checkbox').uncheck();
    await panel.getByRole('button', { name: 'Commit all of it' }).click();
    await expect.poll(() => panel.getByRole('status').innerText()).toContain('Committed');

    const rels = await app.db.read<{ type: string; sources: string[]; quote: string }>(
      "MATCH (:Entity {id: 't-dr-ui-sovanna'})-[r]->() RETURN type(r) AS type, r.sources AS sources, r.quote AS quote",
    );
    expect(rels.map((r) => r.type)).toEqual(['SPOKE_AT']);
    expect(rels[0]).toMatchObject({ sources: ['t-dr-ui-source'], quote: REPORT });
  });
});
