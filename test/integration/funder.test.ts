/**
 * The Funder view's API on the seed network: who an organisation should meet (with reasons),
 * the money flows with their sources, reach and the places the network touches.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Operation } from '../../api/src/http/operation.js';
import { startTestApp, type TestApp } from '../support/app.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(async () => {
  await app.close();
});

/** GETs a JSON answer and checks it against the operation's response schema. */
async function get<T = any>(path: string): Promise<T> {
  const body = await app.getJson(path);
  const route = new URL(path, 'http://x').pathname;
  const op = app.built.operations.find((o) => o.method === 'get' && new RegExp(`^${o.path.replace(/:\w+/g, '[^/]+')}$`).test(route));
  const checked = (op as Operation).response.safeParse(body);
  expect(checked.error?.issues ?? [], `response of ${path} fits its schema`).toEqual([]);
  return body as T;
}

describe('when a funder asks whom ODC should meet', () => {
  it('then it gets organisations ODC does not work with yet, best first, each with reasons in words', async () => {
    const answer = await get('/api/nodes/odc/suggestions?limit=10');
    expect(answer.for).toMatchObject({ id: 'odc', kind: 'organisation' });
    expect(answer.suggestions.length).toBeGreaterThan(0);
    const scores = answer.suggestions.map((s: any) => s.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    for (const s of answer.suggestions) {
      expect(s.kind).toBe('organisation');
      expect(s.id).not.toBe('odc');
      expect(s.reasons.length).toBeGreaterThan(0);
      expect(s.reasons[0]).toMatchObject({ kind: expect.any(String), name: expect.any(String), sharedBy: expect.any(Number) });
    }
    // ODC and The Asia Foundation already work together (Ponlok Chomnes II): never a suggestion.
    expect(answer.suggestions.map((s: any) => s.id)).not.toContain('taf');
  });

  it('then a shared small session weighs more than a shared conference', async () => {
    const answer = await get('/api/nodes/odc/suggestions?limit=50');
    const reasons = answer.suggestions.flatMap((s: any) => s.reasons);
    const bigger = reasons.filter((r: any) => r.kind === 'event').sort((a: any, b: any) => a.sharedBy - b.sharedBy);
    expect(bigger.length).toBeGreaterThan(1);
    expect(bigger[0].weight).toBeGreaterThan(bigger[bigger.length - 1].weight);
  });

  it('then a person gets people, and anything else is a 404; a bad limit is a 400 naming it', async () => {
    const person = await get('/api/nodes/thy-try/suggestions');
    expect(person.suggestions.every((s: any) => s.kind === 'person')).toBe(true);
    expect((await app.get('/api/nodes/open-data/suggestions')).status).toBe(404);
    expect((await app.get('/api/nodes/no-such-node/suggestions')).status).toBe(404);
    const bad = await app.get('/api/nodes/odc/suggestions?limit=0');
    expect(bad.status).toBe(400);
    expect(JSON.stringify(await bad.json())).toContain('limit');
  });
});
