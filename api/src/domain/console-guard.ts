/**
 * The read-only Cypher console's guard: it judges the query by the plan Neo4j makes for it
 * (EXPLAIN), not by its text, so `CYPHER 5 …`, `USE`, comments and odd spellings cannot change
 * what it allows. The console reads the network and nothing else: every way a plan can reach
 * data (scans, index seeks, id seeks, count-store reads, procedure calls) must name a network
 * label or relationship type or an allowlisted procedure; any operator not on the allowlist is
 * refused, so an unknown one fails closed.
 *
 * No relationship joins a network node to an internal one (accounts, sessions, tokens, history,
 * releases, saved views and bookkeeping are stand-alone nodes; test/integration/console.test.ts
 * checks it), so expanding from a network node only ever reaches the network.
 */
import { LABEL_OF, RELATIONSHIP_TYPES } from './model.js';

/** A node of an EXPLAIN plan, as the driver gives it. */
export interface PlanNode {
  operatorType: string;
  arguments?: Record<string, unknown>;
  children?: PlanNode[];
}

export const NETWORK_LABELS: ReadonlySet<string> = new Set(['Entity', ...Object.values(LABEL_OF)]);
export const NETWORK_TYPES: ReadonlySet<string> = new Set<string>(RELATIONSHIP_TYPES);

/** Procedures whose answer is only schema names (labels, types, property keys), never data. */
const SCHEMA_PROCEDURES = new Set(['db.labels', 'db.relationshiptypes', 'db.propertykeys', 'db.schema.nodetypeproperties', 'db.schema.reltypeproperties']);
const FULLTEXT_PROCEDURE = 'db.index.fulltext.querynodes';
export const ALLOWED_PROCEDURES: ReadonlySet<string> = new Set([...SCHEMA_PROCEDURES, FULLTEXT_PROCEDURE]);

/** Operators that only shape rows that other operators produced. */
const ROW_OPERATORS = new Set([
  'ProduceResults',
  'Projection',
  'Filter',
  'Limit',
  'ExhaustiveLimit',
  'Skip',
  'Top',
  'Top1WithTies',
  'PartialTop',
  'Sort',
  'PartialSort',
  'Distinct',
  'OrderedDistinct',
  'EagerAggregation',
  'OrderedAggregation',
  'Eager',
  'Apply',
  'SemiApply',
  'AntiSemiApply',
  'LetSemiApply',
  'LetAntiSemiApply',
  'SelectOrSemiApply',
  'SelectOrAntiSemiApply',
  'LetSelectOrSemiApply',
  'LetSelectOrAntiSemiApply',
  'RollUpApply',
  'ConditionalApply',
  'AntiConditionalApply',
  'CartesianProduct',
  'NodeHashJoin',
  'ValueHashJoin',
  'NodeLeftOuterHashJoin',
  'NodeRightOuterHashJoin',
  'Union',
  'OrderedUnion',
  'Unwind',
  'Argument',
  'ArgumentTracker',
  'Optional',
  'EmptyRow',
  'CacheProperties',
  'Anti',
  'NullifyMetadata',
  'ProjectEndpoints',
  'AssertSameNode',
  'AssertSameRelationship',
]);

/** Operators that walk relationships from nodes already bound (so from the network). */
const EXPAND_OPERATORS = new Set([
  'Expand(All)',
  'Expand(Into)',
  'OptionalExpand(All)',
  'OptionalExpand(Into)',
  'VarLengthExpand(All)',
  'VarLengthExpand(Into)',
  'VarLengthExpand(Pruning)',
  'VarLengthExpand(Pruning,BFS)',
  'BFSPruningVarExpand',
  'ShortestPath',
  'StatefulShortestPath(All)',
  'StatefulShortestPath(Into)',
  'Trail',
  'Repeat(Trail)',
]);

