// Metric rows of a comparison: per level and statistic, delta against the baseline and the tolerance check.
import { benchmarkLevels, METRIC_INFO, type BenchmarkLevel } from './benchmarkLevels';
import { compareMessage } from './compareMessages';
import type { ComparisonLevel, MetricId, MetricRow, Stat } from './comparisonSchema';
import type { AccuracyEvidence } from './runEvidence';
import { toleranceLimit, withinTolerance, type Tolerances } from './tolerance';
import type { Metrics } from '../schemas/metricsSchema';

/** Statistics that decide the verdict: averages of TTFT/TPOT/ITL and system throughput, and the accuracy score. */
export const DEFAULT_GATING: Readonly<Partial<Record<MetricId, readonly Stat[]>>> = {
  ttft: ['avg'],
  tpot: ['avg'],
  itl: ['avg'],
  output_tps: ['avg'],
  total_tps: ['avg'],
  request_throughput: ['avg'],
  accuracy: ['score'],
};

const ROW_ORDER: readonly MetricId[] = ['ttft', 'tpot', 'itl', 'e2e', 'output_tps', 'total_tps', 'request_throughput', 'request_output_tps'];
const STAT_ORDER: readonly Stat[] = ['avg', 'p50', 'p90', 'p99'];

export interface MetricComparison {
  readonly levels: ComparisonLevel[];
  readonly rows: MetricRow[];
  /** Keys of the levels measured in both runs. */
  readonly common: string[];
}

function round(x: number, digits = 6): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

export function metricRow(level: string, metric: MetricId, stat: Stat, baseline: number | null, current: number | null, tolerances: Tolerances, gating: boolean): MetricRow {
  const info = METRIC_INFO[metric];
  const known = baseline !== null && current !== null;
  return {
    level,
    metric,
    stat,
    unit: info.unit,
    better: info.better,
    baseline,
    current,
    delta: known ? round(current - baseline) : null,
    delta_pct: known && baseline !== 0 ? round(((current - baseline) / Math.abs(baseline)) * 100, 4) : null,
    limit: baseline !== null ? round(toleranceLimit(info.tolerance, baseline, tolerances)) : null,
    status: known ? (withinTolerance(info.tolerance, baseline, current, tolerances) ? 'pass' : 'fail') : 'missing',
    gating,
  };
}

function levelLabels(l: Pick<BenchmarkLevel, 'concurrency' | 'requestRate'>): { label_en: string; label_zh: string } {
  if (l.concurrency !== null) return { label_en: compareMessage('en', 'level_concurrency', l.concurrency), label_zh: compareMessage('zh-cn', 'level_concurrency', l.concurrency) };
  if (l.requestRate !== null) return { label_en: compareMessage('en', 'level_rate', l.requestRate), label_zh: compareMessage('zh-cn', 'level_rate', l.requestRate) };
  return { label_en: compareMessage('en', 'level_unknown'), label_zh: compareMessage('zh-cn', 'level_unknown') };
}

/** Pairs the levels of two runs by key; two single levels pair up when one of them has no known concurrency. */
function pairLevels(base: readonly BenchmarkLevel[], cur: readonly BenchmarkLevel[]): { key: string; b?: BenchmarkLevel; c?: BenchmarkLevel }[] {
  if (base.length === 1 && cur.length === 1 && base[0].key !== cur[0].key && (base[0].key === 'headline' || cur[0].key === 'headline')) {
    const known = base[0].key === 'headline' ? cur[0] : base[0];
    return [{ key: known.key, b: base[0], c: cur[0] }];
  }
  const keys = [...new Set([...base.map((l) => l.key), ...cur.map((l) => l.key)])];
  const pairs = keys.map((key) => ({ key, b: base.find((l) => l.key === key), c: cur.find((l) => l.key === key) }));
  const order = (p: (typeof pairs)[number]) => (p.b ?? p.c)!;
  return pairs.sort((x, y) => (order(x).concurrency ?? Infinity) - (order(y).concurrency ?? Infinity) || (order(x).requestRate ?? Infinity) - (order(y).requestRate ?? Infinity));
}

function gatingOf(metric: MetricId, stat: Stat, gating: Readonly<Partial<Record<MetricId, readonly Stat[]>>>): boolean {
  return !!gating[metric]?.includes(stat);
}

/** Compares the performance numbers of two runs level by level. */
export function compareMetrics(baseline: Metrics | null, current: Metrics | null, tolerances: Tolerances, gating = DEFAULT_GATING): MetricComparison {
  const pairs = pairLevels(benchmarkLevels(baseline), benchmarkLevels(current));
  const levels: ComparisonLevel[] = [];
  const rows: MetricRow[] = [];
  const common: string[] = [];
  for (const { key, b, c } of pairs) {
    const l = (b ?? c)!;
    const concurrency = b?.concurrency ?? c?.concurrency ?? null;
    const requestRate = b?.requestRate ?? c?.requestRate ?? null;
    levels.push({ key, ...levelLabels({ concurrency, requestRate: requestRate ?? l.requestRate }), concurrency, request_rate: requestRate, in_baseline: !!b, in_current: !!c });
    if (!b || !c) continue;
    common.push(key);
    for (const metric of ROW_ORDER) {
      for (const stat of STAT_ORDER) {
        const bv = b.values[metric]?.[stat] ?? null;
        const cv = c.values[metric]?.[stat] ?? null;
        if (bv === null && cv === null) continue;
        rows.push(metricRow(key, metric, stat, bv, cv, tolerances, gatingOf(metric, stat, gating)));
      }
    }
  }
  return { levels, rows, common };
}

/** Compares the scores of two accuracy runs (one row at level `accuracy`). */
export function compareAccuracy(baseline: AccuracyEvidence | null | undefined, current: AccuracyEvidence | null | undefined, tolerances: Tolerances): MetricComparison {
  const label = { label_en: baseline?.dataset ?? current?.dataset ?? 'accuracy', label_zh: baseline?.dataset ?? current?.dataset ?? '精度' };
  const level: ComparisonLevel = { key: 'accuracy', ...label, concurrency: null, request_rate: null, in_baseline: baseline?.score != null, in_current: current?.score != null };
  const row = metricRow('accuracy', 'accuracy', 'score', baseline?.score ?? null, current?.score ?? null, tolerances, true);
  const known = row.status !== 'missing';
  return { levels: [level], rows: known || row.baseline !== null || row.current !== null ? [row] : [], common: known ? ['accuracy'] : [] };
}
