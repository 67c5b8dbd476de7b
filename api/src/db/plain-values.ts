/**
 * The one place where Neo4j's own value types become plain JSON-friendly values: integers to
 * numbers, temporal values to ISO strings, nodes and relationships to their properties.
 */
import neo4j, { isDate, isDateTime, isDuration, isLocalDateTime, isLocalTime, isTime, isInt, isNode, isRelationship, isPath } from 'neo4j-driver';

export function toPlain(value: unknown): unknown {
  if (value === null || value === undefined) return value ?? null;
  if (isInt(value)) return neo4j.integer.toNumber(value);
  if (isDate(value) || isDateTime(value) || isLocalDateTime(value) || isTime(value) || isLocalTime(value) || isDuration(value)) {
    return value.toString();
  }
  if (isNode(value)) return toPlain(value.properties);
  if (isRelationship(value)) return { type: value.type, ...(toPlain(value.properties) as object) };
  if (isPath(value)) return value.segments.map((s) => toPlain(s.relationship));
  if (Array.isArray(value)) return value.map(toPlain);
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) out[key] = toPlain(inner);
    return out;
  }
  return value;
}

/** An ISO `YYYY-MM-DD` string as a Neo4j `Date`, for parameters. */
export function toNeo4jDate(iso: string): neo4j.Date<number> {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  return new neo4j.types.Date(year, month, day);
}
