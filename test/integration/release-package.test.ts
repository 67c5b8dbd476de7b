/**
 * When an admin publishes a release, then its CSV zip is a Frictionless Data Package that the
 * Frictionless Framework validates (every table against its Table Schema), with the data's
 * licence and a CITATION.cff; the release itself names the licence.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { createAccount, removeAccounts, type TestAccount } from '../support/accounts.js';
import { ensureFrictionless, validatePackage } from '../support/frictionless.js';

let app: TestApp;
let admin: TestAccount;
let dir: string;
beforeAll(async () => {
  ensureFrictionless();
  app = await startTestApp();
  admin = await createAccount(app, 'admin');
  dir = mkdtempSync(join(tmpdir(), 'spean-package-'));
}, 600_000);
afterAll(async () => {
  await app.db.write('MATCH (r:Release) WHERE r.publishedById = $id DELETE r', { id: admin.id });
  await removeAccounts(app);
  await app.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('when a release is published', () => {
  it('then its CSV zip is a data package that Frictionless validates, with a licence and a citation file', { timeout: 180_000 }, async () => {
    const release = await (await admin.send('POST', '/api/releases', { title: 'Package test' })).json();
    expect(release.license).toMatchObject({ id: 'CC-BY-4.0', url: 'https://creativecommons.org/licenses/by/4.0/' });
    const res = await app.get(`/api/releases/${release.id}/files/csv`);
    expect(res.headers.get('link')).toContain('rel="license"');
    const zip = await JSZip.loadAsync(Buffer.from(await res.arrayBuffer()));
    for (const [name, file] of Object.entries(zip.files)) writeFileSync(join(dir, name), await file.async('nodebuffer'));

    const descriptor = JSON.parse(await zip.file('datapackage.json')!.async('string'));
    expect(descriptor.licenses).toEqual([expect.objectContaining({ name: 'CC-BY-4.0' })]);
    expect(descriptor.resources.map((r: { path: string }) => r.path).sort()).toEqual(
      Object.keys(zip.files)
        .filter((n) => n.endsWith('.csv'))
        .sort(),
    );
    const people = descriptor.resources.find((r: { name: string }) => r.name === 'people');
    expect(people.schema.fields.find((f: { name: string }) => f.name === 'public')).toMatchObject({ type: 'boolean' });

    const report = validatePackage(join(dir, 'datapackage.json'));
    const problems = report.tasks.flatMap((t) => t.errors.map((e) => `${t.name}: ${e.message}`));
    expect([...report.errors, ...problems].slice(0, 10)).toEqual([]);
    expect(report.valid).toBe(true);
    expect(report.tasks.length).toBe(descriptor.resources.length);

    const cff = await zip.file('CITATION.cff')!.async('string');
    expect(cff).toMatch(/^cff-version: "1\.2\.0"$/m);
    expect(cff).toContain(`"date-released"`.replace(/"/g, '') + ': ');
    expect(cff).toMatch(/^license: "CC-BY-4.0"$/m);
  });

  it('then Frictionless fails a package whose table breaks its schema', () => {
    writeFileSync(join(dir, 'broken.csv'), 'id,public\nx,maybe\n');
    writeFileSync(
      join(dir, 'broken.json'),
      JSON.stringify({
        name: 'broken',
        resources: [
          {
            name: 'broken',
            path: 'broken.csv',
            schema: {
              fields: [
                { name: 'id', type: 'string' },
                { name: 'public', type: 'boolean' },
              ],
            },
          },
        ],
      }),
    );
    expect(validatePackage(join(dir, 'broken.json')).valid).toBe(false);
  });
});
