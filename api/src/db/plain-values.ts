/**
 * The one place where Neo4j's own value types become plain JSON-friendly values: integers to
 * numbers, temporal values to ISO strings, nodes and relationships to their properties (less the
 * write path's content hash, which is compared in Cypher and never leaves the database layer).
 */
import { CONTENT_HASH_FIELD } from '../domain/ids.js';
import neo4j, { isDate, isDateTime, isDuration, isLocalDateTime, isLocalTime, isTime, isInt, isNode, isRelationship, isPath } from 'neo4j-driver';

export function toPlain(value: unknown): unknown {
  // Most values are strings, numbers, booleans, lists and maps: those take no driver type checks.
  if (typeof value !== 'object' || value === null) return value ?? null;
  if (Array.isArray(value)) return value.map(toPlain);
  if (Object.getPrototypeOf(value) === Object.prototype) return plainObject(value as Record<string, unknown>);
  if (isInt(value)) return neo4j.integer.toNumber(value);
  if (isDate(value) || isDateTime(value) || isLocalDateTime(value) || isTime(value) || isLocalTime(value) || isDuration(value)) {
    return value.toString();
  }
  if (isNode(value)) return plainObject(value.properties);
  if (isRelationship(value)) return { type: value.type, ...plainObject(value.properties) };
  if (isPath(value)) return value.segments.map((s) => toPlain(s.relationship));
  return plainObject(value as Record<string, unknown>);
}

function plainObject(value: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key in value) if (Object.hasOwn(value, key) && key !== CONTENT_HASH_FIELD) out[key] = toPlain(value[key]);
  return out;
}

/** An ISO `YYYY-MM-DD` string as a Neo4j `Date`, for parameters. */
export function toNeo4jDate(iso: string): neo4j.Date<number> {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  return new neo4j.types.Date(year, month, day);
}
