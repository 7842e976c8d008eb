// The Canvas2D timeline: ruler, grouped lanes with LOD-bucketed slices and counter areas, selection,
// flow arrows, range selection, and the mouse/keyboard gestures that move the view.
import type { FlowArrow } from './flowLinks';
import { firstEndingAfter, itemAt, visitTrack } from './lodLevels';
import { aggregateRange, type RangeAggregate } from './sliceQueries';
import { readPalette, sliceColor, type Palette, type SliceColor } from './theme';
import { formatDuration, rulerTicks } from './timeFormat';
import type { TimelineText } from './timelineMessages';
import { trackOfSlice, type RenderModel } from './timelineModel';
import { deviceLabel, hitInLane, layoutRows, rowIndexAt, ROW, visibleRows, type Layout, type LayoutRow } from './trackLayout';
import { clampViewport, fitViewport, panBy, reveal, showRange, timeToX, wheelZoomFactor, xToTime, zoomAt, type TimeBounds, type Viewport } from './viewport';

export const LABEL_WIDTH = 240;

/** Lane-name column for a view `clientWidth` wide: full width when there is room, narrower beside an editor. */
export function labelWidthFor(clientWidth: number): number {
  return clientWidth >= 800 ? LABEL_WIDTH : Math.max(130, Math.min(LABEL_WIDTH, Math.round(clientWidth * 0.3)));
}
export const RULER_HEIGHT = 26;
const KEY_ZOOM = 1.3;
/** LOD buckets up to this many pixels wide: levels grow 4x, so a frame visits about one bucket per pixel. */
const BUCKET_PX = 2;
const KEY_PAN = 0.12;

export interface TimelineViewEvents {
  /** A slice was selected (-1: selection cleared). */
  select(slice: number): void;
  /** A range was selected (null: cleared). */
  range(r: RangeAggregate | null): void;
}

export interface FrameStats {
  /** Milliseconds spent drawing each of the last frames (newest last). */
  readonly frameMs: number[];
  /** Buckets and slices visited in each of the last frames (same order as frameMs). */
  readonly frameVisits: number[];
  /** Buckets and slices visited in the last frame. */
  visits: number;
}

type LaneRow = Extract<LayoutRow, { kind: 'lane' }>;

export class TimelineView {
  readonly canvas: HTMLCanvasElement;
  readonly stats: FrameStats = { frameMs: [], frameVisits: [], visits: 0 };
  private readonly spacer: HTMLDivElement;
  private readonly ctx: CanvasRenderingContext2D;
  private bounds: TimeBounds;
  /** Ruler zero: the trace start, or the alignment point the comparison page sets with setAxis. */
  private origin: number;
  private vp: Viewport;
  /** Width of the lane-name column (labelWidthFor the view's width). */
  private labelW = LABEL_WIDTH;
  private readonly collapsed = new Set<string>();
  private layout: Layout;
  private palette: Palette;
  private colors: (SliceColor | undefined)[] = [];
  private charWidth = 6.5;
  private selectedSlice = -1;
  private arrows: readonly FlowArrow[] = [];
  private rangeSel: { t0: number; t1: number } | null = null;
  private searchFlags: Uint8Array | null = null;
  /** Names the patch touches, and names of the function at the editor's cursor (per name id). */
  private patchFlags: Uint8Array | null = null;
  private cursorFlags: Uint8Array | null = null;
  private focusRow = 0;
  private pointer: { x: number; y: number } | null = null;
  private drag: { x: number; y: number; startNs: number; mode: 'pan' | 'range'; moved: boolean } | null = null;
  private frameQueued = false;
  private width = 0;
  private height = 0;
  private readonly trackOfLaneDepth: Map<number, readonly number[]>;

  constructor(
    private readonly scroller: HTMLElement,
    private readonly model: RenderModel,
    private readonly t: TimelineText,
    private readonly events: TimelineViewEvents,
  ) {
    this.bounds = { minNs: model.minNs, maxNs: model.maxNs };
    this.origin = model.minNs;
    this.canvas = document.createElement('canvas');
    this.canvas.className = 'tl-canvas';
    this.canvas.tabIndex = 0;
    this.canvas.setAttribute('role', 'application');
    this.canvas.setAttribute('aria-roledescription', 'timeline');
    this.canvas.setAttribute('aria-label', t('canvasLabel'));
    this.spacer = document.createElement('div');
    this.spacer.className = 'tl-spacer';
    scroller.replaceChildren(this.canvas, this.spacer);
    const ctx = this.canvas.getContext('2d', { alpha: false });
    if (!ctx) throw new Error('Canvas 2D is unavailable');
    this.ctx = ctx;
    this.palette = readPalette(document);
    this.trackOfLaneDepth = new Map(model.lanes.map((l) => [l.id, l.tracks]));
    this.layout = this.computeLayout();
    this.labelW = labelWidthFor(scroller.clientWidth);
    this.width = Math.max(this.labelW + 100, scroller.clientWidth);
    this.vp = fitViewport(this.bounds, this.width - this.labelW);
    this.bindEvents();
    this.resize();
  }

  // ---- public API ----

  get viewport(): Viewport {
    return this.vp;
  }

  get selected(): number {
    return this.selectedSlice;
  }

  setViewport(v: Viewport): void {
    this.vp = clampViewport(v, this.bounds);
    this.reportedVp = this.vp;
    this.requestDraw();
  }

  // ---- hooks of the comparison page (two views on one axis) ----

  /** Called when the view moved for any reason but setViewport. */
  onViewportChange: ((v: Viewport) => void) | null = null;
  /** Called when the user folded or unfolded a group (or a reveal unfolded one); not after setCollapsed. */
  onCollapseChange: ((collapsed: ReadonlySet<string>) => void) | null = null;
  private reportedVp: Viewport | null = null;

