// The comparison page: two traces parsed by two workers, drawn as two stacked timelines (baseline above,
// current below) on one time axis whose zero is the start of the chosen decode step in each; zoom, pan,
// scrolling and folding move both; a selected slice shows its counterpart; the kernel diff and both gap
// distributions sit beside the lanes.
import type { Locale } from '../../core/i18n/locale';
import { COMPARE_SIDES, type CompareInitMessage, type CompareSide } from '../../shared/timelineCompareProtocol';
import type { GapBoundary } from '../../shared/timelineProtocol';
import { DetailsPane } from '../timeline/detailsPane';
import { matchNames } from '../timeline/sliceQueries';
import { formatDuration, formatExactDuration } from '../timeline/timeFormat';
import { timelineText, type TimelineText } from '../timeline/timelineMessages';
import type { RenderModel } from '../timeline/timelineModel';
import { TimelineView } from '../timeline/timelineView';
import { deviceLabel } from '../timeline/trackLayout';
import type { Viewport } from '../timeline/viewport';
import { CompareBridge } from './compareBridge';
import { CompareSideLoader, type SideProgress } from './compareSide';
import { CompareTablesPane, signedPct } from './compareTables';
import { alignLanes, type AlignedLanes } from './laneAlignment';
import { matchSlice, windowOfStep } from './sliceMatch';
import { alignAtStep, boundsInTrace, clampStep, commonStepCount, commonStepGroup, mirrorViewport, sharedBounds, stepTableOfModel, stepViewport, stepWindow, type Alignment } from './stepAlignment';
import { formatBytes } from '../timeline/pageBoot';
import { el, tableHead } from '../shared/dom';

/** Read-only hooks for tests (window.xllmTimelineCompare). */
export interface CompareProbe {
  phase: 'starting' | 'loading' | 'ready' | 'failed';
  sides: Record<CompareSide, { phase: 'loading' | 'ready' | 'failed'; events: number; slices: number; problems: string[] }>;
  /** Aligned step (1-based; 0 when the traces are aligned at their first event) and how many steps both have. */
  step: number;
  stepCount: number;
  /** Boundary group the steps come from (NPU id, -1 host), null when none is common. */
  group: number | null;
  tables: 'pending' | 'ready' | 'failed';
  kernelRows: number;
  alignment(): Alignment | null;
  viewports(): Record<CompareSide, Viewport | null>;
  /** Left edge of each view on the shared axis (ns from its own alignment point); equal when in step. */
  axisStarts(): Record<CompareSide, number> | null;
  /** Page coordinates of the centre of the first visible slice with exactly this name on one side. */
  slicePoint(side: CompareSide, name: string): { x: number; y: number } | null;
}

const other = (s: CompareSide): CompareSide => (s === 'baseline' ? 'current' : 'baseline');

interface SideUi {
  readonly section: HTMLElement;
  readonly label: HTMLElement;
  readonly summary: HTMLElement;
  readonly progress: HTMLElement;
  readonly progressBar: HTMLElement;
  readonly progressText: HTMLElement;
  readonly scroller: HTMLElement;
  readonly marker: HTMLElement;
  readonly details: HTMLElement;
}

interface SideState {
  loader: CompareSideLoader | null;
  model: RenderModel | null;
  view: TimelineView | null;
  details: DetailsPane | null;
  steps: Float64Array;
}

