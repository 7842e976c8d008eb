// The measured values of a run per concurrency (or request-rate) level: from metrics.json's benchmark
// records when present, else its stable headline names as one level.
import type { BenchmarkRecord, Metrics } from '../schemas/metricsSchema';
import type { MetricId, Stat } from './comparisonSchema';

export type LevelValues = Partial<Record<MetricId, Partial<Record<Stat, number>>>>;

export interface BenchmarkLevel {
  /** `c32` for concurrency 32, `r4` for 4 req/s, `headline` when neither is known. */
  readonly key: string;
  readonly concurrency: number | null;
  readonly requestRate: number | null;
  readonly values: LevelValues;
  readonly success: number | null;
  readonly total: number | null;
  /** The file the level was read from, relative to the run root, when known. */
  readonly file: string | null;
}

export interface MetricInfo {
  readonly unit: 'ms' | 'tok/s' | 'req/s' | 'score';
  readonly better: 'lower' | 'higher';
  readonly tolerance: 'latency' | 'throughput' | 'accuracy';
  readonly label: string;
}

export const METRIC_INFO: Readonly<Record<MetricId, MetricInfo>> = {
  ttft: { unit: 'ms', better: 'lower', tolerance: 'latency', label: 'TTFT' },
  tpot: { unit: 'ms', better: 'lower', tolerance: 'latency', label: 'TPOT' },
  itl: { unit: 'ms', better: 'lower', tolerance: 'latency', label: 'ITL' },
  e2e: { unit: 'ms', better: 'lower', tolerance: 'latency', label: 'E2E latency' },
  output_tps: { unit: 'tok/s', better: 'higher', tolerance: 'throughput', label: 'Output throughput' },
  total_tps: { unit: 'tok/s', better: 'higher', tolerance: 'throughput', label: 'Total throughput' },
  request_throughput: { unit: 'req/s', better: 'higher', tolerance: 'throughput', label: 'Request throughput' },
  request_output_tps: { unit: 'tok/s', better: 'higher', tolerance: 'throughput', label: 'Per-request output rate' },
  accuracy: { unit: 'score', better: 'higher', tolerance: 'accuracy', label: 'Accuracy' },
};

/** Record field of each average and the percentile map key the metrics collector writes. */
const RECORD_FIELDS: readonly { metric: MetricId; avg?: keyof BenchmarkRecord; percentiles?: readonly string[] }[] = [
  { metric: 'ttft', avg: 'ttft_ms', percentiles: ['ttft_ms', 'ttft'] },
  { metric: 'tpot', avg: 'tpot_ms', percentiles: ['tpot_ms', 'tpot'] },
  { metric: 'itl', avg: 'itl_ms', percentiles: ['itl_ms', 'itl'] },
  { metric: 'e2e', avg: 'e2e_ms', percentiles: ['e2e_ms', 'e2el_ms', 'latency_ms'] },
  { metric: 'output_tps', avg: 'output_tps' },
  { metric: 'total_tps', avg: 'total_tps' },
  { metric: 'request_throughput', avg: 'request_throughput' },
  { metric: 'request_output_tps', percentiles: ['request_output_tps'] },
];

const PERCENTILE_STATS: readonly Stat[] = ['p50', 'p90', 'p99'];

function finite(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}

export function levelKey(concurrency: number | null, requestRate: number | null): string {
  if (concurrency !== null) return `c${concurrency}`;
  if (requestRate !== null) return `r${requestRate}`;
  return 'headline';
}

function levelOfRecord(r: BenchmarkRecord): BenchmarkLevel {
  const values: LevelValues = {};
  for (const f of RECORD_FIELDS) {
    const stats: Partial<Record<Stat, number>> = {};
    const avg = f.avg ? finite(r[f.avg]) : undefined;
    if (avg !== undefined) stats.avg = avg;
    const map = f.percentiles?.map((k) => r.percentiles[k]).find((m) => m !== undefined);
    for (const s of PERCENTILE_STATS) {
      const v = finite(map?.[s]);
      if (v !== undefined) stats[s] = v;
    }
    if (Object.keys(stats).length) values[f.metric] = stats;
  }
  const rate = finite(r.request_rate) ?? null;
  return { key: levelKey(r.concurrency, rate), concurrency: r.concurrency, requestRate: rate, values, success: r.success, total: r.total, file: r.source.file };
}

function headlineLevel(m: Metrics): BenchmarkLevel | null {
  const values: LevelValues = {};
  const put = (metric: MetricId, v: unknown) => {
    const n = finite(v);
    if (n !== undefined) values[metric] = { avg: n };
  };
  put('ttft', m.ttft_ms);
  put('tpot', m.tpot_ms);
  put('itl', m.itl_ms);
  put('output_tps', m.output_tps);
  put('request_throughput', m.request_throughput);
  if (!Object.keys(values).length) return null;
  return { key: levelKey(m.parallel, null), concurrency: m.parallel, requestRate: null, values, success: m.success, total: m.total, file: 'metrics.json' };
}

/**
 * Levels of a run, ordered by concurrency then rate. When several records share a level, the one
 * metrics.json names as its headline wins, else the first.
 */
export function benchmarkLevels(metrics: Metrics | null): BenchmarkLevel[] {
  if (!metrics) return [];
  const records = metrics.benchmarks ?? [];
  if (!records.length) {
    const h = headlineLevel(metrics);
    return h ? [h] : [];
  }
  const byKey = new Map<string, BenchmarkLevel>();
  const headline = metrics.headline ?? null;
  for (const r of records) {
    const level = levelOfRecord(r);
    const isHeadline = !!headline && headline.file === r.source.file && (headline.index ?? 0) === (r.source.index ?? 0);
    if (!byKey.has(level.key) || isHeadline) byKey.set(level.key, level);
  }
  const order = (l: BenchmarkLevel) => [l.concurrency ?? Infinity, l.requestRate ?? Infinity];
  return [...byKey.values()].sort((a, b) => order(a)[0] - order(b)[0] || order(a)[1] - order(b)[1]);
}
