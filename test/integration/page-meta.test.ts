/**
 * When a link to Spean is shared or crawled, then the page carries OpenGraph tags (a shared view
 * previews under its own name) and a schema.org Dataset in JSON-LD with the data's licence and
 * downloads, read back with a DOM parser.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, testDb, type TestApp } from '../support/app.js';

let app: TestApp;
let uiDir: string;
beforeAll(async () => {
  // The page's <head> is what matters here, not the built app.
  uiDir = mkdtempSync(join(tmpdir(), 'spean-ui-'));
  writeFileSync(join(uiDir, 'index.html'), '<!doctype html>\n<html lang="en">\n  <head>\n    <title>Spean</title>\n  </head>\n  <body></body>\n</html>\n');
  app = await startTestApp(testDb(), { uiDir });
});
afterAll(async () => {
  await app.db.write('MATCH (v:SavedView) WHERE v.name STARTS WITH "t-pm-" DETACH DELETE v');
  await app.close();
  rmSync(uiDir, { recursive: true, force: true });
});

async function head(path: string) {
  const html = await (await app.get(path)).text();
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const meta = Object.fromEntries(
    Array.from(doc.getElementsByTagName('meta')).map((m) => [m.getAttribute('property') || m.getAttribute('name'), m.getAttribute('content')]),
  );
  const ld = Array.from(doc.getElementsByTagName('script')).find((s) => s.getAttribute('type') === 'application/ld+json');
  return { meta, dataset: ld ? JSON.parse(ld.textContent ?? '') : undefined };
}

describe('when the page is shared or crawled', () => {
  it('then it describes the network as a schema.org Dataset with its licence and downloads', async () => {
    const { meta, dataset } = await head('/');
    expect(dataset).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'Dataset',
      license: 'https://creativecommons.org/licenses/by/4.0/',
      isAccessibleForFree: true,
    });
    expect(dataset.distribution.map((d: { contentUrl: string }) => d.contentUrl)).toEqual(
      expect.arrayContaining([`${app.baseUrl}/api/export?format=csv`, `${app.baseUrl}/api/graph?format=gexf`]),
    );
    expect(meta).toMatchObject({
      'og:type': 'website',
      'og:title': 'Spean — the Mekong open data network',
      'og:url': `${app.baseUrl}/`,
      'twitter:card': 'summary',
    });
  });

  it('then a shared view previews under its own name, escaped', async () => {
    const res = await fetch(`${app.baseUrl}/api/views`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 't-pm-ODC & "friends" <2024>',
        state: '',
        nodes: ['odc'],
        edges: [],
        positions: {},
        viewport: { zoom: 1, pan: { x: 0, y: 0 } },
      }),
    });
    const { id } = await res.json();
    const { meta } = await head(`/?view=${id}`);
    expect(meta['og:title']).toBe('t-pm-ODC & "friends" <2024> — Spean');
    expect(meta['og:url']).toBe(`${app.baseUrl}/?view=${id}`);
    expect((await head('/?view=unknownview123')).meta['og:title']).toBe('Spean — the Mekong open data network');
  });
});
