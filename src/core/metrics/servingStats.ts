// The `mean_/median_/std_/pNN_<metric>_ms` keys vLLM `bench serve` and SGLang `bench_serving` share.
import { setPercentile, type BenchmarkRecord } from './benchmarkRecord';
import { finiteNumber } from './metricUnits';

const STAT_KEY = /^(mean|median|std|min|max|p(\d+(?:\.\d+)?))_(ttft|tpot|itl|e2el|e2e_latency)_ms$/;

const METRIC: Record<string, 'ttft_ms' | 'tpot_ms' | 'itl_ms' | 'e2e_ms'> = {
  ttft: 'ttft_ms',
  tpot: 'tpot_ms',
  itl: 'itl_ms',
  e2el: 'e2e_ms',
  e2e_latency: 'e2e_ms',
};

/** Sets the averages and percentiles of a result object on `record`; one pass over the keys. */
export function readServingStats(obj: Record<string, unknown>, record: BenchmarkRecord): void {
  for (const key of Object.keys(obj)) {
    const m = STAT_KEY.exec(key);
    if (!m) continue;
    const value = finiteNumber(obj[key]);
    if (value === null || value < 0) continue;
    const metric = METRIC[m[3]];
    const stat = m[1];
    if (stat === 'mean') record[metric] = value;
    else if (stat === 'median') setPercentile(record.percentiles, metric, 'p50', value);
    else if (stat === 'min' || stat === 'max') setPercentile(record.percentiles, metric, stat, value);
    else if (m[2] !== undefined) setPercentile(record.percentiles, metric, `p${String(Number(m[2]))}`, value);
  }
  // Both clients write token totals; per-request averages are over the completed requests.
  const completed = record.success;
  const totalIn = finiteNumber(obj.total_input_tokens);
  const totalOut = finiteNumber(obj.total_output_tokens);
  if (completed && totalIn !== null) record.avg_input_tokens = totalIn / completed;
  if (completed && totalOut !== null) record.avg_output_tokens = totalOut / completed;
}

/** `inf`, `Infinity` (now null) or a number: the configured request rate, null when unlimited. */
export function requestRate(raw: unknown): number | null {
  const n = finiteNumber(raw);
  return n !== null && n > 0 ? n : null;
}

export function positiveInt(raw: unknown): number | null {
  const n = finiteNumber(raw);
  return n !== null && Number.isSafeInteger(n) && n > 0 ? n : null;
}
