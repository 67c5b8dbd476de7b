/**
 * Curation in the browser, against the real app and Neo4j: signing in, forms checked by the
 * model's schemas with errors beside each field, a stale edit, relationships with confidence and
 * period, history and revert, deleting, duplicates, accounts, releases, and what a person marked
 * not public looks like to each audience (embeds included).
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestApp } from '../support/app.js';
import { createAccount, removeAccounts, TEST_PASSWORD, type TestAccount } from '../support/accounts.js';
import { createGraph, TEST_SOURCE, removeGraph } from '../support/factory.js';
import { expectAccessible, openExplorer, startExplorerInChromium, waitForGraph } from '../support/ui.js';

let app: TestApp;
let browser: Browser;
let editor: TestAccount;
let admin: TestAccount;

beforeAll(async () => {
  [app, browser] = await startExplorerInChromium();
  [editor, admin] = await Promise.all([createAccount(app, 'editor'), createAccount(app, 'admin')]);
  await createGraph(
    app.db,
    [
      { kind: 'person', id: 't-ui-hidden', name: 'Quorra Hiddenperson', public: false, sources: [TEST_SOURCE] },
      { kind: 'organisation', id: 't-ui-home', name: 'Hiddenperson Home Org', orgKind: 'cso', sources: [TEST_SOURCE] },
      { kind: 'organisation', id: 't-ui-twin-a', name: 'Twinned Data Lab', orgKind: 'cso', sources: [TEST_SOURCE] },
      { kind: 'organisation', id: 't-ui-twin-b', name: 'Twinned Data-Lab', orgKind: 'cso', sources: [TEST_SOURCE] },
      { kind: 'organisation', id: 't-ui-twin-c', name: 'Twinned Data Labs', orgKind: 'cso', sources: [TEST_SOURCE] },
    ],
    [{ from: 't-ui-hidden', type: 'WORKS_FOR', to: 't-ui-home', sources: [TEST_SOURCE] }],
  );
});
afterAll(async () => {
  await browser?.close();
  await removeGraph(app.db, 't-ui-');
  await app.db.write('MATCH (r:Release) WHERE r.publishedById = $id DELETE r', { id: admin.id });
  await app.db.write("MATCH (u:User) WHERE u.email STARTS WITH 't-ui-' DETACH DELETE u");
  await app.db.write("MATCH (d:DuplicateDismissal) WHERE d.pair STARTS WITH 't-ui-' DELETE d");
  await removeAccounts(app);
  await app?.close();
});

async function signIn(page: Page, account: TestAccount): Promise<void> {
  await page.getByRole('button', { name: 'Sign in' }).click();
  const form = page.getByRole('form', { name: 'Sign in' });
  await form.getByLabel('Email').fill(account.email);
  await form.getByLabel('Password').fill(TEST_PASSWORD);
  await form.getByRole('button', { name: 'Sign in' }).click();
  await page.getByText(`Test ${account.role} (${account.role})`).waitFor();
}

/** Picks a source document to cite in the citation fieldset of a form. */
async function cite(scope: ReturnType<Page['locator']>, page: Page, query = 'Open Data Day 2022'): Promise<void> {
  await scope.getByRole('combobox', { name: 'Find a source document' }).fill(query);
  await page.getByRole('option', { name: /Open Data Day 2022: The role of open data/ }).click();
}

const nodeInDb = async (id: string) => (await app.db.read('MATCH (n:Entity {id: $id}) RETURN n {.*} AS n', { id }))[0]?.n as Record<string, any> | undefined;

