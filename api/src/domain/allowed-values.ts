/**
 * The values each column of the spreadsheet format allows, read from the model's zod schemas (so
 * they are never spelled twice): the template's dropdowns, its instructions and the curation docs
 * list them.
 */
import { z } from 'zod';
import { COLLECTION_OF, nodeSchema, relationshipSchema, NODE_KINDS, type NodeKind } from './model.js';

type Table = NodeKind | 'relationships';

/** The schema of one table's rows. */
function schemaOf(table: Table): z.ZodObject {
  if (table === 'relationships') return relationshipSchema as unknown as z.ZodObject;
  return nodeSchema.options.find((option) => option.shape.kind.value === table)! as unknown as z.ZodObject;
}

/** A field's schema without its optional/default wrappers. */
function unwrapped(field: z.ZodType): z.ZodType {
  let inner = field;
  for (let def = inner._zod.def as { innerType?: z.ZodType }; def.innerType; def = inner._zod.def as { innerType?: z.ZodType }) inner = def.innerType;
  return inner;
}

export interface ColumnRule {
  column: string;
  required: boolean;
  /** The allowed values, when the model has an enum for the column. */
  values?: readonly string[];
  /** The value an empty cell takes, when the model has a default. */
  defaultValue?: unknown;
}

/** Every column of a table with whether it is required, its allowed values and its default. */
export function columnRules(table: Table): ColumnRule[] {
  const shape = schemaOf(table).shape as Record<string, z.ZodType>;
  return Object.entries(shape)
    .filter(([column]) => column !== 'kind')
    .map(([column, field]) => {
      const inner = unwrapped(field);
      const def = field._zod.def as { type: string; defaultValue?: unknown };
      const rule: ColumnRule = { column, required: !field.safeParse(undefined).success };
      if (inner instanceof z.ZodEnum) rule.values = inner.options.map(String);
      if (def.type === 'default') rule.defaultValue = typeof def.defaultValue === 'function' ? (def.defaultValue as () => unknown)() : def.defaultValue;
      return rule;
    });
}

/** Every table of the format, nodes first, in the model's order. */
export const TABLES: readonly Table[] = [...NODE_KINDS, 'relationships'];

/**
 * The allowed values of every column that has them, as the Markdown table docs/curation.md
 * carries between its `allowed-values` markers (a unit test keeps the two equal).
 */
export function allowedValuesMarkdown(): string {
  const rows = new Map<string, { tables: string[]; values: readonly string[]; defaultValue?: unknown }>();
  for (const table of TABLES) {
    for (const rule of columnRules(table)) {
      if (!rule.values) continue;
      const row = rows.get(rule.column) ?? { tables: [], values: rule.values, defaultValue: rule.defaultValue };
      row.tables.push(table === 'relationships' ? 'relationships' : COLLECTION_OF[table]);
      rows.set(rule.column, row);
    }
  }
  const lines = ['| column | table | allowed values | if empty |', '| --- | --- | --- | --- |'];
  for (const [column, row] of rows) {
    lines.push(
      `| \`${column}\` | ${row.tables.join(', ')} | ${row.values.map((v) => `\`${v}\``).join(', ')} | ${row.defaultValue === undefined ? '' : `\`${String(row.defaultValue)}\``} |`,
    );
  }
  return lines.join('\n');
}
