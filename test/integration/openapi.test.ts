/**
 * When third-party tooling reads /api/openapi.json, then redocly's linter accepts it, and a
 * TypeScript client generated from it (openapi-typescript + openapi-fetch) type-checks a sample
 * program and runs it against the app: typed nodes per kind, enum-typed list parameters.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/app.js';

const CLIENT = 'test/fixtures/openapi-client';
const bin = (name: string) => join('node_modules', '.bin', name);

let app: TestApp;
let spec: any;
beforeAll(async () => {
  app = await startTestApp();
  spec = await app.getJson('/api/openapi.json');
  mkdirSync(join(CLIENT, 'generated'), { recursive: true });
  writeFileSync(join(CLIENT, 'generated', 'openapi.json'), JSON.stringify(spec, null, 1));
});
afterAll(async () => {
  await app.close();
});

const run = (command: string, args: string[]) => {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: 'pipe' });
  } catch (error) {
    const e = error as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(' ')} failed:\n${e.stdout}\n${e.stderr}`);
  }
};

describe('when tools read the OpenAPI document', () => {
  it('then redocly lint finds no error', { timeout: 120_000 }, () => {
    const out = run(bin('redocly'), ['lint', join(CLIENT, 'generated', 'openapi.json'), '--format', 'summary']);
    expect(out).not.toMatch(/\berror\b/i);
  });

  it('then every operation has an operationId, a declared tag, a security requirement, and its statuses', () => {
    const declared = new Set(spec.tags.map((t: { name: string }) => t.name));
    expect(spec.servers.length).toBeGreaterThan(0);
    const ids = new Set<string>();
    for (const [path, item] of Object.entries<any>(spec.paths)) {
      // What a wrong method gets (405 with Allow) is said once per path, naming what is allowed.
      expect(item.description, path).toMatch(/405 Method Not Allowed .*`Allow: [A-Z, ]+OPTIONS`/);
      for (const [method, op] of Object.entries<any>(item)) {
        if (method === 'description') continue;
        const where = `${method} ${path}`;
        if (method === 'get') {
          expect(op.responses['304'], `${where} documents 304 (If-None-Match)`).toBeDefined();
          expect(op.responses['200'].headers.ETag, `${where} documents its ETag`).toBeDefined();
        } else expect(op.responses['304'], where).toBeUndefined();
        expect(op.operationId, where).toMatch(/^[a-z][A-Za-z0-9]+$/);
        expect(ids.has(op.operationId), `${where} operationId is unique`).toBe(false);
        ids.add(op.operationId);
        for (const tag of op.tags) expect(declared, where).toContain(tag);
        expect(op.security, where).toBeDefined();
        expect(op.responses['401'], `${where} documents 401 (a bad token)`).toBeDefined();
        if (path.includes('{')) expect(op.responses['404'], where).toBeDefined();
        if (op.requestBody) expect(op.responses['413'], where).toBeDefined();
      }
    }
    expect(spec.paths['/api/search'].get.security).toEqual([]);
    expect(spec.paths['/api/nodes/{id}'].description).toContain('`Allow: GET, PATCH, DELETE, HEAD, OPTIONS`');
    for (const op of [spec.paths['/api/nodes/{id}'].patch, spec.paths['/api/relationships/{id}'].delete]) {
      expect(op.parameters.find((p: { in: string; name: string }) => p.in === 'header' && p.name === 'if-match')).toBeDefined();
      expect(op.responses['412']).toBeDefined();
    }
    expect(spec.paths['/api/views'].post.responses['201']).toBeDefined();
    expect(spec.paths['/api/releases'].post.responses['201']).toBeDefined();
    expect(spec.paths['/api/import'].post.requestBody.content['multipart/form-data'].schema.properties.files.items.format).toBe('binary');
    expect(spec.paths['/api/import/template.xlsx'].get.responses['200'].content).not.toHaveProperty('application/json');
    const release = spec.paths['/api/releases/{id}/files/{format}'].get.responses['200'].content;
    expect(release['application/graphml+xml'].schema.format).toBe('binary');
    const kinds = spec.paths['/api/graph'].get.parameters.find((p: { name: string }) => p.name === 'kinds');
    expect(kinds).toMatchObject({
      style: 'form',
      explode: false,
      schema: { type: 'array', items: { enum: expect.arrayContaining(['organisation', 'person']) } },
    });
  });

  it('then a generated TypeScript client type-checks a sample program, which runs against the app', { timeout: 180_000 }, async () => {
    run(bin('openapi-typescript'), [join(CLIENT, 'generated', 'openapi.json'), '-o', join(CLIENT, 'generated', 'spean-api.d.ts')]);
    run(bin('tsc'), ['-p', join(CLIENT, 'tsconfig.json')]);
    // Imported by a path the main type-check does not follow: the generated types exist only now.
    const sample = await import(pathToFileURL(join(CLIENT, 'sample.ts')).href);
    const result = await sample.run(app.baseUrl);
    expect(result).toMatchObject({ odc: 'Open Development Cambodia Organization (cso, ODC)', missingStatus: 404 });
    expect(result.graphNodes).toBeGreaterThan(5);
    expect(result.firstPerson).toBeTruthy();
  });
});
