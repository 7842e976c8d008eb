// Kernel table: device time per OP Type (never per unique Op Name), its share, count, average and core type;
// rows under 1% are hidden but still counted.
import type { OpStatisticRow, OpSummaryRow } from './profilingTables';
import { coreTypeOfTaskName, isKernelTaskName, opTypeOfTaskName } from './kernelNames';
import { PH, type TraceColumns } from '../trace/traceColumns';

export interface KernelRow {
  readonly op_type: string;
  readonly core_type: string | null;
  readonly count: number;
  readonly total_us: number;
  readonly avg_us: number;
  /** Share of the device time of all rows, 0..1. */
  readonly share: number;
}

export interface KernelTable {
  readonly source: 'op_statistic' | 'op_summary' | 'trace' | 'none';
  readonly total_us: number;
  readonly rows: KernelRow[];
  readonly hidden_count: number;
  readonly hidden_share: number;
  readonly hidden_total_us: number;
}

interface Acc {
  count: number;
  totalUs: number;
  cores: Set<string>;
}

/** Rows below this share of device time are hidden (but counted). */
export const HIDE_BELOW_SHARE = 0.01;

const round3 = (x: number): number => Math.round(x * 1000) / 1000;

function finish(source: KernelTable['source'], acc: Map<string, Acc>): KernelTable {
  let total = 0;
  for (const a of acc.values()) total += a.totalUs;
  const all: KernelRow[] = [...acc.entries()].map(([op, a]) => ({
    op_type: op,
    core_type: a.cores.size ? [...a.cores].sort().join('/') : null,
    count: a.count,
    total_us: round3(a.totalUs),
    avg_us: a.count ? round3(a.totalUs / a.count) : 0,
    share: total > 0 ? Math.round((a.totalUs / total) * 1e6) / 1e6 : 0,
  }));
  all.sort((x, y) => y.total_us - x.total_us || (x.op_type < y.op_type ? -1 : 1));
  const shown = all.filter((r) => total > 0 && acc.get(r.op_type)!.totalUs / total >= HIDE_BELOW_SHARE);
  const hidden = all.filter((r) => !shown.includes(r));
  const hiddenTotal = hidden.reduce((s, r) => s + acc.get(r.op_type)!.totalUs, 0);
  return {
    source,
    total_us: round3(total),
    rows: shown,
    hidden_count: hidden.length,
    hidden_share: total > 0 ? Math.round((hiddenTotal / total) * 1e6) / 1e6 : 0,
    hidden_total_us: round3(hiddenTotal),
  };
}

function add(acc: Map<string, Acc>, op: string, count: number, us: number, core: string | null): void {
  let a = acc.get(op);
  if (!a) acc.set(op, (a = { count: 0, totalUs: 0, cores: new Set() }));
  a.count += count;
  a.totalUs += us;
  if (core) a.cores.add(core);
}

export function kernelTableFromOpStatistic(rows: readonly OpStatisticRow[]): KernelTable {
  const acc = new Map<string, Acc>();
  for (const r of rows) if (r.opType && r.totalUs !== null) add(acc, r.opType, r.count ?? 0, r.totalUs, r.coreType);
  return finish('op_statistic', acc);
}

export function kernelTableFromOpSummary(rows: readonly OpSummaryRow[]): KernelTable {
  const acc = new Map<string, Acc>();
  for (const r of rows) {
    const op = r.opType ?? (r.opName ? opTypeOfTaskName(r.opName) : null);
    if (op && r.durUs !== null) add(acc, op, 1, r.durUs, r.coreType ?? r.taskType);
  }
  return finish('op_summary', acc);
}

/** From the kernels on the `Ascend Hardware` lanes of a trace (sync, copy and launch tasks left out), op type taken from the task name. */
export function kernelTableFromTrace(trace: TraceColumns): KernelTable {
  const hw = new Uint8Array(trace.lanes.length);
  for (const l of trace.lanes) hw[l.id] = l.kind === 'hardware' ? 1 : 0;
  const perName = new Float64Array(trace.strings.length);
  const countPerName = new Uint32Array(trace.strings.length);
  for (let i = 0; i < trace.count; i++) {
    if (!hw[trace.lane[i]] || trace.phase[i] !== PH.complete) continue;
    perName[trace.name[i]] += trace.durNs[i];
    countPerName[trace.name[i]]++;
  }
  const acc = new Map<string, Acc>();
  for (let id = 0; id < perName.length; id++) {
    if (!countPerName[id]) continue;
    const name = trace.strings[id];
    if (!isKernelTaskName(name)) continue;
    add(acc, opTypeOfTaskName(name), countPerName[id], perName[id] / 1000, coreTypeOfTaskName(name));
  }
  return finish('trace', acc);
}

export const EMPTY_KERNEL_TABLE: KernelTable = { source: 'none', total_us: 0, rows: [], hidden_count: 0, hidden_share: 0, hidden_total_us: 0 };
