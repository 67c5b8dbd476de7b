/**
 * The explorer's state and the actions people take, shared by every component. Data comes from
 * the API; what is on the canvas is an exploration history (undo/redo); what can be shared lives
 * in `url` and is mirrored into the address bar by App.svelte.
 */
import { api, ApiError, readAsPublic, type NodeDetail, type NodeMetrics, type PathsResponse } from './api.js';
import { collapse, EMPTY_STATE, hide, History, pin, showAll, stateOf, withView, type ExplorationState } from './graph/exploration.js';
import type { Positions } from './graph/layout-core.js';
import { MESSAGES } from './i18n.js';
import { parseState, sameFilters, type Filters, type Tab, type UrlState, type YearPair } from './url-state.js';
import { SessionState } from './session.svelte.js';
import { filterState } from './graph/view-filter.js';
import { DEFAULT_AVOID, searchPaths, type PathSearch } from './path-search.js';

export type Status = 'loading' | 'ready' | 'error';

/** How many neighbours one expansion adds before offering "show N more". */
export const EXPAND_STEP = 25;

export interface More {
  id: string;
  limit: number;
  omitted: number;
}

export class Explorer {
  url = $state<UrlState>(parseState(location.search));
  graph = $state.raw<ExplorationState>(EMPTY_STATE);
  canUndo = $state(false);
  canRedo = $state(false);
  status = $state<Status>('loading');
  error = $state.raw<ApiError | null>(null);
  detail = $state.raw<NodeDetail | null>(null);
  metrics = $state.raw<ReadonlyMap<string, NodeMetrics> | undefined>(undefined);
  path = $state.raw<PathsResponse | null>(null);
  /** How the last path search went: which kinds it avoided, whether it had to go through others. */
  pathSearch = $state.raw<Omit<PathSearch, 'response'> | null>(null);
  more = $state.raw<More | null>(null);
  breadcrumbs = $state<{ id: string; name: string }[]>([]);
  /** Focus mode: this node and its neighbours stand out, the rest fades; follows the selection. */
  focus = $state<string | undefined>(undefined);
  /** The newcomers the changes view lists, ringed on the graph until unmarked. */
  joined = $state.raw<{ years: YearPair; ids: ReadonlySet<string> } | null>(null);
  /** Positions to restore (a saved view), handed to the canvas once. */
  savedPositions = $state.raw<{ positions: Positions; viewport: { zoom: number; pan: { x: number; y: number } } } | null>(null);

  /** Who is signed in (never in an embed, which reads as an anonymous visitor). */
  readonly session = new SessionState();

  /**
   * What the canvas and the table show: the loaded state under the filters applied in the
   * browser (relationship kinds, fewest links, curators' notes only for curators).
   */
  readonly visible = $derived(
    filterState(this.graph, {
      relTypes: this.clientRelTypes ? this.url.filters.relTypes : [],
      minDegree: this.url.minDegree,
      curator: this.session.canEdit,
    }),
  );

  private history = new History<ExplorationState>(EMPTY_STATE);
  private loadedFilters = $state.raw<Filters | null>(null);
  private lastAttempt: (() => Promise<void>) | null = null;
  private pathRequests = 0;

  constructor() {
    if (this.url.embed) readAsPublic();
  }

  get t() {
    return MESSAGES[this.url.lang];
  }
  get readOnly(): boolean {
    return this.url.embed;
  }

  /** Runs an API action with loading and error state; a failure can be retried as it was. */
  private async attempt(action: () => Promise<void>): Promise<void> {
    this.lastAttempt = action;
    this.status = 'loading';
    try {
      await action();
      this.error = null;
      this.status = 'ready';
    } catch (error) {
      this.error = error instanceof ApiError ? error : new ApiError(String(error), 500);
      this.status = 'error';
    }
  }

  retry(): Promise<void> {
    return this.attempt(this.lastAttempt ?? (() => this.start()));
  }

  private step(next: ExplorationState): void {
    this.graph = this.history.push(next);
    this.syncHistory();
  }
  private syncHistory(): void {
    this.canUndo = this.history.canUndo;
    this.canRedo = this.history.canRedo;
  }

  /** First load: a saved view, or the network under the URL's filters; then the URL's selection and path. */
  start(): Promise<void> {
    if (!this.url.embed) void this.session.load();
    return this.attempt(async () => {
      if (this.url.view) await this.openSaved(this.url.view);
      else await this.loadNetwork();
      if (this.url.node) await this.loadDetail(this.url.node);
      if (this.url.from && this.url.to) await this.loadPath(this.url.from, this.url.to);
      if (this.needsMetrics) void this.loadMetrics();
    });
  }

  private async loadNetwork(): Promise<void> {
    const filters = $state.snapshot(this.url.filters);
    const view = await api.graph(filters, this.url.limit);
    performance.mark('spean:data');
    this.loadedFilters = filters;
    this.more = null;
    this.step(stateOf(view));
  }

  private async openSaved(id: string): Promise<void> {
    const saved = await api.openView(id);
    const { filters, ...rest } = parseState(saved.state);
    this.url = { ...this.url, ...rest, filters, view: id, embed: this.url.embed, lang: this.url.lang };
    this.loadedFilters = filters;
    this.savedPositions = { positions: saved.positions, viewport: saved.viewport };
    this.step(stateOf(saved.graph, { hidden: new Set(saved.hidden), pinned: new Set(saved.pinned), collapsed: new Set(saved.collapsed) }));
  }

  /** Relationship kinds are filtered in the browser when the loaded network has all of them. */
  private get clientRelTypes(): boolean {
    return Boolean(this.loadedFilters && !this.loadedFilters.relTypes.length);
  }

