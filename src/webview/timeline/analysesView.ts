// The analyses pane's data: the core's profiling tables (computed from the trace in the worker) turned into
// plain, localized tables the page can render without knowing each analysis.
import type { Locale } from '../../core/i18n/locale';
import type { CommunicationTable } from '../../core/profiling/communicationTable';
import type { DispatchTable } from '../../core/profiling/dispatchTable';
import { analyzeGaps, BoundaryError, DEFAULT_BOUNDARY, type GapAnalysis } from '../../core/profiling/gapAnalysis';
import type { KernelTable } from '../../core/profiling/kernelTable';
import type { OverlapBreakdown } from '../../core/profiling/overlapBreakdown';
import { analyzeProfile } from '../../core/profiling/profileReport';
import { problem, problemText } from '../../core/profiling/profilingMessages';
import type { ProfilingSource } from '../../core/profiling/profilingSource';
import { catalog } from '../../core/i18n/catalog';
import type { TraceColumns } from '../../core/trace/traceColumns';
import type { GapBoundary } from '../../shared/timelineProtocol';

export type CellKind = 'text' | 'int' | 'us' | 'pct' | 'num';
export type Cell = string | number | null;

export interface TableView {
  readonly id: string;
  readonly title: string;
  readonly columns: readonly { readonly label: string; readonly kind: CellKind }[];
  readonly rows: readonly (readonly Cell[])[];
  /** Lines shown under the table (hidden rows, data source). */
  readonly notes: readonly string[];
  /** Bottleneck hints (overlap) shown above the table. */
  readonly hints: readonly string[];
}

export interface AnalysesView {
  readonly tables: readonly TableView[];
}

export interface GapView {
  readonly boundary: GapBoundary;
  readonly table?: TableView;
  /** Why the boundary cannot be used (an invalid regex). */
  readonly error?: string;
  /** What the analysis found wrong (no boundary slices, no pairs), localized. */
  readonly problems: readonly string[];
}

const TEXT = {
  kernels: { en: 'Kernels', zh: '算子' },
  communication: { en: 'Communication', zh: '通信' },
  dispatch: { en: 'Dispatch', zh: '下发' },
  overlap: { en: 'Overlap', zh: '重叠' },
  gaps: { en: 'Decode gaps', zh: '解码间隙' },
  opType: { en: 'OP Type', zh: 'OP 类型' },
  coreType: { en: 'Core', zh: '核类型' },
  count: { en: 'Count', zh: '次数' },
  totalUs: { en: 'Total (µs)', zh: '总计（µs）' },
  avgUs: { en: 'Avg (µs)', zh: '平均（µs）' },
  minUs: { en: 'Min (µs)', zh: '最小（µs）' },
  maxUs: { en: 'Max (µs)', zh: '最大（µs）' },
  share: { en: 'Share', zh: '占比' },
  device: { en: 'Device', zh: '设备' },
  stream: { en: 'Stream', zh: '流' },
  tasks: { en: 'Tasks', zh: '任务数' },
  busyUs: { en: 'Busy (µs)', zh: '忙碌（µs）' },
  avgWaitUs: { en: 'Avg wait (µs)', zh: '平均等待（µs）' },
  avgGapUs: { en: 'Avg gap (µs)', zh: '平均间隔（µs）' },
  launchesPerMs: { en: 'Launches/ms', zh: '每毫秒下发' },
  computingUs: { en: 'Computing (µs)', zh: '计算（µs）' },
  commUs: { en: 'Communication (µs)', zh: '通信（µs）' },
  commNotOverlappedUs: { en: 'Comm. not overlapped (µs)', zh: '未重叠通信（µs）' },
  freeUs: { en: 'Free (µs)', zh: '空闲（µs）' },
  computingShare: { en: 'Computing', zh: '计算占比' },
  commShare: { en: 'Communication', zh: '通信占比' },
  freeShare: { en: 'Free', zh: '空闲占比' },
  all: { en: 'All', zh: '全部' },
  host: { en: 'Host', zh: '主机' },
  prevCount: { en: 'Previous', zh: '前边界数' },
  nextCount: { en: 'Next', zh: '后边界数' },
  pairs: { en: 'Pairs', zh: '配对数' },
  medianUs: { en: 'Median (µs)', zh: '中位数（µs）' },
  meanUs: { en: 'Mean (µs)', zh: '均值（µs）' },
  p90Us: { en: 'P90 (µs)', zh: 'P90（µs）' },
  hidden: { en: '{0} op types under 1% of device time hidden ({1} of the time).', zh: '已隐藏 {0} 个占设备时间不足 1% 的 OP 类型（占 {1} 的时间）。' },
  sourceTrace: { en: 'From the device tasks of the trace.', zh: '来自跟踪中的设备任务。' },
  noData: { en: 'The trace has no data for this table.', zh: '跟踪中没有此表的数据。' },
  hostBound: { en: 'Host-bound: the device is idle {0} of the time (over {1}).', zh: '主机瓶颈：设备空闲时间占 {0}（超过 {1}）。' },
  computeBound: { en: 'Compute-bound: computing takes {0} of the time (over {1}).', zh: '计算瓶颈：计算时间占 {0}（超过 {1}）。' },
  commBound: { en: 'Communication-bound: communication takes {0} of the time (over {1}).', zh: '通信瓶颈：通信时间占 {0}（超过 {1}）。' },
  noHints: { en: 'No bottleneck threshold is crossed.', zh: '未超过任何瓶颈阈值。' },
  topHost: { en: 'Host calls inside the gaps: {0}', zh: '间隙内的主机调用：{0}' },
} as const;

