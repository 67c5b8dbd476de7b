/** The network as analytics see it: plain, serialisable nodes and edges (no Neo4j types). */
export interface NetworkNode {
  id: string;
  kind: string;
  name: string;
  orgKind?: string;
  placeKind?: string;
  country?: string;
}

export interface NetworkEdge {
  from: string;
  to: string;
  type: string;
}

export interface Network {
  nodes: NetworkNode[];
  edges: NetworkEdge[];
}

/**
 * The network as the metrics read it: each relationship as the positions of its two ends in
 * `nodes`, in two parallel lists, and no type. A million relationships are then two typed arrays
 * instead of a million objects with three strings: less to decode from the driver, and copied
 * to the worker thread as two blocks of memory.
 */
export interface LinkedNetwork {
  nodes: NetworkNode[];
  from: Int32Array;
  to: Int32Array;
}

/** The same network by positions; relationships with an end outside `nodes` are left out. */
export function linkedNetwork(network: Network): LinkedNetwork {
  const index = new Map(network.nodes.map((node, i) => [node.id, i]));
  const from: number[] = [];
  const to: number[] = [];
  for (const edge of network.edges) {
    const a = index.get(edge.from);
    const b = index.get(edge.to);
    if (a === undefined || b === undefined) continue;
    from.push(a);
    to.push(b);
  }
  return { nodes: network.nodes, from: Int32Array.from(from), to: Int32Array.from(to) };
}

/** A participation figure with the event (or initiative) it describes. */
export interface Participation {
  of: string;
  ofName: string;
  date: string | null;
  measure: string;
  value: number;
  qualifier: string;
  sources: string[];
}