  setFilters(filters: Filters): Promise<void> {
    this.url.filters = filters;
    if (this.loadedFilters && sameFilters(filters, this.loadedFilters)) return Promise.resolve();
    // Only the relationship kinds changed, and the network on hand holds all of them: no reload.
    if (this.loadedFilters && !this.loadedFilters.relTypes.length && sameFilters({ ...filters, relTypes: [] }, this.loadedFilters)) {
      performance.mark('spean:filtered');
      return Promise.resolve();
    }
    // Metrics belong to a filter set: the new network gets its own.
    this.metrics = undefined;
    return this.attempt(async () => {
      await this.loadNetwork();
      if (this.needsMetrics) void this.loadMetrics();
    });
  }

  setTab(tab: Tab): void {
    this.url.tab = tab;
  }

  private async loadDetail(id: string): Promise<void> {
    const detail = await api.node(id);
    this.detail = detail;
    const name = String(detail.node.name ?? id);
    this.breadcrumbs = [...this.breadcrumbs.filter((b) => b.id !== id), { id, name }].slice(-8);
  }

  /** After a curator's write: the selected node as it is now, and the network if it changed shape. */
  async refresh(options: { network?: boolean } = {}): Promise<void> {
    await this.attempt(async () => {
      if (options.network) await this.loadNetwork();
      if (this.url.node) await this.loadDetail(this.url.node);
    });
  }

  select(id: string | undefined): Promise<void> {
    this.url.node = id;
    if (this.focus && id) this.focus = id;
    if (!id) {
      this.detail = null;
      return Promise.resolve();
    }
    return this.attempt(async () => {
      await this.loadDetail(id);
      // A node chosen from search or a table may not be on the canvas yet: bring it with its neighbours.
      if (!this.graph.nodes.has(id) || this.graph.hidden.has(id)) await this.expandNow(id, EXPAND_STEP);
    });
  }

  private async expandNow(id: string, limit: number): Promise<void> {
    const view = await api.neighbourhood(id, $state.snapshot(this.url.filters), limit);
    this.more = view.truncated ? { id, limit, omitted: view.omitted.nodes } : null;
    this.step(withView(this.graph, view));
  }

  expand(id: string, limit = EXPAND_STEP): Promise<void> {
    return this.attempt(() => this.expandNow(id, limit));
  }

  showMore(): Promise<void> {
    const more = this.more;
    if (!more) return Promise.resolve();
    return this.expand(more.id, more.limit + EXPAND_STEP * 4);
  }

  hide(ids: string[]): void {
    this.step(hide(this.graph, ids));
    if (this.url.node && ids.includes(this.url.node)) void this.select(undefined);
  }
  showHidden(): void {
    this.step(showAll(this.graph));
  }
  pin(id: string, on: boolean): void {
    this.step(pin(this.graph, id, on));
  }
  collapse(hub: string, on: boolean): void {
    this.step(collapse(this.graph, hub, on));
  }
  undo(): void {
    this.graph = this.history.undo();
    this.syncHistory();
  }
  redo(): void {
    this.graph = this.history.redo();
    this.syncHistory();
  }

  /** The kinds a path may not pass through, as the person set them. */
  get avoidKinds(): readonly string[] {
    return this.url.avoid ?? DEFAULT_AVOID;
  }

  private async loadPath(from: string, to: string): Promise<void> {
    const filters = $state.snapshot(this.url.filters);
    const asked = ++this.pathRequests;
    const { response, ...how } = await searchPaths((maxLength, avoid) => api.paths(from, to, filters, maxLength, avoid), this.avoidKinds);
    // A path cleared (or asked again) while this one was on its way is not drawn.
    if (asked !== this.pathRequests) return;
    this.path = response;
    this.pathSearch = how;
    if (response.nodes.length) this.step(withView(this.graph, response));
  }

  findPath(from: string, to: string): Promise<void> {
    this.url.from = from;
    this.url.to = to;
    return this.attempt(() => this.loadPath(from, to));
  }

  /** Forgets the path: its ends, its highlight and the fade of everything else. */
  clearPath(): void {
    this.pathRequests++;
    this.path = null;
    this.pathSearch = null;
    this.url.from = undefined;
    this.url.to = undefined;
  }

  /** A node, its neighbours and the edges among them: what focus mode keeps bright. */
  focusIds(id: string): Set<string> {
    const ids = new Set([id, ...this.neighboursOf(id)]);
    for (const e of this.visible.edges.values()) if (ids.has(e.from) && ids.has(e.to)) ids.add(e.id);
    return ids;
  }

  /** The ids of the nodes linked to this one on the canvas. */
  neighboursOf(id: string): string[] {
    const found = new Set<string>();
    const shown = this.visible;
    for (const e of shown.edges.values()) {
      if (e.from === id && !shown.hidden.has(e.to)) found.add(e.to);
      else if (e.to === id && !shown.hidden.has(e.from)) found.add(e.from);
    }
    return [...found];
  }

  /** How the graph is drawn; sizing by a centrality or colouring by community needs the metrics. */
  setDrawing(change: Partial<Pick<UrlState, 'size' | 'colour'>>): void {
    Object.assign(this.url, change);
    if (this.needsMetrics) void this.loadMetrics();
  }

  private get needsMetrics(): boolean {
    return this.url.size === 'betweenness' || this.url.size === 'pagerank' || this.url.colour === 'community';
  }

  /** Metrics for sizing and colouring by community, fetched once per filter set. */
  loadMetrics(): Promise<void> {
    if (this.metrics) return Promise.resolve();
    return this.attempt(async () => {
      const result = await api.metrics($state.snapshot(this.url.filters));
      this.metrics = new Map(result.nodes.map((n) => [n.id, n]));
    });
  }
}
