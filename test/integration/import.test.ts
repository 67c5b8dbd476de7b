/**
 * Spreadsheet import through the real stack: dry run first, all-or-nothing commit, re-import
 * changes nothing, CSV and XLSX alike, rows rejected with file, line and column.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { graphFingerprint, startTestApp, type TestApp } from '../support/app.js';
import { createAccount, removeAccounts, type TestAccount } from '../support/accounts.js';
import { TEST_SOURCE, removeGraph } from '../support/factory.js';
import { writeWorkbook } from '../../api/src/loader/workbook.js';

let app: TestApp;
let editor: TestAccount;

beforeAll(async () => {
  app = await startTestApp();
  editor = await createAccount(app, 'editor');
});
afterAll(async () => {
  await removeGraph(app.db, 't-imp');
  await removeAccounts(app);
  await app.close();
});

function upload(files: Record<string, string | Buffer>, commit = false, token = editor.token): Promise<Response> {
  const form = new FormData();
  for (const [name, content] of Object.entries(files)) form.append('files', new Blob([typeof content === 'string' ? content : new Uint8Array(content)]), name);
  return fetch(`${app.baseUrl}/api/import?commit=${commit}`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
}

const organisations = `id,name,orgKind,country,sources,aliases
t-imp-a,Import Alpha,cso,cambodia,${TEST_SOURCE},Alpha Org|IA
t-imp-b,Import Beta,research,,${TEST_SOURCE},
`;
const relationships = `from,type,to,sources,confidence,from_date
t-imp-a,PARTNERS_WITH,t-imp-b,${TEST_SOURCE},reported,2025-02-01
t-imp-b,PARTNERS_WITH,odc,${TEST_SOURCE},,
`;

describe('importing CSV', () => {
  it('dry-runs by default: says what would be created and writes nothing', async () => {
    const before = await graphFingerprint(app.db);
    const res = await upload({ 'organisations.csv': organisations, 'relationships.csv': relationships });
    expect(res.status).toBe(200);
    const plan = await res.json();
    expect(plan).toMatchObject({ rows: 4, committed: false, rejected: [], nodes: { create: 2, update: 0, unchanged: 0 }, relationships: { create: 2, update: 0, unchanged: 0 } });
    expect(plan.examples.create).toContain('t-imp-a');
    expect(plan.files[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    expect((await app.get('/api/nodes/t-imp-a')).status).toBe(404);
    expect(await graphFingerprint(app.db)).toBe(before);
  });

  it('says which new rows look like nodes the network has, to merge rather than create', async () => {
    const twin = `id,name,orgKind,sources\nt-imp-odc,Open Development Cambodia Organisation,cso,${TEST_SOURCE}\nt-imp-new,Entirely Unlike Anything,cso,${TEST_SOURCE}\n`;
    const plan = await (await upload({ 'organisations.csv': twin })).json();
    expect(plan.likelyDuplicates).toEqual([
      expect.objectContaining({ a: { id: 'odc', name: 'Open Development Cambodia Organization' }, b: { id: 't-imp-odc', name: 'Open Development Cambodia Organisation' } }),
    ]);
    expect(plan.likelyDuplicates[0].evidence[0].detail).toContain('alike');
  });

  it('commits all of it, records the import in the history, and importing again changes nothing', async () => {
    const plan = await (await upload({ 'organisations.csv': organisations, 'relationships.csv': relationships }, true)).json();
    expect(plan.committed).toBe(true);
    const a = await app.getJson('/api/nodes/t-imp-a');
    expect(a.node).toMatchObject({ name: 'Import Alpha', aliases: ['Alpha Org', 'IA'], version: 1 });
    expect(a.relationships[0].properties).toMatchObject({ confidence: 'reported', from_date: '2025-02-01' });
    const history = await editor.getJson('/api/nodes/t-imp-a/history');
    expect(history.items[0]).toMatchObject({ action: 'import', byName: 'Test editor' });

    const once = await graphFingerprint(app.db);
    const again = await (await upload({ 'organisations.csv': organisations, 'relationships.csv': relationships }, true)).json();
    expect(again).toMatchObject({ committed: false, nodes: { create: 0, update: 0, unchanged: 2 }, relationships: { create: 0, update: 0, unchanged: 2 } });
    expect(await graphFingerprint(app.db)).toBe(once);

    const renamed = organisations.replace('Import Beta', 'Import Beta Institute');
    const update = await (await upload({ 'organisations.csv': renamed }, true)).json();
    expect(update).toMatchObject({ committed: true, nodes: { create: 0, update: 1, unchanged: 1 } });
    expect((await app.getJson('/api/nodes/t-imp-b')).node).toMatchObject({ name: 'Import Beta Institute', version: 2 });
    expect((await app.getJson('/api/nodes/t-imp-a')).node.version).toBe(1);
  });

  it('rejects the whole file for one bad row, naming file, line and column, and writes nothing', async () => {
    const before = await graphFingerprint(app.db);
    const bad = `id,name,orgKind,sources
t-imp-c,Import Gamma,cso,${TEST_SOURCE}
t-imp-d,Import Delta,not-a-kind,${TEST_SOURCE}
t-imp-e,Import Epsilon,cso,no-such-source
`;
    const res = await upload({ 'organisations.csv': bad, 'relationships.csv': `from,type,to,sources\nt-imp-c,WORKS_FOR,odc,${TEST_SOURCE}\n` }, true);
    expect(res.status).toBe(400);
    const plan = await res.json();
    expect(plan.committed).toBe(false);
    expect(plan.rejected).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: 'organisations.csv', line: 3, field: 'orgKind' }),
        expect.objectContaining({ file: 'organisations.csv', line: 4, field: 'sources' }),
        expect.objectContaining({ file: 'relationships.csv', line: 2, field: 'type' }),
      ]),
    );
    expect((await app.get('/api/nodes/t-imp-c')).status).toBe(404);
    expect(await graphFingerprint(app.db)).toBe(before);
  });

  it('refuses files it cannot read or that are too large', async () => {
    const wrongName = await (await upload({ 'partners.csv': organisations })).json();
    expect(wrongName.rejected[0]).toMatchObject({ file: 'partners.csv', field: 'file' });
    const notXlsx = await upload({ 'book.xlsx': 'not a zip' });
    expect(notXlsx.status).toBe(400);
    expect(await notXlsx.json()).toMatchObject({ detail: expect.stringContaining('book.xlsx is not a readable XLSX workbook'), errors: [{ field: 'files.book.xlsx' }] });
    expect((await upload({ 'organisations.csv': Buffer.alloc(51 * 1024 * 1024, 'a') })).status).toBe(413);
  });
});

describe('importing XLSX', () => {
  it('reads one sheet per table, like the CSV files, and the template has every table and column', async () => {
    const book = await writeWorkbook([
      { name: 'people', columns: ['id', 'name', 'gender', 'sources'], rows: [{ id: 't-imp-p', name: 'Import Person', gender: 'female', sources: TEST_SOURCE }] },
      { name: 'relationships', columns: ['from', 'type', 'to', 'role', 'sources'], rows: [{ from: 't-imp-p', type: 'WORKS_FOR', to: 't-imp-a', role: 'Data lead', sources: TEST_SOURCE }] },
    ]);
    const plan = await (await upload({ 'speakers.xlsx': book }, true)).json();
    expect(plan).toMatchObject({ committed: true, rejected: [], nodes: { create: 1 }, relationships: { create: 1 } });
    expect((await app.getJson('/api/nodes/t-imp-p')).relationships[0].properties.role).toBe('Data lead');

    const res = await app.get('/api/import/template.xlsx');
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const template = new ExcelJS.Workbook();
    await template.xlsx.load(await res.arrayBuffer());
    expect(template.worksheets.map((s) => s.name)).toEqual(['organisations', 'people', 'events', 'initiatives', 'places', 'topics', 'sources', 'figures', 'relationships']);
    expect(template.getWorksheet('people')!.getRow(1).values).toEqual([undefined, 'id', 'name', 'aliases', 'description', 'sources', 'honorific', 'gender', 'public']);
  });
});
