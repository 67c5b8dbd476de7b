/**
 * The open-data conventions a release follows, so that data portals and reference managers read
 * it without help: a Frictionless Data Package (`datapackage.json`, each table with its Table
 * Schema, types from the model's zod schemas) and a `CITATION.cff`, both inside the CSV zip.
 */
import { z } from 'zod';
import { DATA_LICENCE } from '../domain/licence.js';
import { COLLECTION_OF, NODE_KINDS, nodeSchema, relationshipSchema } from '../domain/model.js';
import type { Release } from '../domain/release.js';
import { RELATIONSHIPS_TABLE, LIST_SEPARATOR } from '../domain/spreadsheet.js';
import type { SheetData } from '../domain/spreadsheet.js';

type JsonSchema = { type?: string | string[]; format?: string; enum?: unknown[] };

/** A Table Schema field for a column, typed as the model types it; lists are `|`-joined text. */
function field(name: string, property: JsonSchema | undefined, required: boolean) {
  const type = property?.type;
  const base = { name, constraints: required ? { required: true } : undefined };
  if (type === 'array') return { ...base, type: 'string', description: `A list, items separated by "${LIST_SEPARATOR}".` };
  if (type === 'boolean') return { ...base, type: 'boolean' };
  if (type === 'number' || type === 'integer') return { ...base, type: type };
  if (property?.format === 'date') return { ...base, type: 'date' };
  if (property?.enum) return { ...base, type: 'string', constraints: { ...base.constraints, enum: property.enum } };
  return { ...base, type: 'string', ...(property?.format === 'uri' ? { format: 'uri' } : {}) };
}

function tableSchema(sheet: SheetData, schema: z.ZodType) {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as { properties?: Record<string, JsonSchema>; required?: string[] };
  const required = new Set(json.required ?? []);
  return {
    fields: sheet.columns.map((c) => field(c, json.properties?.[c], required.has(c) && !['aliases', 'key', 'confidence', 'public', 'qualifier'].includes(c))),
    missingValues: [''],
    ...(sheet.name === RELATIONSHIPS_TABLE ? {} : { primaryKey: ['id'] }),
  };
}

/** `datapackage.json` for the tables of a release, as they are in its CSV zip. */
export function toDataPackage(release: Release, sheets: SheetData[]) {
  return {
    $schema: 'https://datapackage.org/profiles/2.0/datapackage.json',
    name: `spean-${release.id.replace(/\./g, '-')}`,
    id: release.url,
    title: release.title,
    description: release.notes ?? "The Mekong region's open data network: organisations, people, events, funders and partnerships, each fact with its source.",
    version: release.id,
    created: release.publishedAt,
    homepage: release.url,
    licenses: [{ name: DATA_LICENCE.id, path: DATA_LICENCE.url, title: DATA_LICENCE.title }],
    contributors: [{ title: 'Spean', roles: ['publisher'] }],
    keywords: ['open data', 'Mekong', 'Cambodia', 'network'],
    resources: sheets.map((sheet) => {
      const kind = NODE_KINDS.find((k) => COLLECTION_OF[k] === sheet.name);
      const schema = kind ? nodeSchema.options.find((o) => o.shape.kind.value === kind)! : relationshipSchema;
      return {
        name: sheet.name,
        path: `${sheet.name}.csv`,
        type: 'table',
        scheme: 'file',
        format: 'csv',
        mediatype: 'text/csv',
        encoding: 'utf-8',
        schema: tableSchema(sheet, schema),
      };
    }),
  };
}

/** `CITATION.cff` (Citation File Format 1.2.0) for a release. */
export function toCitationCff(release: Release): string {
  // YAML with every scalar written as a JSON string or list, which YAML reads as such.
  const fields: Record<string, unknown> = {
    'cff-version': '1.2.0',
    message: `If you use this data, please cite it as below. ${DATA_LICENCE.attribution}.`,
    type: 'dataset',
    title: `${release.title}, release ${release.id}`,
    authors: [{ name: 'Spean contributors' }],
    version: release.id,
    'date-released': release.publishedAt.slice(0, 10),
    url: release.url,
    license: DATA_LICENCE.id,
    keywords: ['open data', 'Mekong', 'network'],
    abstract: release.notes ?? "A snapshot of the Mekong region's open data network.",
  };
  return `${Object.entries(fields)
    .map(([key, value]) => `${key}: ${JSON.stringify(value)}`)
    .join('\n')}\n`;
}
