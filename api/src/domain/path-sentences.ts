/**
 * A path told as sentences a person can read: "X spoke at Y, which Z organised." Each hop is a
 * clause; a hop continues the sentence with "which" when it starts from the noun the previous
 * clause ended on, and starts a new sentence otherwise.
 */
import { RELATIONSHIP_RULES, type RelationshipType } from './model.js';

export interface PathHop {
  from: string;
  to: string;
  type: RelationshipType;
}

/** `nodes` are names along the path; `hops[i]` joins nodes[i] and nodes[i+1] in either direction. */
export function describePath(names: Map<string, string>, ids: string[], hops: PathHop[]): string {
  const name = (id: string) => names.get(id) ?? id;
  let text = '';
  let endsOn: string | undefined;
  hops.forEach((hop, i) => {
    const [here, there] = [ids[i]!, ids[i + 1]!];
    const meaning = RELATIONSHIP_RULES[hop.type].meaning;
    const forward = hop.from === here;
    if (i === 0) {
      text = forward ? `${name(here)} ${meaning} ${name(there)}` : `${name(there)} ${meaning} ${name(here)}`;
      endsOn = forward ? there : here;
      return;
    }
    if (endsOn === here) {
      // The clause before ended on this node: go on with "which".
      text += forward ? `, which ${meaning} ${name(there)}` : `, which ${name(there)} ${meaning}`;
      // "…, which Z organised" ends on a verb: the next hop starts a sentence of its own.
      endsOn = forward ? there : undefined;
    } else {
      text += `. ${forward ? `${name(here)} ${meaning} ${name(there)}` : `${name(there)} ${meaning} ${name(here)}`}`;
      endsOn = forward ? there : here;
    }
  });
  return text ? `${text}.` : '';
}