export class CompareTimelinesPage {
  private readonly bridge = new CompareBridge();
  private t: TimelineText = timelineText('en');
  private locale: Locale = 'en';
  private init: CompareInitMessage | null = null;
  private boundary: GapBoundary = { previous: '', next: '' };
  private aligned: AlignedLanes | null = null;
  private alignment: Alignment | null = null;
  private offsets: Record<CompareSide, number> = { baseline: 0, current: 0 };
  private mirroring = false;
  /** The scrollTop a side was just given to mirror the other (its scroll event is that echo, not the user). */
  private readonly scrollEcho: Record<CompareSide, number | null> = { baseline: null, current: null };
  private tablesRequest = 0;
  private tables: CompareTablesPane | null = null;
  private readonly state: Record<CompareSide, SideState> = {
    baseline: { loader: null, model: null, view: null, details: null, steps: new Float64Array(0) },
    current: { loader: null, model: null, view: null, details: null, steps: new Float64Array(0) },
  };
  private readonly probe: CompareProbe;
  private readonly ui = {
    app: el('div', 'tl-app tlc-app'),
    title: el('h1', 'tl-title tlc-title'),
    prevStep: el('button', 'tl-icon-button', '◀'),
    stepInput: el('input', 'tl-input tlc-step-input'),
    stepOf: el('span', 'tlc-step-of'),
    nextStep: el('button', 'tl-icon-button', '▶'),
    stepLabel: el('label', 'tlc-step-label'),
    boundaryForm: el('form', 'tlc-boundary'),
    previous: el('input', 'tl-input tlc-boundary-input'),
    next: el('input', 'tl-input tlc-boundary-input'),
    apply: el('button', 'tl-button tl-secondary'),
    zoomOut: el('button', 'tl-icon-button', '−'),
    zoomIn: el('button', 'tl-icon-button', '+'),
    fitStep: el('button', 'tl-icon-button', '⤢'),
    note: el('div', 'tlc-note'),
    main: el('main', 'tlc-main'),
    lanes: el('div', 'tlc-lanes'),
    aside: el('aside', 'tlc-aside'),
    match: el('section', 'tlc-match'),
    tables: el('div', 'tlc-tables'),
    status: el('footer', 'tl-status'),
  };
  private readonly sides: Record<CompareSide, SideUi>;

  constructor(
    private readonly mount: HTMLElement,
    private readonly scriptUrl: string,
  ) {
    const sideProbe = (): CompareProbe['sides'][CompareSide] => ({ phase: 'loading', events: 0, slices: 0, problems: [] });
    this.probe = {
      phase: 'starting',
      sides: { baseline: sideProbe(), current: sideProbe() },
      step: 0,
      stepCount: 0,
      group: null,
      tables: 'pending',
      kernelRows: 0,
      alignment: () => this.alignment,
      viewports: () => ({ baseline: this.state.baseline.view?.viewport ?? null, current: this.state.current.view?.viewport ?? null }),
      axisStarts: () => {
        const b = this.state.baseline.view;
        const c = this.state.current.view;
        return b && c ? { baseline: b.viewport.startNs - this.offsets.baseline, current: c.viewport.startNs - this.offsets.current } : null;
      },
      slicePoint: (side, name) => this.state[side].view?.namedSlicePoint(name) ?? null,
    };
    (window as unknown as { xllmTimelineCompare: CompareProbe }).xllmTimelineCompare = this.probe;
    this.sides = { baseline: this.sideUi('baseline'), current: this.sideUi('current') };
    this.buildShell();
    this.bridge.start((m) => void this.onInit(m));
  }

  // ---- shell ----

  private sideUi(side: CompareSide): SideUi {
    const section = el('section', `tlc-side tlc-side-${side}`);
    section.setAttribute('data-side', side);
    const header = el('header', 'tlc-side-header');
    const swatch = el('span', 'tlc-swatch');
    swatch.setAttribute('aria-hidden', 'true');
    const label = el('span', 'tlc-side-label');
    const summary = el('span', 'tlc-side-summary tl-muted');
    header.append(swatch, label, summary);
    const progress = el('div', 'tl-progress tlc-progress');
    progress.setAttribute('role', 'progressbar');
    progress.setAttribute('aria-valuemin', '0');
    progress.setAttribute('aria-valuemax', '100');
    const progressBar = el('div', 'tl-progress-bar');
    const progressText = el('div', 'tl-progress-text');
    progress.append(progressBar, progressText);
    const body = el('div', 'tlc-side-body');
    const scroller = el('div', 'tl-scroller');
    const marker = el('div', 'tlc-marker');
    marker.setAttribute('aria-hidden', 'true');
    marker.hidden = true;
    body.append(scroller, marker);
    section.append(header, progress, body);
    const details = el('div', 'tlc-details');
    details.setAttribute('data-side', side);
    details.hidden = true;
    return { section, label, summary, progress, progressBar, progressText, scroller, marker, details };
  }

