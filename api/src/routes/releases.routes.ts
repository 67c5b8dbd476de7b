/** Citable releases: an admin publishes a dated, immutable snapshot; anyone downloads and cites it. */
import type { Request } from 'express';
import { z } from 'zod';
import type { GraphDb } from '../db/graph-db.js';
import { NODE_KINDS } from '../domain/model.js';
import type { Redactor } from '../domain/redaction.js';
import { citationOf, newReleaseSchema, RELEASE_FORMATS, releaseIdSchema, releaseSchema, type Release } from '../domain/release.js';
import { graphFilter } from '../domain/views.js';
import { sendReleaseFile } from '../export/release-files.js';
import { TablesRepository } from '../repositories/tables.repository.js';
import { DATA_LICENCE } from '../domain/licence.js';
import { nodeUrlsAt } from '../export/popolo.js';
import { exportTables } from '../export/tables-export.js';
import { defineOperation, type Operation } from '../http/operation.js';
import { notFound } from '../domain/errors.js';
import type { ReleaseRepository, StoredRelease } from '../repositories/release.repository.js';

const idParams = z.strictObject({ id: releaseIdSchema });

/** A release as readers see it: with the URLs to cite and to download, and a citation. */
function describe(release: StoredRelease, req: Request): Release {
  const url = `${req.protocol}://${req.get('host')}/api/releases/${release.id}`;
  const files = Object.fromEntries(RELEASE_FORMATS.map((f) => [f, `${url}/files/${f}`])) as Release['files'];
  return { ...release, url, files, citation: citationOf({ ...release, url }), license: DATA_LICENCE };
}

/** `publicRedactor`: what anonymous readers get, whoever publishes (domain/redaction.ts). */
export function releaseOperations(db: GraphDb, releases: ReleaseRepository, publicRedactor: () => Promise<Redactor>): Operation[] {
  const lookup = async (id: string) => {
    const release = await releases.get(id);
    if (!release) throw notFound(`The release "${id}"`);
    return release;
  };
  return [
    defineOperation({
      method: 'post',
      status: 201,
      path: '/api/releases',
      access: 'admin',
      tag: 'releases',
      summary: 'Publish a release: a dated, immutable snapshot of the public network',
      description: 'The snapshot is what anonymous readers see (people marked not public are left out), in the import tables, with every source cited.',
      body: newReleaseSchema,
      response: releaseSchema,
      handle: async ({ body, viewer }, res, req) => {
        // A release is public: it holds what anonymous readers may see, whoever publishes it.
        const tables = (await publicRedactor()).deep(await exportTables(new TablesRepository(db), graphFilter({ kinds: [...NODE_KINDS] }, true)));
        const release = await releases.publish(body, tables, viewer!.user);
        res.status(201).location(`/api/releases/${release.id}`);
        return describe(release, req);
      },
    }),
    defineOperation({
      method: 'get',
      path: '/api/releases',
      tag: 'releases',
      summary: 'Every release, newest first',
      response: z.object({ items: z.array(releaseSchema) }),
      handle: async (_input, _res, req) => ({ items: (await releases.list()).map((r) => describe(r, req)) }),
    }),
    defineOperation({
      method: 'get',
      path: '/api/releases/:id',
      tag: 'releases',
      summary: 'One release: what it holds, how to cite it, where to download it',
      params: idParams,
      response: releaseSchema,
      problems: [404],
      handle: async ({ params }, _res, req) => describe(await lookup(params.id), req),
    }),
    defineOperation({
      method: 'get',
      path: '/api/releases/:id/files/:format',
      tag: 'releases',
      summary: 'A release as a file: XLSX or CSV (import format), Popolo, GraphML, GEXF or JSON',
      params: z.strictObject({ id: releaseIdSchema, format: z.enum(RELEASE_FORMATS) }),
      response: z.unknown(),
      files: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/zip', 'application/graphml+xml', 'application/gexf+xml'],
      filesFirst: true,
      problems: [404],
      handle: async ({ params }, res, req) => {
        const release = describe(await lookup(params.id), req);
        const tables = await releases.tables(params.id);
        if (!tables) throw notFound(`The release "${params.id}"`);
        // Immutable: a cache may keep it for good.
        res.set('cache-control', 'public, max-age=31536000, immutable');
        await sendReleaseFile(res, release, tables, params.format, nodeUrlsAt(`${req.protocol}://${req.get('host')}`));
        return undefined;
      },
    }),
  ];
}
