/**
 * The explorer API, typed by the API's own response schemas (type-only imports: nothing of the
 * server is bundled). Every failure becomes an ApiError the UI can show: a problem+json answer
 * keeps its title and field errors; no answer at all means the API is down.
 */
import type {
  GapsResponse,
  MetricsResponse,
  NeighbourhoodResponse,
  NodeDetail,
  OpenedView,
  PathsResponse,
  SearchResponse,
  SourcedGraphView,
  StatsResponse,
  TimelineDiffResponse,
  TimelineResponse,
} from '../../../api/src/domain/responses.js';
import type { SavedViewInput } from '../../../api/src/domain/saved-view.js';
import type { SuggestionsResponse } from '../../../api/src/domain/suggestions.js';
import type { FlowsResponse, MapResponse } from '../../../api/src/domain/funder.js';
import type { User } from '../../../api/src/domain/accounts.js';
import type { Change } from '../../../api/src/domain/edits.js';
import type { Release } from '../../../api/src/domain/release.js';
import type { DuplicateSuggestion } from '../../../api/src/domain/duplicates.js';
import type { Draft } from '../../../api/src/domain/drafts.js';
import type { DraftSourceFields, ReviewedDraft } from '../../../api/src/domain/drafts.js';
import type { Filters } from './url-state.js';

export type { User, Change, Release, DuplicateSuggestion };

/** What an import would do (a dry run) or did (a commit): the API's own schema. */
import type { ImportPlan } from '../../../api/src/domain/import-plan.js';
export type { ImportPlan };
export type { SuggestionsResponse, FlowsResponse, MapResponse };
export type { TimelineDiffResponse, TimelineResponse };
export type {
  NodeDetail,
  NeighbourhoodResponse,
  SearchResponse,
  PathsResponse,
  SourcedGraphView,
  GapsResponse,
  MetricsResponse,
  StatsResponse,
  OpenedView,
  SavedViewInput,
};
export type { ViewNode, ViewEdge, GraphView } from '../../../api/src/domain/views.js';
export type { Draft, DraftNode, DraftRelationship } from '../../../api/src/domain/drafts.js';
export type { DraftSource, ReviewedDraft } from '../../../api/src/domain/drafts.js';
export type SearchHit = SearchResponse['items'][number];
export type NodeMetrics = MetricsResponse['nodes'][number];

export class ApiError extends Error {
  constructor(
    message: string,
    /** HTTP status; 0 when the API did not answer at all. */
    readonly status: number,
    readonly fields: { field: string; message: string }[] = [],
    /** The answer's body as sent (a problem document, or what a route answers with its error status). */
    readonly body: unknown = undefined,
  ) {
    super(message);
  }

  /** The API or its database is down, as opposed to a bad request: worth a retry. */
  get unavailable(): boolean {
    return this.status === 0 || this.status === 502 || this.status === 503 || this.status === 504;
  }
}

type Query = Record<string, string | number | undefined>;

/** The query string of a filter set, as every graph-shaped endpoint reads it. */
export function filterQuery(filters: Filters): Query {
  return {
    kinds: filters.kinds.join(',') || undefined,
    relTypes: filters.relTypes.join(',') || undefined,
    country: filters.country,
    topic: filters.topic,
    asOf: filters.asOf,
  };
}

export function apiUrl(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined && value !== '') params.set(key, String(value));
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

/** A request index.html started before the app loaded (the default view), taken once. */
function preloaded(url: string): Promise<Response> | undefined {
  const holder = window as unknown as { speanPreload?: { url: string; response: Promise<Response> } };
  const preload = holder.speanPreload;
  if (!preload || preload.url !== url) return undefined;
  holder.speanPreload = undefined;
  return preload.response;
}

let credentials: RequestCredentials = 'same-origin';

/**
 * From now on, read as an anonymous visitor would, even in a signed-in browser: an embed shows
 * what its audience may see (no person marked not public), not what its author may.
 */
export function readAsPublic(): void {
  credentials = 'omit';
}

async function request<T>(path: string, query: Query = {}, init: RequestInit = {}): Promise<T> {
  let res: Response;
  const url = apiUrl(path, query);
  try {
    res = await (preloaded(url) ?? fetch(url, { ...init, credentials, headers: { accept: 'application/json', ...init.headers } }));
  } catch {
    throw new ApiError('The Spean API does not answer.', 0);
  }
  if (res.ok) return (await res.json()) as T;
  const problem = await res.json().catch(() => ({}) as Record<string, unknown>);
  throw new ApiError(String(problem.detail ?? problem.title ?? res.statusText), res.status, (problem.errors as ApiError['fields']) ?? [], problem);
}