const tr = catalog(TEXT);
const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;

export function kernelView(k: KernelTable, L: Locale): TableView {
  const t = (key: keyof typeof TEXT, ...a: unknown[]): string => tr(L, key, ...a);
  return {
    id: 'kernels',
    title: t('kernels'),
    columns: [
      { label: t('opType'), kind: 'text' },
      { label: t('coreType'), kind: 'text' },
      { label: t('count'), kind: 'int' },
      { label: t('totalUs'), kind: 'us' },
      { label: t('avgUs'), kind: 'us' },
      { label: t('share'), kind: 'pct' },
    ],
    rows: k.rows.map((r) => [r.op_type, r.core_type, r.count, r.total_us, r.avg_us, r.share]),
    notes: [...(k.hidden_count ? [t('hidden', k.hidden_count, pct(k.hidden_share))] : []), k.rows.length || k.hidden_count ? t('sourceTrace') : t('noData')],
    hints: [],
  };
}

export function communicationView(c: CommunicationTable, L: Locale): TableView {
  const t = (key: keyof typeof TEXT, ...a: unknown[]): string => tr(L, key, ...a);
  return {
    id: 'communication',
    title: t('communication'),
    columns: [
      { label: t('opType'), kind: 'text' },
      { label: t('count'), kind: 'int' },
      { label: t('totalUs'), kind: 'us' },
      { label: t('avgUs'), kind: 'us' },
      { label: t('minUs'), kind: 'us' },
      { label: t('maxUs'), kind: 'us' },
      { label: t('share'), kind: 'pct' },
    ],
    rows: c.rows.map((r) => [r.op_type, r.count, r.total_us, r.avg_us, r.min_us, r.max_us, r.share]),
    notes: c.rows.length ? [] : [t('noData')],
    hints: [],
  };
}

export function dispatchView(d: DispatchTable, L: Locale): TableView {
  const t = (key: keyof typeof TEXT, ...a: unknown[]): string => tr(L, key, ...a);
  return {
    id: 'dispatch',
    title: t('dispatch'),
    columns: [
      { label: t('device'), kind: 'int' },
      { label: t('stream'), kind: 'int' },
      { label: t('tasks'), kind: 'int' },
      { label: t('busyUs'), kind: 'us' },
      { label: t('avgWaitUs'), kind: 'us' },
      { label: t('avgGapUs'), kind: 'us' },
      { label: t('launchesPerMs'), kind: 'num' },
    ],
    rows: d.rows.map((r) => [r.device, r.stream, r.task_count, r.busy_us, r.avg_wait_us, r.avg_gap_us, r.launches_per_ms]),
    notes: d.rows.length ? [] : [t('noData')],
    hints: [],
  };
}

export function overlapView(o: OverlapBreakdown, L: Locale): TableView {
  const t = (key: keyof typeof TEXT, ...a: unknown[]): string => tr(L, key, ...a);
  const row = (label: string, v: OverlapBreakdown['total']): Cell[] => [
    label,
    v.computing_us,
    v.communication_us,
    v.communication_not_overlapped_us,
    v.free_us,
    v.computing_share,
    v.communication_share,
    v.free_share,
  ];
  const hints = o.hints.map((h) => {
    const key = h.kind === 'host-bound' ? 'hostBound' : h.kind === 'compute-bound' ? 'computeBound' : 'commBound';
    return t(key, pct(h.share), pct(h.threshold));
  });
  return {
    id: 'overlap',
    title: t('overlap'),
    columns: [
      { label: t('device'), kind: 'text' },
      { label: t('computingUs'), kind: 'us' },
      { label: t('commUs'), kind: 'us' },
      { label: t('commNotOverlappedUs'), kind: 'us' },
      { label: t('freeUs'), kind: 'us' },
      { label: t('computingShare'), kind: 'pct' },
      { label: t('commShare'), kind: 'pct' },
      { label: t('freeShare'), kind: 'pct' },
    ],
    rows: o.devices.length ? [...o.devices.map((d) => row(String(d.device), d)), row(t('all'), o.total)] : [],
    notes: o.devices.length ? [] : [t('noData')],
    hints: o.devices.length ? (hints.length ? hints : [t('noHints')]) : [],
  };
}

