/**
 * Money flows for funders: from funders through the programmes they fund (and the organisations
 * that implement them) to the organisations they support and the events those ran. Each band
 * keeps the relationships behind it, with their sources, quotes and any amount the documents
 * state. The result is acyclic, as a Sankey diagram needs.
 */
import { pushTo } from '../lib/group-by.js';
import type { FlowEndpoint, FlowRelationship } from '../repositories/funder.repository.js';

export type { FlowEndpoint, FlowRelationship };

export type FlowStage = 'funder' | 'programme' | 'recipient' | 'event';
export type BandKind = 'funds' | 'supports' | 'implemented-by' | 'ran';

export interface FlowBand {
  from: string;
  to: string;
  kind: BandKind;
  /** The amounts the documents state; empty when none does. */
  amounts: { amount: number; currency: string | null }[];
  relationships: FlowRelationship[];
}

export interface Flows {
  nodes: (FlowEndpoint & { stage: FlowStage })[];
  bands: FlowBand[];
}

const MONEY = new Set(['FUNDS', 'SUPPORTS']);
const IMPLEMENTING = new Set(['IMPLEMENTS', 'RUNS']);
const RUNNING = new Set(['ORGANISED', 'HOSTED', 'PARTNER_IN']);

/** Builds the flow picture from money, implementing and running relationships. */
export function moneyFlows(endpoints: Map<string, FlowEndpoint>, relationships: FlowRelationship[]): Flows {
  const kind = (id: string) => endpoints.get(id)?.kind;
  const money = relationships.filter((r) => MONEY.has(r.type));
  const programmes = new Set(money.flatMap((r) => [r.from, r.to]).filter((id) => kind(id) === 'initiative'));
  // An implementer of a funded programme receives its money: the band runs programme → implementer.
  const implementing = relationships.filter((r) => IMPLEMENTING.has(r.type) && programmes.has(r.to) && kind(r.from) === 'organisation');
  const recipients = new Set([...money.map((r) => r.to), ...implementing.map((r) => r.from)].filter((id) => kind(id) === 'organisation'));
  const running = relationships.filter((r) => RUNNING.has(r.type) && recipients.has(r.from) && kind(r.to) === 'event' && !endpoints.get(r.to)?.isPart);

  const bands = new Map<string, FlowBand>();
  const add = (from: string, to: string, bandKind: BandKind, r: FlowRelationship) => {
    const key = `${from}|${to}`;
    const band = bands.get(key) ?? { from, to, kind: bandKind, amounts: [], relationships: [] };
    // Money outranks support when one pair has both.
    if (bandKind === 'funds') band.kind = 'funds';
    band.relationships.push(r);
    if (typeof r.properties.amount === 'number') band.amounts.push({ amount: r.properties.amount, currency: r.properties.currency ?? null });
    bands.set(key, band);
  };
  for (const r of money) add(r.from, r.to, r.type === 'FUNDS' ? 'funds' : 'supports', r);
  for (const r of implementing) add(r.to, r.from, 'implemented-by', r);
  for (const r of running) add(r.from, r.to, 'ran', r);

  const acyclic = withoutCycles([...bands.values()]);
  const used = new Set(acyclic.flatMap((b) => [b.from, b.to]));
  // Stages follow the bands drawn: an organisation that receives money in them is a recipient.
  const received = new Set(acyclic.filter((b) => b.kind !== 'ran').map((b) => b.to));
  const stage = (id: string): FlowStage =>
    kind(id) === 'event' ? 'event' : kind(id) === 'initiative' ? 'programme' : received.has(id) ? 'recipient' : 'funder';
  const order: FlowStage[] = ['funder', 'programme', 'recipient', 'event'];
  const nodes = [...used]
    // Only what the answer promises: isPart was for choosing the bands.
    .map((id) => ({ id, name: endpoints.get(id)?.name ?? id, kind: kind(id) ?? 'organisation', stage: stage(id) }))
    .sort((a, b) => order.indexOf(a.stage) - order.indexOf(b.stage) || a.name.localeCompare(b.name));
  return { nodes, bands: acyclic.sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to)) };
}

/** Drops the bands that would close a cycle (depth-first, in a stable order). */
function withoutCycles(bands: FlowBand[]): FlowBand[] {
  const out = new Map<string, FlowBand[]>();
  for (const b of [...bands].sort((x, y) => x.from.localeCompare(y.from) || x.to.localeCompare(y.to))) pushTo(out, b.from, b);
  const state = new Map<string, 'open' | 'done'>();
  const kept: FlowBand[] = [];
  const visit = (id: string) => {
    state.set(id, 'open');
    for (const band of out.get(id) ?? []) {
      const next = state.get(band.to);
      if (next === 'open') continue;
      kept.push(band);
      if (!next) visit(band.to);
    }
    state.set(id, 'done');
  };
  for (const id of [...out.keys()].sort()) if (!state.has(id)) visit(id);
  return kept;
}
