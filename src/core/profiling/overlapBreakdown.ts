// Where device wall time goes (computing, communication, not-overlapped communication, free) and the
// bottleneck it points to: idle > 20% host-bound, compute > 85% compute-bound, communication > 10% communication-bound.
import type { StepTraceRow } from './profilingTables';
import { PH, type TraceColumns } from '../trace/traceColumns';

export interface OverlapTimes {
  readonly computing_us: number;
  readonly communication_us: number;
  readonly communication_not_overlapped_us: number;
  readonly free_us: number;
  /** computing + not-overlapped communication + free: the wall time the shares divide. */
  readonly wall_us: number;
  readonly computing_share: number;
  readonly communication_share: number;
  readonly communication_not_overlapped_share: number;
  readonly free_share: number;
}

export type BottleneckKind = 'host-bound' | 'compute-bound' | 'communication-bound';

export interface BottleneckHint {
  readonly kind: BottleneckKind;
  readonly share: number;
  readonly threshold: number;
}

export interface OverlapBreakdown {
  readonly source: 'trace' | 'step_trace_time' | 'none';
  readonly devices: (OverlapTimes & { readonly device: number })[];
  readonly total: OverlapTimes;
  readonly hints: BottleneckHint[];
}

export const BOTTLENECK_THRESHOLDS = { free: 0.2, computing: 0.85, communication: 0.1 } as const;

const round3 = (x: number): number => Math.round(x * 1000) / 1000;
const share = (x: number, wall: number): number => (wall > 0 ? Math.round((x / wall) * 1e6) / 1e6 : 0);

export function overlapTimes(computingUs: number, communicationUs: number, notOverlappedUs: number, freeUs: number): OverlapTimes {
  const wall = computingUs + notOverlappedUs + freeUs;
  return {
    computing_us: round3(computingUs),
    communication_us: round3(communicationUs),
    communication_not_overlapped_us: round3(notOverlappedUs),
    free_us: round3(freeUs),
    wall_us: round3(wall),
    computing_share: share(computingUs, wall),
    communication_share: share(communicationUs, wall),
    communication_not_overlapped_share: share(notOverlappedUs, wall),
    free_share: share(freeUs, wall),
  };
}

export function bottleneckHints(t: OverlapTimes): BottleneckHint[] {
  const hints: BottleneckHint[] = [];
  if (t.wall_us <= 0) return hints;
  if (t.free_share > BOTTLENECK_THRESHOLDS.free) hints.push({ kind: 'host-bound', share: t.free_share, threshold: BOTTLENECK_THRESHOLDS.free });
  if (t.computing_share > BOTTLENECK_THRESHOLDS.computing) hints.push({ kind: 'compute-bound', share: t.computing_share, threshold: BOTTLENECK_THRESHOLDS.computing });
  if (t.communication_share > BOTTLENECK_THRESHOLDS.communication) {
    hints.push({ kind: 'communication-bound', share: t.communication_share, threshold: BOTTLENECK_THRESHOLDS.communication });
  }
  return hints;
}

function build(source: OverlapBreakdown['source'], per: Map<number, [number, number, number, number]>): OverlapBreakdown {
  const devices = [...per.entries()].sort((a, b) => a[0] - b[0]).map(([device, v]) => ({ device, ...overlapTimes(v[0], v[1], v[2], v[3]) }));
  const sum = [0, 0, 0, 0];
  for (const v of per.values()) for (let k = 0; k < 4; k++) sum[k] += v[k];
  const total = overlapTimes(sum[0], sum[1], sum[2], sum[3]);
  return { source, devices, total, hints: bottleneckHints(total) };
}

const LANE_SLOT: Record<string, number> = { Computing: 0, Communication: 1, 'Communication(Not Overlapped)': 2, Free: 3 };

/** From the `Overlap Analysis` lanes of each device. */
export function overlapFromTrace(trace: TraceColumns): OverlapBreakdown {
  const slot = new Int8Array(trace.lanes.length).fill(-1);
  for (const l of trace.lanes) if (l.kind === 'overlap' && l.threadName in LANE_SLOT) slot[l.id] = LANE_SLOT[l.threadName];
  const sumNs = new Float64Array(trace.lanes.length);
  for (let i = 0; i < trace.count; i++) {
    const l = trace.lane[i];
    if (slot[l] >= 0 && trace.phase[i] === PH.complete) sumNs[l] += trace.durNs[i];
  }
  const per = new Map<number, [number, number, number, number]>();
  for (const l of trace.lanes) {
    if (slot[l.id] < 0) continue;
    let v = per.get(l.device);
    if (!v) per.set(l.device, (v = [0, 0, 0, 0]));
    v[slot[l.id]] += sumNs[l.id] / 1000;
  }
  return per.size ? build('trace', per) : EMPTY_OVERLAP;
}

/** From torch_npu step_trace_time.csv rows (Computing, Communication(Not Overlapped), Communication, Free). */
export function overlapFromStepTrace(rows: readonly StepTraceRow[]): OverlapBreakdown {
  const per = new Map<number, [number, number, number, number]>();
  for (const r of rows) {
    if (r.computing === null && r.free === null) continue;
    const dev = r.device ?? 0;
    let v = per.get(dev);
    if (!v) per.set(dev, (v = [0, 0, 0, 0]));
    v[0] += r.computing ?? 0;
    v[1] += r.communication ?? (r.commNotOverlapped ?? 0) + (r.overlapped ?? 0);
    v[2] += r.commNotOverlapped ?? 0;
    v[3] += r.free ?? 0;
  }
  return per.size ? build('step_trace_time', per) : EMPTY_OVERLAP;
}

export const EMPTY_OVERLAP: OverlapBreakdown = { source: 'none', devices: [], total: overlapTimes(0, 0, 0, 0), hints: [] };
