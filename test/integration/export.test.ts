/**
 * Exports in the import format round-trip exactly: the network exported, imported into an empty
 * Neo4j of its own, and exported again gives identical files. Formula-like cells are neutralised
 * in the files and restored on import. Popolo JSON for people, organisations and memberships.
 */
import { rmSync } from 'node:fs';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalNeo4j, type LocalNeo4j } from '../../db/neo4j-process.js';
import { migrate } from '../../api/src/db/migrations.js';
import { importFiles } from '../../api/src/curation/import.js';
import { TablesRepository } from '../../api/src/repositories/tables.repository.js';
import { exportTables, toCsvZip } from '../../api/src/export/tables-export.js';
import { graphFilter } from '../../api/src/domain/views.js';
import { NODE_KINDS } from '../../api/src/domain/model.js';
import type { GraphDb } from '../../api/src/db/graph-db.js';
import { startTestApp, testDb, type TestApp } from '../support/app.js';
import { createGraph, removeGraph, TEST_SOURCE } from '../support/factory.js';

const HOME = '.neo4j/test-export';
const PORT = Number(process.env.TEST_NEO4J_EXPORT_PORT ?? 7693);
let empty: LocalNeo4j;
let emptyDb: GraphDb;
let app: TestApp;

beforeAll(async () => {
  rmSync(HOME, { recursive: true, force: true });
  [empty, app] = await Promise.all([startLocalNeo4j({ port: PORT, home: HOME, heapMiB: 512, pageCacheMiB: 64 }), startTestApp()]);
  emptyDb = testDb(empty.uri);
  await migrate(emptyDb);
  await createGraph(app.db, [
    { kind: 'topic', id: 't-exp-formula', name: '=HYPERLINK("http://evil.example","click")', aliases: ['+1 alias', '@at'], sources: [TEST_SOURCE] },
  ]);
});
afterAll(async () => {
  await removeGraph(app.db, 't-exp-');
  await emptyDb?.close();
  await app?.close();
  await empty?.stop();
});

async function csvFiles(zipped: Buffer): Promise<Record<string, string>> {
  const zip = await JSZip.loadAsync(zipped);
  const files: Record<string, string> = {};
  for (const name of Object.keys(zip.files).sort()) files[name] = await zip.file(name)!.async('string');
  return files;
}

describe('export in the import format', () => {
  it('round-trips exactly through an empty database, formula-like cells included', { timeout: 120_000 }, async () => {
    const res = await app.get('/api/export?format=csv');
    expect(res.headers.get('content-type')).toContain('application/zip');
    const first = await csvFiles(Buffer.from(await res.arrayBuffer()));
    expect(Object.keys(first)).toEqual([
      'events.csv',
      'figures.csv',
      'initiatives.csv',
      'organisations.csv',
      'people.csv',
      'places.csv',
      'relationships.csv',
      'sources.csv',
      'topics.csv',
    ]);
    expect(first['topics.csv']).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(first['people.csv']!.split('\n')[0]).toBe('id,name,aliases,description,sources,honorific,gender,public');

    const plan = await importFiles(
      emptyDb,
      Object.entries(first).map(([name, text]) => ({ name, data: Buffer.from(text) })),
      true,
    );
    expect(plan.rejected).toEqual([]);
    expect(plan.committed).toBe(true);
    const [formula] = await emptyDb.read("MATCH (t:Topic {id: 't-exp-formula'}) RETURN t.name AS name, t.aliases AS aliases");
    expect(formula).toEqual({ name: '=HYPERLINK("http://evil.example","click")', aliases: ['+1 alias', '@at'] });

    expect(first['figures.csv']!.trim().split('\n').length).toBeGreaterThan(20);
    const again = await csvFiles(await toCsvZip(await exportTables(new TablesRepository(emptyDb), graphFilter({ kinds: [...NODE_KINDS] }, false))));
    for (const name of Object.keys(first)) expect(again[name], name).toBe(first[name]);
  });

  it('exports a filtered part with the sources its facts cite, and as XLSX', async () => {
    const files = await csvFiles(Buffer.from(await (await app.get('/api/export?format=csv&kinds=organisation&country=cambodia')).arrayBuffer()));
    expect(files['organisations.csv']).toContain('Open Development Cambodia Organization');
    const ids = files['organisations.csv']!.trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(',')[0]);
    expect(ids).toContain('odc');
    expect(ids).not.toContain('dfat'); // in Australia
    expect(files['people.csv']!.trim().split('\n')).toHaveLength(1);
    expect(files['sources.csv']).toContain('2024-odd-nodc-highlights-report');
    expect(files['relationships.csv']).toContain('PARTNERS_WITH');
    const xlsx = await app.get('/api/export?format=xlsx');
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    // Typed cells: numbers, dates and booleans as a spreadsheet's own types, which still import back unchanged.
    const book = new ExcelJS.Workbook();
    await book.xlsx.load((await xlsx.clone().arrayBuffer()) as never);
    const column = (sheet: string, name: string) => (book.getWorksheet(sheet)!.getRow(1).values as string[]).indexOf(name);
    const figure = book.getWorksheet('figures')!.getRow(2);
    expect(typeof figure.getCell(column('figures', 'value')).value).toBe('number');
    const source = book.getWorksheet('sources')!;
    const dates = source.getColumn(column('sources', 'date')).values.filter((v) => v instanceof Date);
    expect(dates.length).toBeGreaterThanOrEqual(5); // the seed's five source documents are dated
    expect(source.getColumn(column('sources', 'date')).numFmt).toBe('yyyy-mm-dd');
    expect(typeof book.getWorksheet('people')!.getRow(2).getCell(column('people', 'public')).value).toBe('boolean');
    const plan = await importFiles(emptyDb, [{ name: 'network.xlsx', data: Buffer.from(await xlsx.arrayBuffer()) }], false);
    expect(plan.rejected).toEqual([]);
    expect(plan.nodes.create + plan.nodes.update).toBe(0);
  });

  it('gives people, organisations and memberships as Popolo JSON', async () => {
    const popolo = await app.getJson('/api/export?format=popolo');
    expect(popolo.persons.find((p: { id: string }) => p.id === 'thy-try')).toMatchObject({
      name: 'Thy Try',
      honorific_prefix: 'Mr.',
      other_names: expect.arrayContaining([{ name: 'Mr. Thy Try' }]),
    });
    expect(popolo.organizations.find((o: { id: string }) => o.id === 'odc')).toMatchObject({
      classification: 'cso',
      identifiers: [{ scheme: 'acronym', identifier: 'ODC' }],
    });
    const membership = popolo.memberships.find((m: { person_id: string; organization_id: string }) => m.person_id === 'thy-try' && m.organization_id === 'odc');
    expect(membership).toMatchObject({
      role: 'Executive Director',
      sources: expect.arrayContaining([expect.objectContaining({ note: 'Open Data Day 2022: The role of open data in digital government' })]),
    });
  });
});
