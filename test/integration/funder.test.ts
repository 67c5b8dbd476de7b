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

describe('when a funder follows the money', () => {
  it('then DFAT → Ponlok Chomnes II → The Asia Foundation and ODC → the events ODC ran is one flow, each band with its quotes and sources', async () => {
    const flows = await get('/api/flows');
    const band = (from: string, to: string) => flows.bands.find((b: any) => b.from === from && b.to === to);
    expect(band('dfat', 'ponlok-chomnes-ii')).toMatchObject({ kind: 'funds', amounts: [] });
    expect(band('ponlok-chomnes-ii', 'taf')).toMatchObject({ kind: 'implemented-by' });
    expect(band('ponlok-chomnes-ii', 'odc')).toMatchObject({ kind: 'supports' });
    expect(band('odc', 'nodc-2024')).toMatchObject({ kind: 'ran' });
    const funds = band('dfat', 'ponlok-chomnes-ii');
    expect(funds.relationships[0].properties.quote).toContain('Australian Department of Foreign Affairs and Trade');
    expect(funds.relationships[0].properties.sources.length).toBeGreaterThan(0);
    const cited = new Set(flows.sources.map((s: any) => s.id));
    for (const id of funds.relationships[0].properties.sources) expect(cited.has(id)).toBe(true);
    expect(flows.nodes.find((n: any) => n.id === 'dfat').stage).toBe('funder');
    expect(flows.nodes.find((n: any) => n.id === 'nodc-2024').stage).toBe('event');
  });

  it('then the flow before 2024 holds none of the 2024 events', async () => {
    const flows = await get('/api/flows?asOf=2023-12-31');
    expect(flows.nodes.map((n: any) => n.id)).not.toContain('nodc-2024');
  });
});

describe('when a funder opens the map', () => {
  it('then the seven provinces of the 2025 dialogue are there with coordinates, their source and the event', async () => {
    const { places } = await get('/api/map');
    const provinces = places.filter((p: any) => p.placeKind === 'province');
    expect(provinces.map((p: any) => p.id).sort()).toEqual([
      'battambang',
      'kampong-chhnang',
      'koh-kong',
      'oddar-meanchey',
      'preah-vihear',
      'siem-reap',
      'svay-rieng',
    ]);
    for (const p of provinces) {
      expect(p.latitude).toBeGreaterThan(10);
      expect(p.longitude).toBeGreaterThan(102);
      expect(p.coordinatesSource).toBeTruthy();
      expect(p.events.length).toBeGreaterThan(0);
    }
    const cambodia = places.find((p: any) => p.id === 'cambodia');
    expect(cambodia.actors.map((a: any) => a.id)).toContain('odc');
    expect(cambodia.reach).toBeGreaterThan(provinces[0].reach);
  });
});

describe('when a funder opens the dashboard', () => {
  it('then "events by year" counts every event, sessions and panels too', async () => {
    const stats = await get('/api/stats');
    const events = stats.byKind.find((k: any) => k.key === 'event').count;
    expect(stats.eventsByYear.reduce((sum: number, y: any) => sum + y.count, 0)).toBe(events);
    expect(events).toBeGreaterThan(30);
  });
});
