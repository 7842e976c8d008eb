// Where two traces line up: the start of decode step N in each, found with the gap analysis's own boundary
// pairing (a step starts at the next-boundary slice after the previous step's boundary slice), and the
// shared time axis that follows (offsets, common bounds, mirrored viewports).
import { analyzeGaps, type Boundary, type GapPairs } from '../../core/profiling/gapAnalysis';
import { PH, type TraceColumns } from '../../core/trace/traceColumns';
import type { RenderModel } from '../timeline/timelineModel';
import { clampViewport, type TimeBounds, type Viewport } from '../timeline/viewport';

/** Step starts (ns in the trace's own coordinates, ascending) of each boundary group: NPU id, -1 for the host lanes. */
export type StepTable = ReadonlyMap<number, Float64Array>;

/**
 * The drawn slices as the columns the gap analysis reads (names, lanes with their device and host flag,
 * start, duration, phase). Columns the gap analysis does not read are left empty.
 */
export function gapColumnsOfModel(m: RenderModel): TraceColumns {
  const n = m.slices.start.length;
  const lane = new Uint32Array(n);
  for (const t of m.tracks) lane.fill(t.lane, t.offset, t.offset + t.count);
  return {
    baseUs: m.baseUs,
    count: n,
    startNs: m.slices.start,
    durNs: m.slices.dur,
    lane,
    name: m.slices.name,
    cat: new Uint32Array(0),
    // Every drawn slice is complete once the model is built (B events carry their paired duration).
    phase: new Uint8Array(n).fill(PH.complete),
    flow: new Int32Array(0),
    source: new Uint16Array(0),
    argsOffset: new Float64Array(0),
    argsLength: new Uint32Array(0),
    strings: m.names,
    flowIds: [],
    lanes: m.lanes.map((l) => ({
      id: l.id,
      pid: l.pid,
      tid: l.tid,
      source: 0,
      processName: l.processName,
      threadName: l.threadName,
      labels: '',
      processSortIndex: l.processSortIndex,
      threadSortIndex: l.threadSortIndex,
      kind: l.kind,
      host: l.kind === 'host' || l.kind === 'cann',
      device: l.device,
      stream: -1,
    })),
    counters: { count: 0, event: new Uint32Array(0), key: new Uint32Array(0), value: new Float64Array(0) },
    phaseCounts: {},
    skipped: {},
    sources: m.sources,
  };
}

/** Step starts per group from the gap analysis pairs. */
export function stepTableOfPairs(p: GapPairs): StepTable {
  const lists = new Map<number, number[]>();
  for (let k = 0; k < p.count; k++) {
    const d = p.device[k];
    let l = lists.get(d);
    if (!l) lists.set(d, (l = []));
    l.push(p.nextStartNs[k]);
  }
  const out = new Map<number, Float64Array>();
  for (const [d, l] of lists) out.set(d, Float64Array.from(l).sort());
  return out;
}

/** The decode steps of a drawn trace with this boundary; throws BoundaryError for an invalid regex. */
export function stepTableOfModel(m: RenderModel, boundary: Boundary): StepTable {
  return stepTableOfPairs(analyzeGaps(gapColumnsOfModel(m), boundary, { topHostEvents: 0 }).pairs);
}

/**
 * The group whose steps both traces are aligned by: the lowest NPU with steps in both, else the host
 * lanes when both have steps there, else null (nothing to align).
 */
export function commonStepGroup(a: StepTable, b: StepTable): number | null {
  const devices = [...a.keys()].filter((d) => d >= 0 && (a.get(d)?.length ?? 0) > 0 && (b.get(d)?.length ?? 0) > 0).sort((x, y) => x - y);
  if (devices.length) return devices[0];
  if ((a.get(-1)?.length ?? 0) > 0 && (b.get(-1)?.length ?? 0) > 0) return -1;
  return null;
}

/** Steps both traces have (1-based step numbers run 1..count). */
export function commonStepCount(a: Float64Array, b: Float64Array): number {
  return Math.min(a.length, b.length);
}

/** A step number brought into 1..count (1 when not a number). */
export function clampStep(step: number, count: number): number {
  if (count <= 0) return 0;
  if (!Number.isFinite(step)) return 1;
  return Math.min(count, Math.max(1, Math.round(step)));
}

/** [start, end) of step N (1-based) in trace ns: to the next step's start, or to the trace end for the last one. */
export function stepWindow(starts: Float64Array, step: number, traceEndNs: number): { readonly start: number; readonly end: number } {
  const start = starts[step - 1];
  const end = step < starts.length ? starts[step] : Math.max(start, traceEndNs);
  return { start, end };
}

/** The step (1-based) a time falls in, 0 before the first step. */
export function stepAt(starts: Float64Array, t: number): number {
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (starts[mid] <= t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Both traces on one axis whose zero is the alignment point: each trace's own ns minus its offset. */
export interface Alignment {
  readonly step: number;
  readonly baselineOffsetNs: number;
  readonly currentOffsetNs: number;
}

export function alignAtStep(baseline: Float64Array, current: Float64Array, step: number): Alignment | null {
  const n = commonStepCount(baseline, current);
  const s = clampStep(step, n);
  if (!s) return null;
  return { step: s, baselineOffsetNs: baseline[s - 1], currentOffsetNs: current[s - 1] };
}

/** The range both views may move in, on the shared axis (the union of both traces after their offsets). */
export function sharedBounds(a: TimeBounds, aOffset: number, b: TimeBounds, bOffset: number): TimeBounds {
  return { minNs: Math.min(a.minNs - aOffset, b.minNs - bOffset), maxNs: Math.max(a.maxNs - aOffset, b.maxNs - bOffset) };
}

/** Shared-axis bounds in one trace's own coordinates. */
export function boundsInTrace(shared: TimeBounds, offset: number): TimeBounds {
  return { minNs: shared.minNs + offset, maxNs: shared.maxNs + offset };
}

/** The other view's viewport showing the same shared-axis range as v. */
export function mirrorViewport(v: Viewport, fromOffset: number, toOffset: number, toWidthPx = v.widthPx): Viewport {
  return { startNs: v.startNs - fromOffset + toOffset, nsPerPx: v.nsPerPx, widthPx: toWidthPx };
}

/** A viewport (in a trace's coordinates) showing [0, lengthNs] of the shared axis with a margin on both sides. */
export function stepViewport(offset: number, lengthNs: number, widthPx: number, bounds: TimeBounds, margin = 0.06): Viewport {
  const len = Math.max(1000, lengthNs);
  const w = Math.max(1, widthPx);
  return clampViewport({ startNs: offset - len * margin, nsPerPx: (len * (1 + 2 * margin)) / w, widthPx: w }, bounds);
}
