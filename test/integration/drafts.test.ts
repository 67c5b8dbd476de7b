/**
 * Drafts through the real stack: a short report (written for this test) goes from paste to a
 * draft, and from the reviewed draft to committed, sourced, history-recorded nodes and
 * relationships; a rejected proposal writes nothing; a bad row commits nothing; bad files are
 * refused with a problem naming the cause.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphFingerprint, startTestApp, type TestApp } from '../support/app.js';
import { createAccount, removeAccounts, type TestAccount } from '../support/accounts.js';
import { removeGraph } from '../support/factory.js';
import { docxBomb, docxOf } from '../support/hostile-documents.js';

let app: TestApp;
let editor: TestAccount;
const report = readFileSync(new URL('../fixtures/drafts/provincial-workshop.txt', import.meta.url), 'utf8');

beforeAll(async () => {
  app = await startTestApp();
  editor = await createAccount(app, 'editor');
});
afterAll(async () => {
  await removeGraph(app.db, 't-dr');
  await removeAccounts(app);
  await app.close();
});

interface DraftNode {
  id: string;
  kind: string;
  name: string;
  aliases: string[];
  match: string | null;
  quote: string;
  fields: Record<string, string | number>;
}
interface Draft {
  source: Record<string, string>;
  text: string;
  nodes: DraftNode[];
  relationships: { from: string; type: string; to: string; quote: string; role?: string }[];
  problems: string[];
}

async function draftOf(text: string): Promise<Draft> {
  const res = await editor.send('POST', '/api/drafts', { text });
  expect(res.status).toBe(200);
  return res.json();
}

/** The draft as the curator sends it back: new nodes get test ids, every proposal a decision. */
function reviewed(draft: Draft, decide: (n: DraftNode) => 'accept' | 'reject' = () => 'accept', source = 't-dr-source') {
  return {
    source: { id: source, title: 'Provincial Open Data Workshop 2026', publisher: 'Test publisher', date: '2026-05-20', sourceKind: 'blog-post' },
    nodes: draft.nodes.map((n, i) => ({
      id: n.id,
      kind: n.kind,
      name: n.name,
      aliases: n.aliases,
      match: n.match,
      fields: n.fields,
      decision: decide(n),
      ...(n.match ? {} : { newId: `t-dr-${i}` }),
    })),
    relationships: draft.relationships.map((r) => ({ ...r, decision: 'accept' })),
  };
}

const byName = (draft: Draft, name: string) => draft.nodes.find((n) => n.name === name || n.aliases.includes(name));
const rel = (draft: Draft, from: string, type: string, to: string) =>
  draft.relationships.find((r) => r.from === byName(draft, from)?.id && r.type === type && r.to === byName(draft, to)?.id);