  private buildShell(): void {
    const u = this.ui;
    const toolbar = el('header', 'tl-toolbar');
    const step = el('div', 'tlc-step');
    step.setAttribute('role', 'group');
    u.stepInput.type = 'number';
    u.stepInput.min = '1';
    u.stepInput.step = '1';
    u.stepInput.id = 'tlc-step';
    u.stepLabel.htmlFor = 'tlc-step';
    step.append(u.stepLabel, u.prevStep, u.stepInput, u.stepOf, u.nextStep);
    u.previous.name = 'previous';
    u.next.name = 'next';
    u.previous.spellcheck = false;
    u.next.spellcheck = false;
    u.apply.type = 'submit';
    const arrow = el('span', 'tl-muted', '→');
    arrow.setAttribute('aria-hidden', 'true');
    u.boundaryForm.append(u.previous, arrow, u.next, u.apply);
    const zoom = el('div', 'tl-zoom');
    zoom.append(u.zoomOut, u.zoomIn, u.fitStep);
    toolbar.append(u.title, step, u.boundaryForm, zoom);
    u.note.setAttribute('role', 'status');
    u.lanes.append(this.sides.baseline.section, this.sides.current.section);
    u.aside.append(u.match, this.sides.baseline.details, this.sides.current.details, u.tables);
    u.main.append(u.lanes, u.aside);
    u.status.setAttribute('role', 'status');
    u.app.append(toolbar, u.note, u.main, u.status);
    this.mount.replaceChildren(u.app);
    for (const b of [u.prevStep, u.nextStep, u.zoomIn, u.zoomOut, u.fitStep]) {
      b.type = 'button';
      b.disabled = true;
    }
    for (const i of [u.stepInput, u.previous, u.next]) i.disabled = true;
    u.apply.disabled = true;
    u.match.hidden = true;
    this.tables = new CompareTablesPane(u.tables, this.t, { highlight: (op) => this.highlight(op) });
    this.applyTexts();
  }

  private applyTexts(): void {
    const u = this.ui;
    const t = this.t;
    const label = (b: HTMLElement, text: string): void => {
      b.title = text;
      b.setAttribute('aria-label', text);
    };
    u.stepLabel.textContent = t('compareStep');
    u.stepLabel.title = t('compareStepLabel');
    u.stepInput.setAttribute('aria-label', t('compareStepLabel'));
    label(u.prevStep, t('comparePreviousStep'));
    label(u.nextStep, t('compareNextStep'));
    label(u.zoomIn, t('zoomIn'));
    label(u.zoomOut, t('zoomOut'));
    label(u.fitStep, t('compareFitStep'));
    label(u.previous, `${t('compareBoundary')}: ${t('gapPrevious')}`);
    label(u.next, `${t('compareBoundary')}: ${t('gapNext')}`);
    u.boundaryForm.title = t('gapHelp');
    u.apply.textContent = t('gapApply');
    for (const side of COMPARE_SIDES) this.sides[side].section.setAttribute('aria-label', this.sideName(side));
  }

  private sideName(side: CompareSide): string {
    return side === 'baseline' ? this.t('compareBaseline') : this.t('compareCurrent');
  }

  // ---- loading ----

  private async onInit(m: CompareInitMessage): Promise<void> {
    if (this.init) return; // one pair per page
    this.init = m;
    this.bridge.saveState({ baseline: m.baseline.identity, current: m.current.identity });
    this.locale = m.locale;
    this.t = timelineText(m.locale);
    document.documentElement.lang = m.locale;
    this.tables = new CompareTablesPane(this.ui.tables, this.t, { highlight: (op) => this.highlight(op) });
    this.applyTexts();
    this.boundary = m.boundary;
    this.ui.previous.value = m.boundary.previous;
    this.ui.next.value = m.boundary.next;
    this.ui.title.textContent = `${m.baseline.label} ↔ ${m.current.label}`;
    for (const side of COMPARE_SIDES) {
      const ui = this.sides[side];
      ui.label.textContent = `${this.sideName(side)} · ${m[side].label}`;
      ui.label.title = m[side].sources.map((s) => s.label).join('\n');
    }
    this.probe.phase = 'loading';
    void this.requestTables();
    const results = await Promise.all(COMPARE_SIDES.map((side) => this.loadSide(side, m)));
    if (results.some((ok) => !ok)) {
      this.probe.phase = 'failed';
      return;
    }
    this.onBothLoaded();
  }

