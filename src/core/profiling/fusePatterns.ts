// Fuse-pattern table: OP Type pairs that run back to back on one stream (a small gap between them),
// the usual candidates for a fused kernel.
import { PH, type TraceColumns } from '../trace/traceColumns';
import { isCommunicationName, isKernelTaskName, opTypeOfTaskName } from './kernelNames';

export interface FusePattern {
  readonly first: string;
  readonly second: string;
  readonly count: number;
  /** Device time of both kernels over all occurrences. */
  readonly total_us: number;
  /** Mean idle time between them. */
  readonly avg_gap_us: number;
}

/** Pairs are adjacent when the second starts within this many ns after the first ends. */
const ADJACENT_NS = 5000;

export function fusePatternsFromTrace(trace: TraceColumns, top = 10): FusePattern[] {
  const typeOf = new Int32Array(trace.strings.length).fill(-1);
  const types: string[] = [];
  const typeIds = new Map<string, number>();
  const typeId = (nameId: number): number => {
    if (typeOf[nameId] === -1) {
      const name = trace.strings[nameId];
      if (isCommunicationName(name) || !isKernelTaskName(name)) typeOf[nameId] = -2;
      else {
        const t = opTypeOfTaskName(name);
        let id = typeIds.get(t);
        if (id === undefined) typeIds.set(t, (id = types.push(t) - 1));
        typeOf[nameId] = id;
      }
    }
    return typeOf[nameId];
  };
  const prevByLane = new Map<number, number>();
  const acc = new Map<number, { count: number; total: number; gap: number }>();
  for (let i = 0; i < trace.count; i++) {
    const lane = trace.lanes[trace.lane[i]];
    if (lane.kind !== 'hardware' || trace.phase[i] !== PH.complete) continue;
    const t = typeId(trace.name[i]);
    const prev = prevByLane.get(lane.id);
    prevByLane.set(lane.id, i);
    if (prev === undefined || t < 0) continue;
    const pt = typeId(trace.name[prev]);
    if (pt < 0) continue;
    const gap = trace.startNs[i] - (trace.startNs[prev] + trace.durNs[prev]);
    if (gap < 0 || gap > ADJACENT_NS) continue;
    const key = pt * 65536 + t;
    let a = acc.get(key);
    if (!a) acc.set(key, (a = { count: 0, total: 0, gap: 0 }));
    a.count++;
    a.total += trace.durNs[prev] + trace.durNs[i];
    a.gap += gap;
  }
  return [...acc.entries()]
    .map(([key, a]) => ({
      first: types[Math.floor(key / 65536)],
      second: types[key % 65536],
      count: a.count,
      total_us: Math.round(a.total) / 1000,
      avg_gap_us: Math.round(a.gap / a.count) / 1000,
    }))
    .sort((x, y) => y.count - x.count || y.total_us - x.total_us)
    .slice(0, top);
}