type Json = Record<string, unknown>;

/** The CSRF token of the browser's session: every write sends it (the API refuses writes without it). */
let csrfToken: string | null = null;

function send<T>(method: 'POST' | 'PATCH' | 'DELETE', path: string, body: unknown = {}): Promise<T> {
  return request<T>(
    path,
    {},
    {
      method,
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json', ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}) },
    },
  );
}

/** Spreadsheets sent to the importer (multipart), with the session's CSRF token. */
function upload<T>(path: string, query: Query, files: File[]): Promise<T> {
  const form = new FormData();
  for (const file of files) form.append('files', file, file.name);
  return request<T>(path, query, { method: 'POST', body: form, headers: csrfToken ? { 'x-csrf-token': csrfToken } : {} });
}

export interface Session {
  user: User | null;
  csrfToken: string | null;
  anonymousRead: boolean;
}

/** Signing in and out; the session's CSRF token is kept for the writes that follow. */
export const auth = {
  async session(): Promise<Session> {
    const session = await request<Session>('/api/auth/session');
    csrfToken = session.csrfToken;
    return session;
  },
  async login(email: string, password: string): Promise<Session> {
    const session = await send<Session>('POST', '/api/auth/login', { email, password });
    csrfToken = session.csrfToken;
    return session;
  },
  async logout(): Promise<void> {
    await send('POST', '/api/auth/logout');
    csrfToken = null;
  },
};

/** A change's citation: sources that exist, or a new one; and why. */
export interface Citation {
  sources: string[];
  newSource?: { title: string; publisher: string; date?: string; url?: string };
  comment?: string;
}

/** Curators' writes and what they read: each answers the value written and its history entry. */
export const curation = {
  createNode: (node: Json, citation: Citation) => send<{ value: Json; change: Change }>('POST', '/api/nodes', { node, ...citation }),
  updateNode: (id: string, version: number, changes: Json, citation: Citation) =>
    send<{ value: Json; change: Change }>('PATCH', `/api/nodes/${encodeURIComponent(id)}`, { version, changes, ...citation }),
  deleteNode: (id: string, version: number, citation: Citation) =>
    send<{ change: Change }>('DELETE', `/api/nodes/${encodeURIComponent(id)}`, { version, ...citation }),
  createRelationship: (relationship: Json, citation: Citation) =>
    send<{ value: Json; change: Change }>('POST', '/api/relationships', { relationship, ...citation }),
  updateRelationship: (id: string, version: number, changes: Json, citation: Citation) =>
    send<{ value: Json; change: Change }>('PATCH', `/api/relationships/${encodeURIComponent(id)}`, { version, changes, ...citation }),
  deleteRelationship: (id: string, version: number, citation: Citation) =>
    send<{ change: Change }>('DELETE', `/api/relationships/${encodeURIComponent(id)}`, { version, ...citation }),
  history: (id: string) => request<{ items: Change[] }>(`/api/nodes/${encodeURIComponent(id)}/history`),
  revert: (changeId: string, comment?: string) => send<{ change: Change }>('POST', `/api/changes/${changeId}/revert`, { comment }),
  duplicates: (kind?: string) => request<{ items: DuplicateSuggestion[] }>('/api/duplicates', { kind, limit: 200 }),
  dismissDuplicate: (a: string, b: string) => send<{ a: string; b: string }>('POST', '/api/duplicates/dismissals', { a, b }),
  merge: (body: { survivor: string; duplicate: string; versions: { survivor: number; duplicate: number } } & Citation) =>
    send<{ value: Json; change: Change }>('POST', '/api/merges', body),
  users: () => request<{ items: User[] }>('/api/users'),
  addUser: (user: { email: string; name: string; role: string; password: string }) => send<User>('POST', '/api/users', user),
  changeUser: (id: string, changes: { role?: string; disabled?: boolean }) => send<User>('PATCH', `/api/users/${encodeURIComponent(id)}`, changes),
  /** A dry run, or (with `commit`) the import itself: all of it or, when a row is rejected, nothing. */
  importFiles: (files: File[], commit: boolean) =>
    upload<ImportPlan>('/api/import', { commit: String(commit) }, files).catch((error: unknown) => {
      // A commit with rejected rows answers 400 with its plan, which says why.
      const plan = error instanceof ApiError ? (error.body as Partial<ImportPlan> | undefined) : undefined;
      if (plan?.rejected) return plan as ImportPlan;
      throw error;
    }),
  releases: () => request<{ items: Release[] }>('/api/releases'),
  publishRelease: (title: string, notes?: string) => send<Release>('POST', '/api/releases', { title, notes }),
};

