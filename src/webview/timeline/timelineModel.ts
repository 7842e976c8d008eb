// What the page draws, built in the worker from the parser's columns: slices regrouped per lane and
// depth (sorted, non-overlapping, with LOD levels), counter series, and lane descriptions.
import type { LaneKind } from '../../core/trace/laneTable';
import { narrowFloat, narrowSmallIds, PH, type SourceStatus, type TraceColumns } from '../../core/trace/traceColumns';
import { releaseBuffers } from '../../core/trace/bufferRelease';
import { buildLodLevels, LodScratch, type LodLevel } from './lodLevels';

export interface SliceTrack {
  readonly lane: number;
  readonly depth: number;
  readonly offset: number;
  readonly count: number;
  readonly levels: readonly LodLevel[];
}

export interface CounterSeries {
  readonly lane: number;
  /** `<event name> <args key>`, e.g. `APP/HBM KB`. */
  readonly name: string;
  readonly offset: number;
  readonly count: number;
  readonly min: number;
  readonly max: number;
  readonly levels: readonly LodLevel[];
}

export interface LaneInfo {
  readonly id: number;
  readonly device: number;
  readonly pid: string;
  readonly tid: string;
  readonly processName: string;
  readonly threadName: string;
  readonly kind: LaneKind;
  readonly processSortIndex: number;
  readonly threadSortIndex: number;
  /** Slice tracks of this lane by depth (indices into RenderModel.tracks). */
  readonly tracks: readonly number[];
  /** Counter series of this lane (indices into RenderModel.counters). */
  readonly counters: readonly number[];
  readonly sliceCount: number;
}

export interface RenderModel {
  readonly baseUs: number;
  readonly minNs: number;
  readonly maxNs: number;
  /** Names of the slices (ids in slices.name; not the parser's string ids). */
  readonly names: readonly string[];
  /**
   * Slices in track order: per lane, per depth, by start (a slice's track: trackOfSlice). Durations and
   * name ids are 32/16-bit when every value fits exactly (the page holds these for the whole trace).
   */
  readonly slices: {
    readonly start: Float64Array;
    readonly dur: Float64Array | Uint32Array;
    readonly name: Uint32Array | Uint16Array | Uint8Array;
  };
  readonly tracks: readonly SliceTrack[];
  /** Counter samples in series order; dur runs to the next sample (the value holds until then). */
  readonly samples: { readonly start: Float64Array; readonly dur: Float64Array; readonly value: Float64Array };
  readonly counters: readonly CounterSeries[];
  readonly lanes: readonly LaneInfo[];
  readonly sources: readonly SourceStatus[];
  /** Parsed events (metadata excluded). */
  readonly eventCount: number;
  readonly skipped: Readonly<Record<string, number>>;
}

/** Index of the track holding a slice: tracks cover the slices in order, so a binary search over their offsets. */
export function trackOfSlice(m: { readonly tracks: readonly SliceTrack[] }, slice: number): number {
  const tracks = m.tracks;
  let lo = 0;
  let hi = tracks.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (tracks[mid].offset <= slice) lo = mid;
    else hi = mid - 1;
  }
  // An empty track shares its offset with the next one: step back to the track that holds the slice.
  while (lo > 0 && slice >= tracks[lo].offset + tracks[lo].count) lo--;
  return lo;
}

/** Phases drawn as slices: complete, begin (paired with its end) and instants. */
function isSlicePhase(ph: number): boolean {
  return ph === PH.complete || ph === PH.begin || ph === PH.instant || ph === PH.instantLegacy;
}

export interface ModelBuild {
  readonly model: RenderModel;
  /** Row of each slice in the parser's columns (for args, category and flows): kept by the worker, not drawn. */
  readonly row: Uint32Array;
}