  /** Puts the ruler's zero at originNs and lets the view move within bounds (a range shared with another view). */
  setAxis(originNs: number, bounds: TimeBounds): void {
    this.origin = originNs;
    this.bounds = bounds;
    this.setViewport(this.vp);
  }

  setCollapsed(keys: Iterable<string>): void {
    this.collapsed.clear();
    for (const k of keys) this.collapsed.add(k);
    this.relayout(false);
  }

  private reportViewport(): void {
    if (this.vp === this.reportedVp) return;
    this.reportedVp = this.vp;
    this.onViewportChange?.(this.vp);
  }

  refreshTheme(): void {
    this.palette = readPalette(document);
    this.colors = [];
    this.requestDraw();
  }

  /** Where the time axis starts, in CSS pixels from the view's left edge. */
  get labelWidth(): number {
    return this.labelW;
  }

  resize(): void {
    this.labelW = labelWidthFor(this.scroller.clientWidth);
    const w = Math.max(this.labelW + 100, this.scroller.clientWidth);
    const h = Math.max(RULER_HEIGHT + 40, this.scroller.clientHeight);
    this.width = w;
    this.height = h;
    const dpr = window.devicePixelRatio || 1;
    this.canvas.width = Math.round(w * dpr);
    this.canvas.height = Math.round(h * dpr);
    this.canvas.style.width = `${w}px`;
    this.canvas.style.height = `${h}px`;
    this.spacer.style.height = `${Math.max(0, RULER_HEIGHT + this.layout.height - h)}px`;
    this.vp = clampViewport({ ...this.vp, widthPx: w - this.labelW }, this.bounds);
    this.drawNow();
  }

  fit(): void {
    this.vp = fitViewport(this.bounds, this.width - this.labelW);
    this.requestDraw();
  }

  zoom(factor: number, anchorX?: number): void {
    const x = anchorX ?? this.vp.widthPx / 2;
    this.vp = zoomAt(this.vp, x, factor, this.bounds);
    this.requestDraw();
  }

  /** Selects a slice (or clears with -1), optionally bringing it into view. */
  select(slice: number, bringIntoView = false): void {
    this.selectedSlice = slice;
    this.arrows = [];
    if (slice >= 0 && bringIntoView) this.revealSlice(slice);
    this.requestDraw();
    this.events.select(slice);
  }

  setArrows(slice: number, arrows: readonly FlowArrow[]): void {
    if (slice !== this.selectedSlice) return;
    this.arrows = arrows;
    this.requestDraw();
  }

  setSearch(flags: Uint8Array | null): void {
    this.searchFlags = flags;
    this.requestDraw();
  }

  /** Outlines slices of the patch's names and tints those of the cursor's function (null: none). */
  setHighlights(patch: Uint8Array | null, cursor: Uint8Array | null): void {
    this.patchFlags = patch;
    this.cursorFlags = cursor;
    this.requestDraw();
  }

  clearRange(): void {
    this.rangeSel = null;
    this.requestDraw();
  }

  /** Lanes whose rows are shown (not inside a collapsed group). */
  expandedTracks(): number[] {
    const out: number[] = [];
    for (const row of this.layout.rows) if (row.kind === 'lane') out.push(...(this.trackOfLaneDepth.get(row.lane) ?? []));
    return out;
  }

  expandedLaneCount(): number {
    return this.layout.rows.filter((r) => r.kind === 'lane').length;
  }

  zoomToSelection(): void {
    if (this.rangeSel) this.vp = showRange(this.vp, this.rangeSel.t0, this.rangeSel.t1, this.bounds, 0.05);
    else if (this.selectedSlice >= 0) {
      const s = this.model.slices.start[this.selectedSlice];
      this.vp = showRange(this.vp, s, s + this.model.slices.dur[this.selectedSlice], this.bounds, 0.25);
    }
    this.requestDraw();
  }

  /** CSS-pixel centre of a drawn slice in the page (tests and keyboard focus), or null when off screen. */
  /** Centre of the first slice called `name` inside the viewport and at least 3 px wide (tests click it). */
  namedSlicePoint(name: string): { x: number; y: number } | null {
    const m = this.model;
    const id = m.names.indexOf(name);
    if (id < 0) return null;
    const vp = this.vp;
    const t1 = vp.startNs + vp.widthPx * vp.nsPerPx;
    const { name: names, start, dur } = m.slices;
    for (let i = 0; i < names.length; i++) {
      if (names[i] !== id || start[i] + dur[i] < vp.startNs || start[i] > t1 || dur[i] / vp.nsPerPx < 3) continue;
      const p = this.slicePoint(i);
      if (p) return p;
    }
    return null;
  }

  slicePoint(slice: number): { x: number; y: number } | null {
    const track = this.model.tracks[trackOfSlice(this.model, slice)];
    if (!track) return null;
    const rowIdx = this.layout.rowOfLane[track.lane];
    const row = this.layout.rows[rowIdx];
    if (!row || row.kind !== 'lane') return null;
    const s = this.model.slices.start[slice];
    const e = s + this.model.slices.dur[slice];
    const x0 = Math.max(this.labelW, this.labelW + timeToX(this.vp, s));
    const x1 = Math.min(this.width, this.labelW + timeToX(this.vp, e));
    const y = RULER_HEIGHT + row.y - this.scroller.scrollTop + ROW.lanePad / 2 + track.depth * ROW.depth + ROW.depth / 2;
    if (x1 < x0 || y < RULER_HEIGHT || y > this.height) return null;
    const rect = this.canvas.getBoundingClientRect();
    return { x: rect.left + (x0 + Math.max(x1, x0 + 1)) / 2, y: rect.top + y };
  }

  requestDraw(): void {
    this.reportViewport();
    if (this.frameQueued) return;
    this.frameQueued = true;
    requestAnimationFrame(() => {
      this.frameQueued = false;
      this.drawNow();
    });
  }

  // ---- layout ----