  private async loadSide(side: CompareSide, m: CompareInitMessage): Promise<boolean> {
    const ui = this.sides[side];
    const loader = new CompareSideLoader(m[side], this.scriptUrl, this.locale);
    this.state[side].loader = loader;
    const progress = (p: SideProgress): void => {
      const pct = p.total > 0 ? Math.min(100, (p.bytes / p.total) * 100) : 0;
      ui.progressBar.style.width = `${pct.toFixed(1)}%`;
      ui.progress.setAttribute('aria-valuenow', pct.toFixed(0));
      ui.progressText.textContent = this.t('loadingBytes', formatBytes(p.bytes), formatBytes(p.total), p.events.toLocaleString());
    };
    progress({ bytes: 0, total: 0, events: 0 });
    try {
      const { model, problems } = await loader.load(m.boundary, progress);
      this.state[side].model = model;
      Object.assign(this.probe.sides[side], { phase: 'ready', events: model.eventCount, slices: model.slices.start.length, problems });
      ui.progressText.textContent = this.t('building', model.eventCount.toLocaleString());
      ui.summary.textContent = this.t('compareSideSummary', model.eventCount.toLocaleString(), model.slices.start.length.toLocaleString());
      if (problems.length) ui.summary.title = problems.join('\n');
      this.bridge.send({ type: 'loaded', side, events: model.eventCount, slices: model.slices.start.length, problems });
      return true;
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      this.probe.sides[side].phase = 'failed';
      ui.progress.hidden = true;
      const p = el('p', 'tl-error', this.t('compareSideFailed', m[side].label, message));
      p.setAttribute('role', 'alert');
      ui.scroller.replaceChildren(p);
      return false;
    }
  }

  private onBothLoaded(): void {
    const b = this.state.baseline.model!;
    const c = this.state.current.model!;
    const aligned = alignLanes(b, c, this.t('compareLaneAbsent'));
    this.aligned = aligned;
    for (const side of COMPARE_SIDES) {
      const ui = this.sides[side];
      ui.progress.hidden = true;
      const model = side === 'baseline' ? aligned.baseline : aligned.current;
      this.state[side].model = model;
      const labels = this.init![side].sources.map((s) => s.label);
      const details = new DetailsPane(ui.details, model, this.t, { goTo: (s) => this.state[side].view?.select(s, true), readArgs: (src, off, len) => this.bridge.readArgs(side, src, off, len) }, labels);
      this.state[side].details = details;
      const view = new TimelineView(ui.scroller, model, this.t, {
        select: (slice) => this.onSelect(side, slice),
        range: (r) => {
          this.showDetails(side);
          if (r) details.showRange(r, view.expandedLaneCount());
          else details.clear();
        },
      });
      this.state[side].view = view;
      view.canvas.setAttribute('aria-label', `${this.sideName(side)} · ${this.init![side].label}. ${this.t('canvasLabel')}`);
      view.onViewportChange = (vp) => this.mirror(side, vp);
      view.onCollapseChange = (keys) => {
        this.state[other(side)].view?.setCollapsed(aligned.mapCollapsed(keys, side));
      };
      ui.scroller.addEventListener(
        'scroll',
        () => {
          const top = ui.scroller.scrollTop;
          // Scroll events arrive a frame late: the echo of our own mirroring must not undo a newer scroll.
          const echo = this.scrollEcho[side];
          this.scrollEcho[side] = null;
          if (echo === top) return;
          const o = this.sides[other(side)].scroller;
          if (o.scrollTop !== top) {
            this.scrollEcho[other(side)] = top;
            o.scrollTop = top;
          }
        },
        { passive: true },
      );
      new ResizeObserver(() => view.resize()).observe(ui.scroller);
      new MutationObserver(() => view.refreshTheme()).observe(document.body, { attributes: true, attributeFilter: ['class'] });
    }
    this.showDetails('baseline');
    this.wireControls();
    this.computeSteps(1);
    this.probe.phase = 'ready';
    this.state.baseline.view?.canvas.focus();
  }

