// Per-track level-of-detail buckets (the Perfetto "mipmap" idea): for bucket widths growing by 4x, each
// non-empty bucket keeps the index of its heaviest item (longest slice, highest counter value) and where
// its items start, so a frame at any zoom visits about one bucket per pixel instead of every event.
//
// A track is a run [offset, offset + count) of items sorted by start whose intervals do not overlap
// (start[i] + dur[i] <= start[i + 1]), so item ends are sorted too and binary searches work on both.

import { releaseBuffers } from '../../core/trace/bufferRelease';

export interface LodLevel {
  readonly bucketNs: number;
  /** First item (absolute index) of each non-empty bucket, ascending. */
  readonly first: Uint32Array;
  /** Heaviest item of each bucket. */
  readonly best: Uint32Array;
  /** Summed durations of each bucket's items (slices only: shades a bucket by how busy it is). */
  readonly busy?: Float32Array;
}

export interface LodTrack {
  readonly offset: number;
  readonly count: number;
  /** Coarser levels, ascending bucketNs; empty for short tracks (drawn item by item). */
  readonly levels: readonly LodLevel[];
}

/** Tracks shorter than this are drawn from raw items at every zoom. */
export const LOD_MIN_ITEMS = 64;
/** A candidate level is kept only when it has at most this share of the buckets of the last level kept (it merges at least 60%): fewer, sparser levels cost memory on the page, not frame time. */
const KEEP_RATIO = 0.4;

/** Scratch buffers of buildLodLevels, shared by the tracks of one model (one allocation, not one per track). */
export class LodScratch {
  first = new Uint32Array(0);
  best = new Uint32Array(0);
  busy = new Float64Array(0);

  reserve(count: number): void {
    if (this.first.length >= count) return;
    const n = Math.max(count, this.first.length * 2);
    releaseBuffers(this.first, this.best, this.busy);
    this.first = new Uint32Array(n);
    this.best = new Uint32Array(n);
    this.busy = new Float64Array(n);
  }
}

/**
 * Builds the levels of one track. weight picks the representative of a bucket (duration for slices,
 * value for counters); ties keep the earlier item. With durations, each bucket also sums its busy time.
 */
export function buildLodLevels(start: Float64Array, weight: ArrayLike<number>, offset: number, count: number, durations?: Float64Array, scratch = new LodScratch()): LodLevel[] {
  if (count < LOD_MIN_ITEMS) return [];
  const last = offset + count - 1;
  const spanNs = Math.max(1, start[last] - start[offset]);
  // Below the average spacing almost every bucket holds one item: start there.
  let bucketNs = Math.pow(4, Math.max(0, Math.floor(Math.log(Math.max(1, spanNs / count)) / Math.log(4))));
  // One scratch level merged in place, coarser each round (a bucket is written at or before where it
  // was read), so building allocates only the levels it keeps.
  scratch.reserve(count);
  const { first, best } = scratch;
  const busy = durations ? scratch.busy : null;
  for (let j = 0; j < count; j++) {
    first[j] = offset + j;
    best[j] = offset + j;
    if (busy && durations) busy[j] = durations[offset + j];
  }
  let prevCount = count;
  let keptCount = count;
  const levels: LodLevel[] = [];
  for (let guard = 0; guard < 64 && prevCount > 1; guard++, bucketNs *= 4) {
    let n = 0;
    let key = NaN;
    for (let j = 0; j < prevCount; j++) {
      const f = first[j];
      const b = best[j];
      const k = Math.floor(start[f] / bucketNs);
      if (n > 0 && k === key) {
        if (weight[b] > weight[best[n - 1]]) best[n - 1] = b;
        if (busy) busy[n - 1] += busy[j];
      } else {
        first[n] = f;
        best[n] = b;
        if (busy) busy[n] = busy[j];
        key = k;
        n++;
      }
    }
    prevCount = n;
    if (n <= keptCount * KEEP_RATIO) {
      levels.push({ bucketNs, first: first.slice(0, n), best: best.slice(0, n), ...(busy ? { busy: Float32Array.from(busy.subarray(0, n)) } : {}) });
      keptCount = n;
    }
  }
  return levels;
}

/** The coarsest level whose buckets are at most nsPerBucket wide, or undefined for raw items. */
export function pickLevel(track: LodTrack, nsPerBucket: number): LodLevel | undefined {
  let chosen: LodLevel | undefined;
  for (const l of track.levels) {
    if (l.bucketNs <= nsPerBucket) chosen = l;
    else break;
  }
  return chosen;
}

/** First raw item of the track whose end is at or after t (track.offset + track.count when none). */
export function firstEndingAfter(start: Float64Array, dur: Float64Array | Uint32Array, track: LodTrack, t: number): number {
  let lo = track.offset;
  let hi = track.offset + track.count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (start[mid] + dur[mid] < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** First raw item of the track starting at or after t. */
export function firstStartingAt(start: Float64Array, track: LodTrack, t: number): number {
  let lo = track.offset;
  let hi = track.offset + track.count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (start[mid] < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Called per drawn item: its representative, the hull of the items it stands for, how many, and their
 * summed duration (NaN when the level does not keep it).
 */
export type LodVisitor = (best: number, hullStart: number, hullEnd: number, count: number, busyNs: number) => void;

/**
 * Visits what overlaps [t0, t1] at a resolution of nsPerBucket (use the ns per pixel): raw items when
 * zoomed in enough, else one entry per non-empty bucket. Returns the number of visits.
 */
export function visitTrack(start: Float64Array, dur: Float64Array | Uint32Array, track: LodTrack, t0: number, t1: number, nsPerBucket: number, visit: LodVisitor): number {
  if (track.count === 0) return 0;
  const end = track.offset + track.count;
  const level = pickLevel(track, nsPerBucket);
  let visits = 0;
  if (!level) {
    for (let i = firstEndingAfter(start, dur, track, t0); i < end && start[i] <= t1; i++) {
      visit(i, start[i], start[i] + dur[i], 1, dur[i]);
      visits++;
    }
    return visits;
  }
  const { first, best, busy } = level;
  const n = first.length;
  const lastOf = (b: number): number => (b + 1 < n ? first[b + 1] - 1 : end - 1);
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const l = lastOf(mid);
    if (start[l] + dur[l] < t0) lo = mid + 1;
    else hi = mid;
  }
  for (let b = lo; b < n && start[first[b]] <= t1; b++) {
    const l = lastOf(b);
    visit(best[b], start[first[b]], start[l] + dur[l], l - first[b] + 1, busy ? busy[b] : NaN);
    visits++;
  }
  return visits;
}

/**
 * The raw item under t (within tolNs when nothing covers t exactly), preferring one that covers t, then
 * the nearest; -1 when none is that close.
 */
export function itemAt(start: Float64Array, dur: Float64Array | Uint32Array, track: LodTrack, t: number, tolNs: number): number {
  const end = track.offset + track.count;
  let best = -1;
  let bestDist = Infinity;
  for (let i = firstEndingAfter(start, dur, track, t - tolNs); i < end && start[i] <= t + tolNs; i++) {
    const s = start[i];
    const e = s + dur[i];
    const dist = t < s ? s - t : t > e ? t - e : 0;
    if (dist < bestDist) {
      best = i;
      bestDist = dist;
      if (dist === 0) break;
    }
  }
  return best;
}
