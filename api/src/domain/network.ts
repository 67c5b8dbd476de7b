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
