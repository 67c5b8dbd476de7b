/**
 * When the network is exported as Popolo, then it validates against the Popolo schemas (ours,
 * restated from the specification: test/schemas/popolo-ours.schema.json says why) and keeps
 * what Popolo consumers look up: every area an organisation points to, PART_OF as parent_id.
 */
import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';

const schema = JSON.parse(readFileSync(new URL('../schemas/popolo-ours.schema.json', import.meta.url), 'utf8'));
const ajv = new Ajv2020({ allErrors: true, strict: true });
addFormats.default(ajv);
const validate = ajv.compile(schema);

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.close();
});

type Entry = Record<string, any>;

describe('when the network is exported as Popolo', () => {
  it('then every person, organisation, area and membership validates against the schema', async () => {
    const popolo = await app.getJson('/api/export?format=popolo');
    const ok = validate(popolo);
    expect(validate.errors ?? [], JSON.stringify(validate.errors?.slice(0, 5))).toEqual([]);
    expect(ok).toBe(true);
    expect(popolo.persons.length).toBeGreaterThan(40);
    expect(popolo.memberships.length).toBeGreaterThan(40);
    for (const entry of [...popolo.persons, ...popolo.organizations, ...popolo.memberships] as Entry[]) {
      expect(entry.sources.length, entry.id).toBeGreaterThan(0);
      for (const source of entry.sources) expect(source.url).toMatch(/^https?:\/\//);
    }
  });

  it('then organisations name their areas and parents, and both are in the file', async () => {
    const popolo = await app.getJson('/api/export?format=popolo');
    const areas = new Set((popolo.areas as Entry[]).map((a) => a.id));
    const orgs = new Set((popolo.organizations as Entry[]).map((o) => o.id));
    for (const o of popolo.organizations as Entry[]) {
      if (o.area_id) expect(areas, `${o.id} area ${o.area_id}`).toContain(o.area_id);
      if (o.parent_id) expect(orgs, `${o.id} parent ${o.parent_id}`).toContain(o.parent_id);
      expect(o).not.toHaveProperty('summary');
    }
    expect(popolo.organizations.find((o: Entry) => o.id === 'idg-cadt')).toMatchObject({ parent_id: 'cadt', area_id: 'cambodia' });
    expect(popolo.areas.find((a: Entry) => a.id === 'cambodia')).toMatchObject({ name: 'Cambodia', classification: 'country' });
    expect((popolo.organizations as Entry[]).filter((o) => o.parent_id).length).toBeGreaterThanOrEqual(10);
  });

  it('then a schema check fails on the defects tools met: a source without url, a summary on an organisation', () => {
    expect(validate({ persons: [{ name: 'X', sources: [{ note: 'no url' }] }], organizations: [], areas: [], memberships: [] })).toBe(false);
    expect(validate({ persons: [], organizations: [{ name: 'Y', summary: 'not Popolo' }], areas: [], memberships: [] })).toBe(false);
  });
});
