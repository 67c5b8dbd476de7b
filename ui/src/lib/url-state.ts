/**
 * The state of the explorer that a URL carries: tab, selection, filters, time, path, language and
 * how the graph is drawn. Parsing is forgiving (an unknown value falls back to the default) because
 * URLs are typed, truncated and pasted by people.
 */
import { TIME_START } from './time.js';

export const TABS = ['graph', 'table', 'path', 'changes', 'gaps', 'metrics', 'dashboard', 'releases', 'curate'] as const;
export type Tab = (typeof TABS)[number];
export const LANGUAGES = ['en', 'km'] as const;
export type Language = (typeof LANGUAGES)[number];
export const SIZE_METRICS = ['none', 'degree', 'betweenness', 'pagerank'] as const;
export type SizeMetric = (typeof SIZE_METRICS)[number];
export const COLOUR_MODES = ['kind', 'community'] as const;
export type ColourMode = (typeof COLOUR_MODES)[number];

export interface Filters {
  kinds: string[];
  relTypes: string[];
  country?: string;
  topic?: string;
  /** See the network as it was on this date. */
  asOf?: string;
}

export interface UrlState {
  tab: Tab;
  lang: Language;
  /** The selected node. */
  node?: string;
  filters: Filters;
  /** Ends of the path asked for. */
  from?: string;
  to?: string;
  /** Kinds a path may not pass through; undefined means the usual ones (topics, places …). */
  avoid?: string[];
  size: SizeMetric;
  colour: ColourMode;
  /** A saved view to open. */
  view?: string;
  /** Read-only, for an iframe on another site. */
  embed: boolean;
  /** At most this many nodes in the network view (the most connected first). */
  limit: number;
  /** Only nodes with at least this many links on screen (0: all). */
  minDegree: number;
  /** The changes view compares the network at the end of one year with the end of a later one. */
  years: YearPair;
}

export interface YearPair {
  from: number;
  to: number;
}

/** The years the changes view offers: from the start of the recorded history to this year. */
export const YEARS = { first: TIME_START.year, last: Math.max(TIME_START.year + 1, new Date().getUTCFullYear()) };
export const DEFAULT_YEARS: YearPair = { from: 2022, to: Math.min(2025, YEARS.last) };

export const LIMITS = { min: 50, max: 20_000, default: 2_000 };

export const DEFAULT_STATE: UrlState = {
  tab: 'graph',
  lang: 'en',
  filters: { kinds: [], relTypes: [] },
  size: 'degree',
  colour: 'kind',
  embed: false,
  limit: LIMITS.default,
  minDegree: 0,
  years: DEFAULT_YEARS,
};

const ID = /^[a-z0-9][a-z0-9-]{0,119}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const VIEW_ID = /^[A-Za-z0-9_-]{8,32}$/;

function oneOf<T extends string>(options: readonly T[], value: string | null, fallback: T): T {
  return options.includes(value as T) ? (value as T) : fallback;
}
const matching = (pattern: RegExp, value: string | null) => (value && pattern.test(value) ? value : undefined);
const limit = (value: string | null) => {
  const n = Number(value);
  return Number.isInteger(n) && n >= LIMITS.min && n <= LIMITS.max ? n : LIMITS.default;
};
/** Two years in order within the network's history, or the default pair. */
function years(from: string | null, to: string | null): YearPair {
  const year = (value: string | null, fallback: number) => {
    const n = Number(value ?? fallback);
    return Number.isInteger(n) && n >= YEARS.first && n <= YEARS.last ? n : fallback;
  };
  const pair = { from: year(from, DEFAULT_YEARS.from), to: year(to, DEFAULT_YEARS.to) };
  return pair.from < pair.to ? pair : DEFAULT_YEARS;
}
const list = (value: string | null) => (value ?? '').split(',').filter((item) => /^[A-Za-z_-]{1,40}$/.test(item));

export function parseState(search: string): UrlState {
  const q = new URLSearchParams(search);
  return {
    tab: oneOf(TABS, q.get('tab'), DEFAULT_STATE.tab),
    lang: oneOf(LANGUAGES, q.get('lang'), DEFAULT_STATE.lang),
    node: matching(ID, q.get('node')),
    filters: {
      kinds: list(q.get('kinds')),
      relTypes: list(q.get('rels')),
      country: matching(ID, q.get('country')),
      topic: matching(ID, q.get('topic')),
      asOf: matching(DATE, q.get('asOf')),
    },
    from: matching(ID, q.get('from')),
    to: matching(ID, q.get('to')),
    avoid: q.has('avoid') ? list(q.get('avoid')).filter((kind) => kind !== '-') : undefined,
    size: oneOf(SIZE_METRICS, q.get('size'), DEFAULT_STATE.size),
    colour: oneOf(COLOUR_MODES, q.get('colour'), DEFAULT_STATE.colour),
    view: matching(VIEW_ID, q.get('view')),
    embed: q.get('embed') === '1',
    limit: limit(q.get('limit')),
    minDegree: Math.min(50, Math.max(0, Math.trunc(Number(q.get('minDegree')) || 0))),
    years: years(q.get('fromYear'), q.get('toYear')),
  };
}

/** The query string of a state, leaving defaults out so that shared URLs stay short. */
export function serializeState(state: UrlState): string {
  const entries: [string, string | undefined][] = [
    ['tab', state.tab === DEFAULT_STATE.tab ? undefined : state.tab],
    ['lang', state.lang === DEFAULT_STATE.lang ? undefined : state.lang],
    ['node', state.node],
    ['kinds', state.filters.kinds.join(',') || undefined],
    ['rels', state.filters.relTypes.join(',') || undefined],
    ['country', state.filters.country],
    ['topic', state.filters.topic],
    ['asOf', state.filters.asOf],
    ['from', state.from],
    ['to', state.to],
    // "avoid nothing" is kept as `avoid=-`, so that it survives a reload.
    ['avoid', state.avoid ? state.avoid.join(',') || '-' : undefined],
    ['size', state.size === DEFAULT_STATE.size ? undefined : state.size],
    ['colour', state.colour === DEFAULT_STATE.colour ? undefined : state.colour],
    ['view', state.view],
    ['embed', state.embed ? '1' : undefined],
    ['limit', state.limit === LIMITS.default ? undefined : String(state.limit)],
    ['minDegree', state.minDegree ? String(state.minDegree) : undefined],
    // Years are kept whenever the changes view is open, so that its link says what it compares.
    ['fromYear', state.tab === 'changes' || state.years.from !== DEFAULT_YEARS.from ? String(state.years.from) : undefined],
    ['toYear', state.tab === 'changes' || state.years.to !== DEFAULT_YEARS.to ? String(state.years.to) : undefined],
  ];
  const q = new URLSearchParams();
  for (const [key, value] of entries) if (value) q.set(key, value);
  const s = q.toString().replace(/%2C/g, ',');
  return s ? `?${s}` : '';
}

/** Whether two filter sets ask the API for the same data. */
export function sameFilters(a: Filters, b: Filters): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