export function buildRenderModel(t: TraceColumns): ModelBuild {
  const laneCount = t.lanes.length;
  const n = t.count;
  // Counting sort of slice rows by lane (stable: parser order within a lane).
  const perLane = new Uint32Array(laneCount + 1);
  let sliceCount = 0;
  for (let r = 0; r < n; r++) {
    if (!isSlicePhase(t.phase[r])) continue;
    perLane[t.lane[r] + 1]++;
    sliceCount++;
  }
  for (let l = 0; l < laneCount; l++) perLane[l + 1] += perLane[l];
  const laneStart = perLane.slice();
  // The rows grouped by lane, then sorted per lane and regrouped per depth in place: the slices' row column.
  const row = new Uint32Array(sliceCount);
  const fill = perLane.slice();
  for (let r = 0; r < n; r++) if (isSlicePhase(t.phase[r])) row[fill[t.lane[r]]++] = r;

  const start = new Float64Array(sliceCount);
  const dur = new Float64Array(sliceCount);
  const name = new Uint32Array(sliceCount);
  const scratch = new LodScratch();
  const tracks: SliceTrack[] = [];
  const laneTracks: number[][] = Array.from({ length: laneCount }, () => []);
  const depth = new Uint32Array(sliceCount);
  let minNs = Infinity;
  let maxNs = -Infinity;
  // Per lane, one pass over the parser's columns (random access: the lane's rows are spread over the
  // file) writes the slices in start order and their depths; only lanes with nested or overlapping slices
  // are then regrouped by depth, from those sequential copies.
  let tmp = { start: new Float64Array(0), dur: new Float64Array(0), name: new Uint32Array(0), row: new Uint32Array(0) };

  for (let l = 0; l < laneCount; l++) {
    const a = laneStart[l];
    const b = laneStart[l + 1];
    if (a === b) continue;
    const lr = row.subarray(a, b);
    // Sorted by start, longer first at equal starts (so a parent precedes its children).
    let sorted = true;
    for (let i = 1; i < lr.length; i++) {
      const p = lr[i - 1];
      const q = lr[i];
      if (t.startNs[p] > t.startNs[q] || (t.startNs[p] === t.startNs[q] && t.durNs[p] < t.durNs[q])) {
        sorted = false;
        break;
      }
    }
    if (!sorted) lr.sort((p, q) => t.startNs[p] - t.startNs[q] || t.durNs[q] - t.durNs[p]);
    // Depth: the lowest level free at the slice's start. Nested slices stack; overlapping siblings that
    // do not nest get their own level, so every (lane, depth) track is free of overlaps.
    const levelEnd: number[] = [];
    const perDepth: number[] = [];
    for (let i = 0; i < lr.length; i++) {
      const r = lr[i];
      const s = t.startNs[r];
      const du = Math.max(0, t.durNs[r]);
      const e = s + du;
      let d = 0;
      while (d < levelEnd.length && levelEnd[d] > s) d++;
      if (d === levelEnd.length) {
        levelEnd.push(e);
        perDepth.push(0);
      } else levelEnd[d] = e;
      depth[a + i] = d;
      perDepth[d]++;
      start[a + i] = s;
      dur[a + i] = du;
      name[a + i] = t.name[r];
      if (s < minNs) minNs = s;
      if (e > maxNs) maxNs = e;
    }
    if (perDepth.length > 1) {
      // Stable regroup by depth.
      const len = b - a;
      if (tmp.start.length < len) releaseBuffers(tmp.start, tmp.dur, tmp.name, tmp.row);
      if (tmp.start.length < len) tmp = { start: new Float64Array(len), dur: new Float64Array(len), name: new Uint32Array(len), row: new Uint32Array(len) };
      tmp.start.set(start.subarray(a, b));
      tmp.dur.set(dur.subarray(a, b));
      tmp.name.set(name.subarray(a, b));
      tmp.row.set(row.subarray(a, b));
      const at: number[] = [];
      let acc = a;
      for (let d = 0; d < perDepth.length; d++) {
        at.push(acc);
        acc += perDepth[d];
      }
      for (let i = 0; i < len; i++) {
        const k = at[depth[a + i]]++;
        start[k] = tmp.start[i];
        dur[k] = tmp.dur[i];
        name[k] = tmp.name[i];
        row[k] = tmp.row[i];
      }
    }
    let offset = a;
    for (let d = 0; d < perDepth.length; d++) {
      const count = perDepth[d];
      const index = tracks.length;
      tracks.push({ lane: l, depth: d, offset, count, levels: buildLodLevels(start, dur, offset, count, dur, scratch) });
      laneTracks[l].push(index);
      offset += count;
    }
  }

  const { samples, counters, laneCounters, min: cMin, max: cMax } = buildCounters(t, laneCount, scratch);
  // Scratch freed now: the worker goes idle after the load and may not collect it for a long time.
  releaseBuffers(depth, tmp.start, tmp.dur, tmp.name, tmp.row, scratch.first, scratch.best, scratch.busy);
  if (cMin < minNs) minNs = cMin;
  if (cMax > maxNs) maxNs = cMax;
  if (!Number.isFinite(minNs)) {
    minNs = 0;
    maxNs = 1000;
  }
  if (maxNs <= minNs) maxNs = minNs + 1000;

  const lanes: LaneInfo[] = t.lanes.map((lane) => ({
    id: lane.id,
    device: lane.device,
    pid: String(lane.pid),
    tid: String(lane.tid),
    processName: lane.processName,
    threadName: lane.threadName,
    kind: laneCounters[lane.id].length && !laneTracks[lane.id].length ? 'counter' : lane.kind,
    processSortIndex: lane.processSortIndex,
    threadSortIndex: lane.threadSortIndex,
    tracks: laneTracks[lane.id],
    counters: laneCounters[lane.id],
    sliceCount: laneStart[lane.id + 1] - laneStart[lane.id],
  }));

  // The page gets only the names slices use (a trace can hold a unique name per flow event, 10^5 of them).
  const sliceNames = compactNames(name, t.strings);
  // The last sample of a series holds to the end of the trace.
  for (const series of counters) if (series.count) samples.dur[series.offset + series.count - 1] = Math.max(0, maxNs - samples.start[series.offset + series.count - 1]);
  return {
    model: {
      baseUs: t.baseUs,
      minNs,
      maxNs,
      names: sliceNames,
      slices: { start, dur: narrowed(dur, narrowFloat(dur, sliceCount, 0) as Float64Array | Uint32Array), name: narrowed(name, narrowSmallIds(name, sliceCount)) },
      tracks,
      samples,
      counters,
      lanes,
      sources: t.sources,
      eventCount: t.count,
      skipped: t.skipped,
    },
    row,
  };
}

