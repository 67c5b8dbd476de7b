/**
 * Rules over each sentence or table row that propose who spoke at, moderated, presented, works
 * for, organised, funded, supported, partnered in or attended what. Every quote is the exact
 * segment it came from.
 */
import type { RelationshipType } from '../domain/model.js';
import type { Entity } from './entity-registry.js';
import { ATTENDING, CLOSING, FUNDING, MODERATING, ORGANISING, PARTNERING, SPEAKING, SUPPORTING } from './lexicon.js';
import type { Mention } from './mention.js';
import type { Segment } from './segments.js';

export interface Proposed {
  from: string;
  type: RelationshipType;
  to: string;
  quote: string;
  role?: string;
}

export interface Placed {
  entity: Entity;
  mention: Mention;
}

/** The relationships a segment proposes, given the entities it names in order. */
export class Rules {
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
      for (const o of represented(segment, placed, text)) this.add(o.entity, 'SPOKE_AT', event, quote, roleOf(speaking[1]!));
    } else this.attending(segment, people, orgs, moderators, event, quote);
    this.organising(segment, placed, orgs, event, quote);
    this.funding(segment, placed, event, quote);
    for (const p of people) {
      const after = text.slice(p.mention.end, p.mention.end + 24);
      const place = placed.find((x) => x.entity.kind === 'place' && x.mention.start === p.mention.end + (after.indexOf('(') + 1) && after.startsWith(' ('));
      if (place) this.add(p.entity, 'BASED_IN', place.entity, quote);
    }
  }

  /**
   * "Mr. A and Ms. B attended the workshop", "ODC and CADT took part in it": who was there without
   * speaking (a sentence that says they spoke is SPOKE_AT). The people it names attended; when it
   * names none, the organisations before the cue did, unless they organised, funded or supported it.
   */
  private attending(segment: Segment, people: Placed[], orgs: Placed[], moderators: Placed[], event: Entity | undefined, quote: string) {
    const attending = ATTENDING.exec(quote);
    if (!attending || !event) return;
    for (const p of people) if (!moderators.includes(p)) this.add(p.entity, 'ATTENDED', event, quote);
    if (people.length || ORGANISING.test(quote) || FUNDING.test(quote) || SUPPORTING.test(quote)) return;
    for (const o of orgs) if (o.mention.start < segment.start + attending.index) this.add(o.entity, 'ATTENDED', event, quote);
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
        const listed =
          /^(?:\s*\([A-Za-z&-]+\))?,\s*(?:H\.E\.|Dr\.?|Mr\.?|Mrs\.?|Ms\.?)?\s*$/.exec(between) && /\brepresentatives?\s+(?:from|of)\s/i.test(quote);
        if (titled) this.add(p.entity, 'WORKS_FOR', o.entity, quote, tidyRole(titled[1]!));
        else if (listed) this.add(p.entity, 'WORKS_FOR', o.entity, quote, 'Representative');
      }
    });
    // "Representatives from CADT, Mr. A, and Mr. B": each person of the list.
    const reps = /\brepresentatives?\s+(?:from|of)\s/i.exec(quote);
    if (reps) {
      const at = placed.findIndex((x) => x.entity.kind === 'organisation');
      const org = placed[at];
      for (let k = at + 1; org && k < placed.length && placed[k]!.entity.kind === 'person'; k++)
        this.add(placed[k]!.entity, 'WORKS_FOR', org.entity, quote, 'Representative');
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
    const implementer = through
      ? after.find((p) => p.entity.kind === 'organisation' && p !== funder && p.mention.start > segment.start + cue.index + through.index)
      : undefined;
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
    // The row's person is named in its first cell ("15\tHighlights of the talk by Prof. X" is no speaker's row).
    const person = placed[0]?.entity.kind === 'person' && placed[0].mention.start < segment.start + segment.text.split('\t')[0]!.length ? placed[0] : undefined;
    if (!person) return;
    for (const i of shown) this.add(person.entity, 'PRESENTED', i, quote);
    const orgs = placed.filter((p) => p.entity.kind === 'organisation');
    for (const o of orgs) this.add(person.entity, 'WORKS_FOR', o.entity, quote);
    // "National Institute of Statistics (NIS), Ministry of Planning (MoP)": the first is part of the second.
    for (let k = 1; k < orgs.length; k++)
      if (/^\)?\s*(?:\([^)]*\))?\s*,\s*$/.test(quote.slice(orgs[k - 1]!.mention.end - segment.start, orgs[k]!.mention.start - segment.start)))
        this.add(orgs[k - 1]!.entity, 'PART_OF', orgs[k]!.entity, quote);
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

/** "representatives from", "representatives of the": the organisations listed after it sent the speakers. */
const REPRESENTATIVES = /\brepresentatives?\s+(?:from|of)\s+(?:the\s+)?/gi;
/** Between two items of a list: "(MPTC), the", ", and the", ", as well as". */
const LIST_GAP = /^\)?(?:\s*\([^)]*\))?\s*(?:,|,?\s+and|,?\s+as well as)\s+(?:the\s+)?(?:H\.E\.?|Dr\.?|Mr\.?|Mrs\.?|Ms\.?|Prof\.?)?\s*$/;

/**
 * "The four panelists consisted of representatives from the Ministry of A (MA), the B (B) and the
 * C", "Representatives from the D, Mr. X, and the E, Ms. Y, delivered remarks": in a sentence that
 * says they spoke, the organisations listed after the cue spoke through their representatives
 * (the people named between them are the representatives, and speak for themselves).
 */
function represented(segment: Segment, placed: Placed[], text: string): Placed[] {
  const out: Placed[] = [];
  for (const cue of segment.text.matchAll(REPRESENTATIVES)) {
    const from = segment.start + cue.index! + cue[0].length;
    let at = from;
    let last: Entity | undefined;
    for (const p of placed.filter((x) => x.mention.start >= from)) {
      const gap = text.slice(at, p.mention.start);
      // The acronym in brackets after its long form: "the Ministry of Planning (MoP)".
      if (p.entity === last && /^\s*\(\s*$/.test(gap)) {
        at = p.mention.end;
        continue;
      }
      const listed = at === from ? p.entity.kind === 'organisation' && /^\s*$/.test(gap) : LIST_GAP.test(gap);
      if (!listed || (p.entity.kind !== 'organisation' && p.entity.kind !== 'person')) break;
      if (p.entity.kind === 'organisation') out.push(p);
      at = p.mention.end;
      last = p.entity;
    }
  }
  return out;
}

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

/** Words that end a job title: "research and web content manager". */
const ROLE_WORD = String.raw`(?:director|manager|head|chief|officer|coordinator|president|representative|specialist|advisor|adviser|secretary|lead|founder|member|researcher|chair)s?`;
/** "Mr. X, ODC’s Executive Director", "Mrs. Y, ODC research and web content manager, gave …": the title after the organisation, ending in a role word. */
const ROLE_AFTER = new RegExp(
  String.raw`^(?:’s|'s)?\s+([a-zA-Z][\w &-]{0,60}?\b${ROLE_WORD})(?=[,.;]|\s+(?:gave|said|and|who|joined|delivered|took|presented|shared|explained|mentioned)\b)`,
  'i',
);

function roleAfter(text: string, from: number): string | undefined {
  return ROLE_AFTER.exec(text.slice(from, from + 80))?.[1];
}

const tidyRole = (role: string) =>
  role
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^(?:an?|the)\s+/i, '');