export function gapTableView(g: GapAnalysis, L: Locale): TableView {
  const t = (key: keyof typeof TEXT, ...a: unknown[]): string => tr(L, key, ...a);
  const s = g.summary;
  const top = s.top_host_events.map((e) => `${e.name} ×${e.count}`).join(', ');
  return {
    id: 'gaps',
    title: t('gaps'),
    columns: [
      { label: t('device'), kind: 'text' },
      { label: t('prevCount'), kind: 'int' },
      { label: t('nextCount'), kind: 'int' },
      { label: t('pairs'), kind: 'int' },
      { label: t('minUs'), kind: 'us' },
      { label: t('medianUs'), kind: 'us' },
      { label: t('meanUs'), kind: 'us' },
      { label: t('p90Us'), kind: 'us' },
      { label: t('maxUs'), kind: 'us' },
    ],
    rows: [
      ...g.byDevice.map((d) => [d.device === null ? t('host') : String(d.device), d.prev_count, d.next_count, d.pair_count, d.gap_min_us, d.gap_median_us, d.gap_mean_us, d.gap_p90_us, d.gap_max_us]),
      [t('all'), s.prev_count, s.next_count, s.pair_count, s.gap_min_us, s.gap_median_us, s.gap_mean_us, s.gap_p90_us, s.gap_max_us],
    ],
    notes: top ? [t('topHost', top)] : [],
    hints: [],
  };
}

/** A ProfilingSource over a trace already parsed in this worker (CSV exports are not read here). */
function traceOnlySource(trace: TraceColumns): ProfilingSource {
  return { outputs: [], trace: async () => trace, table: async () => [], has: () => false };
}

/** The core's whole analysis of the trace, as tables: kernels, communication, dispatch, overlap, decode gaps. */
export async function analysesOfTrace(trace: TraceColumns, boundary: GapBoundary, L: Locale): Promise<{ analyses: AnalysesView; gaps: GapView }> {
  let r;
  try {
    r = await analyzeProfile(traceOnlySource(trace), { boundary });
  } catch (e) {
    if (!(e instanceof BoundaryError)) throw e;
    // An invalid boundary regex must not cost the other tables.
    r = await analyzeProfile(traceOnlySource(trace), { boundary: DEFAULT_BOUNDARY });
    const tables = [kernelView(r.report.kernel_table, L), communicationView(r.report.communication_table, L), dispatchView(r.report.dispatch_table, L), overlapView(r.report.overlap, L)];
    return { analyses: { tables }, gaps: { boundary, error: e.message, problems: [] } };
  }
  const rep = r.report;
  const tables = [kernelView(rep.kernel_table, L), communicationView(rep.communication_table, L), dispatchView(rep.dispatch_table, L), overlapView(rep.overlap, L)];
  const gapProblems = r.problems.filter((p) => p.code === 'noBoundaryEvents' || p.code === 'noPairs').map((p) => problemText(L, p));
  return { analyses: { tables }, gaps: { boundary, table: r.gaps ? gapTableView(r.gaps, L) : undefined, problems: gapProblems } };
}

/** The decode-step gap table for another boundary pair. */
export function gapsOfTrace(trace: TraceColumns, boundary: GapBoundary, L: Locale): GapView {
  try {
    const g = analyzeGaps(trace, boundary);
    const problems: string[] = [];
    if (!g.summary.prev_count) problems.push(problemText(L, problem('noBoundaryEvents', 'previous', boundary.previous)));
    if (!g.summary.next_count) problems.push(problemText(L, problem('noBoundaryEvents', 'next', boundary.next)));
    if (g.summary.prev_count && g.summary.next_count && !g.summary.pair_count) problems.push(problemText(L, problem('noPairs')));
    return { boundary, table: gapTableView(g, L), problems };
  } catch (e) {
    return { boundary, error: (e as Error).message, problems: [] };
  }
}
