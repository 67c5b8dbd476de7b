/**
 * `npm run bench:drafts`: each source document through the draft extractor against a network that
 * lacks that document's facts (the seed without what only that document sources), compared with
 * the seed's nodes and relationships that cite the document. Reports per document and in total:
 * recall and precision of people, organisations and events; the share of existing entities
 * matched right; the share of relationships recovered; quotes found verbatim; time per document.
 * No database: the network is the seed's tables, read by the importer's own parser.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { DuplicateCandidate } from '../api/src/domain/duplicates.js';
import type { Entity } from '../api/src/drafts/entity-registry.js';
import { matchToNetwork } from '../api/src/drafts/match.js';
import type { GraphNode, GraphRelationship } from '../api/src/domain/model.js';
import { buildDraft, type Draft, type DraftNode } from '../api/src/drafts/draft.js';
import { readCsvDirectory } from '../api/src/spreadsheets/csv-directory.js';
import { SEED_DIR } from '../seed/seed.js';

const SCORED = ['person', 'organisation', 'event'] as const;
/** The relationship types the issue asks the extractor for. */
const ASKED = new Set(['SPOKE_AT', 'MODERATED', 'PRESENTED', 'WORKS_FOR', 'ORGANISED', 'FUNDS', 'SUPPORTS', 'PARTNERS_WITH', 'PARTNER_IN', 'ATTENDED']);

function sourcesDir(): string {
  const candidates = [process.env.SPEAN_SOURCES, path.resolve(SEED_DIR, '../../shared/sources'), '/work/shared/sources'].filter(Boolean) as string[];
  const found = candidates.find((dir) => existsSync(dir));
  if (!found) throw new Error(`No source documents: looked in ${candidates.join(', ')} (set SPEAN_SOURCES)`);
  return found;
}

type Node = GraphNode & { sources?: string[] };
const citesOnly = (sources: string[] | undefined, doc: string) => !!sources && sources.length === 1 && sources[0] === doc;
const cites = (sources: string[] | undefined, doc: string) => !!sources?.includes(doc);
const asCandidate = (n: Node): DuplicateCandidate => ({
  id: n.id,
  kind: n.kind,
  name: n.name,
  aliases: n.aliases,
  acronym: 'acronym' in n ? n.acronym : undefined,
});

/**
 * The seed node a proposal stands for, judged apart from its match: the node the matcher picks
 * when the whole seed is the network (none when that is ambiguous or by acronym alone). A match to
 * an existing node that is not this one counts as wrong.
 */
function truthOf(node: DraftNode, seed: DuplicateCandidate[]): string | undefined {
  const entity: Entity = {
    key: node.id,
    kind: node.kind,
    name: node.name.replace(/^the\s+/i, ''),
    aliases: node.aliases,
    fields: node.fields,
    quote: node.quote,
    spans: node.spans,
    mentions: 1,
  };
  return (
    matchToNetwork(
      [entity],
      seed.filter((n) => n.kind === node.kind),
    ).matches.get(node.id)?.match ?? undefined
  );
}

interface Score {
  gold: number;
  found: number;
  proposed: number;
  correct: number;
}

function scoreDocument(doc: string, text: string, nodes: Node[], relationships: GraphRelationship[]) {
  const network = nodes.filter((n) => n.kind !== 'source' && n.kind !== 'figure' && !citesOnly(n.sources, doc)).map(asCandidate);
  const inNetwork = new Set(network.map((n) => n.id));
  const started = performance.now();
  const draft: Draft = buildDraft(text, network);
  const ms = performance.now() - started;
  const seed = nodes.filter((n) => n.kind !== 'source' && n.kind !== 'figure').map(asCandidate);
  const truth = new Map(draft.nodes.map((n) => [n.id, truthOf(n, seed)]));
  // For recall, precision and relationships a proposal stands for what it truly is, or else what it matched.
  const corresponds = new Map(draft.nodes.map((n) => [n.id, truth.get(n.id) ?? n.match ?? undefined]));
  const kinds: Record<string, Score> = {};
  for (const kind of SCORED) {
    const gold = new Set(nodes.filter((n) => n.kind === kind && cites(n.sources, doc)).map((n) => n.id));
    const proposed = draft.nodes.filter((n) => n.kind === kind);
    const hits = new Set(proposed.map((n) => corresponds.get(n.id)).filter((id): id is string => !!id && gold.has(id)));
    kinds[kind] = {
      gold: gold.size,
      found: hits.size,
      proposed: proposed.length,
      correct: proposed.filter((n) => gold.has(corresponds.get(n.id) ?? '')).length,
    };
  }
  // Matching: of the proposals that stand for a seed node (or were matched), those whose match is
  // right: the node when the reduced network has it, none when it does not.
  const judged = draft.nodes.filter((n) => n.kind !== 'figure' && (truth.get(n.id) || n.match));
  const rightMatch = (n: DraftNode) => {
    const id = truth.get(n.id);
    return id && inNetwork.has(id) ? n.match === id : n.match === null;
  };
  const matchedRight = judged.filter(rightMatch).length;
  const existing = judged.filter((n) => inNetwork.has(truth.get(n.id) ?? '') || n.match);
  const existingRight = existing.filter(rightMatch).length;
  const goldRels = relationships.filter((r) => cites(r.sources, doc));
  const proposedRels = new Set(draft.relationships.map((r) => `${corresponds.get(r.from)}|${r.type}|${corresponds.get(r.to)}`));
  const recovered = goldRels.filter((r) => proposedRels.has(`${r.from}|${r.type}|${r.to}`));
  const asked = goldRels.filter((r) => ASKED.has(r.type));
  const quotes = [...draft.nodes, ...draft.relationships].map((q) => q.quote);
  return {
    doc,
    ms,
    kinds,
    matches: { judged: judged.length, right: matchedRight, existing: existing.length, existingRight },
    relationships: {
      gold: goldRels.length,
      recovered: recovered.length,
      askedGold: asked.length,
      askedRecovered: recovered.filter((r) => ASKED.has(r.type)).length,
      proposed: draft.relationships.length,
    },
    quotes: { total: quotes.length, verbatim: quotes.filter((q) => q.length > 0 && text.includes(q)).length },
    draft,
    missedRelationships: goldRels.filter((r) => ASKED.has(r.type) && !recovered.includes(r)).map((r) => `${r.from} ${r.type} ${r.to}`),
    missed: {
      nodes: nodes
        .filter((n) => (SCORED as readonly string[]).includes(n.kind) && cites(n.sources, doc) && ![...corresponds.values()].includes(n.id))
        .map((n) => n.id),
    },
  };
}

