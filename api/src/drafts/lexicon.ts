/**
 * The words of the genre the extractor reads (event reports, speaker lists, annex tables), in one
 * place: each list says what it is for. Tuned on the genre, not on any one document; the network's
 * own names (a gazetteer built from the database) come on top of these.
 */

/** Honorifics and titles that open a person's name; the captured form is kept as `honorific`. */
export const HONORIFIC = String.raw`(?:H\.\s?E\b[.,]?|Dr\b\.?|Mr\b\.?|Mrs\b\.?|Ms\b\.?|Miss\b|Prof\b\.?|Professor\b|Lok Chumteav\b|Excellency\b|Oknha\b)`;

/** A capitalised word of a name or title (also all caps, digits inside: "Read2Rise", "LIU"). */
export const CAPITALISED = String.raw`(?:[A-Z]|[a-z](?=[A-Z]))[\p{L}\p{M}0-9’'&.\-]*`;
/** Small words inside a proper name: "Ministry of Education, Youth and Sport". */
export const CONNECTORS = String.raw`(?:of|the|for|and|on|de|&|to)`;

/** Words that make a capitalised phrase an organisation, and the kind each suggests. */
export const ORGANISATION_HEADS: [RegExp, string][] = [
  [
    /\b(Ministry|Department|Directorate|Secretariat|Committee|Council|Commission|Royal Government|Government of|Authority|Agency|General Department|Municipality|Parliament|Senate)\b/,
    'government',
  ],
  [/\bEmbassy\b/, 'embassy'],
  [/\b(University|Academy|College|School|Institute)\b/, 'academic'],
  [/\bFoundation\b/, 'foundation'],
  [/\b(Co\.|LTD|Ltd|Technologies|Company|Corporation|Inc\.?|Bank)\b/, 'private'],
  [/\b(Network|Alliance|Coalition|Forum)\b/, 'network'],
  [/\b(Organization|Organisation|Association|Society|Union|Federation|Charter|Center|Centre|Unit|Office|Partnership|Fund|Initiative|Lab|iLab)\b/, 'other'],
];

/** Words that make a capitalised phrase an event, and its kind. */
export const EVENT_HEADS: [RegExp, string][] = [
  [/\bOpen Data Day\b/i, 'open-data-day'],
  [/\bConference\b/, 'conference'],
  [/\bDialogue\b/, 'dialogue'],
  [/\bWorkshop\b/, 'workshop'],
  [/\bHackathon\b/, 'hackathon'],
  [/\b(Training|Bootcamp)\b/, 'training'],
  [/\b(Summit|Symposium|Congress|Festival|Week|Day|Meeting|Webinar|Celebration|Ceremony)\b/, 'other'],
];

/** Words that make a capitalised phrase a programme, platform, policy or publication. */
export const INITIATIVE_HEADS: [RegExp, string][] = [
  [/\b(Program|Programme|Fellowship)\b/, 'programme'],
  [/\b(Platform|Scorecard|System|Catalog|Catalogue|Database|Gateway)\b/, 'platform'],
  [/\bPortal\b/, 'portal'],
  [/\b(Policy|Framework|Strategy|Law)\b/, 'policy'],
  [/\b(Project)\b/, 'project'],
  [/\b(Survey|Study|Report)\b/, 'study'],
];

/** Places of the region the genre names, with their kind; the network's places come on top. */
export const PLACES: Record<string, string> = {
  Cambodia: 'country',
  'Lao PDR': 'country',
  Laos: 'country',
  Myanmar: 'country',
  Vietnam: 'country',
  'Viet Nam': 'country',
  Thailand: 'country',
  China: 'country',
  Taiwan: 'country',
  'South Korea': 'country',
  Korea: 'country',
  Japan: 'country',
  Australia: 'country',
  'United States': 'country',
  Indonesia: 'country',
  Philippines: 'country',
  Malaysia: 'country',
  Singapore: 'country',
  'Phnom Penh': 'city',
  Bangkok: 'city',
  Vientiane: 'city',
  Hanoi: 'city',
  Yangon: 'city',
  Taipei: 'city',
  'Banteay Meanchey': 'province',
  Battambang: 'province',
  'Kampong Cham': 'province',
  'Kampong Chhnang': 'province',
  'Kampong Speu': 'province',
  'Kampong Thom': 'province',
  Kampot: 'province',
  Kandal: 'province',
  Kep: 'province',
  'Koh Kong': 'province',
  Kratie: 'province',
  Mondulkiri: 'province',
  'Oddar Meanchey': 'province',
  Pailin: 'province',
  'Preah Sihanouk': 'province',
  'Preah Vihear': 'province',
  Pursat: 'province',
  'Prey Veng': 'province',
  Ratanakiri: 'province',
  'Siem Reap': 'province',
  'Stung Treng': 'province',
  'Svay Rieng': 'province',
  Takeo: 'province',
  'Tbong Khmum': 'province',
};

