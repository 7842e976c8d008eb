// Baseline vs current capture: kernel and communication tables as diffs per OP Type, overlap shares side by
// side, and both decode-step gap distributions (stats per side and device, counts on shared bucket edges).
import type { AnalyzeResult } from './profileReport';
import { gapStats, type Boundary, type GapAnalysis, type GapStats } from './gapAnalysis';
import type { OverlapTimes } from './overlapBreakdown';

export interface SideTotals {
  readonly count: number;
  readonly total_us: number;
  readonly avg_us: number;
  readonly share: number;
}

export interface OpTypeDiffRow {
  readonly op_type: string;
  /** A side's row is absent when the op type did not run there or was under the 1% display threshold. */
  readonly presence: 'both' | 'baseline_only' | 'current_only';
  readonly baseline: SideTotals | null;
  readonly current: SideTotals | null;
  /** current - baseline total device time (a missing side counts as 0). */
  readonly delta_total_us: number;
  /** delta / baseline total, null when the baseline has no time for this op type. */
  readonly delta_pct: number | null;
  readonly delta_avg_us: number | null;
  /** current share - baseline share (0..1 scale). */
  readonly share_change: number;
}

export interface TableDiff {
  readonly baseline_source: string;
  readonly current_source: string;
  readonly baseline_total_us: number;
  readonly current_total_us: number;
  readonly delta_total_us: number;
  readonly delta_pct: number | null;
  readonly rows: OpTypeDiffRow[];
}

export interface GapStatsDiff {
  readonly baseline: GapStats;
  readonly current: GapStats;
  /** current - baseline per statistic, null when either side has no pairs. */
  readonly delta: { readonly median_us: number | null; readonly mean_us: number | null; readonly p90_us: number | null; readonly min_us: number | null; readonly max_us: number | null };
}

export interface GapHistogram {
  /** Shared bucket edges in µs, ascending; bucket i is [edges[i], edges[i+1]) and the last one includes its upper edge. */
  readonly edges_us: number[];
  readonly baseline: number[];
  readonly current: number[];
}

export interface ComparedSide {
  /** What the caller calls this capture (a run id or path), null when not given. */
  readonly label: string | null;
  readonly status: string;
  readonly trace_files: string[];
  readonly events: number;
  readonly devices: number[];
}

export interface ProfileComparison {
  readonly baseline: ComparedSide;
  readonly current: ComparedSide;
  readonly boundary: Boundary;
  readonly kernel_diff: TableDiff & { readonly baseline_hidden_share: number; readonly current_hidden_share: number };
  readonly communication_diff: TableDiff;
  readonly overlap: { readonly baseline: OverlapTimes | null; readonly current: OverlapTimes | null; readonly share_change: Record<OverlapShareKey, number> | null };
  readonly gaps: GapStatsDiff & {
    readonly by_device: ({ readonly device: number | null } & GapStatsDiff)[];
    readonly histogram: GapHistogram;
  };
}

type OverlapShareKey = 'computing_share' | 'communication_share' | 'communication_not_overlapped_share' | 'free_share';
const OVERLAP_SHARES: readonly OverlapShareKey[] = ['computing_share', 'communication_share', 'communication_not_overlapped_share', 'free_share'];

/** Histogram bucket count: enough to see a shift, few enough to read as text. */
export const GAP_BUCKETS = 10;

const r3 = (x: number): number => Math.round(x * 1000) / 1000;
const r6 = (x: number): number => Math.round(x * 1e6) / 1e6;
const rel = (delta: number, base: number): number | null => (base > 0 ? r6(delta / base) : null);

interface RowLike {
  readonly op_type: string;
  readonly count: number;
  readonly total_us: number;
  readonly avg_us: number;
  readonly share: number;
}

function diffRows(base: readonly RowLike[], cur: readonly RowLike[]): OpTypeDiffRow[] {
  const side = (r: RowLike | undefined): SideTotals | null => (r ? { count: r.count, total_us: r.total_us, avg_us: r.avg_us, share: r.share } : null);
  const b = new Map(base.map((r) => [r.op_type, r]));
  const c = new Map(cur.map((r) => [r.op_type, r]));
  const names = [...new Set([...b.keys(), ...c.keys()])];
  const rows = names.map((op): OpTypeDiffRow => {
    const x = side(b.get(op));
    const y = side(c.get(op));
    const delta = r3((y?.total_us ?? 0) - (x?.total_us ?? 0));
    return {
      op_type: op,
      presence: x && y ? 'both' : x ? 'baseline_only' : 'current_only',
      baseline: x,
      current: y,
      delta_total_us: delta,
      delta_pct: rel(delta, x?.total_us ?? 0),
      delta_avg_us: x && y ? r3(y.avg_us - x.avg_us) : null,
      share_change: r6((y?.share ?? 0) - (x?.share ?? 0)),
    };
  });
  // Largest absolute change first, so regressions and wins lead the table.
  rows.sort((p, q) => Math.abs(q.delta_total_us) - Math.abs(p.delta_total_us) || (p.op_type < q.op_type ? -1 : 1));
  return rows;
}

