import { describe, expect, it } from 'vitest';
import { calledProcedures, refusal } from '../../api/src/domain/console-guard.js';

describe('the console guard', () => {
  it.each([
    ["LOAD CSV FROM 'https://x/y.csv' AS row RETURN row", /LOAD CSV/],
    ['load   csv from $url as r return r', /LOAD CSV/],
    ['SHOW USERS', /Administration/],
    ['CREATE USER eve SET PASSWORD "x"', /Administration/],
    ['CALL dbms.killQueries(["1"])', /dbms/],
    ['CALL apoc.export.csv.all("x", {})', /allowlist/],
    ['MATCH (n) CALL db.createLabel("X") RETURN n', /allowlist/],
    ['USE system SHOW DATABASES', /USE|Administration/],
    ['PROFILE MATCH (n) RETURN n', /PROFILE/],
  ])('refuses %s', (query, why) => {
    expect(refusal(query)).toMatch(why);
  });

  it.each([
    'MATCH (n:Organisation) RETURN n.name LIMIT 5',
    "MATCH (n) WHERE n.name = 'LOAD CSV' RETURN n",
    'CALL db.labels() YIELD label RETURN label',
    "CALL db.index.fulltext.queryNodes('entity_search', 'odc') YIELD node RETURN node.id",
    'MATCH (n) CALL (n) { RETURN count(*) AS c } RETURN n, c',
    '// LOAD CSV in a comment\nMATCH (n) RETURN n',
  ])('lets %s through to the database check', (query) => {
    expect(refusal(query)).toBeUndefined();
  });

  it('names the procedures called, ignoring subqueries and strings', () => {
    expect(calledProcedures("CALL db.labels() YIELD label CALL { RETURN 1 } RETURN 'CALL x.y()'")).toEqual(['db.labels']);
  });
});
