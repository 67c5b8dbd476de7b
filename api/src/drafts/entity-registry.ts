/**
 * A document's entities, one per real entity: "Mr. Try" and "Thy Try", "Mao Neang" and "Neang
 * Mao", an acronym and its long form are one, found again by any of their names.
 */
import type { DraftNodeKind, Span } from '../domain/drafts.js';
import { nameWords } from '../domain/duplicates.js';
import type { Mention } from './mention.js';

export interface Entity {
  key: string;
  kind: DraftNodeKind;
  name: string;
  aliases: string[];
  /** Model fields the document gives: acronym, honorific, orgKind, eventKind, dates, format … */
  fields: Record<string, string | number>;
  quote: string;
  spans: Span[];
  mentions: number;
}

const SUBKIND_FIELD: Partial<Record<DraftNodeKind, string>> = { organisation: 'orgKind', event: 'eventKind', initiative: 'initiativeKind', place: 'placeKind' };

const keyWords = (name: string) => [...nameWords(name.replace(/^the\s+/i, ''))].sort().join(' ');

/** Entities of one document, found by their names, acronyms and short forms. */
export class Registry {
  readonly entities: Entity[] = [];
  private readonly byKey = new Map<string, Entity>();
  private readonly byAcronym = new Map<string, Entity>();
  private counter = 0;

  constructor(private readonly text: string) {}

  private create(kind: DraftNodeKind, name: string, m: Mention, quote: string): Entity {
    const entity: Entity = { key: `d${++this.counter}`, kind, name, aliases: [], fields: {}, quote, spans: [], mentions: 0 };
    this.entities.push(entity);
    return entity;
  }

  private note(entity: Entity, m: Mention) {
    entity.mentions++;
    entity.spans.push({ start: m.start, end: m.end });
    const shortName = entity.kind === 'person' && nameWords(m.name).length < 2;
    if (m.name !== entity.name && !shortName && !entity.aliases.includes(m.name)) entity.aliases.push(m.name);
    if (m.acronym && !entity.fields.acronym && entity.kind !== 'person') entity.fields.acronym = m.acronym;
    if (m.acronym && !entity.aliases.includes(m.acronym) && m.acronym !== entity.name) entity.aliases.push(m.acronym);
    if (m.honorific && !entity.fields.honorific) entity.fields.honorific = m.honorific;
    if (m.honorific && !entity.aliases.includes(`${m.honorific} ${m.name}`)) entity.aliases.push(`${m.honorific} ${m.name}`);
    const field = SUBKIND_FIELD[entity.kind];
    if (field && m.subkind && (!entity.fields[field] || entity.fields[field] === 'other')) entity.fields[field] = m.subkind;
    if (m.role && /^session\s+\d+$/i.test(m.role) && !entity.aliases.includes(m.role)) entity.aliases.push(m.role);
  }

  /** A full name (or an acronym with its long form): the entity it names, made when new. */
  add(m: Mention, quote: string): Entity | undefined {
    const kind = m.kind as DraftNodeKind;
    if (m.kind === 'person' && nameWords(m.name).length < 2) return undefined;
    const onlyAcronym = m.acronym !== undefined && m.name === m.acronym;
    let entity = m.acronym ? this.byAcronym.get(`${kind}:${m.acronym}`) : undefined;
    const key = `${kind}:${keyWords(m.name)}`;
    if (!entity && !onlyAcronym) entity = this.byKey.get(key) ?? this.withoutYear(kind, m.name);
    if (!entity) entity = this.create(kind, m.name, m, quote);
    // A long form met after its acronym names the entity better.
    if (onlyAcronym === false && entity.name === entity.fields.acronym) {
      entity.aliases = entity.aliases.filter((a) => a !== m.name);
      if (!entity.aliases.includes(entity.name)) entity.aliases.push(entity.name);
      entity.name = m.name;
      entity.quote = quote;
    }
    if (!onlyAcronym) this.byKey.set(key, entity);
    if (m.acronym) this.byAcronym.set(`${kind}:${m.acronym}`, entity);
    this.note(entity, m);
    return entity;
  }

  /** "National Open Data Conference" is the "… 2024" one the document also names. */
  private withoutYear(kind: DraftNodeKind, name: string): Entity | undefined {
    if (kind !== 'event' || /\b(19|20)\d\d\b/.test(name)) return undefined;
    const words = keyWords(name);
    return this.entities.find((e) => e.kind === 'event' && keyWords(e.name.replace(/\b(19|20)\d\d\b/g, '')) === words);
  }

  /** A short form ("Mr. Try", "Dr. Kimchoeun", a bare acronym): the one entity it can be. */
  resolve(m: Mention): Entity | undefined {
    const kind = m.kind as DraftNodeKind;
    if (m.acronym && this.byAcronym.has(`${kind}:${m.acronym}`)) return this.byAcronym.get(`${kind}:${m.acronym}`);
    const direct = this.byKey.get(`${kind}:${keyWords(m.name)}`) ?? this.withoutYear(kind, m.name);
    if (direct) return direct;
    if (m.kind !== 'person') return undefined;
    const words = nameWords(m.name);
    const holders = this.entities.filter((e) => e.kind === 'person' && words.every((w) => nameWords(e.name).includes(w)));
    return holders.length === 1 ? holders[0] : undefined;
  }

  noteShort(entity: Entity, m: Mention) {
    this.note(entity, m);
  }

  quoteOf(span: Span): string {
    return this.text.slice(span.start, span.end);
  }
}
