/**
 * A reviewed draft as the importer's tables: the source document, a row for each accepted new
 * node, and a row for each accepted relationship whose two ends are accepted, each citing the
 * source with its quote. Matched proposals become references to the existing node's id. The
 * importer then validates, writes all or nothing and records the history, like any spreadsheet.
 */
import anyAscii from 'any-ascii';
import { COLLECTION_OF, type NodeKind } from '../domain/model.js';
import type { DraftSource, ReviewedDraft } from '../domain/drafts.js';
import type { SheetData } from '../domain/spreadsheet.js';
import { columnsOf, LIST_SEPARATOR, RELATIONSHIPS_TABLE } from '../domain/spreadsheet.js';

/** A lowercase slug (Khmer and accents transliterated). */
export const slugOf = (name: string) =>
  anyAscii(name)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 70) || 'node';

/** The source's title as the base of its id. */
export const sourceBase = (source: DraftSource) => `${source.title}${source.date ? ` ${source.date.slice(0, 4)}` : ''}`;

/** The slugs a draft's new ids start from: ask the network which are taken. */
export function idBases(draft: ReviewedDraft): string[] {
  return [slugOf(sourceBase(draft.source)), ...draft.nodes.filter((n) => !n.match && n.decision !== 'reject').map((n) => slugOf(n.name))];
}

/** A slug id unlike any id taken. */
export function freshId(name: string, taken: Set<string>): string {
  const base = slugOf(name);
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  taken.add(id);
  return id;
}

/** Required fields a draft may leave open, with the value that says "not known yet". */
const DEFAULTS: Partial<Record<NodeKind, Record<string, string>>> = {
  organisation: { orgKind: 'other' },
  event: { eventKind: 'other' },
  initiative: { initiativeKind: 'other' },
  place: { placeKind: 'city' },
};

/** The workbook's sheets for a reviewed draft; `taken` holds the network's ids among `idBases` (new ids avoid them). */
export function draftSheets(draft: ReviewedDraft, taken: Set<string>): SheetData[] {
  const ids = new Set(taken);
  const sourceId = draft.source.id ?? freshId(sourceBase(draft.source), ids);
  const idOf = new Map<string, string>();
  const rows = new Map<NodeKind, Record<string, string>[]>();
  for (const node of draft.nodes) {
    if (node.decision === 'reject') continue;
    if (node.match) {
      idOf.set(node.id, node.match);
      continue;
    }
    const id = node.newId ?? freshId(node.name, ids);
    idOf.set(node.id, id);
    const columns = new Set(columnsOf(node.kind));
    const fields = Object.fromEntries(
      Object.entries({ ...DEFAULTS[node.kind], ...node.fields })
        .filter(([k]) => columns.has(k))
        .map(([k, v]) => [k, String(v)]),
    );
    const aliases = node.aliases.filter((a) => a !== node.name).join(LIST_SEPARATOR);
    rows.set(node.kind, [...(rows.get(node.kind) ?? []), { id, name: node.name, ...(aliases ? { aliases } : {}), ...fields, sources: sourceId }]);
  }
  const relationships = draft.relationships
    .filter((r) => r.decision === 'accept' && idOf.has(r.from) && idOf.has(r.to))
    .map((r) => ({ from: idOf.get(r.from)!, type: r.type, to: idOf.get(r.to)!, sources: sourceId, quote: r.quote, ...(r.role ? { role: r.role } : {}) }));
  const { title, sourceKind, publisher, date, url } = draft.source;
  // A given id that exists already is the importer's to refuse or update, as in any workbook.
  const source = { id: sourceId, name: title, sourceKind, publisher, ...(date ? { date } : {}), ...(url ? { url } : {}) };
  return [
    { name: COLLECTION_OF.source, columns: columnsOf('source'), rows: [source] },
    ...[...rows].map(([kind, kindRows]) => ({ name: COLLECTION_OF[kind], columns: columnsOf(kind), rows: kindRows })),
    { name: RELATIONSHIPS_TABLE, columns: columnsOf('relationships'), rows: relationships },
  ];
}
