/**
 * Proposals matched to the network with the duplicate detector's evidence (same name once
 * accents, case and titles are set aside, a shared alias or acronym, swapped name order, another
 * romanisation, a typo): the best candidate with its score and reason, or none. Two candidates
 * about equally good, or one that shares only an acronym ("ODA"), are flagged for the curator
 * rather than guessed.
 */
import type { Candidate } from '../domain/drafts.js';
import { nameWords, suggestDuplicates, type DuplicateCandidate } from '../domain/duplicates.js';
import { MATCH } from './lexicon.js';
import type { Entity } from './entity-registry.js';

export interface Matching {
  match: string | null;
  score: number;
  reason: string;
  /** Several nodes fit, or one fits only by acronym: the curator decides. */
  ambiguous: boolean;
  candidates: Candidate[];
}

const DRAFT = 'draft-';
const onlyAcronym = (evidence: { kind: string }[]) => evidence.every((e) => e.kind === 'shared-acronym');

/** An acronym among a proposal's aliases says only "shares an acronym": two "ODA"s are not one. */
const ACRONYM = /^[A-Z][A-Za-z0-9&-]{1,9}$/;

function asCandidate(e: Entity): DuplicateCandidate {
  const aliases = e.aliases.filter((a) => !(ACRONYM.test(a) && /[A-Z].*[A-Z]/.test(a)));
  return { id: `${DRAFT}${e.key}`, kind: e.kind, name: e.name, aliases, acronym: typeof e.fields.acronym === 'string' ? e.fields.acronym : undefined };
}

/** Every pair of (proposal, existing node) and (proposal, proposal) the detector finds, with evidence. */
function pairs(entities: Entity[], network: DuplicateCandidate[]) {
  const proposals = entities.filter((e) => e.kind !== 'figure').map(asCandidate);
  return suggestDuplicates([...proposals, ...network], [], Number.MAX_SAFE_INTEGER, 0.5);
}

/**
 * A proposal named exactly as a node is known (name or alias, accents and case aside) is that
 * node, even where the detector holds back because the numbers differ ("National Open Data
 * Conference" is an alias of "… 2024").
 */
function knownNames(entities: Entity[], network: DuplicateCandidate[]): Map<string, Candidate[]> {
  const index = new Map<string, DuplicateCandidate[]>();
  for (const node of network) {
    for (const name of [node.name, ...(node.aliases ?? [])]) {
      if (ACRONYM.test(name) && /[A-Z].*[A-Z]/.test(name)) continue;
      const key = nameWords(name).join(' ');
      if (key.split(' ').length < 2) continue;
      const ids = index.get(`${node.kind}:${key}`) ?? [];
      if (!ids.includes(node)) ids.push(node);
      index.set(`${node.kind}:${key}`, ids);
    }
  }
  const found = new Map<string, Candidate[]>();
  for (const e of entities) {
    for (const name of [e.name, ...e.aliases]) {
      for (const node of index.get(`${e.kind}:${nameWords(name).join(' ')}`) ?? []) {
        // "Open Data Day 2024" known also as "Open Data Day" is not the 2022 one of that alias.
        if (numbersDiffer(e.name, node.name)) continue;
        const list = found.get(e.key) ?? [];
        if (!list.some((c) => c.id === node.id)) list.push({ id: node.id, name: node.name, score: KNOWN_NAME, reason: `known in the network as "${name}"` });
        found.set(e.key, list);
      }
    }
  }
  return found;
}

const numbersOf = (name: string) => name.match(/\d+/g)?.join(' ') ?? '';
const numbersDiffer = (a: string, b: string) => numbersOf(a) !== '' && numbersOf(b) !== '' && numbersOf(a) !== numbersOf(b);

/** What an exact name or alias alone says: the duplicate detector's weight for a shared alias. */
const KNOWN_NAME = 0.9;

/** Each proposal's match in the network (by key), and pairs of proposals that are one entity. */
export function matchToNetwork(entities: Entity[], network: DuplicateCandidate[]): { matches: Map<string, Matching>; same: [string, string][] } {
  const byProposal = knownNames(entities, network);
  const acronymOnly = new Map<string, Candidate[]>();
  const same: [string, string][] = [];
  for (const s of pairs(entities, network)) {
    const aDraft = s.a.id.startsWith(DRAFT);
    const bDraft = s.b.id.startsWith(DRAFT);
    const reason = s.evidence.map((e) => e.detail).join('; ');
    if (aDraft && bDraft) {
      if (s.score >= MATCH.mergeWithinDocument && !onlyAcronym(s.evidence)) same.push([s.a.id.slice(DRAFT.length), s.b.id.slice(DRAFT.length)]);
      continue;
    }
    if (!aDraft && !bDraft) continue;
    const [proposal, node] = aDraft ? [s.a, s.b] : [s.b, s.a];
    const key = proposal.id.slice(DRAFT.length);
    const candidate = { id: node.id, name: node.name, score: s.score, reason };
    const into = onlyAcronym(s.evidence) ? acronymOnly : byProposal;
    const list = (into.get(key) ?? []).filter((c) => c.id !== node.id || c.score > candidate.score);
    if (!list.some((c) => c.id === node.id)) list.push(candidate);
    into.set(key, list);
  }
  const matches = new Map<string, Matching>();
  for (const e of entities) {
    const found = (byProposal.get(e.key) ?? []).sort((x, y) => y.score - x.score);
    const sharing = acronymOnly.get(e.key) ?? [];
    const [best, second] = found;
    if (best && best.score >= MATCH.accept && !(second && second.score >= MATCH.accept && best.score - second.score < MATCH.ambiguous)) {
      matches.set(e.key, { match: best.id, score: best.score, reason: best.reason, ambiguous: false, candidates: found.slice(0, 5) });
    } else if (best && best.score >= MATCH.accept) {
      matches.set(e.key, {
        match: null,
        score: best.score,
        reason: `ambiguous: ${found
          .filter((c) => c.score >= MATCH.accept)
          .map((c) => `${c.name} (${c.id})`)
          .join(' or ')}`,
        ambiguous: true,
        candidates: found.slice(0, 5),
      });
    } else if (sharing.length) {
      matches.set(e.key, {
        match: null,
        score: sharing[0]!.score,
        reason: `new, but shares an acronym with ${sharing.map((c) => `${c.name} (${c.id})`).join(' and ')}: check it is not the same`,
        ambiguous: true,
        candidates: [...found, ...sharing].slice(0, 5),
      });
    } else matches.set(e.key, { match: null, score: 0, reason: 'new: nothing in the network looks like it', ambiguous: false, candidates: found.slice(0, 5) });
  }
  return { matches, same };
}
