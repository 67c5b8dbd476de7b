/**
 * Spreadsheet import through the real stack: dry run first, all-or-nothing commit, re-import
 * changes nothing, CSV and XLSX alike, rows rejected with file, line and column.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import ExcelJS from 'exceljs';
import { graphFingerprint, startTestApp, type TestApp } from '../support/app.js';
import { createAccount, removeAccounts, type TestAccount } from '../support/accounts.js';
import { TEST_SOURCE, removeGraph } from '../support/factory.js';
import { writeWorkbook } from '../../api/src/spreadsheets/workbook.js';

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
    expect(plan).toMatchObject({
      rows: 4,
      committed: false,
      rejected: [],
      nodes: { create: 2, update: 0, unchanged: 0 },
      relationships: { create: 2, update: 0, unchanged: 0 },
    });
    expect(plan.examples.create).toContain('t-imp-a');
    expect(plan.files[0].sha256).toMatch(/^[0-9a-f]{64}$/);
    expect((await app.get('/api/nodes/t-imp-a')).status).toBe(404);
    expect(await graphFingerprint(app.db)).toEqual(before);
  });

  it('says which new rows look like nodes the network has, to merge rather than create', async () => {
    const twin = `id,name,orgKind,sources\nt-imp-odc,Open Development Cambodia Organisation,cso,${TEST_SOURCE}\nt-imp-new,Entirely Unlike Anything,cso,${TEST_SOURCE}\n`;
    const plan = await (await upload({ 'organisations.csv': twin })).json();
    expect(plan.likelyDuplicates).toEqual([
      expect.objectContaining({
        a: { id: 'odc', name: 'Open Development Cambodia Organization' },
        b: { id: 't-imp-odc', name: 'Open Development Cambodia Organisation' },
      }),
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
    expect(await graphFingerprint(app.db)).toEqual(once);

    const renamed = organisations.replace('Import Beta', 'Import Beta Institute');
    const update = await (await upload({ 'organisations.csv': renamed }, true)).json();
    expect(update).toMatchObject({ committed: true, nodes: { create: 0, update: 1, unchanged: 1 } });
    expect((await app.getJson('/api/nodes/t-imp-b')).node).toMatchObject({ name: 'Import Beta Institute', version: 2 });
    expect((await app.getJson('/api/nodes/t-imp-a')).node.version).toBe(1);
  });

  it('compares stored rows by content hash, property by property where a row has none, and never shows the hash', async () => {
    const relationship = `from,type,to,sources\nt-imp-h,PARTNERS_WITH,odc,${TEST_SOURCE}\n`;
    const file = { 'organisations.csv': `id,name,orgKind,sources\nt-imp-h,Hashed Org,cso,${TEST_SOURCE}\n`, 'relationships.csv': relationship };
    await upload(file, true);
    const hashOf = async () => (await app.db.read<{ h: string | null }>("MATCH (n:Entity {id: 't-imp-h'}) RETURN n._contentHash AS h"))[0]?.h;
    const written = await hashOf();
    expect(written).toMatch(/^[\w-]{27}$/);
    const shown = await app.getJson('/api/nodes/t-imp-h');
    expect(Object.keys(shown.node)).not.toContain('_contentHash');
    expect(Object.keys(shown.relationships[0].properties)).not.toContain('_contentHash');
    for (const read of ['/api/graph?limit=5000', '/api/export?format=popolo', '/api/nodes/t-imp-h/neighbourhood']) {
      const body = await (await app.get(read)).text();
      expect(body, read).toContain('t-imp-h');
      expect(body, read).not.toContain('_contentHash');
    }

    // The property-by-property test (the one that needs $bookkeeping) runs only for rows whose hash differs or is missing.
    const propertyComparisons = async (files: Record<string, string>) => {
      const reads = vi.spyOn(app.db, 'read');
      try {
        const plan = await (await upload(files)).json();
        return { plan, queries: reads.mock.calls.filter(([cypher]) => cypher.includes('$bookkeeping')).length };
      } finally {
        reads.mockRestore();
      }
    };
    expect(await propertyComparisons(file)).toMatchObject({ queries: 0, plan: { nodes: { unchanged: 1 }, relationships: { unchanged: 1 } } });

    // Written before hashes (or by hand): compared property by property, and given a hash by the next write.
    await app.db.write("MATCH (n:Entity {id: 't-imp-h'})-[r]->() REMOVE n._contentHash, r._contentHash");
    expect(await propertyComparisons(file)).toMatchObject({
      queries: 2,
      plan: { nodes: { unchanged: 1, update: 0 }, relationships: { unchanged: 1, update: 0 } },
    });
    const renamed = { ...file, 'organisations.csv': file['organisations.csv'].replace('Hashed Org', 'Hashed Organisation') };
    expect(await (await upload(renamed, true)).json()).toMatchObject({ committed: true, nodes: { update: 1 } });
    const rewritten = await hashOf();
    expect(rewritten).toMatch(/^[\w-]{27}$/);
    expect(rewritten).not.toBe(written);
    expect(await propertyComparisons(renamed)).toMatchObject({ queries: 1, plan: { nodes: { unchanged: 1 }, relationships: { unchanged: 1 } } });
    expect((await app.getJson('/api/nodes/t-imp-h')).node).toMatchObject({ name: 'Hashed Organisation', version: 2 });
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
    // A problem like any bad input, naming each rejected cell, that carries the plan.
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const plan = await res.json();
    expect(plan.errors.map((e: { field: string }) => e.field)).toEqual(
      expect.arrayContaining(['files.organisations.csv.3.orgKind', 'files.relationships.csv.2.type']),
    );
    expect(plan.committed).toBe(false);
    expect(plan.rejected).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: 'organisations.csv', line: 3, field: 'orgKind' }),
        expect.objectContaining({ file: 'organisations.csv', line: 4, field: 'sources' }),
        expect.objectContaining({ file: 'relationships.csv', line: 2, field: 'type' }),
      ]),
    );
    expect((await app.get('/api/nodes/t-imp-c')).status).toBe(404);
    expect(await graphFingerprint(app.db)).toEqual(before);
  });

  it('refuses files it cannot read or that are too large', async () => {
    const wrongName = await (await upload({ 'partners.csv': organisations })).json();
    expect(wrongName.rejected[0]).toMatchObject({ file: 'partners.csv', field: 'file' });
    const notXlsx = await upload({ 'book.xlsx': 'not a zip' });
    expect(notXlsx.status).toBe(400);
    expect(await notXlsx.json()).toMatchObject({
      detail: expect.stringContaining('book.xlsx is not a readable XLSX workbook'),
      errors: [{ field: 'files.book.xlsx' }],
    });
    expect((await upload({ 'organisations.csv': Buffer.alloc(51 * 1024 * 1024, 'a') })).status).toBe(413);
  });
});

describe('importing XLSX', () => {
  it('reads one sheet per table, like the CSV files, and the template has every table and column', async () => {
    const book = await writeWorkbook([
      {
        name: 'people',
        columns: ['id', 'name', 'gender', 'sources'],
        rows: [{ id: 't-imp-p', name: 'Import Person', gender: 'female', sources: TEST_SOURCE }],
      },
      {
        name: 'relationships',
        columns: ['from', 'type', 'to', 'role', 'sources'],
        rows: [{ from: 't-imp-p', type: 'WORKS_FOR', to: 't-imp-a', role: 'Data lead', sources: TEST_SOURCE }],
      },
    ]);
    const plan = await (await upload({ 'speakers.xlsx': book }, true)).json();
    expect(plan).toMatchObject({ committed: true, rejected: [], nodes: { create: 1 }, relationships: { create: 1 } });
    expect((await app.getJson('/api/nodes/t-imp-p')).relationships[0].properties.role).toBe('Data lead');

    const res = await app.get('/api/import/template.xlsx');
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const template = new ExcelJS.Workbook();
    await template.xlsx.load(await res.arrayBuffer());
    expect(template.worksheets.map((s) => s.name)).toEqual([
      'instructions',
      'organisations',
      'people',
      'events',
      'initiatives',
      'places',
      'topics',
      'sources',
      'figures',
      'relationships',
      'allowed values',
    ]);
    expect(template.getWorksheet('people')!.getRow(1).values).toEqual([
      undefined,
      'id',
      'name',
      'aliases',
      'description',
      'sources',
      'honorific',
      'gender',
      'public',
    ]);
  });
});

describe('the import template', () => {
  async function template(): Promise<{ book: ExcelJS.Workbook; bytes: Buffer }> {
    const bytes = Buffer.from(await (await app.get('/api/import/template.xlsx')).arrayBuffer());
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as never);
    return { book, bytes };
  }
  const validations = (sheet: ExcelJS.Worksheet) =>
    (sheet as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } }).dataValidations.model;

  it('offers the model’s allowed values as dropdowns, with instructions and an example of each table', async () => {
    const { book } = await template();
    const allowed = book.getWorksheet('allowed values')!;
    const header = (allowed.getRow(1).values as string[]).slice(1);
    const list = (column: string) => (allowed.getColumn(header.indexOf(column) + 1).values as string[]).slice(2);
    expect(list('sourceKind')).toEqual(['blog-post', 'event-page', 'report', 'article', 'other']);
    expect(list('confidence')).toEqual(['confirmed', 'reported', 'inferred']);
    expect(list('type')).toContain('WORKS_FOR');
    const typeColumn = allowed.getColumn(header.indexOf('type') + 1).letter;
    // exceljs reads a range validation back as one entry per cell.
    expect(validations(book.getWorksheet('relationships')!).B2).toMatchObject({
      type: 'list',
      formulae: [`'allowed values'!$${typeColumn}$2:$${typeColumn}$33`],
      showErrorMessage: true,
    });
    expect(validations(book.getWorksheet('sources')!).E5001).toMatchObject({ type: 'list' });
    const instructions = book.getWorksheet('instructions')!;
    const text: string[] = [];
    instructions.eachRow((row) => text.push((row.values as unknown[]).slice(1).join(' | ')));
    expect(text.join('\n')).toContain('sources | sourceKind | required | blog-post, event-page, report, article, other');
    expect(text).toContain('example-person | WORKS_FOR | example-org |  | example-report-2024 |  | confirmed | 2022-01-01 |  | Data lead |  |  | ');
  });

  it('imports as it is (the note sheets are ignored), and filled in like a curator would', async () => {
    const { book, bytes } = await template();
    const empty = await (await upload({ 'template.xlsx': bytes })).json();
    expect(empty).toMatchObject({ rows: 0, rejected: [], nodes: { create: 0 } });
    book.getWorksheet('topics')!.addRow(['t-imp-topic', 'Template topic', '', '', TEST_SOURCE]);
    const filled = await (await upload({ 'template.xlsx': Buffer.from(await book.xlsx.writeBuffer()) })).json();
    expect(filled).toMatchObject({ rejected: [], nodes: { create: 1 } });
  });
});

describe('import errors a curator understands', () => {
  it('names row, column, value, what was expected and did you mean; explains knock-ons', async () => {
    const orgs = `id,name,orgKind,sources,webiste\nt-imp-k,Knock,club,${TEST_SOURCE},https://k.example\nt-imp-l,Lima,CSO,${TEST_SOURCE},\nt-imp-m,Mike,cso,,\n`;
    const rels = `from,type,to,sources\nt-imp-k,PARTNERS_WITH,odc,${TEST_SOURCE}\nt-imp-l,PARTNER_WITH,odcc,${TEST_SOURCE}\nt-imp-l,PARTNERS_WITH,odcc,2024-odd-nodc-highlight-report\n`;
    const plan = await (await upload({ 'organisations.csv': orgs, 'relationships.csv': rels })).json();
    const at = (file: string, line: number, field: string) =>
      plan.rejected.find((p: { file: string; line: number; field: string }) => p.file === file && p.line === line && p.field === field);
    expect(at('organisations.csv', 2, 'orgKind')).toMatchObject({
      value: 'club',
      expected: expect.stringContaining('government, cso'),
      message: expect.stringContaining('“club” is not an allowed orgKind'),
    });
    expect(at('organisations.csv', 2, 'webiste')).toMatchObject({ didYouMean: 'website', message: expect.stringContaining('did you mean “website”?') });
    expect(at('organisations.csv', 3, 'orgKind')).toMatchObject({ didYouMean: 'cso' });
    expect(at('organisations.csv', 4, 'sources').message).toBe('sources is required and this cell is empty: give at least one id (several separated by |)');
    expect(at('relationships.csv', 2, 'from').message).toBe(
      'rejected because the node “t-imp-k” was rejected itself (organisations.csv, line 2); fix that row first',
    );
    expect(at('relationships.csv', 3, 'type')).toMatchObject({ didYouMean: 'PARTNERS_WITH' });
    expect(at('relationships.csv', 4, 'to')).toMatchObject({ didYouMean: 'odc' });
    expect(at('relationships.csv', 4, 'sources')).toMatchObject({ didYouMean: TEST_SOURCE });
    for (const problem of plan.rejected) expect(problem.message).not.toMatch(/Invalid input|expected array|received undefined|Unrecognized key/);
  });

  it('reads semicolon-separated CSV files', async () => {
    const plan = await (
      await upload({ 'organisations.csv': `id;name;orgKind;sources;description\nt-imp-semi;Semicolon Org;cso;${TEST_SOURCE};one, two\n` })
    ).json();
    expect(plan).toMatchObject({ rejected: [], nodes: { create: 1 }, examples: { create: ['t-imp-semi'] } });
  });

  it('shows before and after for each update in a dry run', async () => {
    await upload({ 'organisations.csv': `id,name,orgKind,sources,aliases\nt-imp-u,Update Me,cso,${TEST_SOURCE},Old alias\n` }, true);
    const plan = await (await upload({ 'organisations.csv': `id,name,orgKind,sources,acronym\nt-imp-u,Updated,research,${TEST_SOURCE},UPD\n` })).json();
    expect(plan.updates).toEqual([
      {
        id: 't-imp-u',
        changes: [
          { field: 'acronym', before: null, after: 'UPD' },
          { field: 'aliases', before: ['Old alias'], after: [] },
          { field: 'name', before: 'Update Me', after: 'Updated' },
          { field: 'orgKind', before: 'cso', after: 'research' },
        ],
      },
    ]);
  });
});