/** Operators that find nodes or relationships by label, type or index: the label or type must be the network's. */
const LOOKUP_OPERATORS = new Set([
  'NodeByLabelScan',
  'UnionNodeByLabelsScan',
  'IntersectionNodeByLabelsScan',
  'SubtractionNodeByLabelsScan',
  'PartitionedNodeByLabelScan',
  'NodeIndexSeek',
  'NodeUniqueIndexSeek',
  'NodeIndexSeekByRange',
  'NodeUniqueIndexSeekByRange',
  'NodeIndexScan',
  'NodeIndexContainsScan',
  'NodeIndexEndsWithScan',
  'MultiNodeIndexSeek',
  'DirectedRelationshipTypeScan',
  'UndirectedRelationshipTypeScan',
  'DirectedUnionRelationshipTypesScan',
  'UndirectedUnionRelationshipTypesScan',
  'DirectedRelationshipIndexSeek',
  'UndirectedRelationshipIndexSeek',
  'DirectedRelationshipUniqueIndexSeek',
  'UndirectedRelationshipUniqueIndexSeek',
  'DirectedRelationshipIndexSeekByRange',
  'UndirectedRelationshipIndexSeekByRange',
  'DirectedRelationshipIndexScan',
  'UndirectedRelationshipIndexScan',
  'DirectedRelationshipIndexContainsScan',
  'UndirectedRelationshipIndexContainsScan',
  'DirectedRelationshipIndexEndsWithScan',
  'UndirectedRelationshipIndexEndsWithScan',
  'NodeCountFromCountStore',
  'RelationshipCountFromCountStore',
]);

