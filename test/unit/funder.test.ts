import { describe, expect, it } from 'vitest';
import { moneyFlows, type FlowEndpoint, type FlowRelationship } from '../../api/src/analytics/flows.js';
import { eventReach, yearReach, type Figure } from '../../ui/src/lib/reach.js';

const endpoint = (id: string, kind: string, isPart = false): [string, FlowEndpoint] => [id, { id, name: id.toUpperCase(), kind, isPart }];
const rel = (from: string, type: string, to: string, extra: Partial<FlowRelationship['properties']> = {}): FlowRelationship => ({
  id: `${from}|${type}|${to}|`,
  from,
  to,
  type,
  properties: { sources: ['s1'], quote: `${from} ${type} ${to}`, ...extra },
});

describe('money flows', () => {
  const endpoints = new Map([
    endpoint('donor', 'organisation'),
    endpoint('programme', 'initiative'),
    endpoint('implementer', 'organisation'),
    endpoint('grantee', 'organisation'),
    endpoint('conference', 'event'),
    endpoint('panel', 'event', true),
    endpoint('bystander', 'organisation'),
  ]);
  const flows = moneyFlows(endpoints, [
    rel('donor', 'FUNDS', 'programme', { amount: 250000, currency: 'AUD' }),
    rel('implementer', 'IMPLEMENTS', 'programme'),
    rel('programme', 'SUPPORTS', 'grantee'),
    rel('grantee', 'ORGANISED', 'conference'),
    rel('grantee', 'HOSTED', 'panel'),
    rel('bystander', 'ORGANISED', 'conference'),
    rel('grantee', 'FUNDS', 'donor'),
  ]);
  const band = (from: string, to: string) => flows.bands.find((b) => b.from === from && b.to === to);

  it('runs from funders through programmes and implementers to the events recipients ran', () => {
    expect(band('donor', 'programme')).toMatchObject({ kind: 'funds', amounts: [{ amount: 250000, currency: 'AUD' }] });
    expect(band('programme', 'implementer')).toMatchObject({ kind: 'implemented-by', amounts: [] });
    expect(band('programme', 'grantee')?.relationships[0]?.properties.quote).toBe('programme SUPPORTS grantee');
    expect(band('grantee', 'conference')?.kind).toBe('ran');
    expect(Object.fromEntries(flows.nodes.map((n) => [n.id, n.stage]))).toMatchObject({
      donor: 'funder',
      programme: 'programme',
      grantee: 'recipient',
      conference: 'event',
    });
  });

  it('leaves out panels, events of organisations that got no money, and bands that close a cycle', () => {
    expect(band('grantee', 'panel')).toBeUndefined();
    expect(band('bystander', 'conference')).toBeUndefined();
    expect(band('grantee', 'donor')).toBeUndefined();
  });
});

describe('reach shares', () => {
  const figure = (of: string, date: string, measure: string, value: number): Figure => ({
    of,
    ofName: of,
    date,
    measure,
    value,
    sources: [`${of}-report`],
    quote: null,
    qualifier: 'exact',
    ofKind: 'event',
  });
  const events = eventReach([
    figure('a', '2024-03-02', 'participants', 200),
    figure('a', '2024-03-02', 'women', 50),
    figure('a', '2024-03-02', 'indigenous-women', 4),
    figure('b', '2024-05-01', 'participants', 100),
    figure('b', '2024-05-01', 'women', 50),
    figure('c', '2025-01-01', 'women', 7),
  ]);

  it('gives each event with a participant count the share of each group it counted', () => {
    expect(events.map((e) => e.event)).toEqual(['a', 'b']);
    expect(events[0]!.groups.map((g) => [g.group, g.share])).toEqual([
      ['women', 0.25],
      ['indigenous', 0.02],
    ]);
  });

  it('adds a year up over the events that counted each group', () => {
    const [y2024] = yearReach(events);
    expect(y2024).toMatchObject({ year: '2024', participants: 300, events: 2 });
    expect(y2024!.groups.find((g) => g.group === 'women')).toMatchObject({ value: 100, ofParticipants: 300, counted: 2 });
    expect(y2024!.groups.find((g) => g.group === 'indigenous')).toMatchObject({ value: 4, ofParticipants: 200, share: 0.02 });
    expect(y2024!.groups.find((g) => g.group === 'people-with-disabilities')).toMatchObject({ counted: 0, share: 0 });
  });

  it('cites, for each year and group, the sources of the figures it adds up', () => {
    const [y2024] = yearReach(events);
    expect(y2024!.groups.map((g) => [g.group, g.sources])).toEqual([
      ['women', ['a-report', 'b-report']],
      ['people-with-disabilities', []],
      ['indigenous', ['a-report']],
    ]);
  });
});
