// A concurrency sweep: several runs (or one run with several levels) as chart series of latency and
// throughput against concurrency, with optional SLA lines on p99 TTFT / p99 TPOT (formats.md section 4).
import { benchmarkLevels, METRIC_INFO, type LevelValues } from './benchmarkLevels';
import type { MetricId, ReasonCode, Stat } from './comparisonSchema';
import { checkRunEvidence } from './evidenceChecks';
import type { RunEvidence } from './runEvidence';

export interface SlaLimits {
  /** Highest acceptable p99 TTFT, ms. */
  readonly ttftP99Ms?: number;
  /** Highest acceptable p99 TPOT, ms. */
  readonly tpotP99Ms?: number;
}

export interface SweepPoint {
  readonly runId: string;
  readonly concurrency: number;
  readonly values: LevelValues;
  /** Null when no SLA was given; false when a limit is exceeded or its p99 is unknown. */
  readonly slaPass: boolean | null;
  /** Whether the run is formal evidence (no SMOKE_ONLY / INCONCLUSIVE reason of its own). */
  readonly formal: boolean;
  readonly reasons: readonly ReasonCode[];
}

export interface SweepSeries {
  readonly metric: MetricId;
  readonly stat: Stat;
  readonly unit: string;
  readonly better: 'lower' | 'higher';
  readonly points: readonly { readonly x: number; readonly y: number; readonly runId: string }[];
}

export interface Sweep {
  readonly points: readonly SweepPoint[];
  readonly series: readonly SweepSeries[];
  readonly slaLines: readonly { readonly metric: 'ttft' | 'tpot'; readonly stat: 'p99'; readonly value: number }[];
  /** The best point by SLA pass, request throughput, output throughput, p50 TTFT, p50 TPOT; null when empty. */
  readonly best: { readonly runId: string; readonly concurrency: number } | null;
  /** Levels left out because their concurrency is unknown (rate-based or headline only). */
  readonly skipped: readonly { readonly runId: string; readonly key: string }[];
}

const CHART: readonly [MetricId, Stat][] = [
  ['ttft', 'avg'],
  ['ttft', 'p50'],
  ['ttft', 'p99'],
  ['tpot', 'avg'],
  ['tpot', 'p50'],
  ['tpot', 'p99'],
  ['itl', 'avg'],
  ['e2e', 'avg'],
  ['output_tps', 'avg'],
  ['total_tps', 'avg'],
  ['request_throughput', 'avg'],
];

function slaPass(values: LevelValues, sla: SlaLimits): boolean | null {
  if (sla.ttftP99Ms === undefined && sla.tpotP99Ms === undefined) return null;
  const ok = (v: number | undefined, limit: number | undefined) => limit === undefined || (v !== undefined && v <= limit);
  return ok(values.ttft?.p99, sla.ttftP99Ms) && ok(values.tpot?.p99, sla.tpotP99Ms);
}

const p50OrAvg = (v: LevelValues, m: MetricId) => v[m]?.p50 ?? v[m]?.avg ?? null;
const desc = (a: number | null, b: number | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : b - a);
const asc = (a: number | null, b: number | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a - b);

/** Builds the chart series of a sweep; points are ordered by concurrency, then run id. */
export function sweepSeries(runs: readonly RunEvidence[], sla: SlaLimits = {}): Sweep {
  const points: SweepPoint[] = [];
  const skipped: { runId: string; key: string }[] = [];
  for (const run of runs) {
    const reasons = checkRunEvidence(run, 'current').filter((r) => r.effect === 'SMOKE_ONLY' || r.effect === 'INCONCLUSIVE').map((r) => r.code);
    for (const level of benchmarkLevels(run.metrics)) {
      if (level.concurrency === null) {
        skipped.push({ runId: run.runId, key: level.key });
        continue;
      }
      points.push({ runId: run.runId, concurrency: level.concurrency, values: level.values, slaPass: slaPass(level.values, sla), formal: !reasons.length, reasons: [...new Set(reasons)] });
    }
  }
  points.sort((a, b) => a.concurrency - b.concurrency || (a.runId < b.runId ? -1 : a.runId > b.runId ? 1 : 0));
  const series: SweepSeries[] = [];
  for (const [metric, stat] of CHART) {
    const pts = points.flatMap((p) => {
      const y = p.values[metric]?.[stat];
      return y === undefined ? [] : [{ x: p.concurrency, y, runId: p.runId }];
    });
    if (pts.length) series.push({ metric, stat, unit: METRIC_INFO[metric].unit, better: METRIC_INFO[metric].better, points: pts });
  }
  const slaLines: Sweep['slaLines'][number][] = [];
  if (sla.ttftP99Ms !== undefined) slaLines.push({ metric: 'ttft', stat: 'p99', value: sla.ttftP99Ms });
  if (sla.tpotP99Ms !== undefined) slaLines.push({ metric: 'tpot', stat: 'p99', value: sla.tpotP99Ms });
  const ranked = [...points].sort(
    (a, b) =>
      Number(b.slaPass !== false) - Number(a.slaPass !== false) ||
      desc(a.values.request_throughput?.avg ?? null, b.values.request_throughput?.avg ?? null) ||
      desc(a.values.output_tps?.avg ?? null, b.values.output_tps?.avg ?? null) ||
      asc(p50OrAvg(a.values, 'ttft'), p50OrAvg(b.values, 'ttft')) ||
      asc(p50OrAvg(a.values, 'tpot'), p50OrAvg(b.values, 'tpot')),
  );
  const best = ranked.length ? { runId: ranked[0].runId, concurrency: ranked[0].concurrency } : null;
  return { points, series, slaLines, best, skipped };
}
