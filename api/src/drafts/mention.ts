/** What a mention is: an exact span of the document that names a person, organisation, event, place or initiative. */
export type MentionKind = 'person' | 'organisation' | 'event' | 'place' | 'initiative';

export interface Mention {
  kind: MentionKind;
  /** The name as this mention gives it (honorific, tags and possessive taken off). */
  name: string;
  start: number;
  end: number;
  acronym?: string;
  honorific?: string;
  /** Kind within the node kind: orgKind, eventKind, initiativeKind, placeKind. */
  subkind?: string;
  /** A role in parentheses after a name in a table row: "(Moderator)". */
  role?: string;
  /** A known name found as written in the network: the kind is the network's. */
  gazetteer?: boolean;
  /** Names an entity on its own even when it is one acronym ("CEO of DSP"). */
  standalone?: boolean;
}
