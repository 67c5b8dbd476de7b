/**
 * A document's draft for a curator: the proposed nodes (matched to the network or new) and
 * relationships, each with the exact sentence or row it came from, and the problems found. Pure:
 * the caller reads the network's names (the duplicate repository) and hands them in.
 */
import type { DuplicateCandidate } from '../domain/duplicates.js';
import { isQuoteInText } from '../domain/quotes.js';
import type { Draft, DraftNode, DraftRelationship, DraftSourceFields } from '../domain/drafts.js';
import type { Entity } from './entity-registry.js';
import { extract } from './extract.js';
import { HONORIFIC } from './lexicon.js';
import { matchToNetwork } from './match.js';
import { foldApostrophes, type Gazetteer } from './gazetteer.js';
import type { MentionKind } from './mention.js';

export type { Draft, DraftNode, DraftRelationship };

const GAZETTEER_KINDS = new Set<MentionKind>(['person', 'organisation', 'event', 'place', 'initiative']);
/** Names too generic to find in another document: "Session 1", "Remarks", "Panel". */
const HONORIFIC_START = new RegExp(`^${HONORIFIC}\\s`);
const GENERIC = /^(session|panel|breakout|remarks|day|group discussion|discussion)\b/i;

/** The network's names as a gazetteer: long names case-insensitively, acronyms and one-word names as written. */
export function gazetteerOf(network: DuplicateCandidate[]): Gazetteer {
  const gazetteer: Gazetteer = { names: new Map(), exact: new Map() };
  for (const node of network) {
    const kind = node.kind as MentionKind;
    if (!GAZETTEER_KINDS.has(kind)) continue;
    for (const name of [node.name, ...(node.aliases ?? []), ...(node.acronym ? [node.acronym] : [])]) {
      const words = name.trim().split(/\s+/);
      // A person's name with a title is found by the honorific rule, which keeps the title apart.
      if (GENERIC.test(name) || name.length < 3 || (kind === 'person' && HONORIFIC_START.test(name))) continue;
      if (words.length >= 2 && name.length >= 6) gazetteer.names.set(foldApostrophes(name).toLowerCase(), kind);
      else if (/^[A-Z]/.test(name) && (kind === 'place' || /[A-Z].*[A-Z]/.test(name))) gazetteer.exact.set(name, kind);
    }
  }
  return gazetteer;
}

/** Joins proposals that are one entity: the first keeps its name, the others become aliases. */
function merge(entities: Entity[], groups: [string, string][]): Map<string, string> {
  const into = new Map<string, string>();
  const root = (k: string): string => (into.has(k) ? root(into.get(k)!) : k);
  const byKey = new Map(entities.map((e) => [e.key, e]));
  for (const [a, b] of groups) {
    const [ra, rb] = [root(a), root(b)];
    if (ra === rb) continue;
    const [keep, drop] = byKey.get(ra)!.spans[0]!.start <= byKey.get(rb)!.spans[0]!.start ? [ra, rb] : [rb, ra];
    into.set(drop, keep);
    const kept = byKey.get(keep)!;
    const dropped = byKey.get(drop)!;
    for (const alias of [dropped.name, ...dropped.aliases]) if (alias !== kept.name && !kept.aliases.includes(alias)) kept.aliases.push(alias);
    kept.spans.push(...dropped.spans);
    kept.mentions += dropped.mentions;
    for (const [field, value] of Object.entries(dropped.fields)) kept.fields[field] ??= value;
  }
  const resolved = new Map<string, string>();
  for (const e of entities) resolved.set(e.key, root(e.key));
  return resolved;
}

/** The draft of a document against the network's nodes; `source` (the metadata sent with it) is answered back. */
export function buildDraft(text: string, network: DuplicateCandidate[], source: DraftSourceFields = {}): Draft {
  const extraction = extract(text, gazetteerOf(network));
  const first = matchToNetwork(extraction.entities, network);
  // Proposals matched to one node, or alike within the document, are one proposal.
  const sameNode = new Map<string, string>();
  const groups: [string, string][] = [...first.same];
  for (const [key, m] of first.matches) {
    if (!m.match) continue;
    if (sameNode.has(m.match)) groups.push([sameNode.get(m.match)!, key]);
    else sameNode.set(m.match, key);
  }
  const kindOf = new Map(extraction.entities.map((e) => [e.key, e.kind]));
  const root = merge(
    extraction.entities,
    groups.filter(([a, b]) => kindOf.get(a) === kindOf.get(b)),
  );
  const entities = extraction.entities.filter((e) => root.get(e.key) === e.key);
  const { matches } = matchToNetwork(entities, network);
  const nodes: DraftNode[] = entities.map((e) => {
    const m = matches.get(e.key)!;
    return {
      id: e.key,
      kind: e.kind,
      name: e.name,
      aliases: e.aliases,
      ...m,
      quote: e.quote,
      spans: e.spans.sort((a, b) => a.start - b.start),
      fields: e.fields,
    };
  });
  const seen = new Set<string>();
  const relationships: DraftRelationship[] = [];
  for (const r of extraction.relationships) {
    const [from, to] = [root.get(r.from)!, root.get(r.to)!];
    const id = `${from}|${r.type}|${to}`;
    if (from === to || seen.has(id)) continue;
    seen.add(id);
    relationships.push({ id, ...r, from, to });
  }
  const problems: string[] = [];
  if (!nodes.some((n) => n.kind === 'event')) problems.push('No event found: relationships such as SPOKE_AT need one; add it by hand.');
  // The test a commit applies: a quote the draft flags here would be refused there.
  for (const quoted of [...nodes, ...relationships]) {
    if (!isQuoteInText(quoted.quote, text)) problems.push(`The quote of ${quoted.id} is not in the document.`);
  }
  return { source, text, nodes, relationships, problems };
}
