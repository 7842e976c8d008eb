// Communication table: collective time per OP Type (from communication_statistic, the HCCL lanes of the
// trace, or the communication rows of op_summary), with its share of all communication time.
import type { CommStatisticRow, OpSummaryRow } from './profilingTables';
import { isCommunicationName, opTypeOfTaskName } from './kernelNames';
import { PH, type TraceColumns } from '../trace/traceColumns';

export interface CommunicationRow {
  readonly op_type: string;
  readonly count: number;
  readonly total_us: number;
  readonly avg_us: number;
  readonly min_us: number | null;
  readonly max_us: number | null;
  /** Share of all communication time, 0..1. */
  readonly share: number;
}

export interface CommunicationTable {
  readonly source: 'communication_statistic' | 'trace' | 'op_summary' | 'none';
  readonly total_us: number;
  readonly rows: CommunicationRow[];
}

interface Acc {
  count: number;
  total: number;
  min: number;
  max: number;
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;

function add(acc: Map<string, Acc>, op: string, count: number, total: number, min: number | null, max: number | null): void {
  let a = acc.get(op);
  if (!a) acc.set(op, (a = { count: 0, total: 0, min: Infinity, max: -Infinity }));
  a.count += count;
  a.total += total;
  if (min !== null) a.min = Math.min(a.min, min);
  if (max !== null) a.max = Math.max(a.max, max);
}

function finish(source: CommunicationTable['source'], acc: Map<string, Acc>): CommunicationTable {
  let total = 0;
  for (const a of acc.values()) total += a.total;
  const rows = [...acc.entries()]
    .map(([op, a]) => ({
      op_type: op,
      count: a.count,
      total_us: round3(a.total),
      avg_us: a.count ? round3(a.total / a.count) : 0,
      min_us: Number.isFinite(a.min) ? round3(a.min) : null,
      max_us: Number.isFinite(a.max) ? round3(a.max) : null,
      share: total > 0 ? Math.round((a.total / total) * 1e6) / 1e6 : 0,
    }))
    .sort((x, y) => y.total_us - x.total_us || (x.op_type < y.op_type ? -1 : 1));
  return { source, total_us: round3(total), rows };
}

export function communicationTableFromStatistic(rows: readonly CommStatisticRow[]): CommunicationTable {
  const acc = new Map<string, Acc>();
  for (const r of rows) if (r.opType && r.totalUs !== null) add(acc, r.opType, r.count ?? 0, r.totalUs, r.minUs, r.maxUs);
  return finish('communication_statistic', acc);
}

export function communicationTableFromOpSummary(rows: readonly OpSummaryRow[]): CommunicationTable {
  const acc = new Map<string, Acc>();
  for (const r of rows) {
    const isComm = r.taskType === 'COMMUNICATION' || r.coreType === 'HCCL' || (r.opName !== null && isCommunicationName(r.opName));
    if (!isComm || r.durUs === null) continue;
    add(acc, r.opType ?? opTypeOfTaskName(r.opName ?? ''), 1, r.durUs, r.durUs, r.durUs);
  }
  return finish('op_summary', acc);
}

/** Collectives on the HCCL `Group ... Communication` lanes (one slice per collective call). */
export function communicationTableFromTrace(trace: TraceColumns): CommunicationTable {
  const group = new Uint8Array(trace.lanes.length);
  for (const l of trace.lanes) group[l.id] = l.kind === 'hccl' && /Communication/i.test(l.threadName) ? 1 : 0;
  const acc = new Map<string, Acc>();
  for (let i = 0; i < trace.count; i++) {
    if (!group[trace.lane[i]] || trace.phase[i] !== PH.complete) continue;
    const us = trace.durNs[i] / 1000;
    add(acc, opTypeOfTaskName(trace.strings[trace.name[i]]), 1, us, us, us);
  }
  return finish('trace', acc);
}

export const EMPTY_COMMUNICATION_TABLE: CommunicationTable = { source: 'none', total_us: 0, rows: [] };
