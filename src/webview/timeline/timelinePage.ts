// The page: handshake with the host, stream the trace into the worker with progress, then wire the
// canvas view, search, details, analyses and "Save Analysis to Run" together.
import type { CursorMessage, GapBoundary, InitMessage, PatchMessage } from '../../shared/timelineProtocol';
import { AnalysesPane } from './analysesPane';
import { DetailsPane } from './detailsPane';
import { FactsRequests } from './factsRequests';
import type { SliceFacts } from './flowLinks';
import { HostBridge } from './hostBridge';
import { createParserWorker, formatBytes } from './pageBoot';
import { cursorHighlight, nameTotals, patchHighlight, slicesOfName, type NameHighlight, type NameTotals } from './patchHighlights';
import { PatchPane } from './patchPane';
import { findSlices, matchNames, stepMatch } from './sliceQueries';
import { formatDuration } from './timeFormat';
import { timelineText, type TimelineText } from './timelineMessages';
import type { RenderModel } from './timelineModel';
import { TimelineView } from './timelineView';
import { ChunkPool, requestEarly, streamSources } from './traceLoader';
import { isFromWorker, type FromWorker, type ToWorker } from './workerProtocol';
import type { Viewport } from './viewport';
import { el } from '../shared/dom';

/** Read-only hooks for tests and benchmarks (window.xllmTimeline). */
export interface TimelineProbe {
  phase: 'starting' | 'loading' | 'building' | 'ready' | 'failed';
  /** performance.now() when the first frame of the loaded trace was drawn. */
  firstFrameAt: number | null;
  events: number;
  slices: number;
  /** Worker time to parse the bytes (overlaps the download) and to build the render model. */
  parseMs: number;
  /** Of parseMs, the time inside the parser (the rest is waiting for bytes). */
  pushMs: number;
  /** Closing the columns (B/E pairing, lanes) and building the render model. */
  finishMs: number;
  buildMs: number;
  problems: string[];
  /** performance.now() at each loading step (init, worker, streamed, model, drawn). */
  marks: Record<string, number>;
  frameMs(): number[];
  /** Buckets and slices visited per frame (same order as frameMs). */
  frameVisits(): number[];
  viewport(): Viewport | null;
  /** Page coordinates of the centre of the first visible slice with exactly this name. */
  slicePoint(name: string): { x: number; y: number } | null;
  /** The patch and cursor highlights as drawn (null before the host sent a patch). */
  patch(): PatchProbe | null;
  /** Page coordinates of the centre of the selected slice (however narrow), or null. */
  selectedPoint(): { x: number; y: number } | null;
}

export interface PatchProbe {
  readonly state: PatchMessage['state'];
  readonly symbols: number;
  /** Touched names with their slice counts, in list order. */
  readonly touched: readonly { name: string; count: number }[];
  /** Slices drawn with the patch highlight. */
  readonly highlighted: number;
  readonly cursor: string | null;
  /** Slices drawn with the cursor highlight. */
  readonly cursorHighlighted: number;
  /** The last "open the source" outcome (status and target). */
  readonly lastOpen: string | null;
}

