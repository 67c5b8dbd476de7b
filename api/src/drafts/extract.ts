/**
 * From a document's text to proposed nodes and relationships, before matching: mentions become
 * entities (one per real entity: "Mr. Try" and "Thy Try", "Mao Neang" and "Neang Mao", an acronym
 * and its long form are one), and rules over each sentence or table row propose who spoke at,
 * moderated, presented, works for, organised, funded, supported, partnered in or attended what,
 * and the figures an event reports. Every quote is the exact segment it came from.
 */
import type { DraftNodeKind, Span } from '../domain/drafts.js';
import { nameWords } from '../domain/duplicates.js';
import type { RelationshipType } from '../domain/model.js';
import { CLOSING, FIGURE_WORDS, FUNDING, MODERATING, ORGANISING, PARTNERING, QUALIFIERS, SPEAKING, SUPPORTING } from './lexicon.js';
import { gazetteerMatchers, type Gazetteer } from './gazetteer.js';
import type { Mention } from './mention.js';
import { definedAcronyms, mentionsIn } from './segment-mentions.js';
import { segment, type Segment } from './segments.js';


export type { Span };

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

export interface Proposed {
  from: string;
  type: RelationshipType;
  to: string;
  quote: string;
  role?: string;
}

export interface Extraction {
  entities: Entity[];
  relationships: Proposed[];
}

const SUBKIND_FIELD: Partial<Record<DraftNodeKind, string>> = { organisation: 'orgKind', event: 'eventKind', initiative: 'initiativeKind', place: 'placeKind' };
const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MONTH = String.raw`(January|February|March|April|May|June|July|August|September|October|November|December)`;

const keyWords = (name: string) => [...nameWords(name.replace(/^the\s+/i, ''))].sort().join(' ');

/** Entities of one document, found by their names, acronyms and short forms. */
class Registry {
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

interface Placed {
  entity: Entity;
  mention: Mention;
}

/** The relationships a segment proposes, given the entities it names in order. */
class Rules {
  readonly relationships: Proposed[] = [];
  private readonly seen = new Set<string>();
  /** The session the narrative is in, until another starts or the event closes. */
  session: Entity | undefined;

  constructor(private readonly main: Entity | undefined) {}

  add(from: Entity | undefined, type: RelationshipType, to: Entity | undefined, quote: string, role?: string) {
    if (!from || !to || from === to) return;
    const id = `${from.key}|${type}|${to.key}`;
    if (this.seen.has(id)) return;
    this.seen.add(id);
    this.relationships.push({ from: from.key, type, to: to.key, quote, ...(role ? { role } : {}) });
  }

  /** The event a sentence is about: the one it names (a session first), else the session or main event. */
  eventOf(placed: Placed[], _segment: Segment): Entity | undefined {
    const named = placed.filter((p) => p.entity.kind === 'event');
    const session = named.find((p) => ['session', 'panel', 'breakout'].includes(String(p.entity.fields.eventKind)));
    if (session) return session.entity;
    if (named.length) return named[0]!.entity;
    return this.session ?? this.main;
  }

  sentence(segment: Segment, placed: Placed[], text: string) {
    const quote = segment.text;
    const people = placed.filter((p) => p.entity.kind === 'person');
    const orgs = placed.filter((p) => p.entity.kind === 'organisation');
    const namedSession = placed.find((p) => p.entity.kind === 'event' && ['session', 'panel', 'breakout'].includes(String(p.entity.fields.eventKind)));
    if (namedSession) this.session = namedSession.entity;
    // A session the sentence does not name ("then led a session on …") is not the last one named.
    else if (CLOSING.test(quote) || ANOTHER_SESSION.test(quote)) this.session = undefined;
    const event = this.eventOf(placed, segment);
    this.worksFor(placed, text, quote);
    const moderating = MODERATING.exec(quote);
    const moderators = moderating ? listAfter(people, segment.start + moderating.index + moderating[0].length, text) : [];
    for (const p of moderators) this.add(p.entity, 'MODERATED', event, quote);
    const speaking = SPEAKING.exec(quote);
    if (speaking) {
      for (const p of people) {
        if (moderators.includes(p) || /\basked\s+$/.test(text.slice(Math.max(0, p.mention.start - 12), p.mention.start))) continue;
        this.add(p.entity, 'SPOKE_AT', event, quote, roleOf(speaking[1]!));
        for (const i of placed.filter((x) => x.entity.kind === 'initiative')) this.add(p.entity, 'PRESENTED', i.entity, quote);
      }
    }
    this.organising(segment, placed, orgs, event, quote);
    this.funding(segment, placed, event, quote);
    for (const p of people) {
      const after = text.slice(p.mention.end, p.mention.end + 24);
      const place = placed.find((x) => x.entity.kind === 'place' && x.mention.start === p.mention.end + (after.indexOf('(') + 1) && after.startsWith(' ('));
      if (place) this.add(p.entity, 'BASED_IN', place.entity, quote);
    }
  }

