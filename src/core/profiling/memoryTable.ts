// Memory-efficiency table: the device memory counters of a trace (`NPU MEM` APP/HBM and friends) per device.
import type { TraceColumns } from '../trace/traceColumns';

export interface MemoryRow {
  readonly device: number;
  readonly counter: string;
  readonly unit: string;
  readonly samples: number;
  readonly min: number;
  readonly max: number;
  readonly last: number;
}

export function memoryTableFromTrace(trace: TraceColumns): MemoryRow[] {
  const acc = new Map<string, { device: number; counter: string; unit: string; samples: number; min: number; max: number; last: number; lastAt: number }>();
  const c = trace.counters;
  for (let k = 0; k < c.count; k++) {
    const row = c.event[k];
    const lane = trace.lanes[trace.lane[row]];
    if (lane.processName !== 'NPU MEM') continue;
    const counter = trace.strings[trace.name[row]];
    const unit = trace.strings[c.key[k]];
    const key = `${lane.device}\u0000${counter}\u0000${unit}`;
    const v = c.value[k];
    const at = trace.startNs[row];
    const a = acc.get(key);
    if (!a) acc.set(key, { device: lane.device, counter, unit, samples: 1, min: v, max: v, last: v, lastAt: at });
    else {
      a.samples++;
      if (v < a.min) a.min = v;
      if (v > a.max) a.max = v;
      if (at >= a.lastAt) {
        a.last = v;
        a.lastAt = at;
      }
    }
  }
  return [...acc.values()]
    .map(({ device, counter, unit, samples, min, max, last }) => ({ device, counter, unit, samples, min, max, last }))
    .sort((a, b) => a.device - b.device || (a.counter < b.counter ? -1 : a.counter > b.counter ? 1 : 0));
}