const pct = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(1)} %` : '–');

function main() {
  const { batch, problems } = readCsvDirectory(SEED_DIR);
  if (problems.length) throw new Error(`The seed does not load: ${JSON.stringify(problems.slice(0, 3))}`);
  const nodes = batch.nodes.map((n) => n.record as Node);
  const relationships = batch.relationships.map((r) => r.record);
  const dir = sourcesDir();
  const docs = readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort();
  const results = docs.map((file) =>
    scoreDocument(file.replace(/\.txt$/, ''), readFileSync(path.join(dir, file), 'utf8').replace(/\r\n?/g, '\n'), nodes, relationships),
  );
  const rows = [...results.map((r) => ({ ...r, name: r.doc })), { ...total(results), name: 'total' }];
  console.log(
    '| document | people R / P | organisations R / P | events R / P | existing matched right | matches right (all) | relationships (all) | relationships (asked types) | quotes verbatim | time |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const r of rows) {
    const k = (kind: string) => `${pct(r.kinds[kind]!.found, r.kinds[kind]!.gold)} / ${pct(r.kinds[kind]!.correct, r.kinds[kind]!.proposed)}`;
    console.log(
      `| ${r.name} | ${k('person')} | ${k('organisation')} | ${k('event')} | ${pct(r.matches.existingRight, r.matches.existing)} (${r.matches.existingRight}/${r.matches.existing}) | ${pct(r.matches.right, r.matches.judged)} | ${pct(r.relationships.recovered, r.relationships.gold)} (${r.relationships.recovered}/${r.relationships.gold}) | ${pct(r.relationships.askedRecovered, r.relationships.askedGold)} (${r.relationships.askedRecovered}/${r.relationships.askedGold}) | ${pct(r.quotes.verbatim, r.quotes.total)} | ${r.ms.toFixed(0)} ms |`,
    );
  }
  if (process.env.BENCH_VERBOSE)
    for (const r of results) console.log(r.doc, 'missed:', r.missed.nodes.join(', '), '\n  relationships missed:', r.missedRelationships.join('; '));
  const all = rows.at(-1)!;
  if (all.quotes.verbatim !== all.quotes.total) {
    console.error('Some quotes are not verbatim in their document.');
    process.exitCode = 1;
  }
}

function total(results: ReturnType<typeof scoreDocument>[]) {
  const sum = (f: (r: ReturnType<typeof scoreDocument>) => number) => results.reduce((s, r) => s + f(r), 0);
  const kinds: Record<string, Score> = {};
  for (const kind of SCORED)
    kinds[kind] = {
      gold: sum((r) => r.kinds[kind]!.gold),
      found: sum((r) => r.kinds[kind]!.found),
      proposed: sum((r) => r.kinds[kind]!.proposed),
      correct: sum((r) => r.kinds[kind]!.correct),
    };
  return {
    ms: Math.max(...results.map((r) => r.ms)),
    kinds,
    matches: {
      judged: sum((r) => r.matches.judged),
      right: sum((r) => r.matches.right),
      existing: sum((r) => r.matches.existing),
      existingRight: sum((r) => r.matches.existingRight),
    },
    relationships: {
      gold: sum((r) => r.relationships.gold),
      recovered: sum((r) => r.relationships.recovered),
      askedGold: sum((r) => r.relationships.askedGold),
      askedRecovered: sum((r) => r.relationships.askedRecovered),
      proposed: 0,
    },
    quotes: { total: sum((r) => r.quotes.total), verbatim: sum((r) => r.quotes.verbatim) },
  };
}

main();
