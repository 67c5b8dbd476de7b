/**
 * Rejected rows in a curator's words: the value, what the column takes, did you mean; knock-ons
 * from rows rejected themselves; `;`-separated CSV; the template's examples are valid rows.
 */
import { readFileSync } from 'node:fs';
import { stringify } from 'csv-stringify/sync';
import { describe, expect, it } from 'vitest';
import { batchFromTables, nodesFromTable, relationshipsFromTable, type Table } from '../../api/src/domain/spreadsheet.js';
import { csvDelimiter, readCsv } from '../../api/src/spreadsheets/read-csv.js';
import { didYouMean, explainReferences } from '../../api/src/domain/row-messages.js';
import { columnRules, TABLES } from '../../api/src/domain/allowed-values.js';
import { TEMPLATE_EXAMPLES } from '../../api/src/spreadsheets/import-template.js';
import { COLLECTION_OF, SOURCE_KINDS } from '../../api/src/domain/model.js';
import { CURATION_DOC, withAllowedValues } from '../../docs/allowed-values.js';

const table = (text: string, file = 'test.csv'): Table => {
  const read = readCsv(file, text);
  if (!('rows' in read)) throw new Error(read.message);
  return read;
};

describe('row messages', () => {
  it('names the value, the allowed values and the closest one, never zod wording', () => {
    const { problems } = nodesFromTable(table('id,name,orgKind,nmae\nok,Fine,CSO,x\nBad Id,Bad,resarch,\n'), 'organisation');
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          line: 2,
          field: 'orgKind',
          value: 'CSO',
          didYouMean: 'cso',
          message: expect.stringMatching(/^“CSO” is not an allowed orgKind; did you mean “cso”\? \(allowed: government, cso,/),
        }),
        expect.objectContaining({
          line: 2,
          field: 'nmae',
          didYouMean: 'name',
          message: expect.stringContaining('“nmae” is not a column of this table; did you mean “name”?'),
        }),
        expect.objectContaining({
          line: 2,
          field: 'sources',
          message: 'sources is required and this cell is empty: give at least one id (several separated by |)',
        }),
        expect.objectContaining({ line: 3, field: 'id', didYouMean: 'bad-id' }),
        expect.objectContaining({ line: 3, field: 'orgKind', didYouMean: 'research' }),
      ]),
    );
    for (const problem of problems) expect(problem.message).not.toMatch(/Invalid input|expected array|received undefined|Unrecognized key/);
  });

  it('says what dates and numbers look like', () => {
    const { problems } = nodesFromTable(table('id,name,measure,value,sources\nf,F,womn,many,s\n'), 'figure');
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'value', message: 'expected a number, not “many”' }),
        expect.objectContaining({ field: 'measure', didYouMean: 'women' }),
      ]),
    );
    const { problems: dates } = relationshipsFromTable(table('from,type,to,sources,from_date\na,WORK_FOR,b,s,12/03/2024\n'));
    expect(dates).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ field: 'from_date', message: 'expected a date written YYYY-MM-DD (such as 2024-03-12), not “12/03/2024”' }),
        expect.objectContaining({ field: 'type', didYouMean: 'WORKS_FOR' }),
      ]),
    );
  });

  it('explains a reference to a rejected row as a knock-on, and suggests close ids', () => {
    const { problems, rejected } = batchFromTables([table('id,name,orgKind,sources\nt-a,A,club,s\n', 'organisations.csv')]);
    expect(problems).toHaveLength(1);
    const explained = explainReferences(
      [
        { file: 'relationships.csv', line: 2, field: 'from', value: 't-a', message: 'no node has the id "t-a"' },
        { file: 'relationships.csv', line: 3, field: 'to', value: 'odcc', message: 'no node has the id "odcc"' },
        { file: 'relationships.csv', line: 3, field: 'sources', value: 'reprot-2024', message: '"reprot-2024" is not a known source' },
      ],
      rejected,
      { ids: ['odc', 'report-2024'], sources: ['report-2024'] },
    );
    expect(explained[0]!.message).toBe('rejected because the node “t-a” was rejected itself (organisations.csv, line 2); fix that row first');
    expect(explained[1]).toMatchObject({ didYouMean: 'odc', message: 'no node has the id "odcc"; did you mean “odc”?' });
    expect(explained[2]).toMatchObject({ didYouMean: 'report-2024' });
  });

  it('suggests only what is near', () => {
    expect(didYouMean('organisation', ['organisations', 'people'])).toBe('organisations');
    expect(didYouMean('zzzzzz', ['cso', 'ingo'])).toBeUndefined();
  });
});

describe('the spreadsheet format', () => {
  it('reads `;`-separated CSV files as saved by spreadsheets in many locales', () => {
    expect(csvDelimiter('id;name;orgKind;sources\n')).toBe(';');
    expect(csvDelimiter('id,name,description\n')).toBe(',');
    const { nodes, problems } = nodesFromTable(table('id;name;orgKind;sources;description\nt-s;Semi;cso;s;one, two\n'), 'organisation');
    expect(problems).toEqual([]);
    expect(nodes[0]!.record).toMatchObject({ id: 't-s', name: 'Semi', description: 'one, two' });
  });

  it('lists the model’s allowed values and the template’s examples are valid rows', () => {
    expect(columnRules('source').find((rule) => rule.column === 'sourceKind')!.values).toEqual(SOURCE_KINDS);
    for (const kind of TABLES) {
      const columns = columnRules(kind).map((rule) => rule.column);
      const example = TEMPLATE_EXAMPLES[kind];
      const csv = stringify([columns, columns.map((c) => example[c] ?? '')]);
      const name = kind === 'relationships' ? 'relationships.csv' : `${COLLECTION_OF[kind]}.csv`;
      expect(batchFromTables([table(csv, name)]).problems, kind).toEqual([]);
    }
  });
});

describe('docs/curation.md', () => {
  it('lists the allowed values the model has now (npm run docs:allowed-values rewrites them)', () => {
    const doc = readFileSync(CURATION_DOC, 'utf8');
    expect(withAllowedValues(doc)).toBe(doc);
  });
});