function buildCounters(t: TraceColumns, laneCount: number, scratch: LodScratch) {
  const c = t.counters;
  // Series key: lane, event name and args key.
  const seriesOf = new Map<string, number>();
  const keys: { lane: number; name: string }[] = [];
  const sampleSeries = new Uint32Array(c.count);
  for (let i = 0; i < c.count; i++) {
    const r = c.event[i];
    const lane = t.lane[r];
    const key = `${lane}\u0000${t.name[r]}\u0000${c.key[i]}`;
    let s = seriesOf.get(key);
    if (s === undefined) {
      s = keys.length;
      seriesOf.set(key, s);
      const eventName = t.strings[t.name[r]] ?? '';
      const argKey = t.strings[c.key[i]] ?? '';
      keys.push({ lane, name: argKey && argKey !== eventName ? `${eventName} ${argKey}`.trim() : eventName });
    }
    sampleSeries[i] = s;
  }
  const counts = new Uint32Array(keys.length + 1);
  for (let i = 0; i < c.count; i++) counts[sampleSeries[i] + 1]++;
  for (let s = 0; s < keys.length; s++) counts[s + 1] += counts[s];
  const order = new Uint32Array(c.count);
  const fill = counts.slice();
  for (let i = 0; i < c.count; i++) order[fill[sampleSeries[i]]++] = i;

  const start = new Float64Array(c.count);
  const dur = new Float64Array(c.count);
  const value = new Float64Array(c.count);
  const counters: CounterSeries[] = [];
  const laneCounters: number[][] = Array.from({ length: laneCount }, () => []);
  let min = Infinity;
  let max = -Infinity;
  for (let s = 0; s < keys.length; s++) {
    const a = counts[s];
    const b = counts[s + 1];
    const idx = order.subarray(a, b);
    idx.sort((p, q) => t.startNs[c.event[p]] - t.startNs[c.event[q]]);
    let vMin = Infinity;
    let vMax = -Infinity;
    for (let k = 0; k < idx.length; k++) {
      const i = idx[k];
      start[a + k] = t.startNs[c.event[i]];
      value[a + k] = c.value[i];
      if (c.value[i] < vMin) vMin = c.value[i];
      if (c.value[i] > vMax) vMax = c.value[i];
    }
    for (let k = a; k < b; k++) dur[k] = k + 1 < b ? start[k + 1] - start[k] : 0;
    if (b > a) {
      min = Math.min(min, start[a]);
      max = Math.max(max, start[b - 1]);
    }
    const index = counters.length;
    counters.push({ lane: keys[s].lane, name: keys[s].name, offset: a, count: b - a, min: vMin, max: vMax, levels: buildLodLevels(start, value, a, b - a, undefined, scratch) });
    laneCounters[keys[s].lane].push(index);
  }
  releaseBuffers(sampleSeries, order);
  return { samples: { start, dur, value }, counters, laneCounters, min, max };
}

/** The narrow copy when there is one, the wide column freed at once. */
function narrowed<T extends ArrayBufferView>(wide: ArrayBufferView, narrow: T): T {
  if (narrow.buffer !== wide.buffer) releaseBuffers(wide);
  return narrow;
}

/**
 * Renumbers the string ids in `ids` (in place) to the names they use, in order of first use; returns those
 * names. Id 0 stays the empty string, as in the parser's table (the analyses skip it).
 */
function compactNames(ids: Uint32Array, strings: readonly string[]): string[] {
  const map = new Int32Array(strings.length).fill(-1);
  map[0] = 0;
  const names: string[] = [''];
  for (let i = 0; i < ids.length; i++) {
    let k = map[ids[i]];
    if (k < 0) {
      k = map[ids[i]] = names.length;
      names.push(strings[ids[i]]);
    }
    ids[i] = k;
  }
  releaseBuffers(map);
  return names;
}