  // ---- alignment ----

  /** Steps of both traces with the current boundary, then aligns at `step`. */
  private computeSteps(step: number): void {
    const b = this.state.baseline.model!;
    const c = this.state.current.model!;
    let group: number | null = null;
    try {
      const tb = stepTableOfModel(b, this.boundary);
      const tc = stepTableOfModel(c, this.boundary);
      group = commonStepGroup(tb, tc);
      this.state.baseline.steps = group === null ? new Float64Array(0) : tb.get(group)!;
      this.state.current.steps = group === null ? new Float64Array(0) : tc.get(group)!;
    } catch (e) {
      this.state.baseline.steps = new Float64Array(0);
      this.state.current.steps = new Float64Array(0);
      this.ui.status.textContent = this.t('gapInvalid', e instanceof Error ? e.message : String(e));
    }
    this.probe.group = group;
    this.applyStep(step);
  }

  private stepCount(): number {
    return commonStepCount(this.state.baseline.steps, this.state.current.steps);
  }

  private applyStep(step: number): void {
    const u = this.ui;
    const sb = this.state.baseline;
    const sc = this.state.current;
    if (!sb.model || !sc.model || !sb.view || !sc.view) return;
    const count = this.stepCount();
    const a = alignAtStep(sb.steps, sc.steps, step);
    this.alignment = a;
    this.offsets = a ? { baseline: a.baselineOffsetNs, current: a.currentOffsetNs } : { baseline: sb.model.minNs, current: sc.model.minNs };
    const shared = sharedBounds(sb.model, this.offsets.baseline, sc.model, this.offsets.current);
    sb.view.setAxis(this.offsets.baseline, boundsInTrace(shared, this.offsets.baseline));
    sc.view.setAxis(this.offsets.current, boundsInTrace(shared, this.offsets.current));
    this.probe.step = a?.step ?? 0;
    this.probe.stepCount = count;
    u.stepInput.max = String(Math.max(1, count));
    u.stepInput.value = a ? String(a.step) : '';
    u.stepInput.disabled = !a;
    u.stepOf.textContent = this.t('compareStepOf', count.toLocaleString());
    u.prevStep.disabled = !a || a.step <= 1;
    u.nextStep.disabled = !a || a.step >= count;
    u.note.classList.toggle('tlc-note-warning', !a);
    if (a) {
      const group = this.probe.group ?? -1;
      u.note.textContent = this.t('compareAlignedAt', a.step.toLocaleString(), deviceLabel(group, this.t('host'), this.t('npu')));
    } else u.note.textContent = this.t('compareNoSteps');
    this.showStep();
  }

  /** Zooms both views to the aligned step (the longer of the two steps, so both are whole). */
  private showStep(): void {
    const sb = this.state.baseline;
    const sc = this.state.current;
    if (!sb.model || !sc.model || !sb.view || !sc.view) return;
    const a = this.alignment;
    let length: number;
    if (a) {
      const wb = stepWindow(sb.steps, a.step, sb.model.maxNs);
      const wc = stepWindow(sc.steps, a.step, sc.model.maxNs);
      length = Math.max(wb.end - wb.start, wc.end - wc.start);
    } else length = Math.max(sb.model.maxNs - sb.model.minNs, sc.model.maxNs - sc.model.minNs);
    const shared = sharedBounds(sb.model, this.offsets.baseline, sc.model, this.offsets.current);
    const vp = stepViewport(this.offsets.baseline, length, sb.view.viewport.widthPx, boundsInTrace(shared, this.offsets.baseline));
    sb.view.setViewport(vp);
    sc.view.setViewport(mirrorViewport(sb.view.viewport, this.offsets.baseline, this.offsets.current, sc.view.viewport.widthPx));
    this.updateMarkers();
  }