  private computeLayout(): Layout {
    return layoutRows(
      this.model.lanes.map((l) => ({
        id: l.id,
        device: l.device,
        pid: l.pid,
        processName: l.processName,
        threadName: l.threadName,
        processSortIndex: l.processSortIndex,
        threadSortIndex: l.threadSortIndex,
        depthCount: l.tracks.length,
        counterCount: l.counters.length,
      })),
      this.collapsed,
      this.model.lanes.length,
    );
  }

  private toggle(row: LayoutRow): void {
    if (row.kind === 'lane') return;
    if (this.collapsed.has(row.key)) this.collapsed.delete(row.key);
    else this.collapsed.add(row.key);
    this.relayout();
    this.focusRow = Math.max(0, this.layout.rows.findIndex((r) => r.key === row.key));
  }

  private relayout(report = true): void {
    if (report) this.onCollapseChange?.(this.collapsed);
    this.layout = this.computeLayout();
    this.spacer.style.height = `${Math.max(0, RULER_HEIGHT + this.layout.height - this.height)}px`;
    this.requestDraw();
  }

  private revealSlice(slice: number): void {
    const track = this.model.tracks[trackOfSlice(this.model, slice)];
    if (!track) return;
    const lane = this.model.lanes[track.lane];
    let changed = false;
    for (const key of [`d:${lane.device}`, `p:${lane.device}:${lane.pid}`]) if (this.collapsed.delete(key)) changed = true;
    if (changed) this.relayout();
    const s = this.model.slices.start[slice];
    this.vp = reveal(this.vp, s, s + this.model.slices.dur[slice], this.bounds);
    const rowIdx = this.layout.rowOfLane[track.lane];
    if (rowIdx >= 0) {
      this.focusRow = rowIdx;
      this.scrollRowIntoView(rowIdx, track.depth);
    }
  }

  private scrollRowIntoView(rowIdx: number, depth = 0): void {
    const row = this.layout.rows[rowIdx];
    if (!row) return;
    const visibleH = this.height - RULER_HEIGHT;
    const top = row.kind === 'lane' ? row.y + depth * ROW.depth : row.y;
    const bottom = row.kind === 'lane' ? top + ROW.depth + ROW.lanePad : row.y + row.height;
    const st = this.scroller.scrollTop;
    if (top < st) this.scroller.scrollTop = top;
    else if (bottom > st + visibleH) this.scroller.scrollTop = bottom - visibleH;
  }

  // ---- input ----

  private bindEvents(): void {
    const c = this.canvas;
    this.scroller.addEventListener('scroll', () => this.requestDraw(), { passive: true });
    c.addEventListener('wheel', (e) => this.onWheel(e), { passive: false });
    c.addEventListener('mousedown', (e) => this.onMouseDown(e));
    window.addEventListener('mousemove', (e) => this.onMouseMove(e));
    window.addEventListener('mouseup', (e) => this.onMouseUp(e));
    c.addEventListener('mouseleave', () => {
      this.pointer = null;
      this.hideTooltip();
      this.requestDraw();
    });
    c.addEventListener('dblclick', (e) => {
      const hit = this.hitSlice(...this.local(e));
      if (hit >= 0) {
        this.select(hit);
        this.zoomToSelection();
      }
    });
    c.addEventListener('keydown', (e) => this.onKey(e));
    c.addEventListener('focus', () => this.requestDraw());
    c.addEventListener('blur', () => this.requestDraw());
  }

  private local(e: MouseEvent): [number, number] {
    const r = this.canvas.getBoundingClientRect();
    return [e.clientX - r.left, e.clientY - r.top];
  }