  /** "Mr. X, Director of ORG", "ORG Executive Director Mr. X", "Mr. X from ORG", "Representatives from ORG, Mr. X". */
  private worksFor(placed: Placed[], text: string, quote: string) {
    placed.forEach((p, i) => {
      if (p.entity.kind !== 'person') return;
      // After the name: a role, then of/at/from, then the organisation; a second role may follow ("and President of …").
      for (let j = i + 1; j < placed.length && placed[j]!.entity.kind !== 'person'; j++) {
        const o = placed[j]!;
        if (o.entity.kind !== 'organisation') continue;
        const between = text.slice(placed[j - 1]!.mention.end, o.mention.start);
        const first = j === i + 1;
        const m = first
          ? /^(?:\s*,\s*(?:an?\s+|the\s+)?([^,;.()“”"]{0,80}?)\s+(?:of|at|from|with|for)\s+(?:the\s+)?|\s+(?:from|of|at)\s+(?:the\s+)?|\s*,\s*)$/.exec(between)
          : /^\)?\s+and\s+(?:the\s+)?([^,;.()“”"]{0,60}?)\s+(?:of|at|from)\s+(?:the\s+)?$/.exec(between);
        if (!m) break;
        const role = m[1] ?? (first && /^\s*,\s*$/.test(between) ? roleAfter(text, o.mention.end) : undefined);
        if (first && /^\s*,\s*$/.test(between) && role === undefined) break;
        this.add(p.entity, 'WORKS_FOR', o.entity, quote, role ? tidyRole(role) : undefined);
      }
      // Before the name: "ORG Executive Director Mr. X", "Representatives from ORG, Mr. X".
      const o = placed[i - 1];
      if (o?.entity.kind === 'organisation') {
        const between = text.slice(o.mention.end, p.mention.start);
        const titled = /^(?:’s|'s)?\s+((?:[A-Z][\w-]*\s+){1,4})(?:H\.E\.|Dr\.?|Mr\.?|Mrs\.?|Ms\.?)\s*$/.exec(between);
        const listed = /^(?:\s*\([A-Za-z&-]+\))?,\s*(?:H\.E\.|Dr\.?|Mr\.?|Mrs\.?|Ms\.?)?\s*$/.exec(between) && /\brepresentatives?\s+(?:from|of)\s/i.test(quote);
        if (titled) this.add(p.entity, 'WORKS_FOR', o.entity, quote, tidyRole(titled[1]!));
        else if (listed) this.add(p.entity, 'WORKS_FOR', o.entity, quote, 'Representative');
      }
    });
    // "Representatives from CADT, Mr. A, and Mr. B": each person of the list.
    const reps = /\brepresentatives?\s+(?:from|of)\s/i.exec(quote);
    if (reps) {
      const at = placed.findIndex((x) => x.entity.kind === 'organisation');
      const org = placed[at];
      for (let k = at + 1; org && k < placed.length && placed[k]!.entity.kind === 'person'; k++) this.add(placed[k]!.entity, 'WORKS_FOR', org.entity, quote, 'Representative');
    }
  }

  private organising(segment: Segment, placed: Placed[], orgs: Placed[], event: Entity | undefined, quote: string) {
    if (!event) return;
    const organising = ORGANISING.exec(quote);
    if (organising) {
      const verbAt = segment.start + organising.index;
      const byAt = /\b(?:organi[sz]ed|hosted|convened|held) by\s/i.exec(quote);
      const organiser = byAt ? orgs.find((o) => o.mention.start > segment.start + byAt.index) : orgs.filter((o) => o.mention.start < verbAt)[0];
      this.add(organiser?.entity, 'ORGANISED', event, quote);
      if (/host/i.test(organising[1]!)) this.add(organiser?.entity, 'HOSTED', event, quote);
      const partnering = PARTNERING.exec(quote);
      if (partnering) {
        const partner = orgs.find((o) => o.mention.start >= segment.start + partnering.index + partnering[0].length - 1 && o !== organiser);
        this.add(partner?.entity, 'PARTNER_IN', event, quote);
        this.add(organiser?.entity, 'PARTNERS_WITH', partner?.entity, quote);
      }
      // "… at CADT in Phnom Penh": the organisation after "at" is the venue.
      for (const o of orgs) {
        if (/\bat\s+(?:the\s+)?$/.test(quote.slice(0, o.mention.start - segment.start))) this.add(o.entity, 'HOSTED', event, quote, 'venue');
      }
      const place = placed.find((x) => x.entity.kind === 'place' && /\bin\s+$/.test(quote.slice(0, x.mention.start - segment.start)));
      this.add(event, 'HELD_IN', place?.entity, quote);
    }
  }

  /** "funded by X through Y's Z", "supported by X", "with support from X". */
  private funding(segment: Segment, placed: Placed[], event: Entity | undefined, quote: string) {
    const funding = FUNDING.exec(quote);
    const supporting = SUPPORTING.exec(quote);
    const cue = funding ?? supporting;
    if (!cue || !event) return;
    const after = placed.filter((p) => p.mention.start > segment.start + cue.index);
    const funder = after.find((p) => p.entity.kind === 'organisation');
    const through = /\bthrough\s/.exec(quote.slice(cue.index));
    const programme = through ? after.find((p) => p.entity.kind === 'initiative' && p.mention.start > segment.start + cue.index + through.index) : undefined;
    const implementer = through ? after.find((p) => p.entity.kind === 'organisation' && p !== funder && p.mention.start > segment.start + cue.index + through.index) : undefined;
    if (funding) this.add(funder?.entity, 'FUNDS', event, quote);
    else this.add(funder?.entity, programme ? 'FUNDS' : 'SUPPORTS', event, quote);
    if (programme) {
      this.add(funder?.entity, 'FUNDS', programme.entity, quote);
      this.add(programme.entity, 'SUPPORTS', event, quote);
      this.add(implementer?.entity, 'IMPLEMENTS', programme.entity, quote);
    }
  }

  /** A speakers' table row: the person, their organisations, and their part in the heading's session. */
  row(segment: Segment, placed: Placed[], event: Entity | undefined, shown: Entity[] = []) {
    const quote = segment.text;
    const person = placed[0]?.entity.kind === 'person' ? placed[0] : undefined;
    if (!person) return;
    for (const i of shown) this.add(person.entity, 'PRESENTED', i, quote);
    const orgs = placed.filter((p) => p.entity.kind === 'organisation');
    for (const o of orgs) this.add(person.entity, 'WORKS_FOR', o.entity, quote);
    // "National Institute of Statistics (NIS), Ministry of Planning (MoP)": the first is part of the second.
    for (let k = 1; k < orgs.length; k++) if (/^\)?\s*(?:\([^)]*\))?\s*,\s*$/.test(quote.slice(orgs[k - 1]!.mention.end - segment.start, orgs[k]!.mention.start - segment.start))) this.add(orgs[k - 1]!.entity, 'PART_OF', orgs[k]!.entity, quote);
    const role = (person.mention.role ?? '').toLowerCase();
    if (/moderat|facilitat|chair/.test(role)) this.add(person.entity, 'MODERATED', event, quote);
    else if (/judge/.test(role)) this.add(person.entity, 'JUDGED', event, quote);
    else if (/organi[sz]er|mentor/.test(role)) {
      if (/organi[sz]er/.test(role)) this.add(person.entity, 'ORGANISED', event, quote);
      if (/mentor/.test(role)) this.add(person.entity, 'MENTORED', event, quote);
    } else this.add(person.entity, 'SPOKE_AT', event, quote, role || undefined);
  }
}

/** A sentence about a session other than the current one ("then led a session on …", "The final session"). */
const ANOTHER_SESSION = /\b(?:a|another|the (?:final|next|last|second|third)|afternoon|morning)\s+(?:session|panel|discussion)s?\b|\bsessions\b/i;

/** The people listed right after a cue ("Moderated by Mr. A and Ms. B, …"), not the rest of the sentence. */
function listAfter(people: Placed[], from: number, text: string): Placed[] {
  const listed: Placed[] = [];
  let at = from;
  for (const p of people) {
    if (p.mention.start < from) continue;
    if (!/^\s*(?:,\s*|and\s+|,\s*and\s+)?(?:H\.E\.?|Dr\.?|Mr\.?|Mrs\.?|Ms\.?|Prof\.?)?\s*$/.test(text.slice(at, p.mention.start))) break;
    listed.push(p);
    at = p.mention.end;
  }
  return listed;
}

function roleOf(cue: string): string | undefined {
  const c = cue.toLowerCase();
  if (/welcom/.test(c)) return 'welcoming remarks';
  if (/opening/.test(c)) return 'opening remarks';
  if (/closing/.test(c)) return 'closing remarks';
  if (/keynote/.test(c)) return 'keynote';
  if (/panel/.test(c)) return 'panellist';
  if (/present/.test(c)) return 'presentation';
  return undefined;
}

function roleAfter(text: string, from: number): string | undefined {
  const m = /^(?:’s|'s)?\s+([a-zA-Z][\w &-]{2,60}?)(?=[,.;]|\s+(?:gave|said|and|who|joined|delivered|took|presented|shared|explained|mentioned))/.exec(text.slice(from, from + 80));
  return m && /\b(director|manager|head|chief|officer|coordinator|president|representative|specialist|advisor|adviser|secretary|lead|founder|member|researcher|chair)\b/i.test(m[1]!) ? m[1] : undefined;
}

const tidyRole = (role: string) => role.replace(/\s+/g, ' ').trim().replace(/^(?:an?|the)\s+/i, '');

/** Dates of the events a sentence names: "On 5 March 2022", "26–27 March 2024", "from March 26 to 27". */
function datesIn(sentence: string, fallbackYear?: string): { startDate: string; endDate: string } | undefined {
  const iso = (y: string, month: string, d: string) => `${y}-${String(MONTHS.indexOf(month.toLowerCase()) + 1).padStart(2, '0')}-${d.padStart(2, '0')}`;
  let m = new RegExp(String.raw`\b(\d{1,2})\s*[–-]\s*(\d{1,2})\s+${MONTH}\s+((?:19|20)\d\d)`).exec(sentence);
  if (m) return { startDate: iso(m[4]!, m[3]!, m[1]!), endDate: iso(m[4]!, m[3]!, m[2]!) };
  m = new RegExp(String.raw`\b(\d{1,2})\s+${MONTH}\s+((?:19|20)\d\d)`).exec(sentence);
  if (m) return { startDate: iso(m[3]!, m[2]!, m[1]!), endDate: iso(m[3]!, m[2]!, m[1]!) };
  m = new RegExp(String.raw`\bfrom\s+${MONTH}\s+(\d{1,2})\s+to\s+(\d{1,2})`).exec(sentence);
  if (m && fallbackYear) return { startDate: iso(fallbackYear, m[1]!, m[2]!), endDate: iso(fallbackYear, m[1]!, m[3]!) };
  return undefined;
}

interface Figure {
  measure: string;
  value: number;
  qualifier: string;
  quote: string;
  at: number;
}

/** "Around 60 participants", "59 women (5 indigenous women)", "people with disabilities (6)". */
function figuresIn(segment: Segment): Figure[] {
  const out: Figure[] = [];
  const seen = new Set<string>();
  const push = (measure: string, value: number, qualifier: string, at: number) => {
    if (seen.has(measure) || Number.isNaN(value)) return;
    seen.add(measure);
    out.push({ measure, value, qualifier, quote: segment.text, at });
  };
  for (const m of segment.text.matchAll(/\b(around|about|approximately|nearly|some|over|more than|at least)?\s*\b(\d{1,3}(?:,\d{3})+|\d+)\s+((?:[a-z]+\s+){0,2}[a-z]+)/gi)) {
    const words = m[3]!;
    const found = FIGURE_WORDS.find(([re]) => re.test(words));
    if (!found) continue;
    let measure = found[1];
    if (measure === 'officials-trained' && !/\btrain/i.test(segment.text)) continue;
    if (measure === 'participants' && /\b(will|expected|expect)\b/i.test(segment.text)) measure = 'participants-expected';
    push(measure, Number(m[2]!.replace(/,/g, '')), QUALIFIERS[(m[1] ?? '').toLowerCase()] ?? 'exact', m.index!);
  }
  const pwd = /people with disabilities\s*\((\d+)\)|(\d+)\s+(?:people|persons) with disabilities/i.exec(segment.text);
  if (pwd) push('people-with-disabilities', Number(pwd[1] ?? pwd[2]), 'exact', pwd.index);
  const inPerson = /\b(\d+)\s+(?:of them\s+)?(?:joined|attended)\s+(?:physically|in person)/i.exec(segment.text);
  if (inPerson) push('participants-in-person', Number(inPerson[1]), 'exact', inPerson.index);
  return out;
}

const ORDINALS = ['first', 'second', 'third', 'fourth', 'fifth'];
const DAY_OF_EVENT = /\b(?:the\s+)?(first|second|third|fourth|fifth)\s+day\s+of\s+the\s+(?:conference|event|workshop|forum|dialogue|summit)\b|\bon\s+Day\s+(\d)\b/i;

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
  for (const f of found) for (const m of f.mentions) if (!(m.acronym && m.name === m.acronym) && !(m.kind === 'person' && nameWords(m.name).length < 2)) registry.add(m, f.segment.text);
  for (const f of found) for (const m of f.mentions) if ((m.acronym && m.name === m.acronym) || (m.kind === 'person' && nameWords(m.name).length < 2)) {
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
      const entity = registry.add({ kind: 'event', subkind: 'conference-day', name: `${main.name}, day ${n}`, start, end: start + day[0].length }, f.segment.text);
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
    const session = placed.find((p) => p.entity.kind === 'event' && ['session', 'panel', 'breakout', 'conference-day'].includes(String(p.entity.fields.eventKind)));
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