  /** One view moved: the other shows the same range of the shared axis. */
  private mirror(from: CompareSide, vp: Viewport): void {
    const to = this.state[other(from)].view;
    if (to) to.setViewport(mirrorViewport(vp, this.offsets[from], this.offsets[other(from)], to.viewport.widthPx));
    this.updateMarkers();
  }

  /** The alignment point (0 on both rulers) as a line over each timeline. */
  private updateMarkers(): void {
    for (const side of COMPARE_SIDES) {
      const view = this.state[side].view;
      const ui = this.sides[side];
      if (!view) continue;
      const vp = view.viewport;
      const label = view.labelWidth;
      const x = label + (this.offsets[side] - vp.startNs) / vp.nsPerPx;
      const visible = x >= label && x <= label + vp.widthPx;
      ui.marker.hidden = !visible;
      if (visible) ui.marker.style.left = `${Math.round(x) - 1}px`;
    }
  }

  // ---- selection ----

  private showDetails(side: CompareSide): void {
    for (const s of COMPARE_SIDES) this.sides[s].details.hidden = s !== side;
  }

  private onSelect(side: CompareSide, slice: number): void {
    if (this.mirroring) return;
    const o = other(side);
    const mine = this.state[side];
    const theirs = this.state[o];
    if (!mine.model || !theirs.model || !this.aligned) return;
    this.showDetails(side);
    if (slice < 0) {
      mine.details?.clear();
      this.ui.match.hidden = true;
      this.mirrorSelect(o, -1);
      return;
    }
    const facts = mine.loader!.facts(slice);
    mine.details?.showSlice(slice, facts);
    void facts.then((f) => f && mine.view?.setArrows(slice, f.arrows));
    const laneMap = side === 'baseline' ? this.aligned.toCurrent : this.aligned.toBaseline;
    const match = matchSlice(mine.model, mine.steps, slice, theirs.model, theirs.steps, laneMap);
    this.mirrorSelect(o, match.slice);
    this.showMatch(side, slice, match.slice, match.step, match.exact);
  }

  private mirrorSelect(side: CompareSide, slice: number): void {
    this.mirroring = true;
    try {
      this.state[side].view?.select(slice);
    } finally {
      this.mirroring = false;
    }
  }

  /** The card above the details: the slice in both traces, its offset in the step and the duration delta. */
  private showMatch(side: CompareSide, slice: number, counterpart: number, step: number, exact: boolean): void {
    const t = this.t;
    const u = this.ui;
    const bySide: Record<CompareSide, number> = side === 'baseline' ? { baseline: slice, current: counterpart } : { baseline: counterpart, current: slice };
    const model = this.state[side].model!;
    const name = model.names[model.slices.name[slice]] ?? '';
    const card: HTMLElement[] = [el('h2', 'tl-pane-title', t('compareMatchTitle')), el('p', 'tl-name tlc-match-name', name)];
    const table = el('table', 'tl-table tlc-match-table');
    const thead = tableHead([
      ['', false],
      [t('duration'), true],
      [t('compareMatchOffset'), true],
    ]);
    const tbody = el('tbody');
    const dur: Partial<Record<CompareSide, number>> = {};
    for (const s of COMPARE_SIDES) {
      const i = bySide[s];
      const m = this.state[s].model!;
      const tr = el('tr', `tlc-match-${s}`);
      const th = el('th', undefined, this.sideName(s));
      th.scope = 'row';
      if (i < 0) tr.append(th, el('td', 'tl-num', '—'), el('td', 'tl-num', '—'));
      else {
        dur[s] = m.slices.dur[i];
        const w = windowOfStep(m, this.state[s].steps, step);
        tr.append(th, el('td', 'tl-num tl-mono', formatExactDuration(m.slices.dur[i])), el('td', 'tl-num tl-mono', formatDuration(m.slices.start[i] - w.start)));
      }
      tbody.append(tr);
    }
    table.append(thead, tbody);
    const stepText = step > 0 ? `${t('compareMatchStep')} ${step.toLocaleString()}` : t('compareBeforeFirstStep');
    card.push(el('p', 'tl-muted', stepText), table);
    if (dur.baseline !== undefined && dur.current !== undefined) {
      const d = dur.current - dur.baseline;
      const delta = el('p', `tlc-match-delta tl-mono ${d < 0 ? 'tlc-better' : d > 0 ? 'tlc-worse' : ''}`.trim(), `${t('compareDelta')} ${t('duration')}: ${d > 0 ? '+' : d < 0 ? '−' : ''}${formatExactDuration(Math.abs(d))} ${signedPct(d, dur.baseline)}`.trim());
      card.push(delta);
      if (!exact) card.push(el('p', 'tl-hint', t('compareMatchInexact')));
    } else card.push(el('p', 'tl-hint', t('compareMatchNone', name, step.toLocaleString())));
    u.match.replaceChildren(...card);
    u.match.hidden = false;
  }

