/**
 * Neo4j values in JSON without loss: integers, dates and date-times keep their exact type and
 * precision as tagged strings (`{"$int": "7"}`, `{"$date": "2024-03-26"}`,
 * `{"$datetime": "2026-11-23T19:00:00.123456789Z"}`); strings, floats, booleans and lists are as is.
 */
import neo4j, { type Integer } from 'neo4j-driver';

type Tagged = { $int: string } | { $date: string } | { $datetime: string };

export function encodeValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(encodeValue);
  if (neo4j.isInt(value)) return { $int: (value as Integer).toString() };
  if (neo4j.isDate(value)) return { $date: value.toString() };
  if (neo4j.isDateTime(value)) return { $datetime: value.toString() };
  if (value !== null && typeof value === 'object') throw new Error(`cannot back up a value of type ${value.constructor?.name ?? typeof value}`);
  return value;
}

const DATETIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2}(?::\d{2})?)?(?:\[([^\]]+)\])?$/;

function dateTime(text: string) {
  const m = DATETIME.exec(text);
  if (!m) throw new Error(`not a date-time: ${text}`);
  const [, y, mo, d, h, mi, s, fraction = '', offset = 'Z', zone] = m;
  const nanos = Number(fraction.padEnd(9, '0'));
  let offsetSeconds = 0;
  if (offset !== 'Z') {
    const [oh, om, os = '0'] = offset.slice(1).split(':');
    offsetSeconds = (offset.startsWith('-') ? -1 : 1) * (Number(oh) * 3600 + Number(om) * 60 + Number(os));
  }
  // A named zone wins over the offset, as Neo4j stores it.
  return new neo4j.types.DateTime(Number(y), Number(mo), Number(d), Number(h), Number(mi), Number(s), nanos, zone ? undefined : offsetSeconds, zone);
}

export function decodeValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeValue);
  if (value !== null && typeof value === 'object') {
    const tagged = value as Tagged;
    if ('$int' in tagged) return neo4j.int(tagged.$int);
    if ('$date' in tagged) {
      const [y, m, d] = tagged.$date.split('-').map(Number);
      return new neo4j.types.Date(y!, m!, d!);
    }
    if ('$datetime' in tagged) return dateTime(tagged.$datetime);
  }
  return value;
}

export const encodeProperties = (props: Record<string, unknown>) => Object.fromEntries(Object.entries(props).map(([k, v]) => [k, encodeValue(v)]));
export const decodeProperties = (props: Record<string, unknown>) => Object.fromEntries(Object.entries(props).map(([k, v]) => [k, decodeValue(v)]));
