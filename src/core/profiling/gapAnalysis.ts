// Decode-step gaps: the time from the end of one boundary slice (e.g. ArgMaxV2) to the start of the next
// (e.g. the graph launch) on the same device, found in one sorted pass, plus the host calls seen inside.
import type { GapSummary } from '../schemas/analysisSchema';
import { PH, type TraceColumns } from '../trace/traceColumns';

export interface Boundary {
  /** Regex source matched against slice names. */
  readonly previous: string;
  readonly next: string;
}

/** Default pair for xLLM decode: the sampling ArgMax kernel, then the next step's graph launch task. */
export const DEFAULT_BOUNDARY: Boundary = { previous: 'ArgMaxV2', next: '^(GraphLaunch|aclmdlRI|ModelExecute)' };

export class BoundaryError extends Error {}

/** Parses `"<prev regex>-><next regex>"`; throws BoundaryError with the reason. */
export function parseBoundary(text: string): Boundary {
  const at = text.indexOf('->');
  if (at < 0) throw new BoundaryError(`boundary "${text}" must look like "<previous regex>-><next regex>"`);
  const previous = text.slice(0, at).trim();
  const next = text.slice(at + 2).trim();
  if (!previous || !next) throw new BoundaryError(`boundary "${text}" has an empty side`);
  compileBoundary({ previous, next });
  return { previous, next };
}

function compileBoundary(b: Boundary): { previous: RegExp; next: RegExp } {
  const compile = (side: string, src: string): RegExp => {
    try {
      return new RegExp(src);
    } catch (e) {
      throw new BoundaryError(`${side} boundary /${src}/ is not a valid regular expression: ${(e as Error).message}`);
    }
  };
  return { previous: compile('previous', b.previous), next: compile('next', b.next) };
}

export interface GapStats {
  readonly pair_count: number;
  readonly gap_min_us: number | null;
  readonly gap_median_us: number | null;
  readonly gap_mean_us: number | null;
  readonly gap_p90_us: number | null;
  readonly gap_max_us: number | null;
}

export interface DeviceGaps extends GapStats {
  /** Device id, or null for the host group. */
  readonly device: number | null;
  readonly prev_count: number;
  readonly next_count: number;
}

export interface GapPairs {
  readonly count: number;
  /** Device of each pair (-1 = host group). */
  readonly device: Int16Array;
  /** ns after the trace base. */
  readonly prevEndNs: Float64Array;
  readonly nextStartNs: Float64Array;
}

export interface GapAnalysis {
  readonly boundary: Boundary;
  readonly summary: GapSummary;
  readonly byDevice: readonly DeviceGaps[];
  readonly pairs: GapPairs;
}

const HOST_GROUP = 32;