describe('drafting a pasted report', () => {
  it('proposes people, organisations, the event and what links them, each with its exact sentence, and writes nothing', async () => {
    const before = await graphFingerprint(app.db);
    const draft = await draftOf(report);
    expect(byName(draft, 'Open Development Cambodia Organization')).toMatchObject({ kind: 'organisation', match: 'odc' });
    expect(byName(draft, 'Tonle Learning Network')).toMatchObject({ kind: 'organisation', match: null });
    expect(byName(draft, 'Sreyneang Tola')).toMatchObject({ kind: 'person', match: null });
    expect(byName(draft, 'Provincial Open Data Workshop 2026')?.fields).toMatchObject({ eventKind: 'workshop', startDate: '2026-05-14' });
    expect(rel(draft, 'Sreyneang Tola', 'WORKS_FOR', 'Tonle Learning Network')?.role).toBe('Programme Manager');
    expect(rel(draft, 'Vireak Sothy', 'WORKS_FOR', 'Open Development Cambodia Organization')).toBeDefined();
    expect(rel(draft, 'Sreyneang Tola', 'SPOKE_AT', 'Provincial Open Data Workshop 2026')).toBeDefined();
    expect(rel(draft, 'Sreyneang Tola', 'MODERATED', 'Open budgets for communes')).toBeDefined();
    expect(rel(draft, 'Open Development Cambodia Organization', 'ORGANISED', 'Provincial Open Data Workshop 2026')).toBeDefined();
    expect(rel(draft, 'Mekong Civic Data Foundation', 'FUNDS', 'Provincial Open Data Workshop 2026')).toBeDefined();
    for (const quoted of [...draft.nodes, ...draft.relationships]) expect(report).toContain(quoted.quote);
    expect(await graphFingerprint(app.db)).toEqual(before);
  });

  it('carries the source’s metadata, sent as JSON fields or as form fields with a file, back in the draft', async () => {
    const source = {
      title: 'Provincial Open Data Workshop 2026',
      publisher: 'Tonle Learning Network',
      date: '2026-05-20',
      url: 'https://example.org/report',
      sourceKind: 'blog-post',
    };
    const pasted = await editor.send('POST', '/api/drafts', { text: report, ...source });
    expect(pasted.status).toBe(200);
    expect((await pasted.json()).source).toEqual(source);
    const form = new FormData();
    for (const [field, value] of Object.entries({ title: source.title, publisher: source.publisher, sourceKind: 'report' })) form.append(field, value);
    form.append('file', new Blob([report]), 'workshop.txt');
    const uploaded = await fetch(`${app.baseUrl}/api/drafts`, { method: 'POST', headers: { authorization: `Bearer ${editor.token}` }, body: form });
    expect(uploaded.status).toBe(200);
    const draft = await uploaded.json();
    expect(draft.source).toEqual({ title: source.title, publisher: source.publisher, sourceKind: 'report' });
    expect(byName(draft, 'Sreyneang Tola')).toBeDefined();
    expect((await draftOf(report)).source).toEqual({});
  });

  it('bad metadata is a 400 naming each bad field, as JSON and as form fields', async () => {
    const res = await editor.send('POST', '/api/drafts', { text: report, date: '20 May 2026', sourceKind: 'tweet', colour: 'red' });
    expect(res.status).toBe(400);
    const fields = (await res.json()).errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['body.date', 'body.sourceKind']));
    const form = new FormData();
    form.append('url', 'not a link');
    form.append('file', new Blob([report]), 'workshop.txt');
    const uploaded = await fetch(`${app.baseUrl}/api/drafts`, { method: 'POST', headers: { authorization: `Bearer ${editor.token}` }, body: form });
    expect(uploaded.status).toBe(400);
    expect((await uploaded.json()).errors.map((e: { field: string }) => e.field)).toContain('body.url');
  });

  it('a draft with a bad row commits nothing', async () => {
    const draft = await draftOf(report);
    const body = reviewed(draft, () => 'accept', 't-dr-source-bad');
    const event = body.nodes.find((n) => n.kind === 'event' && !n.match)!;
    event.fields = { ...event.fields, eventKind: 'party' };
    const before = await graphFingerprint(app.db);
    const res = await editor.send('POST', '/api/drafts/commit', body);
    expect(res.status).toBe(400);
    const plan = await res.json();
    expect(plan.committed).toBe(false);
    expect(plan.rejected[0]).toMatchObject({ field: 'eventKind' });
    expect((await app.get('/api/nodes/t-dr-source-bad')).status).toBe(404);
    expect(await graphFingerprint(app.db)).toEqual(before);
  });

  it('a reviewed node may not be a second source: a 400 naming its kind, from commit and workbook alike', async () => {
    const body = reviewed(await draftOf(report), () => 'accept', 't-dr-source-twice');
    body.nodes[0]!.kind = 'source';
    const before = await graphFingerprint(app.db);
    for (const path of ['/api/drafts/commit', '/api/drafts/workbook']) {
      const res = await editor.send('POST', path, body);
      expect(res.status, path).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect((await res.json()).errors.map((e: { field: string }) => e.field)).toContain('body.nodes.0.kind');
    }
    expect(await graphFingerprint(app.db)).toEqual(before);
  });

  it('commits the reviewed draft through the importer: sourced nodes and relationships, with history; a rejected proposal writes nothing', async () => {
    const draft = await draftOf(report);
    const res = await editor.send(
      'POST',
      '/api/drafts/commit',
      reviewed(draft, (n) => (n.name === 'Kosal Rithy' ? 'reject' : 'accept')),
    );
    const plan = await res.json();
    expect(res.status, JSON.stringify(plan.rejected)).toBe(200);
    expect(plan.committed).toBe(true);
    const index = (name: string) => draft.nodes.findIndex((n) => n.name === name);
    const node = await app.getJson(`/api/nodes/t-dr-${index('Sreyneang Tola')}`);
    expect(node.node).toMatchObject({ name: 'Sreyneang Tola', sources: ['t-dr-source'] });
    const works = node.relationships.find((r: { type: string }) => r.type === 'WORKS_FOR');
    expect(works.properties).toMatchObject({
      sources: ['t-dr-source'],
      role: 'Programme Manager',
      quote: expect.stringContaining('Programme Manager of the Tonle Learning Network'),
    });
    const history = await editor.getJson(`/api/nodes/t-dr-${index('Sreyneang Tola')}/history`);
    expect(history.items[0]).toMatchObject({ action: 'import' });
    // The rejected person is not written, nor the relationships that need him.
    expect((await app.get(`/api/nodes/t-dr-${index('Kosal Rithy')}`)).status).toBe(404);
    const foundation = await app.getJson(`/api/nodes/t-dr-${index('Mekong Civic Data Foundation')}`);
    expect(foundation.relationships.map((r: { type: string }) => r.type)).toEqual(['FUNDS']);
  });
});

