/**
 * People in a segment: after an honorific, in a speakers' table row, as a report's authors, and a
 * footnote's author (who may be an organisation: "UNICEF, …").
 */
import { CAPITALISED, HONORIFIC, ORGANISATION_HEADS, PLACES } from './lexicon.js';
import type { Mention } from './mention.js';
import { headOf, organisationOrEvent, tidy } from './name-phrases.js';
import type { Segment } from './segments.js';

const PERSON = new RegExp(String.raw`(${HONORIFIC})\s+((?:${CAPITALISED})(?:[ ]+(?:[A-Z][\p{L}\p{M}’'\-]*\.?)){0,3})`, 'gu');

export function people(segment: Segment): Mention[] {
  const out: Mention[] = [];
  for (const m of segment.text.matchAll(PERSON)) {
    const raw = m[2]!.replace(/(?:’s|'s)$/, '').replace(/[.,]+$/, '');
    // Stop at words that start an organisation or a title: "Mr. Chantra of CADT" is fine already.
    const words = raw.split(/\s+/);
    const cut = words.findIndex(
      (w, i) =>
        i > 0 && (headOf(ORGANISATION_HEADS, w) || /^(President|Director|Head|Chief|Minister|Secretary|Representative|Manager|Officer|Coordinator)$/.test(w)),
    );
    const name = (cut > 0 ? words.slice(0, cut) : words).join(' ');
    const honorific = m[1]!
      .replace(/\s/g, '')
      .replace(/,$/, '.')
      .replace(/^(Dr|Mr|Mrs|Ms|Prof)$/, '$1.')
      .replace(/^H\.E$/, 'H.E.');
    const start = segment.start + m.index! + m[0].length - m[2]!.length;
    out.push({ kind: 'person', name, honorific, start, end: start + name.length });
  }
  return out;
}

const CITATION = /^[\u00B9\u00B2\u00B3\u2070-\u2079\d]+\s+([^,.“"]{2,80}?)[,.]\s+["“]/u;
const PERSON_NAME = /^(?:[A-Z][\p{L}\p{M}’'-]+|[A-Z]\.?)(?:\s+(?:[A-Z][\p{L}\p{M}’'-]+|[A-Z]\.?)){1,3}$/u;
const AUTHORS = /\b(?:authored|written|prepared|edited) by\s+/g;

/** A footnote's author: `⁹ Matthew S Mayernik, "Open data …"`, `¹² UNICEF, "How to use data …"`. */
export function citationAuthor(segment: Segment): Mention[] {
  const m = CITATION.exec(segment.text);
  if (!m) return [];
  const name = m[1]!.trim();
  const start = segment.start + segment.text.indexOf(name, m[0].indexOf(name));
  const org = organisationOrEvent(name);
  if (/^[A-Z][A-Za-z&-]*[A-Z]$/.test(name) || org?.kind === 'organisation' || /^The\s/.test(name)) {
    const tidied = tidy(name, start);
    return [
      {
        kind: 'organisation',
        subkind: org?.subkind ?? 'other',
        name: tidied.name,
        start: tidied.start,
        end: tidied.start + tidied.name.length,
        standalone: true,
        ...(/^[A-Z&-]+$/.test(name) ? { acronym: name } : {}),
      },
    ];
  }
  return PERSON_NAME.test(name) && !org && !PLACES[name] ? [{ kind: 'person', name, start, end: start + name.length }] : [];
}

/** "authored by Meas Molika and Rov Hongseang": people named without a title. */
export function authors(segment: Segment): Mention[] {
  const out: Mention[] = [];
  for (const cue of segment.text.matchAll(AUTHORS)) {
    let at = cue.index! + cue[0].length;
    for (const name of segment.text.slice(at).matchAll(/^((?:[A-Z][\p{L}\p{M}’'-]+)(?:\s+[A-Z][\p{L}\p{M}’'-]+){1,2})(?:,\s*|\s+and\s+)?/gu)) {
      if (organisationOrEvent(name[1]!)) break;
      out.push({ kind: 'person', name: name[1]!, start: segment.start + at, end: segment.start + at + name[1]!.length });
      at += name[0].length;
      const next = /^((?:[A-Z][\p{L}\p{M}’'-]+)(?:\s+[A-Z][\p{L}\p{M}’'-]+){1,2})/u.exec(segment.text.slice(at));
      if (next && /(?:,\s*|\s+and\s+)$/.test(name[0]))
        out.push({ kind: 'person', name: next[1]!, start: segment.start + at, end: segment.start + at + next[1]!.length });
    }
  }
  return out;
}

/** In a row of a speakers' table, the person in the first cell and the role in brackets after the name. */
export function rowPerson(segment: Segment, text: string): Mention[] {
  const first = segment.cells[0]!;
  const m = new RegExp(String.raw`^(?:(${HONORIFIC})\s*)?((?:[A-Z][\p{L}\p{M}’'\-]*\.?)(?:[ ]+[A-Z][\p{L}\p{M}’'\-]*\.?){1,3})\s*(?:\(([^)]+)\))?$`, 'u').exec(
    first,
  );
  if (!m || organisationOrEvent(m[2]!) || PLACES[m[2]!]) return [];
  const offset = segment.start + text.slice(segment.start).indexOf(m[2]!);
  const honorific = m[1] ? m[1].replace(/\s/g, '').replace(/^(Dr|Mr|Mrs|Ms|Prof)$/, '$1.') : undefined;
  return [{ kind: 'person', name: m[2]!, honorific, role: m[3]?.trim(), start: offset, end: offset + m[2]!.length }];
}
