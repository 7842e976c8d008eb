// The whole `analyze` result of a capture: tables from the cheapest source that has them, the overlap
// breakdown with bottleneck hints, and the decode-step gap summary from the trace.
import type { GapSummary } from '../schemas/analysisSchema';
import type { TraceColumns } from '../trace/traceColumns';
import { analyzeGaps, DEFAULT_BOUNDARY, type Boundary, type DeviceGaps, type GapAnalysis } from './gapAnalysis';
import { EMPTY_KERNEL_TABLE, kernelTableFromOpStatistic, kernelTableFromOpSummary, kernelTableFromTrace, type KernelTable } from './kernelTable';
import {
  communicationTableFromOpSummary,
  communicationTableFromStatistic,
  communicationTableFromTrace,
  EMPTY_COMMUNICATION_TABLE,
  type CommunicationTable,
} from './communicationTable';
import { dispatchTableFromOpSummary, dispatchTableFromTaskTime, dispatchTableFromTrace, EMPTY_DISPATCH_TABLE, type DispatchTable } from './dispatchTable';
import { EMPTY_OVERLAP, overlapFromStepTrace, overlapFromTrace, type OverlapBreakdown } from './overlapBreakdown';
import { problem, type Problem } from './profilingMessages';
import type { ProfilingSource } from './profilingSource';
import type { TableKind, TableResult, TableRows } from './profilingTables';

export interface SourceReport {
  readonly file: string;
  readonly bytes: number;
  readonly events: number;
  readonly complete: boolean;
  readonly error?: { readonly code: string; readonly offset: number; readonly line: number; readonly message: string };
}

export interface AnalyzeReport {
  readonly status: 'OK' | 'INCONCLUSIVE';
  readonly trace_files: string[];
  /** Every trace event read, metadata included. */
  readonly events: number;
  readonly devices: number[];
  readonly lanes: number;
  readonly boundary: Boundary;
  readonly kernel_table: KernelTable;
  readonly communication_table: CommunicationTable;
  readonly dispatch_table: DispatchTable;
  readonly overlap: OverlapBreakdown;
  readonly gap_summary: GapSummary;
  readonly gap_by_device: DeviceGaps[];
  readonly sources: SourceReport[];
  readonly problems: { code: string; message: string }[];
}

export interface AnalyzeResult {
  readonly report: AnalyzeReport;
  /** Structured problems (for localized display). */
  readonly problems: Problem[];
  readonly trace: TraceColumns | null;
  readonly gaps: GapAnalysis | null;
  /** Rows of the tables that were read (for the stage and rank-skew tables). */
  readonly stepTrace: TableRows['step_trace_time'][];
}

const EMPTY_GAPS: GapSummary = {
  prev_count: 0,
  next_count: 0,
  pair_count: 0,
  gap_min_us: null,
  gap_median_us: null,
  gap_mean_us: null,
  gap_p90_us: null,
  gap_max_us: null,
  top_host_events: [],
};

export interface AnalyzeOptions {
  readonly boundary?: Boundary;
  /** Paths in the report are shown relative to this folder when given. */
  readonly relativeTo?: (file: string) => string;
}

function rowsOf<K extends TableKind>(results: TableResult<K>[], problems: Problem[]): TableRows[K][] {
  const rows: TableRows[K][] = [];
  for (const r of results) {
    problems.push(...r.problems);
    for (const row of r.rows) rows.push(row);
  }
  return rows;
}

function traceProblems(trace: TraceColumns, rel: (f: string) => string): Problem[] {
  const out: Problem[] = [];
  for (const s of trace.sources) {
    if (!s.error) continue;
    const { code, message: detail } = s.error;
    const file = rel(s.file);
    if (code === 'empty') out.push(problem('traceEmpty', file));
    else if (code === 'not-json') out.push(problem('traceNotJson', file, s.error.offset, s.error.line, detail));
    else if (code === 'truncated') out.push(problem('traceTruncated', file, s.error.offset, s.error.line, s.events));
    else if (code === 'no-events-array') out.push(problem('traceNoEventsArray', file));
    else out.push(problem('traceCorrupt', file, s.error.offset, s.error.line, detail, s.events));
  }
  if (trace.count > 0 && trace.lanes.every((l) => l.processName.startsWith('Process ') && l.threadName.startsWith('Thread '))) {
    out.push(problem('traceNoMetadata'));
  }
  return out;
}

