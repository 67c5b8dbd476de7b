/**
 * When the network is exported as Popolo, then every person, organisation, area and membership
 * validates against popolo-spec's own JSON schemas (draft-03, vendored in test/schemas/popolo/
 * and checked with Python's jsonschema: test/support/schema-check.ts) and the file keeps what
 * Popolo consumers look up: every area an organisation points to, PART_OF as parent_id.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';
import { checkJson, ensureSchemaTools, SCHEMAS } from '../support/schema-check.js';

const LISTS = { persons: 'person', organizations: 'organization', areas: 'area', memberships: 'membership' } as const;

/** Each list of a Popolo file checked against its entity's schema: the errors, named by list. */
function popoloErrors(popolo: Record<string, unknown[]>): string[] {
  return Object.entries(LISTS).flatMap(([list, entity]) =>
    checkJson(SCHEMAS.popolo(entity), popolo[list] ?? []).errors.map((e) => `${list}[${e.index}].${e.path}: ${e.message}`),
  );
}

let app: TestApp;
beforeAll(async () => {
  ensureSchemaTools();
  app = await startTestApp();
});
afterAll(async () => {
  await app.close();
});

type Entry = Record<string, any>;

describe('when the network is exported as Popolo', () => {
  it("then every person, organisation, area and membership validates against popolo-spec's schemas", async () => {
    const popolo = await app.getJson('/api/export?format=popolo');
    expect(Object.keys(popolo).sort()).toEqual(Object.keys(LISTS).sort());
    expect(popoloErrors(popolo)).toEqual([]);
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

  it('then the schema check fails on the defect tools met: a source without url', () => {
    const sourceWithoutUrl = { name: 'X', sources: [{ note: 'no url' }] };
    expect(popoloErrors({ persons: [sourceWithoutUrl], organizations: [sourceWithoutUrl], areas: [], memberships: [{ sources: [{}] }] })).toEqual([
      expect.stringMatching(/^persons\[0\]\.sources\/0\/url: .*required/),
      expect.stringMatching(/^organizations\[0\]\.sources\/0\/url: .*required/),
      expect.stringMatching(/^memberships\[0\]\.sources\/0\/url: .*required/),
    ]);
    expect(popoloErrors({ persons: [{ name: 'X', birth_date: '12 May 1980' }], organizations: [], areas: [], memberships: [] })).toHaveLength(1);
  });
});
