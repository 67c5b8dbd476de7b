/**
 * Forms made from the model's own zod schemas: the fields of a node kind or of a relationship,
 * the record a filled form stands for, and the errors of a failed check by field — whether zod
 * found them here or the API found them (the same schemas, so the same messages).
 */
import type { z } from 'zod';
import { NODE_KINDS, nodeSchema, relationshipSchema, type NodeKind } from '../../../api/src/domain/model.js';
import { ApiError } from './api.js';

export type InputKind = 'text' | 'textarea' | 'select' | 'checkbox' | 'number' | 'date' | 'list';

export interface FieldSpec {
  name: string;
  input: InputKind;
  /** The choices of a select. */
  options?: readonly string[];
  /** Must be filled in (neither optional nor defaulted). */
  required: boolean;
}

/** What a form holds: text for inputs and selects, a flag for checkboxes. */
export type FormValues = Record<string, string | boolean>;

type Def = { type: string; innerType?: ZodLike; format?: string; element?: ZodLike; entries?: Record<string, string> };
type ZodLike = { def: Def; options?: readonly string[] };

/** Fields set by the system or by the form's context, never typed in. */
const NOT_TYPED = new Set(['kind', 'sources', 'from', 'to', 'type', 'key']);
const LONG_TEXT = new Set(['description', 'quote', 'note', 'theme']);

const SCHEMA_OF = Object.fromEntries(nodeSchema.options.map((s) => [s.shape.kind.value, s])) as unknown as Record<NodeKind, z.ZodObject>;

export function nodeSchemaOf(kind: NodeKind): z.ZodObject {
  return SCHEMA_OF[kind];
}

function specOf(name: string, field: ZodLike): FieldSpec {
  let inner = field;
  let required = true;
  while (inner.def.type === 'optional' || inner.def.type === 'default') {
    required = false;
    inner = inner.def.innerType!;
  }
  const type = inner.def.type;
  if (type === 'enum') return { name, input: 'select', options: inner.options, required };
  if (type === 'boolean') return { name, input: 'checkbox', required };
  if (type === 'number') return { name, input: 'number', required };
  if (type === 'array') return { name, input: 'list', required };
  if (inner.def.format === 'date') return { name, input: 'date', required };
  return { name, input: LONG_TEXT.has(name) ? 'textarea' : 'text', required };
}

function fieldsOfShape(shape: Record<string, unknown>): FieldSpec[] {
  return Object.entries(shape)
    .filter(([name]) => !NOT_TYPED.has(name))
    .map(([name, field]) => specOf(name, field as ZodLike));
}

/** The fields a node of this kind is edited by (its id only when it is new). */
export function nodeFields(kind: NodeKind, isNew: boolean): FieldSpec[] {
  return fieldsOfShape(nodeSchemaOf(kind).shape).filter((f) => isNew || f.name !== 'id');
}

/** The fields of a relationship beyond its identity (ends, type, key) and sources. */
export function relationshipFields(): FieldSpec[] {
  return fieldsOfShape((relationshipSchema as unknown as z.ZodObject).shape);
}

/** The kinds a curator creates by hand (figures come with their event, sources with a citation). */
export const CREATABLE_KINDS = NODE_KINDS.filter((k) => k !== 'figure');

const LIST_SEPARATOR = '|';

/** A stored record as form values. */
export function formValuesOf(record: Record<string, unknown>, fields: FieldSpec[]): FormValues {
  const values: FormValues = {};
  for (const f of fields) {
    const value = record[f.name];
    if (f.input === 'checkbox') values[f.name] = value === undefined ? true : Boolean(value);
    else if (Array.isArray(value)) values[f.name] = value.join(` ${LIST_SEPARATOR} `);
    else values[f.name] = value === undefined || value === null ? '' : String(value);
  }
  return values;
}

/** The record the form stands for: empty fields left out, lists split, numbers as numbers. */
export function recordOf(values: FormValues, fields: FieldSpec[]): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const f of fields) {
    const value = values[f.name];
    if (f.input === 'checkbox') record[f.name] = Boolean(value);
    else if (typeof value !== 'string' || value.trim() === '') continue;
    else if (f.input === 'list')
      record[f.name] = value
        .split(LIST_SEPARATOR)
        .map((v) => v.trim())
        .filter(Boolean);
    else if (f.input === 'number') record[f.name] = Number(value);
    else record[f.name] = value.trim();
  }
  return record;
}

/** What changed between the stored record and the form: only those fields go in an update. */
export function changesOf(before: Record<string, unknown>, after: Record<string, unknown>, fields: FieldSpec[]): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  for (const f of fields) {
    const [was, now] = [before[f.name], after[f.name]];
    if (JSON.stringify(was ?? null) !== JSON.stringify(now ?? null)) changes[f.name] = now ?? null;
  }
  return changes;
}

/**
 * Errors by field name. zod paths are `['name']`; the API's are `body.node.name`,
 * `body.changes.name` or `body.sources`: the last part names the field either way.
 */
export function errorsByField(issues: ({ path: readonly PropertyKey[]; message: string } | { field: string; message: string })[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of issues) {
    const parts = 'field' in issue ? issue.field.split('.') : issue.path.map(String);
    const field = parts.filter((p) => !['body', 'node', 'changes', 'relationship'].includes(p))[0] ?? 'form';
    errors[field] ??= issue.message;
  }
  return errors;
}

/** The model's check of a node, as errors by field (none when it fits). */
export function checkNode(kind: NodeKind, record: Record<string, unknown>): Record<string, string> {
  const parsed = nodeSchemaOf(kind).safeParse({ ...record, kind });
  return parsed.success ? {} : errorsByField(parsed.error.issues);
}

export function checkRelationship(record: Record<string, unknown>): Record<string, string> {
  const parsed = relationshipSchema.safeParse(record);
  return parsed.success ? {} : errorsByField(parsed.error.issues);
}

/**
 * The ids a change will cite, for checking a record before it is sent: a new source has no id
 * yet, so any valid id stands in for it.
 */
export function citedIds(citation: { sources: string[]; newSource?: unknown }): string[] {
  return [...citation.sources, ...(citation.newSource ? ['new-source'] : [])];
}

/** The record's own errors and the request's, by field; the request's message about citing wins (it is the one meant for people). */
export function formErrors(
  record: Record<string, string>,
  request: { success: boolean; error?: { issues: { path: readonly PropertyKey[]; message: string }[] } },
): Record<string, string> {
  return withCitation({ ...record, ...(request.success ? {} : errorsByField(request.error!.issues)) });
}

/** Citation problems belong to the citation fieldset, whether the model or the request found them. */
export function withCitation(found: Record<string, string>): Record<string, string> {
  const { sources, ...rest } = found;
  return sources ? { ...rest, citation: sources } : rest;
}

/** The errors of a failed write by field: a stale version (409, when `stale` says it), the API's field errors, or its message. */
export function writeErrors(error: unknown, stale: string | null): Record<string, string> {
  const problem = error instanceof ApiError ? error : new ApiError(String(error), 500);
  if (problem.status === 409 && stale) return { form: stale };
  return withCitation(problem.fields.length ? errorsByField(problem.fields) : { form: problem.message });
}
