/**
 * A path told as sentences a person can read, one per hop, each in its relationship's own
 * direction: "William Gilles works for Open Development Cambodia. Open Development Cambodia
 * organised Open Data Day 2023." Chaining hops with "which" read well for two hops and badly for
 * seven ("…, which Z organised. Z …"): a sentence per hop keeps who did what to whom plain.
 */
import { RELATIONSHIP_RULES, type RelationshipType } from './model.js';

export interface PathHop {
  from: string;
  to: string;
  type: RelationshipType;
}

/** One hop as an English sentence: subject, the relationship's meaning, object. */
export function hopSentence(subject: string, meaning: string, object: string): string {
  return `${subject} ${meaning} ${object}.`;
}

/** `ids` are the nodes along the path; `hops[i]` joins ids[i] and ids[i+1] in either direction. */
export function describePath(names: Map<string, string>, ids: string[], hops: PathHop[]): string {
  const name = (id: string) => names.get(id) ?? id;
  return hops
    .map((hop, i) => {
      const [here, there] = [ids[i]!, ids[i + 1]!];
      const [subject, object] = hop.from === here ? [here, there] : [there, here];
      return hopSentence(name(subject), RELATIONSHIP_RULES[hop.type].meaning, name(object));
    })
    .join(' ');
}
