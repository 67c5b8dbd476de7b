/**
 * A network indexed for the analytics: edges by node in both directions, and the relationship
 * groups (running an event, taking part, money) that gaps and matchmaking read the same way.
 */
import { pushTo } from '../lib/group-by.js';
import type { Network, NetworkEdge, NetworkNode } from '../domain/network.js';

/** Running (part of) an event: whoever takes part in it works with the people who run it. */
export const RUNNING = new Set(['ORGANISED', 'HOSTED', 'PARTNER_IN', 'MODERATED', 'JUDGED', 'MENTORED']);
/** Taking part in an event: the way organisations (or their people) meet. Funding is not taking part. */
export const PARTICIPATION = new Set([...RUNNING, 'SPOKE_AT', 'ATTENDED', 'WON']);
export const MONEY = new Set(['FUNDS', 'SUPPORTS']);
/** Kinds that are context, not actors: they do not count as links of an actor. */
export const CONTEXT_KINDS = new Set(['place', 'topic', 'source', 'figure']);

/** Indexes a network once for the questions the analytics ask of it. */
export class Index {
  readonly byId = new Map<string, NetworkNode>();
  readonly out = new Map<string, NetworkEdge[]>();
  readonly in = new Map<string, NetworkEdge[]>();

  constructor(readonly network: Network) {
    for (const node of network.nodes) this.byId.set(node.id, node);
    for (const edge of network.edges) {
      if (!this.byId.has(edge.from) || !this.byId.has(edge.to)) continue;
      pushTo(this.out, edge.from, edge);
      pushTo(this.in, edge.to, edge);
    }
  }

  kind(id: string): string | undefined {
    return this.byId.get(id)?.kind;
  }

  outgoing(id: string, types?: Set<string>): NetworkEdge[] {
    return (this.out.get(id) ?? []).filter((e) => !types || types.has(e.type));
  }

  incoming(id: string, types?: Set<string>): NetworkEdge[] {
    return (this.in.get(id) ?? []).filter((e) => !types || types.has(e.type));
  }

  neighbours(id: string): string[] {
    return [...this.outgoing(id).map((e) => e.to), ...this.incoming(id).map((e) => e.from)];
  }

  /** The top of an event's PART_OF chain: sessions count as the conference they belong to. */
  rootEvent(id: string): string {
    let current = id;
    for (let i = 0; i < 5; i++) {
      const parent = this.outgoing(current, new Set(['PART_OF'])).find((e) => this.kind(e.to) === 'event');
      if (!parent) break;
      current = parent.to;
    }
    return current;
  }

  organisations(): NetworkNode[] {
    return this.network.nodes.filter((n) => n.kind === 'organisation');
  }
}

/** Everyone an organisation's money reaches: direct grantees, and through the programmes it funds. */
export function moneyReach(index: Index, org: string): Set<string> {
  const reached = new Set<string>();
  for (const e of index.outgoing(org, MONEY)) {
    reached.add(e.to);
    for (const onward of index.outgoing(e.to, MONEY)) reached.add(onward.to);
    for (const implementer of index.incoming(e.to, new Set(['IMPLEMENTS']))) reached.add(implementer.from);
  }
  reached.delete(org);
  return reached;
}