describe('bad input', () => {
  const send = (name: string, data: Uint8Array | string) => {
    const form = new FormData();
    form.append('file', new Blob([data as BlobPart]), name);
    return fetch(`${app.baseUrl}/api/drafts`, { method: 'POST', headers: { authorization: `Bearer ${editor.token}` }, body: form });
  };

  it('an empty file or empty text is a 400 naming it', async () => {
    const res = await send('empty.txt', '');
    expect(res.status).toBe(400);
    expect((await res.json()).detail).toMatch(/empty/);
    expect((await editor.send('POST', '/api/drafts', { text: '  ' })).status).toBe(400);
  });

  it('a binary file is a 415', async () => {
    const res = await send('photo.txt', new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 1, 2, 3]));
    expect(res.status).toBe(415);
    expect((await res.json()).detail).toMatch(/binary/);
  });

  it('a password-protected document is a 422 saying so', async () => {
    const ole = new Uint8Array(1024);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const res = await send('secret.docx', ole);
    expect(res.status).toBe(422);
    expect((await res.json()).detail).toMatch(/password-protected/);
  });

  it('an oversized file is a 413', async () => {
    const res = await send('huge.txt', 'a'.repeat(10 * 1024 * 1024 + 1));
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ limit: 'fileBytes', detail: expect.stringMatching(/larger than 10 MB/) });
  });

  /** A 413 problem naming the limit (in `limit` and in the detail) and the cause, and nothing written. */
  async function expectTooLarge(request: () => Promise<Response>, limit: string, cause: RegExp) {
    const before = await graphFingerprint(app.db);
    const answer = await request();
    expect(answer.status).toBe(413);
    expect(answer.headers.get('content-type')).toContain('application/problem+json');
    const problem = await answer.json();
    expect(problem).toMatchObject({ status: 413, title: 'Content Too Large', limit });
    expect(problem.detail).toMatch(cause);
    expect(problem.detail).toContain(`(${limit})`);
    expect(await graphFingerprint(app.db)).toEqual(before);
  }

  it('a zip-bomb-like DOCX is a 413 naming the uncompressed limit, whether it declares its size or lies about it', async () => {
    const [lying, honest] = [await docxBomb(128, true), await docxBomb(128, false)];
    await expectTooLarge(() => send('bomb.docx', lying), 'unzippedBytes', /bomb\.docx: its entries inflate to more than 50 MB; the limit is 50 MB/);
    await expectTooLarge(() => send('honest.docx', honest), 'unzippedBytes', /honest\.docx: its entries declare 128 MB uncompressed/);
  });

  it('a file whose text is over the limit is a 413 saying how long it is, for a small DOCX as for plain text', async () => {
    const sentences = Array.from({ length: 5000 }, (_, i) => `Sentence ${i} of a long report on open data in the provinces.`);
    const docx = await docxOf(sentences);
    expect(docx.length).toBeLessThan(100_000);
    await expectTooLarge(() => send('long.docx', docx), 'textChars', /The text of "long\.docx" has [\d,]+ characters; the limit is 200,000 characters/);
    await expectTooLarge(() => send('long.txt', sentences.join(' ')), 'textChars', /The text of "long\.txt" has [\d,]+ characters/);
  });

  it('pasted text over the limit is a 413 saying how long it is', async () => {
    await expectTooLarge(
      () => editor.send('POST', '/api/drafts', { text: 'a '.repeat(100_001) }),
      'textChars',
      /The pasted text has 200,002 characters; the limit is 200,000/,
    );
  });

  it('text sent as a form field is bounded like pasted JSON: a 413 naming textChars, however long the field', async () => {
    const field = (text: string) => {
      const form = new FormData();
      form.append('text', text);
      return () => fetch(`${app.baseUrl}/api/drafts`, { method: 'POST', headers: { authorization: `Bearer ${editor.token}` }, body: form });
    };
    // Khmer takes 3 bytes a character: within the form's byte bound, over the characters.
    await expectTooLarge(field('ក'.repeat(200_001)), 'textChars', /The pasted text has 200,001 characters/);
    // Over the byte bound, the form parser stops reading it.
    await expectTooLarge(field('a'.repeat(1_200_000)), 'textChars', /The form field "text" is longer than 800,000 bytes; the limit is 200,000 characters/);
  });

  it('an HTML page is read as its text', async () => {
    const res = await send('page.html', '<html><body><p>Mr. Vireak Sothy from ODC presented the portal at the Open Data Day 2026.</p></body></html>');
    expect(res.status).toBe(200);
    const draft = await res.json();
    expect(draft.nodes.map((n: DraftNode) => n.name)).toContain('Vireak Sothy');
  });

  it('a reader may not draft', async () => {
    const reader = await createAccount(app, 'reader' as never);
    expect((await reader.send('POST', '/api/drafts', { text: report })).status).toBe(403);
  });
});