export class TimelinePage {
  private readonly bridge = new HostBridge();
  private t: TimelineText = timelineText('en');
  private init: InitMessage | null = null;
  private worker: Worker | null = null;
  private model: RenderModel | null = null;
  private view: TimelineView | null = null;
  private details: DetailsPane | null = null;
  private analyses: AnalysesPane | null = null;
  private workerBytes = 0;
  private waiters: { bytes: number; resolve: () => void }[] = [];
  private readonly chunkPool = new ChunkPool();
  private readonly factsRequests = new FactsRequests((m) => this.post(m));
  private nextGapRequest = 1;
  private hits: Uint32Array = new Uint32Array(0);
  private hitIndex = -1;
  private readonly probe: TimelineProbe;
  private patchPane: PatchPane | null = null;
  private patchMsg: PatchMessage | null = null;
  private cursorMsg: CursorMessage | null = null;
  private totals: NameTotals | null = null;
  private patchHL: NameHighlight | null = null;
  private cursorHL: NameHighlight | null = null;
  private lastOpen: string | null = null;
  private readonly nameSlices = new Map<number, Uint32Array>();
  private readonly ui = {
    app: el('div', 'tl-app'),
    title: el('h1', 'tl-title'),
    search: el('input', 'tl-input tl-search-input'),
    prev: el('button', 'tl-icon-button', '↑'),
    next: el('button', 'tl-icon-button', '↓'),
    count: el('span', 'tl-search-count'),
    zoomOut: el('button', 'tl-icon-button', '−'),
    zoomIn: el('button', 'tl-icon-button', '+'),
    fit: el('button', 'tl-icon-button', '⤢'),
    save: el('button', 'tl-button'),
    toggleAnalyses: el('button', 'tl-button tl-secondary'),
    banner: el('div', 'tl-banner'),
    progress: el('div', 'tl-progress'),
    progressBar: el('div', 'tl-progress-bar'),
    progressText: el('div', 'tl-progress-text'),
    main: el('main', 'tl-main'),
    scroller: el('div', 'tl-scroller'),
    side: el('div', 'tl-side'),
    patch: el('section', 'tl-patch'),
    details: el('aside', 'tl-details'),
    analyses: el('section', 'tl-analyses'),
    status: el('footer', 'tl-status'),
  };

  constructor(
    private readonly mount: HTMLElement,
    private readonly scriptUrl: string,
  ) {
    this.probe = {
      phase: 'starting',
      firstFrameAt: null,
      events: 0,
      slices: 0,
      parseMs: 0,
      pushMs: 0,
      finishMs: 0,
      buildMs: 0,
      problems: [],
      marks: {},
      frameMs: () => [...(this.view?.stats.frameMs ?? [])],
      frameVisits: () => [...(this.view?.stats.frameVisits ?? [])],
      viewport: () => this.view?.viewport ?? null,
      slicePoint: (name) => this.view?.namedSlicePoint(name) ?? null,
      patch: () => this.patchProbe(),
      selectedPoint: () => (this.view && this.view.selected >= 0 ? this.view.slicePoint(this.view.selected) : null),
    };
    (window as unknown as { xllmTimeline: TimelineProbe }).xllmTimeline = this.probe;
    this.buildShell();
    this.bridge.start((m) => void this.onInit(m));
  }

  private buildShell(): void {
    const u = this.ui;
    const toolbar = el('header', 'tl-toolbar');
    const search = el('div', 'tl-search');
    search.setAttribute('role', 'search');
    u.search.type = 'search';
    u.count.setAttribute('aria-live', 'polite');
    search.append(u.search, u.prev, u.next, u.count);
    const zoom = el('div', 'tl-zoom');
    zoom.append(u.zoomOut, u.zoomIn, u.fit);
    toolbar.append(u.title, search, zoom, u.toggleAnalyses, u.save);
    u.banner.setAttribute('role', 'alert');
    u.banner.hidden = true;
    u.progress.setAttribute('role', 'progressbar');
    u.progress.setAttribute('aria-valuemin', '0');
    u.progress.setAttribute('aria-valuemax', '100');
    u.progress.append(u.progressBar, u.progressText);
    u.details.setAttribute('aria-live', 'polite');
    u.side.append(u.patch, u.details);
    u.main.append(u.scroller, u.side);
    u.status.setAttribute('role', 'status');
    u.app.append(toolbar, u.banner, u.progress, u.main, u.analyses, u.status);
    this.mount.replaceChildren(u.app);
    for (const b of [u.prev, u.next, u.zoomIn, u.zoomOut, u.fit, u.save, u.toggleAnalyses]) {
      b.type = 'button';
      b.disabled = true;
    }
    u.search.disabled = true;
    u.analyses.hidden = true;
    this.applyTexts();
  }