/** Full-text search text: longest accepted, and Lucene syntax that expands without bound (regex, leading wildcard). */
const MAX_SEARCH_TEXT = 300;
const UNBOUNDED_LUCENE = /\/|(^|[\s()+\-!:"^~&|])[*?]/;

/** What the guard needs besides the plan. */
export interface GuardContext {
  /** The query's own parameters. */
  params: Record<string, unknown>;
  /** Every string literal of the query text (Neo4j turns them into `$autostring_N` in the plan). */
  literals: string[];
  /** The full-text indexes of the database and the labels each covers. */
  fullTextIndexes: ReadonlyMap<string, readonly string[]>;
}

const operatorName = (node: PlanNode) => node.operatorType.replace(/@.*$/, '');
const detailsOf = (node: PlanNode) => String(node.arguments?.Details ?? '');

/** Labels and types a lookup names (`n:A|B`, `n:A&!B`, `u:User(email)`, `(:A)-[:T]->()`); negated ones are not read. */
function labelsNamed(details: string): string[] {
  return [...details.matchAll(/[:|&]\s*(!?)\s*(`[^`]+`|[A-Za-z_]\w*)/g)].filter((m) => !m[1]).map((m) => m[2]!.replace(/`/g, ''));
}

function lookupRefusal(op: string, details: string): string | undefined {
  const named = labelsNamed(details.replace(/\$`?\w+`?/g, ''));
  if (named.length === 0) {
    // Every relationship is the network's, so an untyped relationship count is too; an unlabelled node count is not.
    if (op === 'RelationshipCountFromCountStore') return undefined;
    return `${op} reads nodes of every label; name a network label (${[...NETWORK_LABELS].join(', ')}).`;
  }
  if (op === 'IntersectionNodeByLabelsScan' && named.some((name) => NETWORK_LABELS.has(name))) return undefined;
  const outside = named.filter((name) => !NETWORK_LABELS.has(name) && !NETWORK_TYPES.has(name));
  if (outside.length) return `The console reads the network only; ${outside.join(', ')} is not a label or relationship type of the network.`;
  return undefined;
}

/** The top-level, comma-separated arguments of `name(a, b, c) :: …`. */
function callArguments(details: string): string[] {
  const open = details.indexOf('(');
  const args: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of details.slice(open + 1)) {
    if (depth === 0 && (char === ',' || char === ')')) {
      if (current.trim()) args.push(current.trim());
      current = '';
      if (char === ')') break;
      continue;
    }
    if ('([{'.includes(char)) depth++;
    if (')]}'.includes(char)) depth--;
    current += char;
  }
  return args;
}

/** The values a plan argument can stand for: a user parameter's value, or any literal of the query. */
function candidates(arg: string, context: GuardContext): unknown[] | undefined {
  const param = /^\$`?(\w+)`?$/.exec(arg)?.[1];
  if (!param) return undefined;
  if (/^auto(string|int|double|list)_\d+$/.test(param)) return context.literals;
  return [context.params[param]];
}

function fullTextRefusal(details: string, context: GuardContext): string | undefined {
  const [indexArg = '', searchArg = ''] = callArguments(details);
  const indexes = candidates(indexArg, context);
  const texts = candidates(searchArg, context);
  if (!indexes || !texts) return 'Give the full-text index name and the search text as string literals or parameters.';
  const named = indexes.filter((value): value is string => typeof value === 'string' && context.fullTextIndexes.has(value));
  if (named.length === 0) return `Name a full-text index of the network (${networkIndexes(context).join(', ') || 'none exists'}).`;
  const internal = named.filter((name) => !context.fullTextIndexes.get(name)!.every((label) => NETWORK_LABELS.has(label)));
  if (internal.length) return `The full-text index ${internal.join(', ')} is not an index of the network.`;
  for (const text of texts.filter((value): value is string => typeof value === 'string')) {
    if (text.length > MAX_SEARCH_TEXT) return `Full-text search text is at most ${MAX_SEARCH_TEXT} characters.`;
    if (UNBOUNDED_LUCENE.test(text))
      return 'Full-text search text may not hold a regular expression (/…/) or start a term with a wildcard: Neo4j cannot stop those at the timeout.';
  }
  return undefined;
}

const networkIndexes = (context: GuardContext) =>
  [...context.fullTextIndexes].filter(([, labels]) => labels.every((label) => NETWORK_LABELS.has(label))).map(([name]) => name);

function procedureRefusal(details: string, context: GuardContext): string | undefined {
  const name = /^\s*([\w.`]+)\s*\(/.exec(details)?.[1]?.replace(/`/g, '').toLowerCase() ?? details;
  if (name === FULLTEXT_PROCEDURE) return fullTextRefusal(details, context);
  if (SCHEMA_PROCEDURES.has(name)) return undefined;
  return `The procedure ${name} is not on the console's allowlist (${[...ALLOWED_PROCEDURES].join(', ')}).`;
}

/**
 * Expressions that run inside one operator, out of the plan's sight: a subquery expression
 * (its plan is nested in the details, not shown as operators), and loops over lists that
 * Neo4j evaluates without ever checking the transaction's timeout.
 */
function expressionRefusal(op: string, details: string): string | undefined {
  if (/\b(EXISTS|COUNT|COLLECT)\s*\{/i.test(details)) {
    return 'A subquery inside an expression hides what it reads; write it as CALL { … }, OPTIONAL MATCH or a pattern in MATCH.';
  }
  if (/\breduce\s*\(/i.test(details)) return 'reduce() runs inside one expression, where Neo4j cannot stop it at the timeout; use UNWIND and aggregation.';
  const ranges = details.match(/\brange\s*\(/gi)?.length ?? 0;
  const unwoundRange = op === 'Unwind' && /^\s*range\s*\([^()]*\)\s+AS\s/i.test(details) ? 1 : 0;
  if (ranges > unwoundRange) return 'range() is only allowed as UNWIND range(…) AS x, where the rows it makes can be stopped at the timeout.';
  return undefined;
}

function operatorRefusal(node: PlanNode, context: GuardContext): string | undefined {
  const op = operatorName(node);
  const details = detailsOf(node);
  const inExpression = expressionRefusal(op, details);
  if (inExpression) return inExpression;
  if (ROW_OPERATORS.has(op) || EXPAND_OPERATORS.has(op)) return undefined;
  if (LOOKUP_OPERATORS.has(op)) return lookupRefusal(op, details);
  if (op === 'ProcedureCall') return procedureRefusal(details, context);
  if (op === 'AllNodesScan') return 'The query reads every node, accounts and history included; name a network label, such as MATCH (n:Entity).';
  if (/ById|ByElementId/.test(op)) return 'The console does not look nodes or relationships up by internal id; use the network id: MATCH (n:Entity {id: …}).';
  if (/AllRelationshipsScan/.test(op)) return 'Name the relationship types to scan, or start from network nodes: MATCH (a:Entity)-[r]->(b).';
  if (
    /^(Show|Terminate|Create|Drop|Alter|Grant|Deny|Revoke|Start|Stop|Enable|Rename|Assert|Ensure|DoNothingIf|System|Log|Set|Remove|Delete|Merge|Foreach|LoadCSV|TransactionApply|TransactionForeach)/.test(
      op,
    )
  ) {
    return `${op} is not a read of the network; the console runs read queries only.`;
  }
  return `The console does not run the ${op} operator.`;
}

/** Why the console refuses the plan, or undefined when every operator of it reads the network only. */
export function planRefusal(plan: PlanNode, context: GuardContext): string | undefined {
  const pending = [plan];
  while (pending.length) {
    const node = pending.pop()!;
    const why = operatorRefusal(node, context);
    if (why) return why;
    pending.push(...(node.children ?? []));
  }
  return undefined;
}