  private onWheel(e: WheelEvent): void {
    const [x] = this.local(e);
    const horizontal = e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY);
    if (x < this.labelW && !horizontal) return; // native vertical scroll over the lane names
    e.preventDefault();
    if (horizontal) {
      const d = e.shiftKey && Math.abs(e.deltaX) < Math.abs(e.deltaY) ? e.deltaY : e.deltaX;
      this.vp = panBy(this.vp, d * (e.deltaMode === 1 ? 33 : 1), this.bounds);
    } else {
      this.vp = zoomAt(this.vp, Math.max(0, x - this.labelW), wheelZoomFactor(e.deltaY, e.deltaMode), this.bounds);
    }
    this.requestDraw();
  }

  private onMouseDown(e: MouseEvent): void {
    if (e.button !== 0) return;
    const [x, y] = this.local(e);
    this.canvas.focus();
    this.drag = { x, y, startNs: xToTime(this.vp, x - this.labelW), mode: e.shiftKey && x >= this.labelW ? 'range' : 'pan', moved: false };
    e.preventDefault();
  }

  private onMouseMove(e: MouseEvent): void {
    const [x, y] = this.local(e);
    const inside = x >= 0 && y >= 0 && x <= this.width && y <= this.height;
    const wasInside = this.pointer !== null;
    this.pointer = inside ? { x, y } : null;
    const d = this.drag;
    if (!d && !inside && !wasInside) return; // elsewhere on the page: nothing to redraw
    if (d) {
      if (Math.abs(x - d.x) + Math.abs(y - d.y) > 3) d.moved = true;
      if (d.mode === 'pan' && d.moved) {
        this.vp = panBy(this.vp, d.x - x, this.bounds);
        this.scroller.scrollTop += d.y - y;
        d.x = x;
        d.y = y;
      } else if (d.mode === 'range' && d.moved) {
        this.rangeSel = { t0: d.startNs, t1: xToTime(this.vp, Math.max(0, x - this.labelW)) };
      }
      this.hideTooltip();
    } else if (inside) this.updateTooltip(e, x, y);
    this.requestDraw();
  }

  private onMouseUp(e: MouseEvent): void {
    const d = this.drag;
    if (!d) return;
    this.drag = null;
    const [x, y] = this.local(e);
    if (d.mode === 'range' && d.moved && this.rangeSel) {
      const { t0, t1 } = this.rangeSel;
      this.events.range(aggregateRange(this.model, this.expandedTracks(), t0, t1));
      return;
    }
    if (d.moved) return;
    this.click(x, y);
  }

  private click(x: number, y: number): void {
    const rowIdx = rowIndexAt(this.layout.rows, y - RULER_HEIGHT + this.scroller.scrollTop);
    if (y < RULER_HEIGHT || rowIdx < 0) return;
    const row = this.layout.rows[rowIdx];
    this.focusRow = rowIdx;
    if (row.kind !== 'lane') {
      this.toggle(row);
      return;
    }
    if (x < this.labelW) {
      this.requestDraw();
      return;
    }
    if (this.rangeSel) {
      this.rangeSel = null;
      this.events.range(null);
    }
    this.select(this.hitSlice(x, y));
  }

  private hitSlice(x: number, y: number): number {
    if (x < this.labelW || y < RULER_HEIGHT) return -1;
    const cy = y - RULER_HEIGHT + this.scroller.scrollTop;
    const row = this.layout.rows[rowIndexAt(this.layout.rows, cy)];
    if (!row || row.kind !== 'lane') return -1;
    const { depth } = hitInLane(row, cy);
    const trackId = this.trackOfLaneDepth.get(row.lane)?.[depth];
    if (depth < 0 || trackId === undefined) return -1;
    const t = xToTime(this.vp, x - this.labelW);
    return itemAt(this.model.slices.start, this.model.slices.dur, this.model.tracks[trackId], t, 3 * this.vp.nsPerPx);
  }

  private onKey(e: KeyboardEvent): void {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const anchor = this.pointer && this.pointer.x >= this.labelW ? this.pointer.x - this.labelW : undefined;
    const rows = this.layout.rows;
    let handled = true;
    switch (e.key) {
      case 'w':
      case 'W':
      case '+':
      case '=':
        this.zoom(KEY_ZOOM, anchor);
        break;
      case 's':
      case 'S':
      case '-':
        this.zoom(1 / KEY_ZOOM, anchor);
        break;
      case 'a':
      case 'A':
      case 'ArrowLeft':
        this.vp = panBy(this.vp, -this.vp.widthPx * KEY_PAN, this.bounds);
        break;
      case 'd':
      case 'D':
      case 'ArrowRight':
        this.vp = panBy(this.vp, this.vp.widthPx * KEY_PAN, this.bounds);
        break;
      case 'ArrowUp':
      case 'ArrowDown':
        this.focusRow = Math.max(0, Math.min(rows.length - 1, this.focusRow + (e.key === 'ArrowUp' ? -1 : 1)));
        this.scrollRowIntoView(this.focusRow);
        break;
      case 'Enter':
      case ' ': {
        const row = rows[this.focusRow];
        if (row && row.kind !== 'lane') this.toggle(row);
        else if (row) this.selectFirstInView(row);
        break;
      }
      case '[':
      case ']':
        this.stepSlice(e.key === ']' ? 1 : -1);
        break;
      case 'f':
      case 'F':
        this.zoomToSelection();
        break;
      case '0':
      case 'Home':
        this.fit();
        break;
      case 'Escape':
        if (this.rangeSel) {
          this.rangeSel = null;
          this.events.range(null);
        } else if (this.selectedSlice >= 0) this.select(-1);
        else handled = false;
        break;
      default:
        handled = false;
    }
    if (handled) {
      e.preventDefault();
      this.requestDraw();
    }
  }

  private selectFirstInView(row: LaneRow): void {
    const trackId = this.trackOfLaneDepth.get(row.lane)?.[0];
    if (trackId === undefined) return;
    const track = this.model.tracks[trackId];
    const i = firstEndingAfter(this.model.slices.start, this.model.slices.dur, track, this.vp.startNs);
    if (i < track.offset + track.count) this.select(i, true);
  }

  /** Previous or next slice on the selected slice's track. */
  private stepSlice(dir: 1 | -1): void {
    const s = this.selectedSlice;
    if (s < 0) {
      const row = this.layout.rows[this.focusRow];
      if (row?.kind === 'lane') this.selectFirstInView(row);
      return;
    }
    const track = this.model.tracks[trackOfSlice(this.model, s)];
    const next = s + dir;
    if (next >= track.offset && next < track.offset + track.count) this.select(next, true);
  }

  // ---- tooltip ----

  private tooltip: HTMLDivElement | null = null;

  private updateTooltip(e: MouseEvent, x: number, y: number): void {
    const slice = this.hitSlice(x, y);
    if (slice < 0) {
      const counter = this.counterAt(x, y);
      if (!counter) return this.hideTooltip();
      this.showTooltip(e, counter);
      return;
    }
    const name = this.model.names[this.model.slices.name[slice]] ?? '';
    this.showTooltip(e, `${name}\n${formatDuration(this.model.slices.dur[slice])}`);
  }

  private counterAt(x: number, y: number): string | null {
    if (x < this.labelW || y < RULER_HEIGHT) return null;
    const cy = y - RULER_HEIGHT + this.scroller.scrollTop;
    const row = this.layout.rows[rowIndexAt(this.layout.rows, cy)];
    if (!row || row.kind !== 'lane') return null;
    const { counter } = hitInLane(row, cy);
    const seriesId = this.model.lanes[row.lane]?.counters[counter];
    if (seriesId === undefined) return null;
    const series = this.model.counters[seriesId];
    const t = xToTime(this.vp, x - this.labelW);
    const { start, value } = this.model.samples;
    let lo = series.offset;
    let hi = series.offset + series.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (start[mid] <= t) lo = mid + 1;
      else hi = mid;
    }
    if (lo === series.offset) return null;
    return `${series.name}\n${formatNumber(value[lo - 1])}`;
  }

  private showTooltip(e: MouseEvent, text: string): void {
    if (!this.tooltip) {
      this.tooltip = document.createElement('div');
      this.tooltip.className = 'tl-tooltip';
      this.tooltip.setAttribute('role', 'tooltip');
      document.body.appendChild(this.tooltip);
    }
    this.tooltip.textContent = text;
    this.tooltip.style.display = 'block';
    const pad = 14;
    const w = this.tooltip.offsetWidth;
    const left = e.clientX + pad + w > window.innerWidth ? e.clientX - pad - w : e.clientX + pad;
    this.tooltip.style.left = `${Math.max(0, left)}px`;
    this.tooltip.style.top = `${e.clientY + pad}px`;
  }

  private hideTooltip(): void {
    if (this.tooltip) this.tooltip.style.display = 'none';
  }

  // ---- drawing ----

  private color(nameId: number): SliceColor {
    let c = this.colors[nameId];
    if (!c) {
      c = sliceColor(this.model.names[nameId] ?? '', this.palette);
      this.colors[nameId] = c;
    }
    return c;
  }

  drawNow(): void {
    this.reportViewport();
    const t0 = performance.now();
    const ctx = this.ctx;
    const p = this.palette;
    const dpr = window.devicePixelRatio || 1;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = p.background;
    ctx.fillRect(0, 0, this.width, this.height);
    ctx.font = p.font;
    ctx.textBaseline = 'middle';
    this.charWidth = ctx.measureText('abcdefghijklmnopqrstuvwxyz0123456789').width / 36 || 6.5;
    this.stats.visits = 0;

    const scrollTop = this.scroller.scrollTop;
    const { from, to } = visibleRows(this.layout.rows, scrollTop, scrollTop + this.height - RULER_HEIGHT);
    ctx.save();
    ctx.beginPath();
    ctx.rect(0, RULER_HEIGHT, this.width, this.height - RULER_HEIGHT);
    ctx.clip();
    this.drawGrid();
    for (let i = from; i < to; i++) this.drawRow(this.layout.rows[i], RULER_HEIGHT + this.layout.rows[i].y - scrollTop, i === this.focusRow);
    this.drawRangeOverlay();
    this.drawArrows(scrollTop);
    ctx.restore();
    this.drawRuler();
    if (this.layout.rows.length === 0) {
      ctx.fillStyle = p.muted;
      ctx.fillText(this.t('noEvents'), this.labelW + 12, RULER_HEIGHT + 20);
    }
    const ms = performance.now() - t0;
    this.stats.frameMs.push(ms);
    this.stats.frameVisits.push(this.stats.visits);
    if (this.stats.frameMs.length > 600) {
      this.stats.frameMs.splice(0, this.stats.frameMs.length - 600);
      this.stats.frameVisits.splice(0, this.stats.frameVisits.length - 600);
    }
  }

  private drawRow(row: LayoutRow, y: number, focused: boolean): void {
    const ctx = this.ctx;
    const p = this.palette;
    if (row.kind === 'device') {
      ctx.fillStyle = p.headerBackground;
      ctx.fillRect(0, y, this.width, row.height);
      this.chevron(8, y + row.height / 2, row.collapsed);
      ctx.font = p.boldFont;
      ctx.fillStyle = p.foreground;
      const label = deviceLabel(row.device, this.t('host'), this.t('npu'));
      ctx.fillText(label, 22, y + row.height / 2);
      const w = ctx.measureText(label).width;
      ctx.font = p.font;
      ctx.fillStyle = p.muted;
      ctx.fillText(this.t('lanesCount', row.lanes.length), 30 + w, y + row.height / 2);
      if (row.collapsed) this.drawSummary(row.lanes, y + 4, row.height - 8);
    } else if (row.kind === 'process') {
      ctx.fillStyle = p.processBackground;
      ctx.fillRect(0, y, this.width, row.height);
      this.chevron(20, y + row.height / 2, row.collapsed);
      ctx.fillStyle = p.foreground;
      ctx.font = p.boldFont;
      const name = this.fitText(row.processName, this.labelW - 40);
      ctx.fillText(name, 32, y + row.height / 2);
      const w = ctx.measureText(name).width;
      ctx.font = p.font;
      ctx.fillStyle = p.muted;
      const pid = processSubtitle(row.pid, row.device, this.t('npu'));
      if (pid && 36 + w < this.labelW - 20) ctx.fillText(this.fitText(pid, this.labelW - 44 - w), 38 + w, y + row.height / 2);
      if (row.collapsed) this.drawSummary(row.lanes, y + 3, row.height - 6);
    } else {
      this.drawLane(row, y);
    }
    ctx.strokeStyle = p.border;
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(0, Math.round(y + row.height) - 0.5);
    ctx.lineTo(this.width, Math.round(y + row.height) - 0.5);
    ctx.stroke();
    if (focused && document.activeElement === this.canvas) {
      ctx.strokeStyle = p.focus;
      ctx.lineWidth = 2;
      ctx.strokeRect(1, y + 1, this.labelW - 2, row.height - 2);
    }
  }

  private chevron(x: number, y: number, collapsed: boolean): void {
    const ctx = this.ctx;
    ctx.fillStyle = this.palette.foreground;
    ctx.beginPath();
    if (collapsed) {
      ctx.moveTo(x - 2, y - 4);
      ctx.lineTo(x + 3, y);
      ctx.lineTo(x - 2, y + 4);
    } else {
      ctx.moveTo(x - 4, y - 2);
      ctx.lineTo(x + 4, y - 2);
      ctx.lineTo(x, y + 3);
    }
    ctx.closePath();
    ctx.fill();
  }

  private fitText(text: string, widthPx: number): string {
    const max = Math.floor(widthPx / this.charWidth);
    if (max <= 0) return '';
    return text.length <= max ? text : max <= 1 ? '…' : `${text.slice(0, max - 1)}…`;
  }

  /** Depth-0 slices of a collapsed group, flattened into its header. */
  private drawSummary(lanes: readonly number[], y: number, h: number): void {
    const ctx = this.ctx;
    ctx.globalAlpha = 0.55;
    for (const lane of lanes) {
      const trackId = this.trackOfLaneDepth.get(lane)?.[0];
      if (trackId !== undefined) this.drawTrack(trackId, y, h, false);
    }
    ctx.globalAlpha = 1;
  }

  private drawLane(row: LaneRow, y: number): void {
    const ctx = this.ctx;
    const p = this.palette;
    const lane = this.model.lanes[row.lane];
    ctx.fillStyle = p.labelBackground;
    ctx.fillRect(0, y, this.labelW, row.height);
    const tracks = lane.tracks;
    ctx.font = p.font;
    if (tracks.length) {
      ctx.fillStyle = p.foreground;
      ctx.fillText(this.fitText(lane.threadName, this.labelW - 44), 36, y + Math.min(row.height, ROW.depth + ROW.lanePad) / 2);
    }
    const top = y + ROW.lanePad / 2;
    for (let d = 0; d < tracks.length; d++) {
      const ty = top + d * ROW.depth;
      if (ty > this.height || ty + ROW.depth < RULER_HEIGHT) continue;
      this.drawTrack(tracks[d], ty + 1, ROW.depth - 2, true);
    }
    const cTop = top + tracks.length * ROW.depth;
    for (let k = 0; k < lane.counters.length; k++) {
      const cy = cTop + k * ROW.counter;
      const series = this.model.counters[lane.counters[k]];
      this.drawCounter(lane.counters[k], cy + 3, ROW.counter - 6);
      ctx.font = p.font;
      ctx.fillStyle = tracks.length ? p.muted : p.foreground;
      ctx.fillText(this.fitText(series.name, this.labelW - (tracks.length ? 52 : 44)), tracks.length ? 44 : 36, cy + ROW.counter / 2);
      ctx.fillStyle = p.muted;
      ctx.fillText(this.fitText(formatNumber(series.max), 80), this.labelW + 4, cy + 9);
    }
  }

  private drawTrack(trackId: number, y: number, h: number, labels: boolean): void {
    const ctx = this.ctx;
    const m = this.model;
    const { start, dur, name } = m.slices;
    const track = m.tracks[trackId];
    const vp = this.vp;
    const t0 = vp.startNs;
    const t1 = t0 + vp.widthPx * vp.nsPerPx;
    const right = this.width;
    const nsPerPx = vp.nsPerPx;
    const flags = this.searchFlags;
    const patchFlags = this.patchFlags;
    const cursorFlags = this.cursorFlags;
    const patchHits: number[] = [];
    const cursorHits: number[] = [];
    let lastFill = '';
    let lastAlpha = -1;
    const baseAlpha = ctx.globalAlpha;
    let pendCol = -1;
    let pendBest = -1;
    let pendBusy = 0;
    const texts: number[] = [];
    const hits: number[] = [];
    // Buckets that merge many slices are shaded by how much of their span is busy, so idle shows through.
    const fill = (best: number, x0: number, w: number, occupancy: number): void => {
      const c = this.color(name[best]).fill;
      if (c !== lastFill) {
        ctx.fillStyle = c;
        lastFill = c;
      }
      const a = !(occupancy < 0.75) ? 1 : occupancy >= 0.4 ? 0.75 : occupancy >= 0.15 ? 0.55 : 0.4;
      if (a !== lastAlpha) {
        ctx.globalAlpha = baseAlpha * a;
        lastAlpha = a;
      }
      ctx.fillRect(x0, y, w, h);
      if (flags && flags[name[best]]) hits.push(x0, w);
      if (patchFlags && patchFlags[name[best]]) patchHits.push(x0, w);
      if (cursorFlags && cursorFlags[name[best]]) cursorHits.push(x0, w);
    };
    const flush = (): void => {
      if (pendBest >= 0) fill(pendBest, pendCol, 1, pendBusy / nsPerPx);
      pendBest = -1;
      pendCol = -1;
      pendBusy = 0;
    };
    this.stats.visits += visitTrack(start, dur, track, t0, t1, nsPerPx * BUCKET_PX, (best, hs, he, count, busy) => {
      let x0 = this.labelW + (hs - t0) / nsPerPx;
      let x1 = this.labelW + (he - t0) / nsPerPx;
      if (x0 < this.labelW) x0 = this.labelW;
      if (x1 > right) x1 = right;
      if (x1 - x0 < 1) {
        const col = Math.floor(x0);
        if (col === pendCol) {
          if (dur[best] > dur[pendBest]) pendBest = best;
          pendBusy += Number.isNaN(busy) ? nsPerPx : busy;
          return;
        }
        flush();
        pendCol = col;
        pendBest = best;
        pendBusy = Number.isNaN(busy) ? nsPerPx : busy;
        return;
      }
      flush();
      fill(best, x0, x1 - x0, count > 1 && he > hs ? busy / (he - hs) : 1);
      if (labels) {
        // Label the representative where its own extent is wide enough to read.
        const bx0 = Math.max(this.labelW, this.labelW + (start[best] - t0) / nsPerPx);
        const bx1 = Math.min(right, this.labelW + (start[best] + dur[best] - t0) / nsPerPx);
        if (bx1 - bx0 >= 5) texts.push(best, bx0, bx1 - bx0);
      }
    });
    flush();
    ctx.globalAlpha = baseAlpha;
    if (cursorHits.length || patchHits.length) this.drawHighlights(patchHits, cursorHits, y, h);
    if (hits.length) {
      ctx.strokeStyle = this.palette.flow;
      ctx.lineWidth = 2;
      for (let k = 0; k < hits.length; k += 2) ctx.strokeRect(hits[k] + 1, y + 1, Math.max(1, hits[k + 1] - 2), h - 2);
    }
    if (texts.length) {
      ctx.font = this.palette.font;
      for (let k = 0; k < texts.length; k += 3) {
        const best = texts[k];
        const label = this.fitText(m.names[name[best]] ?? '', texts[k + 2] - 6);
        if (!label || label === '…') continue;
        ctx.fillStyle = this.color(name[best]).text;
        ctx.fillText(label, texts[k + 1] + 3, y + h / 2 + 0.5);
      }
    }
    const sel = this.selectedSlice;
    if (sel >= track.offset && sel < track.offset + track.count) {
      const x0 = this.labelW + (start[sel] - t0) / nsPerPx;
      const x1 = this.labelW + (start[sel] + dur[sel] - t0) / nsPerPx;
      if (x1 >= this.labelW && x0 <= right) {
        ctx.strokeStyle = this.palette.selection;
        ctx.lineWidth = 2;
        const a = Math.max(this.labelW - 2, x0);
        ctx.strokeRect(a - 1, y - 1, Math.max(3, Math.min(right + 2, x1) - a + 2), h + 2);
      }
    }
  }

  /**
   * Patch: a solid outline with a bar along the top; cursor: a tint with a dashed outline. Both read in
   * light and dark themes and stay distinct from the search outline and the selection.
   */
  private drawHighlights(patchHits: readonly number[], cursorHits: readonly number[], y: number, h: number): void {
    const ctx = this.ctx;
    const p = this.palette;
    const base = ctx.globalAlpha;
    if (cursorHits.length) {
      ctx.fillStyle = p.cursor;
      ctx.globalAlpha = base * (p.dark ? 0.45 : 0.35);
      for (let k = 0; k < cursorHits.length; k += 2) ctx.fillRect(cursorHits[k], y, Math.max(1, cursorHits[k + 1]), h);
      ctx.globalAlpha = base;
      ctx.strokeStyle = p.cursor;
      ctx.lineWidth = 1.5;
      ctx.setLineDash([3, 2]);
      for (let k = 0; k < cursorHits.length; k += 2) ctx.strokeRect(cursorHits[k] + 0.75, y + 0.75, Math.max(1, cursorHits[k + 1] - 1.5), h - 1.5);
      ctx.setLineDash([]);
    }
    if (patchHits.length) {
      ctx.strokeStyle = p.patch;
      ctx.fillStyle = p.patch;
      ctx.lineWidth = 2;
      for (let k = 0; k < patchHits.length; k += 2) {
        const w = Math.max(1, patchHits[k + 1]);
        ctx.fillRect(patchHits[k], y, w, 3);
        if (w >= 3) ctx.strokeRect(patchHits[k] + 1, y + 1, w - 2, h - 2);
      }
    }
  }

  private drawCounter(seriesId: number, y: number, h: number): void {
    const ctx = this.ctx;
    const p = this.palette;
    const series = this.model.counters[seriesId];
    const { start, dur, value } = this.model.samples;
    const vp = this.vp;
    const t0 = vp.startNs;
    const t1 = t0 + vp.widthPx * vp.nsPerPx;
    const lo = Math.min(0, series.min);
    const range = series.max - lo || 1;
    const base = y + h;
    const right = this.width;
    ctx.beginPath();
    ctx.moveTo(this.labelW, base);
    let lastX = this.labelW;
    this.stats.visits += visitTrack(start, dur, { offset: series.offset, count: series.count, levels: series.levels }, t0, t1, vp.nsPerPx * BUCKET_PX, (best, hs, he) => {
      const x0 = Math.max(this.labelW, this.labelW + (hs - t0) / vp.nsPerPx);
      const x1 = Math.min(right, Math.max(x0 + 1, this.labelW + (he - t0) / vp.nsPerPx));
      const vy = base - ((value[best] - lo) / range) * h;
      if (x0 > lastX + 0.5) {
        ctx.lineTo(lastX, base);
        ctx.lineTo(x0, base);
      }
      ctx.lineTo(x0, vy);
      ctx.lineTo(x1, vy);
      lastX = x1;
    });
    ctx.lineTo(lastX, base);
    ctx.closePath();
    ctx.globalAlpha = p.dark ? 0.4 : 0.25;
    ctx.fillStyle = p.counterFill;
    ctx.fill();
    ctx.globalAlpha = 1;
    ctx.strokeStyle = p.counter;
    ctx.lineWidth = 1;
    ctx.stroke();
  }

  private drawRangeOverlay(): void {
    const r = this.rangeSel;
    if (!r) return;
    const ctx = this.ctx;
    const x0 = Math.max(this.labelW, this.labelW + timeToX(this.vp, Math.min(r.t0, r.t1)));
    const x1 = Math.min(this.width, this.labelW + timeToX(this.vp, Math.max(r.t0, r.t1)));
    if (x1 < x0) return;
    ctx.globalAlpha = 0.3;
    ctx.fillStyle = this.palette.rangeFill;
    ctx.fillRect(x0, RULER_HEIGHT, x1 - x0, this.height - RULER_HEIGHT);
    ctx.globalAlpha = 1;
    ctx.strokeStyle = this.palette.focus;
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(Math.round(x0) + 0.5, RULER_HEIGHT);
    ctx.lineTo(Math.round(x0) + 0.5, this.height);
    ctx.moveTo(Math.round(x1) - 0.5, RULER_HEIGHT);
    ctx.lineTo(Math.round(x1) - 0.5, this.height);
    ctx.stroke();
  }

  private endPoint(lane: number, t: number, slice: number, scrollTop: number): { x: number; y: number } | null {
    const rowIdx = this.layout.rowOfLane[lane];
    const row = this.layout.rows[rowIdx];
    if (!row) return null;
    let y = RULER_HEIGHT + row.y - scrollTop + row.height / 2;
    if (row.kind === 'lane') {
      const depth = slice >= 0 ? (this.model.tracks[trackOfSlice(this.model, slice)]?.depth ?? 0) : 0;
      y = RULER_HEIGHT + row.y - scrollTop + ROW.lanePad / 2 + depth * ROW.depth + ROW.depth / 2;
    }
    return { x: this.labelW + timeToX(this.vp, t), y };
  }

  private drawArrows(scrollTop: number): void {
    if (!this.arrows.length) return;
    const ctx = this.ctx;
    ctx.save();
    ctx.beginPath();
    ctx.rect(this.labelW, RULER_HEIGHT, this.width - this.labelW, this.height - RULER_HEIGHT);
    ctx.clip();
    ctx.strokeStyle = this.palette.flow;
    ctx.fillStyle = this.palette.flow;
    ctx.lineWidth = 1.5;
    for (const a of this.arrows) {
      const p0 = this.endPoint(a.from.lane, a.from.t, a.from.slice, scrollTop);
      const p1 = this.endPoint(a.to.lane, a.to.t, a.to.slice, scrollTop);
      if (!p0 || !p1) continue;
      const dx = Math.max(30, Math.abs(p1.x - p0.x) / 2);
      ctx.beginPath();
      ctx.moveTo(p0.x, p0.y);
      ctx.bezierCurveTo(p0.x + dx, p0.y, p1.x - dx, p1.y, p1.x, p1.y);
      ctx.stroke();
      ctx.beginPath();
      ctx.moveTo(p1.x, p1.y);
      ctx.lineTo(p1.x - 7, p1.y - 4);
      ctx.lineTo(p1.x - 7, p1.y + 4);
      ctx.closePath();
      ctx.fill();
      ctx.beginPath();
      ctx.arc(p0.x, p0.y, 2.5, 0, Math.PI * 2);
      ctx.fill();
    }
    ctx.restore();
  }

  /** Faint lines through the tracks at the ruler's labelled ticks (drawn under the slices). */
  private drawGrid(): void {
    const ctx = this.ctx;
    const ticks = rulerTicks(this.vp.startNs - this.origin, this.vp.nsPerPx, this.vp.widthPx);
    ctx.save();
    ctx.globalAlpha = 0.6;
    ctx.strokeStyle = this.palette.border;
    ctx.lineWidth = 1;
    ctx.beginPath();
    for (const tick of ticks) {
      if (!tick.major) continue;
      const x = Math.round(this.labelW + tick.x) + 0.5;
      ctx.moveTo(x, RULER_HEIGHT);
      ctx.lineTo(x, this.height);
    }
    ctx.stroke();
    ctx.restore();
  }

  private drawRuler(): void {
    const ctx = this.ctx;
    const p = this.palette;
    ctx.fillStyle = p.labelBackground;
    ctx.fillRect(0, 0, this.width, RULER_HEIGHT);
    ctx.strokeStyle = p.border;
    ctx.lineWidth = 1;
    ctx.beginPath();
    ctx.moveTo(0, RULER_HEIGHT - 0.5);
    ctx.lineTo(this.width, RULER_HEIGHT - 0.5);
    ctx.moveTo(this.labelW - 0.5, 0);
    ctx.lineTo(this.labelW - 0.5, this.height);
    ctx.stroke();
    const origin = this.origin;
    const ticks = rulerTicks(this.vp.startNs - origin, this.vp.nsPerPx, this.vp.widthPx);
    ctx.font = p.font;
    ctx.fillStyle = p.muted;
    ctx.strokeStyle = p.muted;
    ctx.beginPath();
    for (const tick of ticks) {
      const x = Math.round(this.labelW + tick.x) + 0.5;
      ctx.moveTo(x, tick.major ? 4 : RULER_HEIGHT - 6);
      ctx.lineTo(x, RULER_HEIGHT);
    }
    ctx.stroke();
    for (const tick of ticks) if (tick.major) ctx.fillText(tick.label, this.labelW + tick.x + 4, 10);
    const r = this.rangeSel;
    if (r) {
      const x0 = this.labelW + timeToX(this.vp, Math.min(r.t0, r.t1));
      const x1 = this.labelW + timeToX(this.vp, Math.max(r.t0, r.t1));
      const label = formatDuration(Math.abs(r.t1 - r.t0));
      const w = ctx.measureText(label).width + 8;
      const cx = Math.min(this.width - w, Math.max(this.labelW, (x0 + x1) / 2 - w / 2));
      ctx.fillStyle = p.focus;
      ctx.fillRect(cx, RULER_HEIGHT - 14, w, 13);
      ctx.fillStyle = '#ffffff';
      ctx.fillText(label, cx + 4, RULER_HEIGHT - 7);
    }
    if (this.pointer && this.pointer.x >= this.labelW && !this.drag) {
      const x = Math.round(this.pointer.x) + 0.5;
      ctx.strokeStyle = p.focus;
      ctx.beginPath();
      ctx.moveTo(x, 0);
      ctx.lineTo(x, RULER_HEIGHT);
      ctx.stroke();
    }
    ctx.fillStyle = p.foreground;
    ctx.font = p.font;
    ctx.fillText(formatDuration(this.vp.widthPx * this.vp.nsPerPx), 10, RULER_HEIGHT / 2);
  }
}

/** Second text of a process header: msprof packs `hostPid << 10 | layer << 5 | device` into host lanes' pids. */
export function processSubtitle(pid: string, device: number, npu: string): string {
  if (device >= 0) return '';
  const n = Number(pid);
  if (!Number.isSafeInteger(n) || n < 0) return pid;
  return n >= 1 << 22 ? `pid ${Math.floor(n / 1024)} · ${npu} ${n % 32}` : `pid ${n}`;
}

export function formatNumber(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (Math.abs(v) >= 1e6) return v.toExponential(3);
  return Number.isInteger(v) ? String(v) : v.toFixed(Math.abs(v) < 10 ? 3 : 1);
}