  private applyTexts(): void {
    const u = this.ui;
    const t = this.t;
    u.search.placeholder = t('searchPlaceholder');
    u.search.setAttribute('aria-label', t('searchLabel'));
    const label = (b: HTMLButtonElement, text: string): void => {
      b.title = text;
      b.setAttribute('aria-label', text);
    };
    label(u.prev, t('previousMatch'));
    label(u.next, t('nextMatch'));
    label(u.zoomIn, t('zoomIn'));
    label(u.zoomOut, t('zoomOut'));
    label(u.fit, t('fit'));
    u.save.textContent = t('saveAnalysis');
    u.toggleAnalyses.textContent = t('toggleAnalyses');
    u.toggleAnalyses.setAttribute('aria-expanded', String(!u.analyses.hidden));
  }

  private async onInit(m: InitMessage): Promise<void> {
    if (this.init) return; // one trace per page; a repeated init (host re-sent after a reload race) changes nothing
    this.init = m;
    this.bridge.saveIdentity(m.identity);
    this.t = timelineText(m.locale);
    document.documentElement.lang = m.locale;
    this.applyTexts();
    this.ui.title.textContent = m.title;
    // The patch pane speaks the init locale; the bridge hands it the patch that arrived meanwhile.
    this.patchPane = new PatchPane(this.ui.patch, this.t, { step: (id, dir) => this.stepName(id, dir) });
    this.bridge.onPatch((msg) => this.onPatch(msg));
    this.ui.title.title = m.sources.map((s) => s.label).join('\n');
    this.probe.phase = 'loading';
    this.probe.marks.init = performance.now();
    const total = m.sources.reduce((s, x) => s + Math.max(0, x.bytes), 0);
    const known = m.sources.every((s) => s.bytes >= 0);
    this.setProgress(0, total, known, 0);
    const firstResponse = m.sources.length ? requestEarly(m.sources[0].url) : undefined;
    try {
      this.worker = await createParserWorker(this.scriptUrl, 'xllm-timeline-parser');
    } catch (e) {
      this.fail((e as Error).message);
      return;
    }
    this.probe.marks.worker = performance.now();
    this.worker.addEventListener('message', (e) => {
      if (isFromWorker(e.data)) this.onWorker(e.data);
    });
    this.worker.addEventListener('error', (e) => this.fail(e.message || 'worker error'));
    this.post({ type: 'open', files: m.sources.map((s) => s.label), locale: m.locale, ...(known ? { bytes: total } : {}) });
    let events = 0;
    let lastUi = 0;
    this.onEvents = (n) => {
      events = n;
    };
    const fetchErrors = await streamSources(
      m.sources,
      {
        post: (msg, transfer) => this.post(msg, transfer),
        pool: this.chunkPool,
        firstResponse,
        consumed: (bytes) => (this.workerBytes >= bytes ? Promise.resolve() : new Promise((resolve) => this.waiters.push({ bytes, resolve }))),
      },
      (p) => {
        // A few updates per second are enough to read; one per network chunk would cost layout time.
        const now = performance.now();
        if (now - lastUi < 100) return;
        lastUi = now;
        this.setProgress(p.bytes, total, known, events, m.sources[p.source]?.label);
      },
    );
    this.fetchErrors = fetchErrors;
    this.probe.marks.streamed = performance.now();
    this.probe.phase = 'building';
    this.ui.progressText.textContent = this.t('building', events.toLocaleString());
    this.post({ type: 'finish', boundary: m.boundary });
  }

  private onEvents: (n: number) => void = () => undefined;
  private fetchErrors: { source: number; message: string }[] = [];

  private post(m: ToWorker, transfer: Transferable[] = []): void {
    this.worker?.postMessage(m, transfer);
  }

  private setProgress(bytes: number, total: number, known: boolean, events: number, label?: string): void {
    const u = this.ui;
    const pct = known && total > 0 ? Math.min(100, (bytes / total) * 100) : 0;
    u.progressBar.style.width = `${pct.toFixed(1)}%`;
    u.progress.setAttribute('aria-valuenow', pct.toFixed(0));
    const line = known ? this.t('loadingBytes', formatBytes(bytes), formatBytes(total), events.toLocaleString()) : this.t('loadingBytesUnknown', formatBytes(bytes), events.toLocaleString());
    u.progressText.textContent = `${label ? this.t('loading', label) : ''} ${line}`.trim();
  }