/**
 * A document's draft (pasted text or a file, with the source's metadata, which the draft answers
 * back), and the reviewed draft committed or downloaded as the import workbook.
 */
export const drafts = {
  fromText: (text: string, source: DraftSourceFields = {}) => send<Draft>('POST', '/api/drafts', { ...source, text }),
  fromFile: (file: File, source: DraftSourceFields = {}) => {
    const form = new FormData();
    for (const [field, value] of Object.entries(source)) if (value) form.append(field, value);
    form.append('file', file, file.name);
    return request<Draft>('/api/drafts', {}, { method: 'POST', body: form, headers: csrfToken ? { 'x-csrf-token': csrfToken } : {} });
  },
  commit: (draft: ReviewedDraft) =>
    send<ImportPlan>('POST', '/api/drafts/commit', draft).catch((error: unknown) => {
      const plan = error instanceof ApiError ? (error.body as Partial<ImportPlan> | undefined) : undefined;
      if (plan?.rejected) return plan as ImportPlan;
      throw error;
    }),
  async workbook(draft: ReviewedDraft): Promise<Blob> {
    const res = await fetch(apiUrl('/api/drafts/workbook', {}), {
      method: 'POST',
      credentials,
      body: JSON.stringify(draft),
      headers: { 'content-type': 'application/json', ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}) },
    });
    if (!res.ok) throw new ApiError(res.statusText, res.status);
    return res.blob();
  },
};

export const api = {
  search: (q: string, limit = 8, kinds: readonly string[] = []) => request<SearchResponse>('/api/search', { q, limit, kinds: kinds.join(',') || undefined }),
  node: (id: string) => request<NodeDetail>(`/api/nodes/${encodeURIComponent(id)}`),
  neighbourhood: (id: string, filters: Filters, limit: number) =>
    request<NeighbourhoodResponse>(`/api/nodes/${encodeURIComponent(id)}/neighbourhood`, { ...filterQuery(filters), limit }),
  graph: (filters: Filters, limit = 2_000) => request<SourcedGraphView>('/api/graph', { ...filterQuery(filters), limit }),
  paths: (from: string, to: string, filters: Filters, maxLength: number, avoidKinds: readonly string[]) =>
    // "Avoid nothing" must reach the API (left out, it avoids its defaults); an empty value is
    // dropped from the query string, a lone comma is read as an empty list.
    request<PathsResponse>('/api/paths', { from, to, ...filterQuery(filters), maxLength, avoidKinds: avoidKinds.join(',') || ',' }),
  metrics: (filters: Filters) => request<MetricsResponse>('/api/metrics', { ...filterQuery({ ...filters, kinds: [] }), limit: 5_000 }),
  gaps: (filters: Filters) => request<GapsResponse>('/api/gaps', { ...filterQuery({ ...filters, kinds: [] }), limit: 100 }),
  stats: () => request<StatsResponse>('/api/stats'),
  timeline: (from: string, to: string) => request<TimelineResponse>('/api/timeline', { from, to, granularity: 'year' }),
  /** Who joined and which links began after `from`, up to `to` (the API's largest page). */
  diff: (from: string, to: string) => request<TimelineDiffResponse>('/api/timeline/diff', { from, to, limit: 5_000 }),
  suggestions: (id: string, filters: Filters, limit = 10) =>
    request<SuggestionsResponse>(`/api/nodes/${encodeURIComponent(id)}/suggestions`, { asOf: filters.asOf, limit }),
  flows: (filters: Filters) => request<FlowsResponse>('/api/flows', { asOf: filters.asOf }),
  map: (filters: Filters) => request<MapResponse>('/api/map', { asOf: filters.asOf }),
  list: (collection: 'places' | 'topics') => request<{ items: { id: string; name: string; placeKind?: string }[] }>(`/api/${collection}`, { limit: 500 }),
  // A signed-in browser's write: with the session's CSRF token, as every write.
  saveView: (view: SavedViewInput) => send<OpenedView>('POST', '/api/views', view),
  openView: (id: string) => request<OpenedView>(`/api/views/${encodeURIComponent(id)}`),
};

/** A download link for the current view's data in one of the API's export formats. */
export function exportUrl(path: string, filters: Filters, format: string, extra: Query = {}): string {
  return apiUrl(path, { ...filterQuery(filters), ...extra, format });
}
