/**
 * Checks documents against the official schemas vendored in test/schemas/ (README there names
 * each source, commit and licence), with validators nobody here wrote: lxml (libxml2) for XML
 * Schema and RelaxNG, Python's jsonschema for the draft-03 Popolo schemas. Like frictionless.ts,
 * they are installed from PyPI once, into a git-ignored virtual environment of the test run's own.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const VENV = resolve('.neo4j/schema-venv');
const PACKAGES = ['lxml==6.0.2', 'jsonschema==4.26.0'];
const MARKER = join(VENV, `installed-${PACKAGES.join('-')}`);
const SCRIPT = resolve('test/support/validate_schema.py');

const schema = (path: string) => resolve('test/schemas', path);

/** The vendored official schemas. */
export const SCHEMAS = {
  gexfXsd: schema('gexf-1.3/gexf.xsd'),
  gexfRng: schema('gexf-1.3/gexf.rng'),
  graphmlXsd: schema('graphml/graphml.xsd'),
  popolo: (entity: 'person' | 'organization' | 'area' | 'membership') => schema(`popolo/${entity}.json`),
};

export interface SchemaReport {
  valid: boolean;
  errors: { message: string; line?: number; index?: number; path?: string }[];
}

/** The virtual environment's python, installing lxml and jsonschema first when missing. */
export function ensureSchemaTools(): string {
  const python = join(VENV, 'bin', 'python');
  if (existsSync(MARKER)) return python;
  // Test files run in parallel: each builds its own copy and the first to finish puts it in place.
  const building = `${VENV}.${process.pid}`;
  rmSync(building, { recursive: true, force: true });
  execFileSync('python3', ['-m', 'venv', building], { stdio: 'inherit' });
  execFileSync(join(building, 'bin', 'python'), ['-m', 'pip', 'install', '--quiet', ...PACKAGES], { stdio: 'inherit' });
  writeFileSync(join(building, `installed-${PACKAGES.join('-')}`), '');
  if (!existsSync(MARKER)) {
    rmSync(VENV, { recursive: true, force: true });
    try {
      renameSync(building, VENV);
    } catch (error) {
      if (!existsSync(MARKER)) throw error;
    }
  }
  rmSync(building, { recursive: true, force: true });
  return python;
}

function run(kind: 'xsd' | 'rng' | 'json', schemaPath: string, input: string): SchemaReport {
  const out = execFileSync(ensureSchemaTools(), [SCRIPT, kind, schemaPath], { input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(out);
}

/** An XML document checked against an XML Schema (xsd) or a RelaxNG grammar (rng). */
export function checkXml(kind: 'xsd' | 'rng', schemaPath: string, document: string): SchemaReport {
  return run(kind, schemaPath, document);
}

/** Each instance checked against a JSON schema, its $refs resolved among the files beside it. */
export function checkJson(schemaPath: string, instances: unknown[]): SchemaReport {
  return run('json', schemaPath, JSON.stringify(instances));
}
