// Dispatch efficiency per device stream: how densely tasks are launched and how long the stream waits.
import type { OpSummaryRow, SplitMicros, TaskTimeRow } from './profilingTables';
import { PH, type TraceColumns } from '../trace/traceColumns';
import { releaseBuffers } from '../trace/bufferRelease';

export interface DispatchRow {
  readonly device: number;
  readonly stream: number;
  readonly task_count: number;
  /** Union of task intervals. */
  readonly busy_us: number;
  /** Mean idle time before a task (0 when it starts right after the previous one). */
  readonly avg_wait_us: number;
  /** Mean length of the idle gaps that do occur. */
  readonly avg_gap_us: number;
  /** Tasks per ms of the stream's active span (first start to last end). */
  readonly launches_per_ms: number;
}

export interface DispatchTable {
  readonly source: 'trace' | 'task_time' | 'op_summary' | 'none';
  readonly rows: DispatchRow[];
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;

/** One stream's tasks in ns (any origin), in any order. */
export function dispatchRow(device: number, stream: number, startNs: Float64Array, durNs: Float64Array): DispatchRow {
  const n = startNs.length;
  let sorted = true;
  for (let i = 1; i < n && sorted; i++) sorted = startNs[i] >= startNs[i - 1];
  const t = sorted ? streamTimesInOrder(startNs, durNs) : streamTimesUnordered(startNs, durNs);
  const span = n ? t.last - t.first : 0;
  return {
    device,
    stream,
    task_count: n,
    busy_us: round3(t.busy / 1e3),
    avg_wait_us: n > 1 ? round3(t.idle / (n - 1) / 1e3) : 0,
    avg_gap_us: t.gaps ? round3(t.idle / t.gaps / 1e3) : 0,
    launches_per_ms: span > 0 ? round3(n / (span / 1e6)) : 0,
  };
}

interface StreamTimes {
  /** Time covered by at least one task. */
  readonly busy: number;
  /** Total time with no task running between the first start and the last end, and how many such gaps. */
  readonly idle: number;
  readonly gaps: number;
  readonly first: number;
  readonly last: number;
}

/** Busy and idle time of tasks sorted by start: one pass merging overlapping or touching tasks. */
function streamTimesInOrder(startNs: Float64Array, durNs: Float64Array): StreamTimes {
  const n = startNs.length;
  const first = n ? startNs[0] : 0;
  let curStart = first;
  let curEnd = n ? first + Math.max(0, durNs[0]) : 0;
  let last = curEnd;
  let busy = n === 1 ? curEnd - curStart : 0;
  let idle = 0;
  let gaps = 0;
  // Branch-free arithmetic, the last segment added inside the loop: every operation runs on every task, so
  // the optimized loop has type feedback for all of them (an operation first met late, or after the loop,
  // sends it back to the interpreter, which boxes every number it computes).
  for (let i = 1; i < n; i++) {
    const s = startNs[i];
    const e = s + Math.max(0, durNs[i]);
    last = e > last ? e : last;
    const gap = s > curEnd ? 1 : 0;
    idle += gap * (s - curEnd);
    gaps += gap;
    busy += gap * (curEnd - curStart);
    curStart = gap ? s : curStart;
    curEnd = gap ? e : e > curEnd ? e : curEnd;
    busy += (i === n - 1 ? 1 : 0) * (curEnd - curStart);
  }
  return { busy, idle, gaps, first, last };
}

/**
 * The same figures for tasks in any order, from the starts and the ends each sorted on their own (native
 * numeric sorts, no index array or comparator): a sweep where starts come before ends at equal times, so
 * touching tasks merge as in the ordered pass.
 */
function streamTimesUnordered(startNs: Float64Array, durNs: Float64Array): StreamTimes {
  const n = startNs.length;
  const starts = startNs.slice().sort();
  const ends = new Float64Array(n);
  for (let i = 0; i < n; i++) ends[i] = startNs[i] + Math.max(0, durNs[i]);
  ends.sort();
  let busy = 0;
  let idle = 0;
  let gaps = 0;
  let active = 0;
  let curStart = 0;
  let lastEnd = 0;
  for (let i = 0, j = 0; i < n; ) {
    if (starts[i] <= ends[j]) {
      if (active === 0) {
        if (i > 0) {
          idle += starts[i] - lastEnd;
          gaps++;
        }
        curStart = starts[i];
      }
      active++;
      i++;
    } else {
      if (--active === 0) {
        busy += ends[j] - curStart;
        lastEnd = ends[j];
      }
      j++;
    }
  }
  const last = n ? ends[n - 1] : 0;
  if (n) busy += last - curStart;
  const first = n ? starts[0] : 0;
  releaseBuffers(starts, ends);
  return { busy, idle, gaps, first, last };
}

const sortRows = (rows: DispatchRow[]): DispatchRow[] => rows.sort((a, b) => a.device - b.device || a.stream - b.stream);

/** Per `Ascend Hardware` stream lane. */
export function dispatchTableFromTrace(trace: TraceColumns): DispatchTable {
  const nl = trace.lanes.length;
  const hw = new Uint8Array(nl);
  for (const l of trace.lanes) hw[l.id] = l.kind === 'hardware' ? 1 : 0;
  // Bucket rows by lane into flat typed arrays (a counting sort keeps per-lane file order).
  const counts = new Uint32Array(nl + 1);
  const { lane, phase, count } = trace;
  for (let i = 0; i < count; i++) if (hw[lane[i]] && phase[i] === PH.complete) counts[lane[i] + 1]++;
  for (let l = 0; l < nl; l++) counts[l + 1] += counts[l];
  const total = counts[nl];
  const starts = new Float64Array(total);
  const durs = new Float64Array(total);
  const fill = counts.slice(0, nl);
  for (let i = 0; i < count; i++) {
    const l = lane[i];
    if (!hw[l] || phase[i] !== PH.complete) continue;
    const at = fill[l]++;
    starts[at] = trace.startNs[i];
    durs[at] = trace.durNs[i];
  }
  const rows: DispatchRow[] = [];
  for (let l = 0; l < nl; l++) {
    if (counts[l + 1] === counts[l]) continue;
    const lw = trace.lanes[l];
    rows.push(dispatchRow(lw.device, lw.stream, starts.subarray(counts[l], counts[l + 1]), durs.subarray(counts[l], counts[l + 1])));
  }
  releaseBuffers(starts, durs);
  return { source: 'trace', rows: sortRows(rows) };
}

function fromSplit(source: DispatchTable['source'], items: { device: number; stream: number; start: SplitMicros; durUs: number }[]): DispatchTable {
  const groups = new Map<string, { device: number; stream: number; s: number[]; d: number[] }>();
  let base = Infinity;
  for (const it of items) base = Math.min(base, it.start.us);
  for (const it of items) {
    const key = `${it.device}:${it.stream}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { device: it.device, stream: it.stream, s: [], d: [] }));
    g.s.push((it.start.us - base) * 1000 + it.start.ns);
    g.d.push(it.durUs * 1000);
  }
  return { source, rows: sortRows([...groups.values()].map((g) => dispatchRow(g.device, g.stream, Float64Array.from(g.s), Float64Array.from(g.d)))) };
}

export function dispatchTableFromTaskTime(rows: readonly TaskTimeRow[]): DispatchTable {
  const items = [];
  for (const r of rows) if (r.start && r.taskUs !== null && r.streamId !== null) items.push({ device: r.device ?? 0, stream: r.streamId, start: r.start, durUs: r.taskUs });
  return fromSplit('task_time', items);
}

export function dispatchTableFromOpSummary(rows: readonly OpSummaryRow[]): DispatchTable {
  const items = [];
  for (const r of rows) if (r.start && r.durUs !== null && r.streamId !== null) items.push({ device: r.device ?? 0, stream: r.streamId, start: r.start, durUs: r.durUs });
  return fromSplit('op_summary', items);
}

export const EMPTY_DISPATCH_TABLE: DispatchTable = { source: 'none', rows: [] };
