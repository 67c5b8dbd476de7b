import { describe, expect, it } from 'vitest';
import { nodesFromTable, relationshipsFromTable, type Table } from '../../api/src/domain/spreadsheet.js';
import { readCsv } from '../../api/src/spreadsheets/read-csv.js';

const table = (text: string): Table => {
  const read = readCsv('test.csv', text);
  if (!('rows' in read)) throw new Error(read.message);
  return read;
};

describe('the spreadsheet format', () => {
  it('splits list cells, leaves empty cells out and takes the kind from the file', () => {
    const { nodes, problems } = nodesFromTable(
      table('id,name,aliases,orgKind,acronym,sources\nodc,Open Development Cambodia,ODC | Open Development Cambodia Organization,cso,,a|b\n'),
      'organisation',
    );
    expect(problems).toEqual([]);
    expect(nodes[0]?.record).toMatchObject({ id: 'odc', aliases: ['ODC', 'Open Development Cambodia Organization'], sources: ['a', 'b'] });
    expect(nodes[0]?.record).not.toHaveProperty('acronym');
    expect(nodes[0]?.line).toBe(2);
  });

  it('names the line and column of each bad cell, and unknown columns', () => {
    const { problems } = nodesFromTable(table('id,name,orgKind,sources,colour\nok,Fine,cso,s,\nBAD ID,Bad,club,s,red\n'), 'organisation');
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: 'test.csv', line: 3, field: 'id' }),
        expect.objectContaining({ line: 3, field: 'orgKind' }),
        expect.objectContaining({ line: 3, field: 'colour', message: expect.stringContaining('“colour” is not a column of this table') }),
      ]),
    );
    expect(problems.every((p) => p.line === 3)).toBe(true);
  });

  it('reads relationships with numbers and dates', () => {
    const { relationships, problems } = relationshipsFromTable(
      table('from,type,to,sources,amount,currency,from_date\ndfat,FUNDS,ponlok,s,100,AUD,2023-07-01\n'),
    );
    expect(problems).toEqual([]);
    expect(relationships[0]?.record).toMatchObject({ amount: 100, currency: 'AUD', from_date: '2023-07-01', key: '', confidence: 'confirmed' });
  });

  it('reports a malformed CSV file instead of throwing', () => {
    expect(readCsv('broken.csv', 'a,b\n"unterminated,1\n')).toMatchObject({ file: 'broken.csv', field: 'file' });
  });
});