  private onWorker(m: FromWorker): void {
    switch (m.type) {
      case 'progress': {
        this.chunkPool.release(m.buffer);
        this.workerBytes = m.bytes;
        this.onEvents(m.events);
        this.waiters = this.waiters.filter((w) => (w.bytes <= m.bytes ? (w.resolve(), false) : true));
        return;
      }
      case 'model':
        this.probe.marks.model = performance.now();
        this.probe.parseMs = m.parseMs;
        this.probe.pushMs = m.pushMs;
        this.probe.finishMs = m.finishMs;
        this.probe.buildMs = m.buildMs;
        this.onModel(m.model, m.parseMs);
        return;
      case 'analyses':
        this.analyses?.show(m.analyses);
        return;
      case 'gaps':
        this.analyses?.showGaps(m.gaps);
        return;
      case 'facts': {
        this.factsRequests.settle(m.requestId, m.facts);
        return;
      }
      case 'failed':
        if (!this.model) this.fail(m.message);
        else this.analyses?.failed(m.message);
        return;
    }
  }

  private fail(message: string): void {
    this.probe.phase = 'failed';
    this.ui.progress.hidden = true;
    this.ui.banner.hidden = false;
    this.ui.banner.replaceChildren(el('p', undefined, this.t('failed', message)));
  }

  private facts(slice: number): Promise<SliceFacts | null> {
    return this.factsRequests.ask(slice);
  }

  private onModel(model: RenderModel, parseMs: number): void {
    const init = this.init!;
    const u = this.ui;
    this.model = model;
    this.probe.events = model.eventCount;
    this.probe.slices = model.slices.start.length;
    u.progress.hidden = true;
    this.showProblems(model, init);
    const labels = init.sources.map((s) => s.label);
    this.details = new DetailsPane(
      u.details,
      model,
      this.t,
      {
        goTo: (s) => this.view?.select(s, true),
        readArgs: (src, off, len) => this.bridge.readArgs(src, off, len),
        openSymbol: (nameId) => void this.openSymbol(nameId),
        touchedBy: (nameId) => this.touchedBy(nameId),
      },
      labels,
    );
    const view = new TimelineView(u.scroller, model, this.t, {
      select: (slice) => {
        if (slice < 0) {
          this.details?.clear();
          return;
        }
        const facts = this.facts(slice);
        this.details?.showSlice(slice, facts);
        void facts.then((f) => f && view.setArrows(slice, f.arrows));
      },
      range: (r) => {
        if (r) this.details?.showRange(r, view.expandedLaneCount());
        else this.details?.clear();
      },
    });
    this.view = view;
    this.analyses = new AnalysesPane(u.analyses, this.t, { recomputeGaps: (b) => this.recomputeGaps(b) }, init.boundary);
    this.wireControls(view, model, init);
    this.totals = nameTotals(model);
    this.applyPatch();
    const laneCount = model.lanes.filter((l) => l.tracks.length || l.counters.length).length;
    u.status.textContent = this.t('loaded', model.eventCount.toLocaleString(), model.slices.start.length.toLocaleString(), laneCount, formatDuration(parseMs * 1e6));
    new ResizeObserver(() => view.resize()).observe(u.scroller);
    new MutationObserver(() => view.refreshTheme()).observe(document.body, { attributes: true, attributeFilter: ['class'] });
    // The view drew its first frame when it was created.
    this.probe.firstFrameAt = this.probe.marks.drawn = performance.now();
    this.probe.phase = 'ready';
    this.bridge.send({ type: 'loaded', events: model.eventCount, slices: model.slices.start.length, ms: Math.round(this.probe.firstFrameAt), problems: this.probe.problems });
    view.canvas.focus();
  }

