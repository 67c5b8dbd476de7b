/**
 * The review of a draft, framework-free: the document cut into plain and highlighted pieces (each
 * highlight points at its proposal), and the curator's decisions turned into the reviewed draft
 * the API commits or writes out as the import workbook.
 */
import type { Draft, DraftNode, ReviewedDraft } from './api.js';

export interface Piece {
  text: string;
  /** The proposal this piece names, when highlighted. */
  node?: string;
}

/** The text in document order, each proposal's spans highlighted (the first of overlapping spans wins). */
export function highlightPieces(text: string, nodes: Pick<DraftNode, 'id' | 'spans'>[]): Piece[] {
  const spans = nodes.flatMap((n) => n.spans.map((s) => ({ ...s, node: n.id }))).sort((a, b) => a.start - b.start || b.end - a.end);
  const pieces: Piece[] = [];
  let at = 0;
  for (const s of spans) {
    if (s.start < at) continue;
    if (s.start > at) pieces.push({ text: text.slice(at, s.start) });
    pieces.push({ text: text.slice(s.start, s.end), node: s.node });
    at = s.end;
  }
  if (at < text.length) pieces.push({ text: text.slice(at) });
  return pieces;
}

export interface NodeReview {
  accept: boolean;
  name: string;
  /** An existing node's id, or '' for a new node. */
  match: string;
}

/** Every proposal accepted as the draft has it: matched where the draft matched, new otherwise. */
export function initialReview(draft: Draft): { nodes: Record<string, NodeReview>; relationships: Record<string, boolean> } {
  return {
    nodes: Object.fromEntries(draft.nodes.map((n) => [n.id, { accept: true, name: n.name, match: n.match ?? '' }])),
    relationships: Object.fromEntries(draft.relationships.map((r) => [r.id, true])),
  };
}

/** The reviewed draft to send: decisions, edited names, re-matches; relationships to a rejected proposal are rejected too. */
export function reviewedDraft(draft: Draft, review: ReturnType<typeof initialReview>, source: ReviewedDraft['source']): ReviewedDraft {
  const accepted = (id: string) => review.nodes[id]?.accept ?? false;
  return {
    source,
    nodes: draft.nodes.map((n) => {
      const r = review.nodes[n.id]!;
      const aliases = r.name !== n.name && !n.aliases.includes(n.name) ? [...n.aliases, n.name] : n.aliases;
      return { id: n.id, kind: n.kind, name: r.name, aliases, match: r.match || null, fields: n.fields, decision: r.accept ? 'accept' : 'reject' };
    }),
    relationships: draft.relationships.map((rel) => ({
      id: rel.id,
      from: rel.from,
      type: rel.type,
      to: rel.to,
      quote: rel.quote,
      ...(rel.role ? { role: rel.role } : {}),
      decision: review.relationships[rel.id] && accepted(rel.from) && accepted(rel.to) ? 'accept' : 'reject',
    })),
  };
}