/** Growable Float64 list (boundary slices can be millions). */
class F64List {
  a = new Float64Array(64);
  n = 0;
  push(v: number): void {
    if (this.n === this.a.length) {
      const b = new Float64Array(this.n * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.n++] = v;
  }
  sorted(): Float64Array {
    return this.a.subarray(0, this.n).sort();
  }
}

const round6 = (us: number): number => Math.round(us * 1e6) / 1e6;

/** Linear-interpolated percentile of an ascending array (numpy's default method). */
export function percentile(sorted: ArrayLike<number>, q: number): number | null {
  const n = sorted.length;
  if (!n) return null;
  const pos = (n - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

/** min/median/mean/p90/max of gaps given in ns, reported in µs. */
export function gapStats(gapsNs: Float64Array): GapStats {
  const s = gapsNs.slice().sort();
  const n = s.length;
  if (!n) return { pair_count: 0, gap_min_us: null, gap_median_us: null, gap_mean_us: null, gap_p90_us: null, gap_max_us: null };
  let sum = 0;
  for (let i = 0; i < n; i++) sum += s[i];
  const us = (ns: number | null): number | null => (ns === null ? null : round6(ns / 1000));
  return {
    pair_count: n,
    gap_min_us: us(s[0]),
    gap_median_us: us(percentile(s, 0.5)),
    gap_mean_us: us(sum / n),
    gap_p90_us: us(percentile(s, 0.9)),
    gap_max_us: us(s[n - 1]),
  };
}

export interface GapOptions {
  /** How many host event names to report (default 10). */
  readonly topHostEvents?: number;
}

export function analyzeGaps(trace: TraceColumns, boundary: Boundary, o: GapOptions = {}): GapAnalysis {
  const re = compileBoundary(boundary);
  const nStrings = trace.strings.length;
  const isPrev = new Uint8Array(nStrings);
  const isNext = new Uint8Array(nStrings);
  for (let id = 1; id < nStrings; id++) {
    const s = trace.strings[id];
    isPrev[id] = re.previous.test(s) ? 1 : 0;
    isNext[id] = re.next.test(s) ? 1 : 0;
  }
  // Lane -> group: device lanes by pid & 31, host lanes together; overlap/counter tracks never hold boundaries.
  const laneGroup = new Int8Array(trace.lanes.length).fill(-1);
  for (const l of trace.lanes) {
    if (l.kind === 'overlap' || l.kind === 'counter') continue;
    laneGroup[l.id] = l.host || l.device < 0 ? HOST_GROUP : l.device;
  }
  const prevEnds: F64List[] = [];
  const nextStarts: F64List[] = [];
  for (let g = 0; g <= HOST_GROUP; g++) {
    prevEnds.push(new F64List());
    nextStarts.push(new F64List());
  }
  const { name, phase, lane, startNs, durNs, count } = trace;
  for (let i = 0; i < count; i++) {
    const nm = name[i];
    if (!(isPrev[nm] | isNext[nm])) continue;
    const ph = phase[i];
    if (ph !== PH.complete && ph !== PH.begin && ph !== PH.instant && ph !== PH.instantLegacy) continue;
    const g = laneGroup[lane[i]];
    if (g < 0) continue;
    if (isPrev[nm]) prevEnds[g].push(startNs[i] + durNs[i]);
    if (isNext[nm]) nextStarts[g].push(startNs[i]);
  }

  const pairDevice: number[] = [];
  const pairEnd: number[] = [];
  const pairStart: number[] = [];
  const byDevice: DeviceGaps[] = [];
  let prevTotal = 0;
  let nextTotal = 0;
  for (let g = 0; g <= HOST_GROUP; g++) {
    const P = prevEnds[g].n;
    const N = nextStarts[g].n;
    prevTotal += P;
    nextTotal += N;
    if (!P && !N) continue;
    const ends = prevEnds[g].sorted();
    const starts = nextStarts[g].sorted();
    const gaps = new F64List();
    // One merge pass: the first next start at/after each end, unless another previous slice ends first.
    let j = 0;
    for (let a = 0; a < P; a++) {
      const e = ends[a];
      while (j < N && starts[j] < e) j++;
      if (j >= N) break;
      const s = starts[j];
      if (a + 1 < P && ends[a + 1] <= s) continue;
      gaps.push(s - e);
      pairDevice.push(g === HOST_GROUP ? -1 : g);
      pairEnd.push(e);
      pairStart.push(s);
    }
    byDevice.push({ device: g === HOST_GROUP ? null : g, prev_count: P, next_count: N, ...gapStats(gaps.a.subarray(0, gaps.n)) });
  }
  const pairs: GapPairs = {
    count: pairEnd.length,
    device: Int16Array.from(pairDevice),
    prevEndNs: Float64Array.from(pairEnd),
    nextStartNs: Float64Array.from(pairStart),
  };
  const all = new Float64Array(pairs.count);
  for (let k = 0; k < pairs.count; k++) all[k] = pairs.nextStartNs[k] - pairs.prevEndNs[k];
  const summary: GapSummary = {
    prev_count: prevTotal,
    next_count: nextTotal,
    ...gapStats(all),
    top_host_events: topHostEventsInGaps(trace, pairs, o.topHostEvents ?? 10),
  };
  return { boundary, summary, byDevice, pairs };
}

/** Host slices starting inside any gap [prevEnd, nextStart), counted by name. */
function topHostEventsInGaps(trace: TraceColumns, pairs: GapPairs, top: number): { name: string; count: number }[] {
  if (!pairs.count || top <= 0) return [];
  const { lane, phase, startNs, name, count } = trace;
  const nl = trace.lanes.length;
  const host = new Uint8Array(nl);
  for (const l of trace.lanes) host[l.id] = l.host ? 1 : 0;
  // Host rows bucketed per lane (counting sort keeps file order, which is almost always start order).
  const offsets = new Uint32Array(nl + 1);
  for (let i = 0; i < count; i++) if (host[lane[i]] && (phase[i] === PH.complete || phase[i] === PH.begin)) offsets[lane[i] + 1]++;
  for (let l = 0; l < nl; l++) offsets[l + 1] += offsets[l];
  const rowsAll = new Uint32Array(offsets[nl]);
  const fill = offsets.slice(0, nl);
  for (let i = 0; i < count; i++) if (host[lane[i]] && (phase[i] === PH.complete || phase[i] === PH.begin)) rowsAll[fill[lane[i]]++] = i;
  const perLane: { rows: Uint32Array; starts: Float64Array }[] = [];
  for (let l = 0; l < nl; l++) {
    if (offsets[l + 1] === offsets[l]) continue;
    const rows = rowsAll.subarray(offsets[l], offsets[l + 1]);
    let sorted = true;
    for (let k = 1; k < rows.length && sorted; k++) if (startNs[rows[k]] < startNs[rows[k - 1]]) sorted = false;
    if (!sorted) rows.sort((a, b) => startNs[a] - startNs[b]);
    const s = new Float64Array(rows.length);
    for (let k = 0; k < rows.length; k++) s[k] = startNs[rows[k]];
    perLane.push({ rows, starts: s });
  }
  const hits = new Uint32Array(trace.strings.length);
  for (let p = 0; p < pairs.count; p++) {
    const from = pairs.prevEndNs[p];
    const to = pairs.nextStartNs[p];
    for (const { rows, starts } of perLane) {
      let lo = 0;
      let hi = starts.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (starts[mid] < from) lo = mid + 1;
        else hi = mid;
      }
      for (let k = lo; k < starts.length && starts[k] < to; k++) hits[name[rows[k]]]++;
    }
  }
  const out: { name: string; count: number }[] = [];
  for (let id = 0; id < hits.length; id++) if (hits[id]) out.push({ name: trace.strings[id], count: hits[id] });
  out.sort((a, b) => b.count - a.count || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return out.slice(0, top);
}
