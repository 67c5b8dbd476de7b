/**
 * Hostile spreadsheets through the real import route: when a file is built to exhaust memory or
 * stack (a far row index, a giant cell, a zip bomb, millions of rows, thousands of columns, a
 * 460k-row CSV) or is not what it claims (a broken zip, formulas, external links), then the dry
 * run and the commit both answer a 4xx problem naming the cause, nothing is written, the API
 * still answers, and the process's memory grows by no more than a bounded amount.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphFingerprint, startTestApp, type TestApp } from '../support/app.js';
import { createAccount, removeAccounts, type TestAccount } from '../support/accounts.js';
import { HOSTILE_FILES } from '../support/hostile-spreadsheets.js';

let app: TestApp;
let editor: TestAccount;
/** What each file cost: the figures docs/security.md reports. */
const figures: { file: string; bytes: number; status: number[]; rssGrowthMB: number; ms: number }[] = [];

/** Peak RSS growth, sampled while the request runs (server and test share this process). */
const RSS_GROWTH_LIMIT_MB = 400;

beforeAll(async () => {
  app = await startTestApp();
  editor = await createAccount(app, 'editor');
});
afterAll(async () => {
  console.info(
    `hostile uploads: ${figures.length} files, ${figures.length * 2} requests\n` +
      figures.map((f) => `${f.file}\t${(f.bytes / 1024).toFixed(0)} KB\t${f.status.join('/')}\t+${f.rssGrowthMB} MB\t${f.ms} ms`).join('\n'),
  );
  await removeAccounts(app);
  await app.close();
});

async function post(name: string, data: Buffer, commit: boolean): Promise<{ res: Response; growthMB: number }> {
  const form = new FormData();
  form.append('files', new Blob([new Uint8Array(data)]), name);
  const before = process.memoryUsage().rss;
  let peak = before;
  const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  try {
    const res = await fetch(`${app.baseUrl}/api/import?commit=${commit}`, { method: 'POST', headers: { authorization: `Bearer ${editor.token}` }, body: form });
    await res.clone().arrayBuffer();
    return { res, growthMB: Math.round((Math.max(peak, process.memoryUsage().rss) - before) / 1024 / 1024) };
  } finally {
    clearInterval(sample);
  }
}

describe('hostile spreadsheets', () => {
  for (const hostile of HOSTILE_FILES) {
    it(`refuses ${hostile.name} (${hostile.file}) with ${hostile.status}, writes nothing and survives`, { timeout: 180_000 }, async () => {
      const data = await hostile.data();
      const before = await graphFingerprint(app.db);
      const started = Date.now();
      const statuses: number[] = [];
      let growth = 0;
      for (const commit of [false, true]) {
        const { res, growthMB } = await post(hostile.file, data, commit);
        growth = Math.max(growth, growthMB);
        statuses.push(res.status);
        expect(res.status, `commit=${commit}`).toBe(hostile.status);
        expect(res.headers.get('content-type')).toContain('application/problem+json');
        const problem = await res.json();
        expect(problem.detail).toMatch(hostile.cause);
        expect(problem.errors[0].field.startsWith(`files.${hostile.file}`)).toBe(true);
        if (hostile.status === 413) expect(problem).toMatchObject({ limit: expect.any(String), maximum: expect.any(Number) });
      }
      figures.push({ file: hostile.file, bytes: data.length, status: statuses, rssGrowthMB: growth, ms: Date.now() - started });
      expect(growth).toBeLessThan(RSS_GROWTH_LIMIT_MB);
      expect((await app.get('/livez')).status).toBe(200);
      expect(await graphFingerprint(app.db)).toEqual(before);
      const [written] = await app.db.read("MATCH (n:Entity) WHERE n.id STARTS WITH 'org-' OR n.id STARTS WITH 'h-' RETURN count(n) AS n");
      expect(Number(written!.n)).toBe(0);
    });
  }

  it('refuses a request larger than all files may be together before reading its body', async () => {
    // Only the headers are sent: the answer must come without the 200 MB the request announces.
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(`${app.baseUrl}/api/import`, {
        method: 'POST',
        headers: { authorization: `Bearer ${editor.token}`, 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(200 * 1024 * 1024) },
      });
      req.on('response', (res) => {
        let body = '';
        res
          .on('data', (chunk) => (body += chunk))
          .on('end', () => {
            resolve({ status: res.statusCode ?? 0, body });
            req.destroy();
          });
      });
      req.on('error', reject);
      req.flushHeaders();
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toMatchObject({ limit: 'requestBytes' });
  });
});
