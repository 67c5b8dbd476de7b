/**
 * From a document's text to proposed nodes and relationships, before matching: mentions become
 * entities (one per real entity: "Mr. Try" and "Thy Try", "Mao Neang" and "Neang Mao", an acronym
 * and its long form are one), and rules over each sentence or table row propose who spoke at,
 * moderated, presented, works for, organised, funded, supported, partnered in or attended what,
 * and the figures an event reports. Every quote is the exact segment it came from.
 */
import { nameWords } from '../domain/duplicates.js';
import { datesIn, figuresIn, type Figure } from './dates-and-figures.js';
import { Registry, type Entity } from './entity-registry.js';
import { gazetteerMatchers, type Gazetteer } from './gazetteer.js';
import { Rules, type Proposed } from './relationship-rules.js';
import { definedAcronyms, mentionsIn } from './segment-mentions.js';
import { segment, type Segment } from './segments.js';

export interface Extraction {
  entities: Entity[];
  relationships: Proposed[];
}

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth'];
const DAY_OF_EVENT =
  /\b(?:the\s+)?(first|second|third|fourth|fifth)\s+day\s+of\s+the\s+(?:conference|event|workshop|forum|dialogue|summit)\b|\bon\s+Day\s+(\d)\b/i;

/** Names the speakers' tables use for their columns. */
const SPEAKER_HEADER = (row: Segment) => /^name$/i.test(row.cells[0] ?? '') && /organi[sz]ation|affiliation|institution/i.test(row.cells[1] ?? '');

/** Proposed entities and relationships of a document, before matching to the network. */
export function extract(text: string, gazetteer: Gazetteer): Extraction {
  const segments = segment(text);
  // The document's own acronyms join the network's names, so "CADT" alone is found too.
  const local: Gazetteer = { names: new Map(gazetteer.names), exact: new Map(gazetteer.exact) };
  for (const s of segments) for (const m of definedAcronyms(s)) if (!local.exact.has(m.acronym!)) local.exact.set(m.acronym!, m.kind);
  gazetteer = local;
  const matchers = gazetteerMatchers(gazetteer);
  const registry = new Registry(text);
  let inTable = false;
  const found = segments.map((s) => {
    if (s.kind === 'row' && SPEAKER_HEADER(s)) inTable = true;
    else if (s.kind !== 'row' && s.kind !== 'heading') inTable = false;
    return { segment: s, ...mentionsIn(s, text, gazetteer, matchers, inTable), inTable };
  });
  // Long forms first, so that short ones ("Mr. Try", "CADT") find what they stand for.
  for (const f of found)
    for (const m of f.mentions)
      if (!(m.acronym && m.name === m.acronym) && !(m.kind === 'person' && nameWords(m.name).length < 2)) registry.add(m, f.segment.text);
  for (const f of found)
    for (const m of f.mentions)
      if ((m.acronym && m.name === m.acronym) || (m.kind === 'person' && nameWords(m.name).length < 2)) {
        const entity = registry.resolve(m) ?? (m.kind !== 'person' && (m.gazetteer || m.standalone) ? registry.add(m, f.segment.text) : undefined);
        if (entity) registry.noteShort(entity, m);
      }
  const events = registry.entities.filter((e) => e.kind === 'event' && !['session', 'panel', 'breakout'].includes(String(e.fields.eventKind)));
  const main = [...events].sort((a, b) => b.mentions - a.mentions || a.spans[0]!.start - b.spans[0]!.start)[0];
  const rules = new Rules(main);
  const year = main ? /\b(?:19|20)\d\d\b/.exec(main.name)?.[0] : undefined;
  let heading: Entity | undefined;
  let shown: Entity[] = [];
  const figures: { figure: Figure; event: Entity }[] = [];
  // "The first day of the conference": a day of the main event, which its figures describe.
  if (main) {
    for (const f of found) {
      const day = DAY_OF_EVENT.exec(f.segment.text);
      if (!day) continue;
      const n = ORDINALS.indexOf((day[1] ?? '').toLowerCase()) + 1 || Number(day[2]);
      const start = f.segment.start + day.index;
      const entity = registry.add(
        { kind: 'event', subkind: 'conference-day', name: `${main.name}, day ${n}`, start, end: start + day[0].length },
        f.segment.text,
      );
      f.mentions.push({ kind: 'event', name: entity!.name, start, end: start + day[0].length });
      f.mentions.sort((a, b) => a.start - b.start);
    }
  }
  for (const f of found) {
    const placed = f.mentions.flatMap((m) => {
      const entity = registry.resolve(m) ?? (m.acronym ? registry.resolve({ ...m, name: m.acronym }) : undefined);
      return entity ? [{ entity, mention: m }] : [];
    });
    for (const [part, whole] of f.parts) rules.add(registry.resolve(part), 'PART_OF', registry.resolve(whole), f.segment.text);
    const session = placed.find(
      (p) => p.entity.kind === 'event' && ['session', 'panel', 'breakout', 'conference-day'].includes(String(p.entity.fields.eventKind)),
    );
    if (session && main) rules.add(session.entity, 'PART_OF', main, f.segment.text);
    if (f.segment.kind !== 'sentence' && placed.length && placed[0]!.entity.kind === 'event' && !(f.inTable && placed[0]!.entity.kind !== 'event')) {
      heading = placed[0]!.entity;
      shown = f.showcased.flatMap((m) => registry.resolve(m) ?? []);
      for (const i of shown) rules.add(i, 'PRESENTED_AT', heading, f.segment.text);
    }
    if (f.inTable && f.segment.kind === 'row') rules.row(f.segment, placed, heading ?? main, shown);
    else rules.sentence(f.segment, placed, text);
    const event = rules.eventOf(placed, f.segment);
    const dates = datesIn(f.segment.text, year);
    const dated = placed.find((p) => p.entity.kind === 'event')?.entity ?? (/^\s*on\s+\d/i.test(f.segment.text) ? main : undefined);
    if (dates && dated && !dated.fields.startDate) Object.assign(dated.fields, dates);
    if (dated && /\bhybrid\b/i.test(f.segment.text)) dated.fields.format ??= 'hybrid';
    if (event) for (const figure of figuresIn(f.segment)) figures.push({ figure, event });
  }
  const entities = [...registry.entities];
  const seenFigures = new Set<string>();
  for (const { figure, event } of figures) {
    const name = `${event.name}: ${figure.measure.replace(/-/g, ' ')}`;
    if (seenFigures.has(name)) continue;
    seenFigures.add(name);
    const start = text.indexOf(figure.quote);
    const entity: Entity = {
      key: `f${seenFigures.size}`,
      kind: 'figure',
      name,
      aliases: [],
      fields: { measure: figure.measure, value: figure.value, qualifier: figure.qualifier, quote: figure.quote },
      quote: figure.quote,
      spans: [{ start, end: start + figure.quote.length }],
      mentions: 1,
    };
    entities.push(entity);
    rules.add(event, 'HAS_FIGURE', entity, figure.quote);
  }
  return { entities, relationships: rules.relationships };
}
