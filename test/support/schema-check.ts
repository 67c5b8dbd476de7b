/**
 * Checks documents against the official schemas vendored in test/schemas/ (README there names
 * each source, commit and licence), with validators nobody here wrote: lxml (libxml2) for XML
 * Schema and RelaxNG, Python's jsonschema for the draft-03 Popolo schemas (from PyPI: python-venv.ts).
 */
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { ensureVenv } from './python-venv.js';

const PACKAGES = ['lxml==6.0.2', 'jsonschema==4.26.0'];
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
export const ensureSchemaTools = (): string => join(ensureVenv('schema-venv', PACKAGES), 'bin', 'python');

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