  private highlight(opType: string | null): void {
    for (const side of COMPARE_SIDES) {
      const s = this.state[side];
      if (s.model && s.view) s.view.setSearch(opType ? matchNames(s.model.names, opType) : null);
    }
  }

  // ---- controls ----

  private wireControls(): void {
    const u = this.ui;
    for (const b of [u.zoomIn, u.zoomOut, u.fitStep, u.apply]) b.disabled = false;
    for (const i of [u.previous, u.next]) i.disabled = false;
    const views = (): TimelineView[] => COMPARE_SIDES.map((s) => this.state[s].view).filter((v): v is TimelineView => !!v);
    // Zooming one view moves the other through the viewport hook.
    u.zoomIn.addEventListener('click', () => views()[0]?.zoom(1.5));
    u.zoomOut.addEventListener('click', () => views()[0]?.zoom(1 / 1.5));
    u.fitStep.addEventListener('click', () => this.showStep());
    const go = (step: number): void => this.applyStep(clampStep(step, this.stepCount()));
    u.prevStep.addEventListener('click', () => go((this.alignment?.step ?? 1) - 1));
    u.nextStep.addEventListener('click', () => go((this.alignment?.step ?? 0) + 1));
    u.stepInput.addEventListener('change', () => go(Number(u.stepInput.value)));
    u.stepInput.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') {
        e.preventDefault();
        go(Number(u.stepInput.value));
      }
    });
    u.boundaryForm.addEventListener('submit', (e) => {
      e.preventDefault();
      const b = { previous: u.previous.value.trim(), next: u.next.value.trim() };
      for (const src of [b.previous, b.next]) {
        try {
          if (!src) throw new Error(this.t('compareBoundary'));
          new RegExp(src);
        } catch (err) {
          u.status.textContent = this.t('gapInvalid', err instanceof Error ? err.message : String(err));
          return;
        }
      }
      u.status.textContent = '';
      this.boundary = b;
      this.computeSteps(this.alignment?.step ?? 1);
      void this.requestTables();
    });
    window.addEventListener('keydown', (e) => {
      const typing = e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement;
      if (typing || e.altKey || e.ctrlKey || e.metaKey) return;
      if (e.key === 'n' || e.key === 'N') go((this.alignment?.step ?? 0) + 1);
      else if (e.key === 'p' || e.key === 'P') go((this.alignment?.step ?? 1) - 1);
      else return;
      e.preventDefault();
    });
  }

  private async requestTables(): Promise<void> {
    const id = ++this.tablesRequest;
    this.probe.tables = 'pending';
    this.tables?.pending();
    const r = await this.bridge.compare(this.boundary);
    if (id !== this.tablesRequest) return; // a newer boundary was applied meanwhile
    if (r.tables) {
      this.tables?.show(r.tables);
      this.probe.kernelRows = r.tables.kernel.rows.length;
      this.probe.tables = 'ready';
    } else {
      this.tables?.failed(r.error ?? '');
      this.probe.tables = 'failed';
    }
  }
}
