// Dispatch efficiency per device stream: how densely tasks are launched and how long the stream waits.
import type { OpSummaryRow, SplitMicros, TaskTimeRow } from './profilingTables';
import { PH, type TraceColumns } from '../trace/traceColumns';

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

/** One stream's tasks in ns (any origin), sorted by start here when needed. */
export function dispatchRow(device: number, stream: number, startNs: Float64Array, durNs: Float64Array): DispatchRow {
  const n = startNs.length;
  let order: Uint32Array | null = null;
  for (let i = 1; i < n; i++) {
    if (startNs[i] < startNs[i - 1]) {
      order = Uint32Array.from({ length: n }, (_, k) => k).sort((a, b) => startNs[a] - startNs[b]);
      break;
    }
  }
  let busy = 0;
  let waitSum = 0;
  let gapSum = 0;
  let gaps = 0;
  let curStart = 0;
  let curEnd = -Infinity;
  let first = Infinity;
  let last = -Infinity;
  for (let k = 0; k < n; k++) {
    const i = order ? order[k] : k;
    const s = startNs[i];
    const e = s + Math.max(0, durNs[i]);
    if (s < first) first = s;
    if (e > last) last = e;
    if (k === 0) {
      curStart = s;
      curEnd = e;
      continue;
    }
    if (s > curEnd) {
      const idle = s - curEnd;
      waitSum += idle;
      gapSum += idle;
      gaps++;
      busy += curEnd - curStart;
      curStart = s;
      curEnd = e;
    } else if (e > curEnd) curEnd = e;
  }
  if (n) busy += curEnd - curStart;
  const span = n ? last - first : 0;
  return {
    device,
    stream,
    task_count: n,
    busy_us: round3(busy / 1000),
    avg_wait_us: n > 1 ? round3(waitSum / (n - 1) / 1000) : 0,
    avg_gap_us: gaps ? round3(gapSum / gaps / 1000) : 0,
    launches_per_ms: span > 0 ? round3(n / (span / 1e6)) : 0,
  };
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