  private showProblems(model: RenderModel, init: InitMessage): void {
    const u = this.ui;
    const lines: HTMLElement[] = [];
    const problems: string[] = [];
    for (const s of model.sources) {
      if (!s.error) continue;
      const label = init.sources[s.index]?.label ?? s.file;
      const text = this.t('truncated', label, s.error.offset.toLocaleString(), s.error.line.toLocaleString(), s.error.message, s.events.toLocaleString());
      problems.push(text);
      const p = el('p', undefined, text);
      const open = el('button', 'tl-link', this.t('openAtLine', s.error.line.toLocaleString()));
      open.type = 'button';
      const line = s.error.line;
      open.addEventListener('click', () => this.bridge.send({ type: 'openSource', source: s.index, line }));
      p.append(' ', open);
      lines.push(p);
    }
    for (const f of this.fetchErrors) {
      const text = this.t('fetchFailed', init.sources[f.source]?.label ?? String(f.source), f.message);
      problems.push(text);
      lines.push(el('p', undefined, text));
    }
    const skipped = Object.entries(model.skipped);
    if (skipped.length) {
      const n = skipped.reduce((s, [, c]) => s + c, 0);
      lines.push(el('p', 'tl-muted', this.t('skippedEvents', n.toLocaleString(), skipped.map(([r, c]) => `${r} (${c})`).join(', '))));
    }
    this.probe.problems = problems;
    u.banner.hidden = lines.length === 0;
    u.banner.classList.toggle('tl-banner-warning', problems.length > 0);
    u.banner.replaceChildren(...lines);
  }

  private recomputeGaps(b: GapBoundary): void {
    this.post({ type: 'gaps', requestId: this.nextGapRequest++, boundary: b });
  }

