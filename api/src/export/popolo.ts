/**
 * People, organisations, their memberships (WORKS_FOR) and the places they are in, as Popolo JSON
 * (https://www.popoloproject.com/specs/), valid against popolo-spec's schemas: organisations with
 * `description` and `parent_id` (PART_OF), places as areas with their own `parent_id` (PART_OF,
 * LOCATED_IN), and every source with the `url` Popolo requires: the document's own, else its page
 * in Spean's API.
 */
import { LIST_SEPARATOR, RELATIONSHIPS_TABLE } from '../domain/spreadsheet.js';
import type { SheetData } from '../domain/spreadsheet.js';

type Row = Record<string, string>;
type Entry = Record<string, unknown>;

export interface PopoloOptions {
  /** Where a source document without a URL of its own can be read: its node in the API. */
  nodeUrl: (id: string) => string;
}

const list = (text: string | undefined) => (text ? text.split(LIST_SEPARATOR) : []);
const omitEmpty = (o: Entry): Entry => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== '' && !(Array.isArray(v) && !v.length)));
const otherNames = (row: Row) => list(row.aliases).map((name) => ({ name }));

/** The first parent of each node by these relationship types, among the ids given. */
function parents(relationships: Row[], types: string[], among: Set<string>): Map<string, string> {
  const parent = new Map<string, string>();
  for (const r of relationships) {
    if (types.includes(r.type!) && among.has(r.from!) && among.has(r.to!) && !parent.has(r.from!)) parent.set(r.from!, r.to!);
  }
  return parent;
}

export function toPopolo(sheets: SheetData[], { nodeUrl }: PopoloOptions) {
  const table = (name: string) => (sheets.find((s) => s.name === name)?.rows ?? []) as Row[];
  const documents = new Map(table('sources').map((s) => [s.id!, { url: s.url || nodeUrl(s.id!), note: s.name }]));
  const cite = (ids: string | undefined) => list(ids).map((id) => documents.get(id) ?? { url: nodeUrl(id) });
  const relationships = table(RELATIONSHIPS_TABLE);
  const organisations = table('organisations');
  const places = table('places');
  const orgParent = parents(relationships, ['PART_OF'], new Set(organisations.map((o) => o.id!)));
  const areaParent = parents(relationships, ['PART_OF', 'LOCATED_IN'], new Set(places.map((p) => p.id!)));
  return {
    persons: table('people').map((p) =>
      omitEmpty({
        id: p.id,
        name: p.name,
        other_names: otherNames(p),
        honorific_prefix: p.honorific,
        gender: p.gender,
        summary: p.description,
        sources: cite(p.sources),
      }),
    ),
    organizations: organisations.map((o) =>
      omitEmpty({
        id: o.id,
        name: o.name,
        other_names: otherNames(o),
        identifiers: o.acronym ? [{ scheme: 'acronym', identifier: o.acronym }] : [],
        classification: o.orgKind,
        parent_id: orgParent.get(o.id!),
        area_id: o.country,
        description: o.description,
        links: o.website ? [{ url: o.website, note: 'website' }] : [],
        sources: cite(o.sources),
      }),
    ),
    areas: places.map((a) =>
      omitEmpty({
        id: a.id,
        name: a.name,
        other_names: otherNames(a),
        classification: a.placeKind,
        parent_id: areaParent.get(a.id!),
        sources: cite(a.sources),
      }),
    ),
    memberships: relationships
      .filter((r) => r.type === 'WORKS_FOR')
      .map((r) =>
        omitEmpty({
          id: `${r.from}|WORKS_FOR|${r.to}|${r.key}`,
          person_id: r.from,
          organization_id: r.to,
          role: r.role,
          start_date: r.from_date,
          end_date: r.to_date,
          sources: cite(r.sources),
        }),
      ),
  };
}

/** Node pages under the origin a request came to (`https://spean.example`). */
export const nodeUrlsAt = (origin: string): PopoloOptions => ({ nodeUrl: (id) => `${origin}/api/nodes/${encodeURIComponent(id)}` });
