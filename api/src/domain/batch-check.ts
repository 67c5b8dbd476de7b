/**
 * Whether a batch of nodes and relationships fits the network: ids used once, kinds that do not
 * change, endpoints that exist and suit the relationship's type, sources that are sources. Pure:
 * the caller looks up the kinds of the ids the batch refers to (`referencedIds`) and passes them in.
 */
import { relationshipId } from './ids.js';
import { checkEndpoints, type NodeKind } from './model.js';
import type { GraphBatch, Located, RowProblem } from './spreadsheet.js';

/** Every id the batch names: its nodes, their relationships' ends and every cited source. */
export function referencedIds(batch: GraphBatch): string[] {
  const ids = new Set<string>();
  const addSources = (record: object) => {
    for (const source of 'sources' in record ? ((record.sources as string[] | undefined) ?? []) : []) ids.add(source);
  };
  for (const { record } of batch.nodes) ids.add(record.id);
  for (const { record } of batch.relationships) ids.add(record.from).add(record.to);
  for (const { record } of batch.nodes) addSources(record);
  for (const { record } of batch.relationships) addSources(record);
  return [...ids];
}

/** Every problem that would make the batch inconsistent with itself or with `storedKind`; empty when it can be written. */
export function batchProblems(batch: GraphBatch, storedKind: ReadonlyMap<string, NodeKind>): RowProblem[] {
  const problems: RowProblem[] = [];
  // `value` is the id that is not known, so that the importer can explain it further.
  const at = (item: Located<unknown>, field: string, message: string, value?: string) =>
    problems.push({ file: item.file, line: item.line, field, message, ...(value === undefined ? {} : { value }) });

  const kindOf = new Map<string, NodeKind>();
  for (const item of batch.nodes) {
    if (kindOf.has(item.record.id)) at(item, 'id', `the id "${item.record.id}" is used twice in this batch`);
    kindOf.set(item.record.id, item.record.kind);
    const before = storedKind.get(item.record.id);
    if (before && before !== item.record.kind) at(item, 'id', `"${item.record.id}" already exists as a ${before}, not a ${item.record.kind}`);
  }
  const kindNow = (id: string) => kindOf.get(id) ?? storedKind.get(id);
  const checkSources = (item: Located<{ sources?: string[] }>) => {
    for (const source of item.record.sources ?? []) {
      if (kindNow(source) !== 'source') at(item, 'sources', `"${source}" is not a known source`, source);
    }
  };
  batch.nodes.forEach((item) => checkSources(item as Located<{ sources?: string[] }>));

  const seen = new Set<string>();
  for (const item of batch.relationships) {
    const r = item.record;
    checkSources(item);
    const fromKind = kindNow(r.from);
    const toKind = kindNow(r.to);
    if (!fromKind) at(item, 'from', `no node has the id "${r.from}"`, r.from);
    if (!toKind) at(item, 'to', `no node has the id "${r.to}"`, r.to);
    if (fromKind && toKind) {
      const wrongShape = checkEndpoints(r.type, fromKind, toKind);
      if (wrongShape) at(item, 'type', wrongShape);
    }
    const id = relationshipId(r);
    if (seen.has(id)) at(item, 'key', `the same ${r.type} from "${r.from}" to "${r.to}" appears twice; give each a different key`);
    seen.add(id);
  }
  return problems;
}