/** A sentence that says someone spoke, and the role it names. */
export const SPEAKING =
  /\b(welcom(?:e|ing) (?:remarks?|address|speech)|opening (?:remarks?|speech|address)|closing (?:remarks?|speech)|keynote(?: speech)?|remarks?|speech|address|presentations?|presented|presenting|spoke|speakers?|shared|sharing|discussed|explained|highlighted|showcased|lecture|featured|joined the discussion|took over|panel+ists?|emphasi[sz]ed|noted|stated|echoed|illustrated|delivered|introduced|talked|led a session|continued the discussion|mentioned|pointed|addressed|argued|claimed|began|covered|acknowledged)\b/i;
/** A sentence that says someone was there, without saying they spoke: ATTENDED, not SPOKE_AT. */
export const ATTENDING = /\b(attend(?:ed|ing)|participat(?:ed|ing)|took part|taking part|were among the participants)\b/i;
/** Phrases that put the people after them in the chair; "organisations led by" names their leaders, not a chair. */
export const MODERATING =
  /\b(?:moderated|facilitated|chaired) by\b|(?<!\b(?:organi[sz]ations?|groups?|teams?|projects?|initiatives?|associations?|networks?|companies)\s)\bled by\b|\bModerated by\b/;
export const ORGANISING = /\b(organi[sz]ed|organi[sz]es|hosted|hosts?|will host|convened|launched|held by)\b/i;
export const PARTNERING = /\b(?:in (?:collaboration|partnership|cooperation) with|together with|co-organi[sz]ed with|jointly with)\s/i;
export const FUNDING = /\bfunded by\b|\bfinanced by\b|\bwith funding from\b/i;
export const SUPPORTING = /\bsupported by\b|\bwith (?:the )?support (?:from|of)\b|\bsponsored by\b/i;
/** Sentences that close an event: what follows is not part of the last session. */
export const CLOSING = /\b(closing remarks?|concluded with|in the end|by the end of|wrapped up)\b|^Finally\b/i;

/** Session titles in prose: `the first panel discussion addressed “…”`. */
export const SESSION_IN_PROSE =
  /(?<!\bof )\b(panel discussion|group discussion|breakout (?:session|discussion)|session|discussion|plenary)s?\b[^“"”.]{0,40}?[“"]([^”"]{8,160}?)[,.]?[”"]/gi;
/** Session headings in programmes and annexes: `Session 1: …`, `Breakout Discussion: …`. */
export const SESSION_HEADING =
  /^(Session\s+\d+|Panel\s+Discussion|Panel|Breakout\s+(?:Discussion|Session)|Group\s+Discussion|Discussion|Plenary|Keynote)\s*:\s*(.+)$/i;

/** Figures events report: the words after a number, and the measure they are. */
export const FIGURE_WORDS: [RegExp, string][] = [
  [/^indigenous women\b/i, 'indigenous-women'],
  [/^(?:female participants|women)\b/i, 'women'],
  [/^(?:participants|attendees|people attended)\b/i, 'participants'],
  [/^teams\b/i, 'teams'],
  [/^speakers\b/i, 'speakers'],
  [/^government officials\b/i, 'officials-trained'],
];
export const QUALIFIERS: Record<string, string> = {
  around: 'about',
  about: 'about',
  approximately: 'about',
  nearly: 'about',
  some: 'about',
  over: 'over',
  'more than': 'over',
  'at least': 'at-least',
};

/** Score at or above which a proposal is matched to an existing node; two within AMBIGUOUS of each other are flagged. */
export const MATCH = { accept: 0.75, ambiguous: 0.1, mergeWithinDocument: 0.75 };
