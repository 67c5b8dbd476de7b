/** The network (or a filtered part) in the import format, and as Popolo JSON. */
import { z } from 'zod';
import type { GraphDb } from '../db/graph-db.js';
import { NODE_KINDS } from '../domain/model.js';
import { graphFilter, graphFilterQuery, refineTime } from '../domain/views.js';
import { TablesRepository } from '../repositories/tables.repository.js';
import { exportTables, toCsvZip, toXlsx } from '../export/tables-export.js';
import { nodeUrlsAt, toPopolo } from '../export/popolo.js';
import { defineOperation, type Operation } from '../http/operation.js';

const exportQuery = refineTime(z.strictObject({ format: z.enum(['xlsx', 'csv', 'popolo']).default('xlsx'), ...graphFilterQuery }));

export function exportOperations(db: GraphDb): Operation[] {
  return [
    defineOperation({
      method: 'get',
      path: '/api/export',
      tag: 'curation',
      summary: 'The network or a filtered part: XLSX or CSV (zip) in the import format, or Popolo JSON',
      description:
        'XLSX and CSV hold the tables of `seed/` (one per kind, and relationships), sorted, with the sources the facts cite; importing them into an empty database and exporting again gives the same files. Popolo: persons, organizations (parent_id from PART_OF), areas (the places) and memberships (WORKS_FOR), valid against the popolo-spec schemas.',
      query: exportQuery,
      response: z.object({
        persons: z.array(z.unknown()),
        organizations: z.array(z.unknown()),
        areas: z.array(z.unknown()),
        memberships: z.array(z.unknown()),
      }),
      files: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/zip'],
      filesFirst: true,
      handle: async ({ query, publicOnly, redact }, res, req) => {
        // Without a kind filter, everything: figures too, which graph views leave out by default.
        const sheets = redact(await exportTables(new TablesRepository(db), graphFilter({ ...query, kinds: query.kinds ?? [...NODE_KINDS] }, publicOnly)));
        if (query.format === 'popolo') return toPopolo(sheets, nodeUrlsAt(`${req.protocol}://${req.get('host')}`));
        if (query.format === 'csv')
          res
            .type('application/zip')
            .attachment('spean-network-csv.zip')
            .send(await toCsvZip(sheets));
        else
          res
            .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
            .attachment('spean-network.xlsx')
            .send(await toXlsx(sheets));
        return undefined;
      },
    }),
  ];
}
