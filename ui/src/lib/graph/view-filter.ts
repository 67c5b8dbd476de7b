/**
 * Filters applied to what is already loaded, without asking the API again: relationship kinds
 * (the network was loaded with all of them), a minimum number of links, and the kinds of
 * relationship that are curators' notes. Nodes that a relationship filter leaves without any link
 * go too, so that isolating three kinds shows who those kinds join, not every node floating.
 */
import { RELATIONSHIP_RULES, RELATIONSHIP_TYPES, type RelationshipType } from '../../../../api/src/domain/model.js';
import type { ExplorationState } from './exploration.js';

/** Relationship kinds that are notes for curators, never shown to the public. */
export const CURATOR_ONLY_TYPES: readonly RelationshipType[] = ['POSSIBLE_DUPLICATE'];

export interface ViewFilter {
  /** Only these relationship kinds; empty means all. */
  relTypes: readonly string[];
  /** Only nodes with at least this many links among what is shown (0: all). */
  minDegree: number;
  /** Whether curators' notes are shown (signed-in editors). */
  curator: boolean;
}

/** The loaded state with only what the filter lets through; the same object when it lets all. */
export function filterState(state: ExplorationState, filter: ViewFilter): ExplorationState {
  const only = filter.relTypes.length ? new Set(filter.relTypes) : null;
  const blocked = filter.curator ? new Set<string>() : new Set<string>(CURATOR_ONLY_TYPES);
  if (!only && !filter.minDegree && ![...state.edges.values()].some((e) => blocked.has(e.type))) return state;
  const edges = new Map([...state.edges].filter(([, e]) => !blocked.has(e.type) && (!only || only.has(e.type))));
  const degree = new Map<string, number>();
  for (const e of edges.values()) for (const id of [e.from, e.to]) degree.set(id, (degree.get(id) ?? 0) + 1);
  const least = Math.max(filter.minDegree, only ? 1 : 0);
  const nodes = least ? new Map([...state.nodes].filter(([id]) => (degree.get(id) ?? 0) >= least || state.pinned.has(id))) : state.nodes;
  const kept = nodes === state.nodes ? edges : new Map([...edges].filter(([, e]) => nodes.has(e.from) && nodes.has(e.to)));
  return { ...state, nodes, edges: kept };
}

/**
 * Relationship kinds as a person reads them: one entry per meaning ("covers" is two types in the
 * model, one line in the list), curators' notes only for curators.
 */
export function relationshipChoices(curator: boolean): { meaning: string; types: RelationshipType[] }[] {
  const byMeaning = new Map<string, RelationshipType[]>();
  for (const type of RELATIONSHIP_TYPES) {
    if (!curator && CURATOR_ONLY_TYPES.includes(type)) continue;
    const meaning = RELATIONSHIP_RULES[type].meaning;
    byMeaning.set(meaning, [...(byMeaning.get(meaning) ?? []), type]);
  }
  return [...byMeaning].map(([meaning, types]) => ({ meaning, types }));
}
