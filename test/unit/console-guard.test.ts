/**
 * The console guard on plans shaped as Neo4j 5.26 gives them (copied from EXPLAIN output); the
 * integration test (test/integration/console.test.ts) sends the queries themselves.
 */
import { describe, expect, it } from 'vitest';
import neo4j from 'neo4j-driver';
import { outsideNetwork } from '../../api/src/repositories/console.repository.js';
import { planRefusal, type GuardContext, type PlanNode } from '../../api/src/domain/console-guard.js';
import { stringLiterals } from '../../api/src/domain/cypher-literals.js';

const op = (operatorType: string, details = '', ...children: PlanNode[]): PlanNode => ({
  operatorType: `${operatorType}@neo4j`,
  arguments: { Details: details },
  children,
});
const produce = (child: PlanNode) => op('ProduceResults', 'x', child);
const context = (overrides: Partial<GuardContext> = {}): GuardContext => ({
  params: {},
  literals: [],
  fullTextIndexes: new Map([
    ['entity_search', ['Organisation', 'Person', 'Event']],
    ['t_user_search', ['User']],
  ]),
  ...overrides,
});

describe('the console guard, given a plan', () => {
  it.each([
    ['every node', op('AllNodesScan', 'n'), /every node/],
    ['a label scan of accounts', op('NodeByLabelScan', 'n:User'), /User is not/],
    ['a union with an internal label', op('UnionNodeByLabelsScan', 'n:Organisation|Session'), /Session/],
    ['an index seek on accounts', op('NodeUniqueIndexSeek', 'UNIQUE u:User(email) WHERE email = $autostring_0, cache[u.email]'), /User/],
    ['a range index on sessions', op('NodeIndexSeekByRange', 'RANGE INDEX s:Session(userId) WHERE userId > $x'), /Session/],
    ['an id seek', op('NodeByIdSeek', 'n WHERE id(n) = $autoint_0'), /internal id/],
    ['an element id seek', op('NodeByElementIdSeek', 'n WHERE elementId(n) = $autostring_0'), /internal id/],
    ['an unlabelled count', op('NodeCountFromCountStore', 'count( () ) AS `count(n)`'), /every label/],
    ['a count of sessions', op('NodeCountFromCountStore', 'count( (:Session) ) AS c'), /Session/],
    ['all relationships', op('DirectedAllRelationshipsScan', '(anon_0)-[r]->(anon_1)'), /relationship types/],
    ['a type that is not the network', op('DirectedRelationshipTypeScan', '(a)-[r:OWNS_TOKEN]->(b)'), /OWNS_TOKEN/],
    ['SHOW TRANSACTIONS', op('ShowTransactions', 'columns(currentQuery), allTransactions'), /not a read of the network/],
    ['TERMINATE TRANSACTIONS', op('TerminateTransactions', 'defaultColumns, transactions(x)'), /not a read/],
    ['SHOW SETTINGS', op('ShowSettings', 'allSettings'), /not a read/],
    ['LOAD CSV', op('LoadCSV', 'r'), /not a read/],
    ['a procedure off the allowlist', op('ProcedureCall', 'db.checkpoint() :: (success :: BOOLEAN)'), /allowlist/],
    ['a dbms procedure', op('ProcedureCall', 'dbms.listConfig($autostring_0) :: (name :: STRING)'), /allowlist/],
    ['an unknown operator', op('SomethingNew', ''), /does not run the SomethingNew/],
    [
      'a subquery expression',
      op('Projection', '[x IN $autolist_0 | COLLECT { MATCH (u)   WHERE u:User RETURN u.passwordHash AS `u.passwordHash` }] AS c', op('EmptyRow')),
      /subquery/,
    ],
    ['reduce', op('Projection', 'reduce(s = $autostring_1, x IN range($autoint_2, $autoint_3) | s + $autostring_0) AS r'), /reduce/],
    ['range in an expression', op('Projection', 'size(range($autoint_0, $autoint_1)) AS r'), /range/],
    ['a nested internal scan', produce(op('Apply', '', op('NodeByLabelScan', 'n:Organisation'), op('NodeByLabelScan', 'u:User'))), /User/],
  ])('refuses %s', (_name, plan, why) => {
    expect(planRefusal(produce(plan), context())).toMatch(why);
  });

  it.each([
    ['a label scan', op('NodeByLabelScan', 'n:Organisation')],
    ['a subtraction of labels', op('SubtractionNodeByLabelsScan', 'n:Entity&!Person')],
    ['the id index', op('NodeUniqueIndexSeek', 'UNIQUE n:Entity(id) WHERE id = $autostring_0, cache[n.id]')],
    ['an expansion', op('Expand(All)', '(n)-[r]-(m)', op('NodeByLabelScan', 'n:Organisation'))],
    ['a typed relationship scan', op('DirectedUnionRelationshipTypesScan', '(a)-[r:FUNDS|SUPPORTS]->(b)')],
    ['an untyped relationship count', op('RelationshipCountFromCountStore', 'count( ()-[]->() ) AS c')],
    ['UNWIND range', op('Unwind', 'range($autoint_0, $autoint_1) AS x')],
    ['db.labels', op('ProcedureCall', 'db.labels() :: (label :: STRING)')],
  ])('allows %s', (_name, plan) => {
    expect(planRefusal(produce(plan), context())).toBeUndefined();
  });

  const fullText = op('ProcedureCall', 'db.index.fulltext.queryNodes($autostring_0, $autostring_1) :: (node :: NODE)');
  it('allows full-text search on the network index, refuses internal indexes and unbounded Lucene syntax', () => {
    expect(planRefusal(fullText, context({ literals: ['entity_search', 'odc'] }))).toBeUndefined();
    expect(planRefusal(fullText, context({ literals: ['t_user_search', 'a*'] }))).toMatch(/t_user_search is not an index of the network/);
    expect(planRefusal(fullText, context({ literals: ['entity_search', 'odc', 't_user_search'] }))).toMatch(/t_user_search/);
    expect(planRefusal(fullText, context({ literals: ['entity_search', '/.*a.*/'] }))).toMatch(/regular expression/);
    expect(planRefusal(fullText, context({ literals: ['entity_search', 'x *pen'] }))).toMatch(/wildcard/);
    const byParams = op('ProcedureCall', 'db.index.fulltext.queryNodes($index, $q) :: (node :: NODE)');
    expect(planRefusal(byParams, context({ params: { index: 'entity_search', q: 'open*' } }))).toBeUndefined();
    expect(planRefusal(byParams, context({ params: { index: 't_user_search', q: 'x' } }))).toMatch(/not an index of the network/);
    const computed = op('ProcedureCall', 'db.index.fulltext.queryNodes($autostring_0 + $autostring_1, $q) :: (node :: NODE)');
    expect(planRefusal(computed, context())).toMatch(/literals or parameters/);
  });
});