export async function analyzeProfile(src: ProfilingSource, o: AnalyzeOptions = {}): Promise<AnalyzeResult> {
  const rel = o.relativeTo ?? ((f: string) => f);
  const boundary = o.boundary ?? DEFAULT_BOUNDARY;
  const problems: Problem[] = [];
  const trace = await src.trace();
  const traceFiles = src.outputs.flatMap((x) => x.traceFiles).map(rel);
  if (trace) problems.push(...traceProblems(trace, rel));
  else problems.push(problem('noTrace', src.outputs[0] ? rel(src.outputs[0].dir) : '.'));

  // Each table from the first source that has it; op_summary is read at most once and only when needed.
  let opSummary: TableRows['op_summary'][] | null = null;
  const readOpSummary = async () => (opSummary ??= rowsOf(await src.table('op_summary'), problems));

  let kernel: KernelTable = EMPTY_KERNEL_TABLE;
  if (src.has('op_statistic')) kernel = kernelTableFromOpStatistic(rowsOf(await src.table('op_statistic'), problems));
  if (!kernel.rows.length && !kernel.hidden_count && src.has('op_summary')) kernel = kernelTableFromOpSummary(await readOpSummary());
  if (!kernel.rows.length && !kernel.hidden_count && trace) kernel = kernelTableFromTrace(trace);
  if (!kernel.rows.length && !kernel.hidden_count) problems.push(problem('noKernelData'));

  let comm: CommunicationTable = EMPTY_COMMUNICATION_TABLE;
  if (src.has('communication_statistic')) comm = communicationTableFromStatistic(rowsOf(await src.table('communication_statistic'), problems));
  if (!comm.rows.length && trace) comm = communicationTableFromTrace(trace);
  if (!comm.rows.length && (opSummary || src.has('op_summary'))) comm = communicationTableFromOpSummary(await readOpSummary());

  let dispatch: DispatchTable = trace ? dispatchTableFromTrace(trace) : EMPTY_DISPATCH_TABLE;
  if (!dispatch.rows.length && src.has('task_time')) dispatch = dispatchTableFromTaskTime(rowsOf(await src.table('task_time'), problems));
  if (!dispatch.rows.length && src.has('op_summary')) dispatch = dispatchTableFromOpSummary(await readOpSummary());

  const stepTrace = src.has('step_trace_time') ? rowsOf(await src.table('step_trace_time'), problems) : [];
  let overlap: OverlapBreakdown = trace ? overlapFromTrace(trace) : EMPTY_OVERLAP;
  if (!overlap.devices.length && stepTrace.length) overlap = overlapFromStepTrace(stepTrace);

  let gaps: GapAnalysis | null = null;
  if (trace) {
    gaps = analyzeGaps(trace, boundary);
    if (!gaps.summary.prev_count) problems.push(problem('noBoundaryEvents', 'previous', boundary.previous));
    if (!gaps.summary.next_count) problems.push(problem('noBoundaryEvents', 'next', boundary.next));
    if (gaps.summary.prev_count && gaps.summary.next_count && !gaps.summary.pair_count) problems.push(problem('noPairs'));
  }

  const devices = new Set<number>();
  if (trace) for (const l of trace.lanes) if (!l.host && l.device >= 0) devices.add(l.device);
  if (!devices.size) for (const r of dispatch.rows) devices.add(r.device);
  const sources: SourceReport[] = (trace?.sources ?? []).map((s) => ({
    file: rel(s.file),
    bytes: s.bytes,
    events: s.events,
    complete: s.complete,
    ...(s.error ? { error: s.error } : {}),
  }));
  const complete = !!trace && trace.sources.every((s) => s.complete);
  const report: AnalyzeReport = {
    status: complete && (gaps?.summary.pair_count ?? 0) > 0 ? 'OK' : 'INCONCLUSIVE',
    trace_files: traceFiles,
    events: trace ? trace.sources.reduce((n, s) => n + s.events, 0) : 0,
    devices: [...devices].sort((a, b) => a - b),
    lanes: trace?.lanes.length ?? 0,
    boundary,
    kernel_table: kernel,
    communication_table: comm,
    dispatch_table: dispatch,
    overlap,
    gap_summary: gaps?.summary ?? EMPTY_GAPS,
    gap_by_device: [...(gaps?.byDevice ?? [])],
    sources,
    problems: problems.map((p) => ({ code: p.code, message: p.message })),
  };
  return { report, problems, trace, gaps, stepTrace };
}