  private wireControls(view: TimelineView, model: RenderModel, init: InitMessage): void {
    const u = this.ui;
    for (const b of [u.prev, u.next, u.zoomIn, u.zoomOut, u.fit, u.toggleAnalyses]) b.disabled = false;
    u.search.disabled = false;
    u.save.disabled = !init.canSave;
    if (!init.canSave) u.save.title = this.t('saveAnalysisNoRun');
    u.zoomIn.addEventListener('click', () => view.zoom(1.5));
    u.zoomOut.addEventListener('click', () => view.zoom(1 / 1.5));
    u.fit.addEventListener('click', () => view.fit());
    u.toggleAnalyses.addEventListener('click', () => {
      u.analyses.hidden = !u.analyses.hidden;
      u.toggleAnalyses.setAttribute('aria-expanded', String(!u.analyses.hidden));
    });
    u.save.addEventListener('click', () => void this.save());
    let timer: ReturnType<typeof setTimeout> | undefined;
    const runSearch = (): void => {
      const flags = matchNames(model.names, u.search.value);
      const invalid = !flags && u.search.value.trim().length > 0;
      this.hits = flags ? findSlices(model, flags) : new Uint32Array(0);
      this.hitIndex = -1;
      view.setSearch(flags);
      u.count.textContent = invalid ? this.t('searchInvalid') : flags ? (this.hits.length ? this.t('searchCount', 0, this.hits.length.toLocaleString()) : this.t('searchNone')) : '';
    };
    u.search.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(runSearch, 200);
    });
    const step = (dir: 1 | -1): void => {
      clearTimeout(timer);
      if (!this.hits.length) runSearch();
      if (!this.hits.length) return;
      this.hitIndex = stepMatch(model, this.hits, view.selected, dir);
      view.select(this.hits[this.hitIndex], true);
      u.count.textContent = this.t('searchCount', (this.hitIndex + 1).toLocaleString(), this.hits.length.toLocaleString());
    };
    u.search.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') {
        e.preventDefault();
        step(e.shiftKey ? -1 : 1);
      } else if (e.key === 'Escape') {
        u.search.value = '';
        runSearch();
        view.canvas.focus();
      }
    });
    u.prev.addEventListener('click', () => step(-1));
    u.next.addEventListener('click', () => step(1));
    window.addEventListener('keydown', (e) => {
      const typing = e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement;
      if (((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'f') || (!typing && e.key === '/')) {
        e.preventDefault();
        u.search.focus();
        u.search.select();
      }
    });
  }

  private async save(): Promise<void> {
    const u = this.ui;
    const b = this.analyses?.currentBoundary ?? this.init!.boundary;
    u.save.disabled = true;
    u.status.textContent = this.t('saving');
    const r = await this.bridge.saveAnalysis(b.previous, b.next);
    u.save.disabled = false;
    u.status.textContent = r.status === 'saved' ? this.t('saved', r.files.join(', ')) : r.status === 'cancelled' ? this.t('saveCancelled') : this.t('saveFailed', r.message ?? '');
  }

  // ---- the patch beside the timeline ----

  private onPatch(m: PatchMessage | CursorMessage): void {
    if (m.type === 'patch') this.patchMsg = m;
    else this.cursorMsg = m;
    if (m.type === 'patch') this.applyPatch();
    else this.applyCursor();
  }

  /** Matches the patch against the drawn names (once both are here) and redraws the list and highlights. */
  private applyPatch(): void {
    const m = this.patchMsg;
    if (!m) return;
    this.patchHL = this.model && this.totals && m.state === 'ready' ? patchHighlight(this.model, this.totals, m.symbols) : null;
    this.patchPane?.showPatch(m, this.model ? (this.patchHL ?? { flags: new Uint8Array(0), slices: 0, rows: [] }) : null);
    this.applyCursor();
  }

  private applyCursor(): void {
    const symbol = this.cursorMsg?.symbol ?? null;
    this.cursorHL = symbol && this.model && this.totals ? cursorHighlight(this.model, this.totals, symbol) : null;
    this.patchPane?.showCursor(symbol, this.model ? this.cursorHL : null);
    this.view?.setHighlights(this.patchHL?.slices ? this.patchHL.flags : null, this.cursorHL?.slices ? this.cursorHL.flags : null);
  }

  /** Selects and zooms to the next / previous event of a name (from the selection when it has that name). */
  private stepName(nameId: number, dir: 1 | -1): { index: number; total: number } | null {
    const model = this.model;
    const view = this.view;
    if (!model || !view) return null;
    let hits = this.nameSlices.get(nameId);
    if (!hits) {
      hits = slicesOfName(model, nameId);
      this.nameSlices.set(nameId, hits);
    }
    if (!hits.length) return null;
    const i = stepMatch(model, hits, view.selected >= 0 && model.slices.name[view.selected] === nameId ? view.selected : -1, dir);
    view.select(hits[i], true);
    view.zoomToSelection();
    return { index: i + 1, total: hits.length };
  }

  private touchedBy(nameId: number): string[] {
    const row = this.patchHL?.flags[nameId] ? this.patchHL.rows.find((r) => r.nameId === nameId) : undefined;
    return (row?.matches ?? []).slice(0, 3).map((m) => `${m.symbol} (${m.file}:${m.line})`);
  }

  private async openSymbol(nameId: number): Promise<void> {
    const name = this.model?.names[nameId];
    if (!name) return;
    const row = this.patchHL?.flags[nameId] ? this.patchHL.rows.find((r) => r.nameId === nameId) : undefined;
    const hints = (row?.matches ?? []).slice(0, 16).map((m) => ({ symbol: m.symbol, file: m.file, line: Math.max(1, m.line) }));
    this.ui.status.textContent = this.t('openingSymbol', name);
    const r = await this.bridge.openSymbol(name, hints);
    this.lastOpen = `${r.status}${r.target ? ` ${r.target}` : ''}`;
    this.ui.status.textContent =
      r.status === 'opened' ? this.t('openedSymbol', r.target ?? name) : r.status === 'none' ? this.t('symbolNotFound', name) : r.status === 'cancelled' ? this.t('symbolCancelled') : this.t('symbolFailed', r.message ?? '');
  }

  private patchProbe(): PatchProbe | null {
    const m = this.patchMsg;
    if (!m) return null;
    return {
      state: m.state,
      symbols: m.symbols.length,
      touched: (this.patchHL?.rows ?? []).map((r) => ({ name: r.name, count: r.count })),
      highlighted: this.patchHL?.slices ?? 0,
      cursor: this.cursorMsg?.symbol?.name ?? null,
      cursorHighlighted: this.cursorHL?.slices ?? 0,
      lastOpen: this.lastOpen,
    };
  }
}