function tableDiff(
  b: { source: string; total_us: number; rows: readonly RowLike[] },
  c: { source: string; total_us: number; rows: readonly RowLike[] },
): TableDiff {
  const delta = r3(c.total_us - b.total_us);
  return {
    baseline_source: b.source,
    current_source: c.source,
    baseline_total_us: b.total_us,
    current_total_us: c.total_us,
    delta_total_us: delta,
    delta_pct: rel(delta, b.total_us),
    rows: diffRows(b.rows, c.rows),
  };
}

const EMPTY_STATS: GapStats = gapStats(new Float64Array(0));

function statsDiff(b: GapStats, c: GapStats): GapStatsDiff {
  const d = (x: number | null, y: number | null): number | null => (x === null || y === null ? null : r6(y - x));
  return {
    baseline: b,
    current: c,
    delta: {
      median_us: d(b.gap_median_us, c.gap_median_us),
      mean_us: d(b.gap_mean_us, c.gap_mean_us),
      p90_us: d(b.gap_p90_us, c.gap_p90_us),
      min_us: d(b.gap_min_us, c.gap_min_us),
      max_us: d(b.gap_max_us, c.gap_max_us),
    },
  };
}

/** Gap of each boundary pair in µs. */
export function gapValuesUs(gaps: GapAnalysis | null): Float64Array {
  if (!gaps) return new Float64Array(0);
  const p = gaps.pairs;
  const out = new Float64Array(p.count);
  for (let k = 0; k < p.count; k++) out[k] = (p.nextStartNs[k] - p.prevEndNs[k]) / 1000;
  return out;
}

/** Equal-width buckets spanning both sides, so the two counts line up bucket by bucket. */
export function gapHistogram(base: Float64Array, cur: Float64Array, buckets = GAP_BUCKETS): GapHistogram {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of [...base, ...cur]) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (!Number.isFinite(lo)) return { edges_us: [], baseline: [], current: [] };
  if (hi === lo) hi = lo + 1;
  const width = (hi - lo) / buckets;
  const edges = Array.from({ length: buckets + 1 }, (_, i) => r3(i === buckets ? hi : lo + i * width));
  const count = (vals: Float64Array): number[] => {
    const out = new Array<number>(buckets).fill(0);
    for (const v of vals) out[Math.min(buckets - 1, Math.floor((v - lo) / width))]++;
    return out;
  };
  return { edges_us: edges, baseline: count(base), current: count(cur) };
}

export type ComparableResult = Pick<AnalyzeResult, 'report' | 'gaps'>;

export function compareProfiles(
  baseline: ComparableResult,
  current: ComparableResult,
  labels: { readonly baseline?: string; readonly current?: string } = {},
): ProfileComparison {
  const b = baseline.report;
  const c = current.report;
  const side = (r: typeof b, label: string | undefined): ComparedSide => ({ label: label ?? null, status: r.status, trace_files: r.trace_files, events: r.events, devices: r.devices });
  const bo = b.overlap.devices.length ? b.overlap.total : null;
  const co = c.overlap.devices.length ? c.overlap.total : null;
  const shareChange = bo && co ? (Object.fromEntries(OVERLAP_SHARES.map((k) => [k, r6(co[k] - bo[k])])) as Record<OverlapShareKey, number>) : null;
  const devs = new Map<string, number | null>();
  for (const d of [...b.gap_by_device, ...c.gap_by_device]) devs.set(String(d.device), d.device);
  const byDevice = [...devs.values()]
    .sort((x, y) => (x ?? Infinity) - (y ?? Infinity))
    .map((device) => {
      const pick = (r: typeof b): GapStats => r.gap_by_device.find((d) => d.device === device) ?? EMPTY_STATS;
      return { device, ...statsDiff(pick(b), pick(c)) };
    });
  const gb: GapStats = b.gap_summary;
  const gc: GapStats = c.gap_summary;
  const onlyStats = (g: GapStats): GapStats => ({
    pair_count: g.pair_count,
    gap_min_us: g.gap_min_us,
    gap_median_us: g.gap_median_us,
    gap_mean_us: g.gap_mean_us,
    gap_p90_us: g.gap_p90_us,
    gap_max_us: g.gap_max_us,
  });
  const stripDevice = (s: GapStatsDiff): GapStatsDiff => ({ baseline: onlyStats(s.baseline), current: onlyStats(s.current), delta: s.delta });
  return {
    baseline: side(b, labels.baseline),
    current: side(c, labels.current),
    boundary: b.boundary,
    kernel_diff: {
      ...tableDiff(b.kernel_table, c.kernel_table),
      baseline_hidden_share: b.kernel_table.hidden_share,
      current_hidden_share: c.kernel_table.hidden_share,
    },
    communication_diff: tableDiff(b.communication_table, c.communication_table),
    overlap: { baseline: bo, current: co, share_change: shareChange },
    gaps: {
      ...statsDiff(onlyStats(gb), onlyStats(gc)),
      by_device: byDevice.map((d) => ({ device: d.device, ...stripDevice(d) })),
      histogram: gapHistogram(gapValuesUs(baseline.gaps), gapValuesUs(current.gaps)),
    },
  };
}
