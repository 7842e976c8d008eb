// Queries over the drawn slices that answer user actions: range aggregates by name and name search.
import { firstEndingAfter } from './lodLevels';
import type { RenderModel } from './timelineModel';

export interface NameAggregate {
  readonly name: string;
  readonly count: number;
  readonly totalNs: number;
  readonly avgNs: number;
  readonly maxNs: number;
}

export interface RangeAggregate {
  readonly t0: number;
  readonly t1: number;
  readonly sliceCount: number;
  readonly rows: readonly NameAggregate[];
}

type Slices = Pick<RenderModel, 'slices' | 'tracks' | 'names'>;

/**
 * Slices of the given tracks that overlap [t0, t1], grouped by name (full durations, not clipped),
 * heaviest total first.
 */
export function aggregateRange(m: Slices, trackIds: Iterable<number>, t0: number, t1: number): RangeAggregate {
  const lo = Math.min(t0, t1);
  const hi = Math.max(t0, t1);
  const { start, dur, name } = m.slices;
  const count = new Map<number, number>();
  const total = new Map<number, number>();
  const max = new Map<number, number>();
  let sliceCount = 0;
  for (const id of trackIds) {
    const track = m.tracks[id];
    if (!track) continue;
    const end = track.offset + track.count;
    for (let i = firstEndingAfter(start, dur, track, lo); i < end && start[i] <= hi; i++) {
      if (start[i] + dur[i] < lo) continue;
      const n = name[i];
      count.set(n, (count.get(n) ?? 0) + 1);
      total.set(n, (total.get(n) ?? 0) + dur[i]);
      if (dur[i] > (max.get(n) ?? -1)) max.set(n, dur[i]);
      sliceCount++;
    }
  }
  const rows = [...count.entries()]
    .map(([n, c]) => ({ name: m.names[n] ?? '', count: c, totalNs: total.get(n) ?? 0, avgNs: (total.get(n) ?? 0) / c, maxNs: max.get(n) ?? 0 }))
    .sort((a, b) => b.totalNs - a.totalNs || a.name.localeCompare(b.name));
  return { t0: lo, t1: hi, sliceCount, rows };
}

/**
 * Which names match a query: a case-insensitive substring, or a regular expression written as /re/.
 * Returns null for an empty or invalid query.
 */
export function matchNames(names: readonly string[], query: string): Uint8Array | null {
  const q = query.trim();
  if (!q) return null;
  let test: (s: string) => boolean;
  const re = /^\/(.+)\/([imsu]*)$/.exec(q);
  if (re) {
    let r: RegExp;
    try {
      r = new RegExp(re[1], re[2].includes('i') ? re[2] : `${re[2]}i`);
    } catch {
      return null;
    }
    test = (s) => r.test(s);
  } else {
    const needle = q.toLowerCase();
    test = (s) => s.toLowerCase().includes(needle);
  }
  const flags = new Uint8Array(names.length);
  for (let i = 0; i < names.length; i++) if (test(names[i])) flags[i] = 1;
  return flags;
}

/** Slices whose name is flagged, ordered by start time (then track order). */
export function findSlices(m: Pick<RenderModel, 'slices'>, flags: Uint8Array, limit = 5_000_000): Uint32Array {
  const { name, start } = m.slices;
  const hits: number[] = [];
  for (let i = 0; i < name.length && hits.length < limit; i++) if (flags[name[i]]) hits.push(i);
  const out = Uint32Array.from(hits);
  out.sort((a, b) => start[a] - start[b] || a - b);
  return out;
}

/**
 * Index in hits of the next (dir 1) or previous (dir -1) match after the current slice; wraps around.
 * With no current slice, the first (or last) match.
 */
export function stepMatch(m: Pick<RenderModel, 'slices'>, hits: Uint32Array, current: number, dir: 1 | -1): number {
  if (!hits.length) return -1;
  const pos = current >= 0 ? hits.indexOf(current) : -1;
  if (pos >= 0) return (pos + dir + hits.length) % hits.length;
  if (current < 0) return dir > 0 ? 0 : hits.length - 1;
  // The current slice is not a match: continue from its start time.
  const t = m.slices.start[current];
  let lo = 0;
  let hi = hits.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (m.slices.start[hits[mid]] <= t) lo = mid + 1;
    else hi = mid;
  }
  return dir > 0 ? lo % hits.length : (lo - 1 + hits.length) % hits.length;
}