describe('curation UI', { timeout: 120_000 }, () => {
  it('signs an editor in, and checks a new node with the model’s schema before the API does', async () => {
    const page = await openExplorer(browser, app.baseUrl);
    expect(await page.getByRole('tab', { name: 'Curate' }).count()).toBe(0);
    await signIn(page, editor);
    await page.getByRole('tab', { name: 'Curate' }).click();
    const form = page.getByRole('form', { name: 'Add a node' });
    await form.getByLabel('Id').fill('T UI');
    await form.getByRole('button', { name: 'Save' }).click();
    // Errors beside each field: the id's pattern, the missing name and kind, the missing source.
    await expect.poll(() => form.locator('#new-node-id-error').innerText()).toContain('lowercase slug');
    expect(await form.locator('#new-node-name-error').count()).toBe(1);
    expect(await form.locator('#new-node-orgKind-error').count()).toBe(1);
    expect(await form.locator('#new-node-citation-error').innerText()).toContain('cite at least one source');
    expect(await form.getByLabel(/^Name/).getAttribute('aria-invalid')).toBe('true');
    expect(await nodeInDb('t-ui')).toBeUndefined();

    await form.getByLabel('Id').fill('t-ui-lab');
    await form.getByLabel(/^Name/).fill('Mekong Civic UI Lab');
    await form.getByLabel(/^Org kind/).selectOption('cso');
    await cite(form, page);
    await form.getByRole('button', { name: 'Save' }).click();
    const panel = page.getByRole('complementary', { name: 'Mekong Civic UI Lab' });
    await panel.waitFor();
    expect(await nodeInDb('t-ui-lab')).toMatchObject({ name: 'Mekong Civic UI Lab', orgKind: 'cso', sources: ['2022-open-data-day-blog'], version: 1 });
    await expectAccessible(page, 'curate tab, signed in');
    await page.close();
  });

  it('imports a spreadsheet after a check that shows rejected rows and likely duplicates', async () => {
    const page = await openExplorer(browser, `${app.baseUrl}/?tab=curate`);
    await signIn(page, editor);
    await page.getByRole('tab', { name: 'Curate' }).click();
    const panel = page.getByRole('region', { name: 'Import a spreadsheet' });
    const csv = (rows: string) => ({ name: 'organisations.csv', mimeType: 'text/csv', buffer: Buffer.from(`id,name,orgKind,sources\n${rows}`) });
    await panel
      .getByLabel('Files')
      .setInputFiles(csv(`t-ui-imp,Open Development Cambodia Org,cso,${TEST_SOURCE}\nt-ui-bad,Bad Row,not-a-kind,${TEST_SOURCE}\n`));
    await panel.getByRole('button', { name: 'Check' }).click();
    const rejected = panel.getByRole('table');
    await rejected.getByText('1 row rejected: nothing is imported until it is fixed').waitFor();
    expect(await rejected.getByRole('row', { name: /organisations\.csv 3 orgKind/ }).count()).toBe(1);
    expect(await panel.getByRole('button', { name: 'Import all of it' }).isDisabled()).toBe(true);

    await panel.getByLabel('Files').setInputFiles(csv(`t-ui-imp,Open Development Cambodia Org,cso,${TEST_SOURCE}\n`));
    await panel.getByRole('button', { name: 'Check' }).click();
    await panel.getByText('Would import: nodes: 1 new, 0 changed, 0 unchanged').waitFor();
    await panel.getByText(/Open Development Cambodia Organization \(odc\) · Open Development Cambodia Org \(t-ui-imp\)/).waitFor();
    await panel.getByRole('button', { name: 'Import all of it' }).click();
    await expect.poll(() => panel.getByRole('status').innerText(), { timeout: 15_000 }).toMatch(/^Imported: nodes: 1 new/);
    expect(await nodeInDb('t-ui-imp')).toMatchObject({ name: 'Open Development Cambodia Org', version: 1 });
    await page.close();
  });

  it('edits a node, shows a stale edit as such, and lists the change in the history', async () => {
    const page = await openExplorer(browser, `${app.baseUrl}/?node=t-ui-lab`);
    await signIn(page, editor);
    const panel = page.getByRole('complementary', { name: 'Mekong Civic UI Lab' });
    await panel.getByRole('button', { name: 'Edit', exact: true }).click();
    const form = panel.getByRole('form', { name: 'Edit' });
    await form.getByLabel('Description').fill('Met at the 2026 workshop.');
    await form.getByLabel(/^Website/).fill('not a link');
    await cite(form, page);
    await form.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => form.locator('#edit-node-website-error').innerText()).toMatch(/URL/i);
    await form.getByLabel(/^Website/).fill('');
    await form.getByRole('button', { name: 'Save' }).click();
    await panel.getByText('Met at the 2026 workshop.').waitFor();
    await expect
      .poll(() => panel.getByRole('region', { name: 'History' }).innerText(), { timeout: 10_000 })
      .toMatch(/Test editor changed · Changed: description/);

    // Someone else changes the node while the form is open: the form says so and shows the new version.
    await panel.getByRole('button', { name: 'Edit', exact: true }).click();
    const again = panel.getByRole('form', { name: 'Edit' });
    expect((await editor.send('PATCH', '/api/nodes/t-ui-lab', { version: 2, changes: { acronym: 'MCUL' }, sources: [TEST_SOURCE] })).status).toBe(200);
    await again.getByLabel('Description').fill('My edit, made on an old version.');
    await cite(again, page);
    await again.getByRole('button', { name: 'Save' }).click();
    await panel.getByText('MCUL').waitFor();
    expect((await nodeInDb('t-ui-lab'))!.description).toBe('Met at the 2026 workshop.');
    await expectAccessible(page, 'node panel with history, signed in');
    await page.close();
  });

  it('adds a relationship with confidence and period, checked like the node', async () => {
    const page = await openExplorer(browser, `${app.baseUrl}/?node=t-ui-lab`);
    await signIn(page, editor);
    const panel = page.getByRole('complementary', { name: 'Mekong Civic UI Lab' });
    await panel.getByRole('button', { name: 'Add a relationship' }).click();
    const form = panel.getByRole('form', { name: 'Add a relationship' });
    await form.getByLabel('Relationship').selectOption({ label: 'partners with' });
    await form.getByRole('combobox', { name: 'With' }).fill('Open Development Cambodia');
    await page.getByRole('option', { name: /Open Development Cambodia Organization/ }).click();
    await form.getByLabel('Confidence').selectOption('reported');
    await form.getByLabel('From date').fill('2026-01-01');
    await form.getByLabel('To date').fill('2025-01-01');
    await cite(form, page);
    await form.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => form.locator('#new-rel-to_date-error').innerText()).toContain('to_date must not be before from_date');
    await form.getByLabel('To date').fill('2026-12-31');
    await form.getByRole('button', { name: 'Save' }).click();
    const rel = panel.locator('.rels li', { hasText: 'Open Development Cambodia Organization' });
    await rel.getByText('Reported').waitFor();
    expect(await rel.innerText()).toContain('2026');
    const [stored] = await app.db.read("MATCH (:Entity {id: 't-ui-lab'})-[r:PARTNERS_WITH]->(:Entity {id: 'odc'}) RETURN r {.*} AS r");
    expect(stored!.r).toMatchObject({ confidence: 'reported', from_date: '2026-01-01', to_date: '2026-12-31', sources: ['2022-open-data-day-blog'] });

    // Changing it: the same form, with its identity fixed.
    await rel.getByRole('button', { name: /^Edit: partners with/ }).click();
    const edit = panel.getByRole('form', { name: 'Edit' });
    await edit.getByLabel('Confidence').selectOption('inferred');
    await cite(edit, page);
    await edit.getByRole('button', { name: 'Save' }).click();
    await panel.locator('.rels li', { hasText: 'Open Development Cambodia Organization' }).getByText('Inferred').waitFor();
    await page.close();
  });

  it('lets an admin undo a change from the history, and delete the node citing a source', async () => {
    const page = await openExplorer(browser, `${app.baseUrl}/?node=t-ui-lab`);
    await signIn(page, admin);
    const panel = page.getByRole('complementary', { name: 'Mekong Civic UI Lab' });
    const history = panel.getByRole('region', { name: 'History' });
    await history
      .locator('li', { hasText: /Changed: .*acronym/ })
      .getByRole('button', { name: 'Undo this change' })
      .click();
    await history.getByText('undone').waitFor();
    await expect.poll(async () => (await nodeInDb('t-ui-lab'))!.acronym).toBeUndefined();
    // The panel shows the new version (a new version closes any open form): then delete.
    await panel.getByText('MCUL').waitFor({ state: 'detached' });

    await panel.getByRole('button', { name: 'Delete', exact: true }).click();
    const confirm = panel.locator('form.delete');
    await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
    await confirm.getByText(/cite at least one source/).waitFor();
    await cite(confirm, page);
    await confirm.getByRole('button', { name: 'Delete', exact: true }).click();
    await panel.waitFor({ state: 'detached' });
    expect(await nodeInDb('t-ui-lab')).toBeUndefined();
    await page.close();
  });

  it('lets an admin merge a likely duplicate, manage accounts and publish a release that anyone can cite', async () => {
    const page = await openExplorer(browser, app.baseUrl);
    await signIn(page, admin);
    await page.getByRole('tab', { name: 'Curate' }).click();
    // Two labs that only look alike: said once, not suggested again.
    const distinct = page.getByRole('row', { name: /Twinned Data Lab · Twinned Data Labs/ });
    await distinct.getByRole('button', { name: 'Not the same' }).click();
    await page.getByRole('status').getByText('Not suggested again.').waitFor();
    await distinct.waitFor({ state: 'detached' });
    const pair = page.getByRole('row', { name: /Twinned Data Lab · Twinned Data-Lab/ });
    expect(await pair.innerText()).toContain('differ only in case, accents, punctuation or titles');
    await pair.getByRole('button', { name: 'Merge into “Twinned Data Lab”' }).click();
    const merge = page.locator('form', { has: page.getByRole('group', { name: 'Source of this change' }) }).filter({ hasText: 'Merge into' });
    await cite(merge, page);
    await merge.getByRole('button', { name: 'Merge into “Twinned Data Lab”' }).click();
    await page.getByRole('status').getByText('Merged.').waitFor();
    expect(await nodeInDb('t-ui-twin-b')).toBeUndefined();
    expect((await nodeInDb('t-ui-twin-a'))!.aliases).toEqual(['Twinned Data-Lab']);

    const add = page.getByRole('form', { name: 'Add an account' });
    await add.getByLabel('Email').fill('t-ui-new@example.org');
    await add.getByLabel('Name').fill('New Curator');
    await add.getByLabel('Password').fill('short');
    await add.getByRole('button', { name: 'Add an account' }).click();
    await expect.poll(() => add.locator('#user-password-error').innerText()).toContain('at least 12 characters');
    await add.getByLabel('Password').fill('a long enough passphrase');
    await add.getByLabel('Role').selectOption('editor');
    await add.getByRole('button', { name: 'Add an account' }).click();
    const row = page.getByRole('row', { name: /New Curator/ });
    await row.waitFor();
    await row.getByRole('button', { name: 'Disable' }).click();
    await row.getByRole('button', { name: 'Enable' }).waitFor();
    const [user] = await app.db.read("MATCH (u:User {email: 't-ui-new@example.org'}) RETURN u.role AS role, u.disabled AS disabled");
    expect(user).toEqual({ role: 'editor', disabled: true });

    await page.getByRole('tab', { name: 'Releases' }).click();
    const publish = page.getByRole('form', { name: 'Publish a release' });
    await publish.getByLabel('Title').fill('UI test release');
    await publish.getByRole('button', { name: 'Publish a release' }).click();
    await page
      .getByRole('status')
      .getByText(/Published\./)
      .waitFor();
    await page.close();

    const visitor = await openExplorer(browser, `${app.baseUrl}/?tab=releases`);
    const item = visitor.locator('li', { hasText: 'UI test release' });
    await item.getByText(/Spean \(\d{4}\)\. UI test release, release \d{4}-\d{2}-\d{2}/).waitFor();
    expect(await item.getByRole('link', { name: 'csv' }).getAttribute('href')).toMatch(/\/api\/releases\/[\d.-]+\/files\/csv$/);
    await expectAccessible(visitor, 'releases tab');
    await visitor.close();
  });

  it('shows a person marked not public only to signed-in readers, and never in an embed', async () => {
    const anonymous = await openExplorer(browser, `${app.baseUrl}/?node=t-ui-home`);
    const home = anonymous.getByRole('complementary', { name: 'Hiddenperson Home Org' });
    await home.waitFor();
    expect(await home.innerText()).not.toContain('Quorra');
    await anonymous.close();

    // One browser context: the embed below shares the editor's session cookie.
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 }, bypassCSP: true });
    const page = await context.newPage();
    await page.goto(`${app.baseUrl}/?node=t-ui-hidden`);
    await waitForGraph(page);
    await signIn(page, editor);
    const panel = page.getByRole('complementary', { name: 'Quorra Hiddenperson' });
    await panel.getByText('Not public: hidden from visitors who are not signed in').waitFor();
    // A view saved by the signed-in editor, then embedded in the same browser: the embed reads as a visitor.
    await page.getByRole('button', { name: 'Save view' }).click();
    await page.getByLabel('Name of the view').fill('t-ui view with a hidden person');
    await page.getByRole('dialog').getByRole('button', { name: 'Save view' }).click();
    const link = await page.getByLabel('Saved. Share this link:').inputValue();
    const embed = await context.newPage();
    await embed.goto(`${link}&embed=1`);
    await embed.waitForFunction(() => performance.getEntriesByName('spean:graph-rendered').length > 0);
    const ids = await embed.evaluate(() => (window as any).speanCy.nodes().map((n: any) => n.id()));
    expect(ids).toContain('t-ui-home');
    expect(ids).not.toContain('t-ui-hidden');
    expect(await page.evaluate(() => (window as any).speanCy.nodes().map((n: any) => n.id()))).toContain('t-ui-hidden');
    await context.close();
  });
});
