/**
 * When the API stops answering, the UI says so and offers a retry; when it is back, the retry
 * works. The app here is a real one on its own port, stopped and started again on that port.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { pino } from 'pino';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { buildApp, type App } from '../../api/src/app.js';
import { testDb } from '../support/app.js';
import { launchChromium } from '../support/browser.js';
import { canvasNodes, openExplorer } from '../support/ui.js';

let browser: Browser;
let built: App;
const db = testDb();

function listen(port = 0): Promise<Server> {
  return new Promise((resolve) => {
    const server = built.app.listen(port, '127.0.0.1', () => resolve(server));
  });
}
const close = (server: Server) =>
  new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });

beforeAll(async () => {
  built = buildApp({ db, logger: pino({ level: 'silent' }), uiDir: inject('uiDir') });
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await built?.close();
  await db.close();
});

it('shows the API-down state with a retry, and recovers when the API is back', { timeout: 90_000 }, async () => {
  let server = await listen();
  const { port } = server.address() as AddressInfo;
  const page = await openExplorer(browser, `http://127.0.0.1:${port}/`);
  const drawn = (await canvasNodes(page)).length;

  await close(server);
  await page.getByRole('checkbox', { name: 'Topics' }).uncheck();
  const alert = page.getByRole('alert');
  await alert.waitFor();
  expect(await alert.innerText()).toContain('does not answer right now');
  // Search says so too, instead of "nothing found".
  await page.getByRole('combobox', { name: 'Search the network' }).fill('Open Data');
  await page.getByRole('status').filter({ hasText: 'does not answer' }).waitFor();

  server = await listen(port);
  await page.getByRole('button', { name: 'Try again' }).click();
  await page.waitForFunction(() => !document.querySelector('[role="alert"]'));
  await page.waitForFunction((before) => (window as any).speanCy.nodes(':visible').length < before, drawn);
  const kinds = await page.evaluate(() => [...new Set((window as any).speanCy.nodes(':visible').map((n: any) => n.data('kind')))]);
  expect(kinds).not.toContain('topic');
  await page.close();
  await close(server);
});
