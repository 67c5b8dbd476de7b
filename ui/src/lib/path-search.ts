/**
 * Finding paths as a researcher expects: as long as the API allows, and, before saying "no path",
 * once more through the kinds the first search avoided, so that "none" is only said when it is
 * true. The step-by-step reading of a path (one line per hop, with its sources) is here too.
 */
import type { PathsResponse, ViewEdge } from './api.js';

/** The API's own bound on a path's length (`maxLength` in /api/paths). */
export const PATH_MAX_LENGTH = 8;
/** What paths avoid unless asked: topics, places, figures and sources link everything to everything. */
export const DEFAULT_AVOID: readonly string[] = ['topic', 'place', 'figure', 'source'];

export type AskPaths = (maxLength: number, avoidKinds: readonly string[]) => Promise<PathsResponse>;

export interface PathSearch {
  response: PathsResponse;
  /** The kinds the answer avoided: fewer than asked when the search had to go through them. */
  avoided: readonly string[];
  /** Whether the answer goes through kinds the person asked to avoid. */
  widened: boolean;
}

/** Paths up to the API's bound avoiding `avoid`; if none, through every kind; never a false "none". */
export async function searchPaths(ask: AskPaths, avoid: readonly string[]): Promise<PathSearch> {
  const response = await ask(PATH_MAX_LENGTH, avoid);
  if (response.paths.length || !avoid.length) return { response, avoided: avoid, widened: false };
  const wider = await ask(PATH_MAX_LENGTH, []);
  return wider.paths.length ? { response: wider, avoided: [], widened: true } : { response, avoided: avoid, widened: false };
}

export interface PathStep {
  from: { id: string; name: string };
  to: { id: string; name: string };
  type: string;
  /** Whether the relationship points from `to` to `from` (read against the path's direction). */
  reversed: boolean;
  sources: { id: string; name: string; url: string | null }[];
}

/** One line per hop of a path: who, what relationship, whom, and the documents behind it. */
export function pathSteps(response: PathsResponse, index = 0): PathStep[] {
  const path = response.paths[index];
  if (!path) return [];
  const nodes = new Map(response.nodes.map((n) => [n.id, n]));
  const edges = new Map(response.edges.map((e) => [e.id, e]));
  const sources = new Map(response.sources.map((s) => [s.id, s]));
  const node = (id: string) => ({ id, name: nodes.get(id)?.name ?? id });
  return path.edges.map((edgeId, i) => {
    const edge = edges.get(edgeId) as ViewEdge;
    const from = path.nodes[i]!;
    const ids = (edge.properties.sources as string[] | undefined) ?? [];
    return {
      from: node(from),
      to: node(path.nodes[i + 1]!),
      type: edge.type,
      reversed: edge.from !== from,
      sources: ids.map((id) => ({ id, name: sources.get(id)?.name ?? id, url: sources.get(id)?.url ?? null })),
    };
  });
}
