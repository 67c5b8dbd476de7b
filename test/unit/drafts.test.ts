/**
 * The draft extractor on short documents of the genre written for these tests (never the five
 * source documents): people with honorifics and appositions, acronyms, parents, sessions, table
 * rows, figures, matching with aliases and swapped names, ambiguity flagged, quotes verbatim.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { DuplicateCandidate } from '../../api/src/domain/duplicates.js';
import { buildDraft, type Draft } from '../../api/src/drafts/draft.js';
import { segment } from '../../api/src/drafts/segments.js';
import { draftSheets } from '../../api/src/drafts/tables.js';
import { documentText, DocumentRefused } from '../../api/src/drafts/text.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/drafts/${name}`, import.meta.url), 'utf8');
const node = (d: Draft, name: string) => d.nodes.find((n) => n.name === name || n.aliases.includes(name));
const has = (d: Draft, from: string, type: string, to: string) =>
  d.relationships.some((r) => r.from === node(d, from)?.id && r.type === type && r.to === node(d, to)?.id);
const network: DuplicateCandidate[] = [
  { id: 'odc', kind: 'organisation', name: 'Open Development Cambodia Organization', aliases: ['Open Development Cambodia', 'ODC'], acronym: 'ODC' },
  { id: 'oda-a', kind: 'organisation', name: 'Open Data Alliance', aliases: ['ODA'], acronym: 'ODA' },
  { id: 'oda-b', kind: 'organisation', name: 'Organization for Data-Driven Application', aliases: ['ODA'], acronym: 'ODA' },
  { id: 'mao-neang', kind: 'person', name: 'Mao Neang', aliases: ['H.E. Mao Neang'] },
];

describe('segments', () => {
  it('keeps honorifics inside sentences and every segment an exact slice', () => {
    const text = 'Mr. Sok Dara, Head of Unit, spoke. Dr. Lina Hak replied.\nName\tOrganisation\nSok Dara\tODC';
    const segments = segment(text);
    expect(segments.map((s) => s.text)).toEqual(['Mr. Sok Dara, Head of Unit, spoke.', 'Dr. Lina Hak replied.', 'Name\tOrganisation', 'Sok Dara\tODC']);
    for (const s of segments) expect(text.slice(s.start, s.end)).toBe(s.text);
  });
});

describe('a workshop report', () => {
  const text = fixture('provincial-workshop.txt');
  const draft = buildDraft(text, network);

  it('finds people, organisations with acronyms, the event with its date and its session', () => {
    expect(node(draft, 'Sreyneang Tola')).toMatchObject({ kind: 'person', fields: { honorific: 'Ms.' } });
    expect(node(draft, 'Tonle Learning Network')).toMatchObject({ kind: 'organisation', fields: { acronym: 'TLN' } });
    expect(node(draft, 'Provincial Open Data Workshop 2026')?.fields).toMatchObject({ eventKind: 'workshop', startDate: '2026-05-14' });
    expect(node(draft, 'Open budgets for communes')?.fields.eventKind).toBe('panel');
  });

  it('proposes who works where, spoke, moderated, organised and funded, and the figures', () => {
    expect(has(draft, 'Sreyneang Tola', 'WORKS_FOR', 'Tonle Learning Network')).toBe(true);
    expect(has(draft, 'Kosal Rithy', 'WORKS_FOR', 'Mekong Civic Data Foundation')).toBe(true);
    expect(has(draft, 'Sreyneang Tola', 'MODERATED', 'Open budgets for communes')).toBe(true);
    expect(has(draft, 'Open Development Cambodia Organization', 'ORGANISED', 'Provincial Open Data Workshop 2026')).toBe(true);
    expect(has(draft, 'Tonle Learning Network', 'PARTNER_IN', 'Provincial Open Data Workshop 2026')).toBe(true);
    expect(has(draft, 'Mekong Civic Data Foundation', 'FUNDS', 'Provincial Open Data Workshop 2026')).toBe(true);
    expect(draft.nodes.filter((n) => n.kind === 'figure').map((n) => [n.fields.measure, n.fields.value])).toEqual([
      ['participants', 48],
      ['women', 21],
    ]);
  });

  it('matches what the network has, and every quote is verbatim', () => {
    expect(node(draft, 'Open Development Cambodia Organization')?.match).toBe('odc');
    expect(node(draft, 'Tonle Learning Network')?.match).toBeNull();
    for (const q of [...draft.nodes, ...draft.relationships]) expect(text, 'quoted verbatim').toContain(q.quote);
    expect(draft.problems).toEqual([]);
  });
});

describe('a speakers annex', () => {
  const draft = buildDraft(fixture('speaker-list.txt'), network);

  it('reads each row: the person, their organisation, their part in the heading’s session', () => {
    expect(has(draft, 'Lina Hak', 'WORKS_FOR', 'Royal University of Phnom Penh')).toBe(true);
    expect(has(draft, 'Lina Hak', 'SPOKE_AT', 'Open contracting in the Mekong region')).toBe(true);
    expect(has(draft, 'Somchai Wongsa', 'MODERATED', 'Open contracting in the Mekong region')).toBe(true);
    expect(has(draft, 'Vietnam Institute of Economics', 'PART_OF', 'Ministry of Planning')).toBe(true);
    // A breakout heading names what was shown there; the row's speaker presented it.
    expect(node(draft, 'Open Budget Lab')?.kind).toBe('organisation');
    expect(has(draft, 'Chan Dara', 'PRESENTED', 'Mekong Budget Portal')).toBe(true);
  });
});

describe('who attended, apart from who spoke', () => {
  const text = [
    'The Kampot Data Literacy Workshop 2031 was organised by the Kampot Youth Network in Kampot.',
    'Mr. Chan Dara, Director of the Kampot Provincial Department of Planning, and Ms. Leng Sophea attended the workshop.',
    'The Riverside Farmers Association (RFA) and the Coastal Women Network (CWN) took part as well.',
    'Dr. Keo Vanna presented the commune budget scorecard.',
    'Around 35 participants participated in the exercises.',
  ].join(' ');
  const draft = buildDraft(text, network);

  it('proposes ATTENDED for the people and organisations a sentence says took part, not SPOKE_AT', () => {
    expect(has(draft, 'Chan Dara', 'ATTENDED', 'Kampot Data Literacy Workshop 2031')).toBe(true);
    expect(has(draft, 'Leng Sophea', 'ATTENDED', 'Kampot Data Literacy Workshop 2031')).toBe(true);
    expect(has(draft, 'Riverside Farmers Association', 'ATTENDED', 'Kampot Data Literacy Workshop 2031')).toBe(true);
    expect(has(draft, 'Coastal Women Network', 'ATTENDED', 'Kampot Data Literacy Workshop 2031')).toBe(true);
    for (const name of ['Chan Dara', 'Leng Sophea']) expect(has(draft, name, 'SPOKE_AT', 'Kampot Data Literacy Workshop 2031'), name).toBe(false);
    // The person's organisation in the same sentence is where they work, not a second attendee.
    expect(has(draft, 'Chan Dara', 'WORKS_FOR', 'Kampot Provincial Department of Planning')).toBe(true);
    expect(has(draft, 'Kampot Provincial Department of Planning', 'ATTENDED', 'Kampot Data Literacy Workshop 2031')).toBe(false);
  });

  it('keeps a speaker a speaker, and the organiser an organiser', () => {
    expect(has(draft, 'Keo Vanna', 'SPOKE_AT', 'Kampot Data Literacy Workshop 2031')).toBe(true);
    expect(has(draft, 'Keo Vanna', 'ATTENDED', 'Kampot Data Literacy Workshop 2031')).toBe(false);
    expect(has(draft, 'Kampot Youth Network', 'ORGANISED', 'Kampot Data Literacy Workshop 2031')).toBe(true);
    expect(has(draft, 'Kampot Youth Network', 'ATTENDED', 'Kampot Data Literacy Workshop 2031')).toBe(false);
    for (const r of draft.relationships.filter((r) => r.type === 'ATTENDED')) expect(text).toContain(r.quote);
  });
});

describe('who spoke for whom, and sessions a report does not title', () => {
  const text = [
    'The Delta Open Data Conference 2031 was organised by the Tonle Learning Network (TLN) in Kampot.',
    'Representatives from the Canadian Embassy, Mr. Paul Reed, and the Riverbank Institute (RBI), Ms. Dara Kim, delivered opening remarks.',
    'The first panel discussion addressed “Water data for farmers.”',
    'The three panelists in this session were representatives from the Ministry of Water Resources (MWR), the Delta Farmers Union (DFU), and the Lotus Health Association.',
    'Ms. Sophea Lim from TLN then led a session on budget visualisation, using examples from two communes.',
    'By providing a platform for organisations led by Mr. Vann Sok and Ms. Chea Malis, the conference gave them a voice.',
    'Mr. Rithy Pen, TLN finance and operations manager, gave the closing remarks.',
  ].join(' ');
  const draft = buildDraft(text, network);
  const event = 'Delta Open Data Conference 2031';

  it('the organisations representatives came from spoke, each of a list, and the people are theirs', () => {
    for (const org of ['Ministry of Water Resources', 'Delta Farmers Union', 'Lotus Health Association'])
      expect(has(draft, org, 'SPOKE_AT', 'Water data for farmers'), org).toBe(true);
    expect(has(draft, 'Canadian Embassy', 'SPOKE_AT', event)).toBe(true);
    expect(has(draft, 'Riverbank Institute', 'SPOKE_AT', event)).toBe(true);
    expect(has(draft, 'Paul Reed', 'WORKS_FOR', 'Canadian Embassy')).toBe(true);
    // The organiser named earlier is no speaker.
    expect(has(draft, 'Tonle Learning Network', 'SPOKE_AT', event)).toBe(false);
  });

  it('"led a session on X" is a session of its own, part of the event, and its speaker spoke there', () => {
    expect(node(draft, 'Budget visualisation session')?.fields.eventKind).toBe('session');
    expect(has(draft, 'Sophea Lim', 'SPOKE_AT', 'Budget visualisation session')).toBe(true);
    expect(has(draft, 'Sophea Lim', 'SPOKE_AT', event)).toBe(false);
    expect(has(draft, 'Budget visualisation session', 'PART_OF', event)).toBe(true);
  });

  it('"organisations led by" names leaders, not moderators; a title after the organisation is a job', () => {
    expect(draft.relationships.filter((r) => r.type === 'MODERATED')).toEqual([]);
    expect(has(draft, 'Rithy Pen', 'WORKS_FOR', 'Tonle Learning Network')).toBe(true);
    expect(draft.relationships.find((r) => r.from === node(draft, 'Rithy Pen')?.id && r.type === 'WORKS_FOR')?.role).toBe('finance and operations manager');
    for (const r of draft.relationships) expect(text, 'quoted verbatim').toContain(r.quote);
  });
});

describe('a speakers annex with parts the event does not title', () => {
  const text = [
    'Annex I – Speakers at the Delta Open Data Conference 2031',
    '',
    'Name\tOrganisation',
    'Opening remarks\t',
    'Keo Sothea (Welcoming remarks)\tTonle Learning Network (TLN)',
    'Session 1: Open budgets for communes\t',
    'Chan Vuthy\tKampot Provincial Hall',
    'Mao Neang (Moderator)\tMinistry of Water Resources (MWR)',
    'Session 2: Flood warnings for farmers (Mekong Rain Watch)\t',
    'Sok Lina\tDelta Farmers Union (DFU)',
    'Hackathon\t',
    'Pich Rotha (Organiser)\tTLN',
    'Ly Dara (Judge)\tRiverbank Institute (RBI)',
    '',
    'Annex II – Social media posts',
    '',
    'No.\tPosts\tFacebook',
    '1\tHighlights of the talk by Professor Anna Berg\tMay 2, 2031',
  ].join('\n');
  const draft = buildDraft(text, network);

  it('a one-cell row starts a part of the event: its rows belong to it, not to the session above', () => {
    expect(has(draft, 'Keo Sothea', 'SPOKE_AT', 'Opening remarks')).toBe(true);
    expect(has(draft, 'Pich Rotha', 'ORGANISED', 'Hackathon')).toBe(true);
    expect(has(draft, 'Ly Dara', 'JUDGED', 'Hackathon')).toBe(true);
    expect(has(draft, 'Pich Rotha', 'SPOKE_AT', 'Flood warnings for farmers (Mekong Rain Watch)')).toBe(false);
  });

  it('a row’s role stands when the network knows the person; a name in a session title’s brackets was presented', () => {
    expect(node(draft, 'Mao Neang')?.match).toBe('mao-neang');
    expect(has(draft, 'Mao Neang', 'MODERATED', 'Open budgets for communes')).toBe(true);
    expect(has(draft, 'Mao Neang', 'SPOKE_AT', 'Open budgets for communes')).toBe(false);
    expect(has(draft, 'Sok Lina', 'PRESENTED', 'Mekong Rain Watch')).toBe(true);
  });

  it('a row that names a person only past its first cell is no speaker’s row', () => {
    expect(node(draft, 'Anna Berg')?.kind).toBe('person');
    expect(draft.relationships.some((r) => r.from === node(draft, 'Anna Berg')?.id && r.type === 'SPOKE_AT')).toBe(false);
  });
});

describe('matching', () => {
  it('one person spelled two ways in a document is one proposal; swapped order matches the network', () => {
    const draft = buildDraft('H.E. Neang Mao opened the Open Data Day 2030. Later H.E. Mao Neang spoke again.', network);
    const people = draft.nodes.filter((n) => n.kind === 'person');
    expect(people).toHaveLength(1);
    expect(people[0]).toMatchObject({ match: 'mao-neang' });
  });

  it('an acronym two network nodes share is flagged, not guessed', () => {
    const draft = buildDraft('Mr. Lee Chen, President of the ODA, spoke at the Open Data Day 2030.', network);
    const oda = draft.nodes.find((n) => n.name === 'ODA');
    expect(oda).toMatchObject({ match: null, ambiguous: true });
  });
});

describe('files and tables', () => {
  it('refuses empty and binary files with the cause', async () => {
    await expect(documentText({ name: 'a.txt', data: Buffer.alloc(0) })).rejects.toThrow(/empty/);
    await expect(documentText({ name: 'a.txt', data: Buffer.from([1, 0, 2]) })).rejects.toBeInstanceOf(DocumentRefused);
  });

  it('turns an accepted draft into import sheets citing the source, leaving rejected proposals out', () => {
    const draft = buildDraft(fixture('provincial-workshop.txt'), network);
    const reviewed = {
      source: { title: 'Workshop report', publisher: 'Test', sourceKind: 'report' as const },
      nodes: draft.nodes.map((n) => ({
        id: n.id,
        kind: n.kind,
        name: n.name,
        aliases: n.aliases,
        match: n.match,
        fields: n.fields,
        decision: n.name === 'Kosal Rithy' ? ('reject' as const) : ('accept' as const),
      })),
      relationships: draft.relationships.map((r) => ({ ...r, decision: 'accept' as const })),
    };
    const sheets = draftSheets(reviewed, new Set(['workshop-report']));
    const people = sheets.find((s) => s.name === 'people')!.rows.map((r) => r.name);
    expect(people).toContain('Sreyneang Tola');
    expect(people).not.toContain('Kosal Rithy');
    expect(sheets[0]!.rows[0]).toMatchObject({ id: 'workshop-report-2', name: 'Workshop report' });
    const relationships = sheets.find((s) => s.name === 'relationships')!.rows;
    expect(relationships.every((r) => r.sources === 'workshop-report-2' && r.quote)).toBe(true);
    expect(relationships.some((r) => r.from === 'odc')).toBe(true);
  });
});