describe('the string literals of a query', () => {
  it('are unescaped, and comments and quoted names are skipped', () => {
    expect(stringLiterals("RETURN 'a\\'b', \"c\" // 'not'\n /* 'no' */ AS `'x'`, '\\u002F.*\\u002F'")).toEqual(["a'b", 'c', '/.*/']);
  });
});

describe('the check of returned values', () => {
  const { Node, Relationship, Path, PathSegment } = neo4j.types;
  const org = new Node(neo4j.int(1), ['Entity', 'Organisation'], { id: 'odc' });
  const user = new Node(neo4j.int(2), ['User'], { passwordHash: 'x' });
  const funds = new Relationship(neo4j.int(3), neo4j.int(1), neo4j.int(1), 'FUNDS', {});
  const owns = new Relationship(neo4j.int(4), neo4j.int(2), neo4j.int(1), 'OWNS', {});

  it('refuses a node or relationship outside the network, wherever it sits in the row', () => {
    expect(outsideNetwork({ n: user })).toMatch(/User/);
    expect(outsideNetwork({ l: [[{ deep: user }]] })).toMatch(/User/);
    expect(outsideNetwork({ r: owns })).toMatch(/OWNS/);
    expect(outsideNetwork({ p: new Path(org, user, [new PathSegment(org, owns, user)]) })).toBeTruthy();
  });

  it('lets the network through', () => {
    expect(outsideNetwork({ n: org, r: funds, p: new Path(org, org, [new PathSegment(org, funds, org)]), s: 'User' })).toBeUndefined();
  });
});
