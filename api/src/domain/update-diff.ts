/**
 * What an update would change, field by field, for a dry run to show before anything is written.
 * Pure: both sides come in as plain values (dates as `YYYY-MM-DD`, lists as arrays).
 */

export interface FieldChange {
  field: string;
  /** The value stored now; null when the field is not set. */
  before: unknown;
  /** The value the file gives; null when the file leaves the field out (it would be removed). */
  after: unknown;
}

/** The fields whose value differs, in alphabetical order; `ignore` are bookkeeping fields. */
export function fieldChanges(before: Record<string, unknown>, after: Record<string, unknown>, ignore: ReadonlySet<string>): FieldChange[] {
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((field) => !ignore.has(field)).sort();
  const value = (record: Record<string, unknown>, field: string) => record[field] ?? null;
  return fields
    .filter((field) => JSON.stringify(value(before, field)) !== JSON.stringify(value(after, field)))
    .map((field) => ({ field, before: value(before, field), after: value(after, field) }));
}
