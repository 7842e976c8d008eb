// The blank normalized record every reader fills in, so each reader sets only what its tool knows.
import type { BenchmarkRecord, BenchmarkTool } from '../schemas/metricsSchema';

export type { BenchmarkRecord, BenchmarkTool } from '../schemas/metricsSchema';

export type Percentiles = BenchmarkRecord['percentiles'];
export type Workload = NonNullable<BenchmarkRecord['workload']>;

export function blankRecord(tool: BenchmarkTool, file: string): BenchmarkRecord {
  return {
    source: { tool, version: null, version_source: null, file },
    concurrency: null,
    total: null,
    success: null,
    failed: null,
    ttft_ms: null,
    tpot_ms: null,
    itl_ms: null,
    e2e_ms: null,
    output_tps: null,
    total_tps: null,
    request_throughput: null,
    percentiles: {},
  };
}

/** Fills the missing one of total / success / failed when the other two are known. */
export function completeCounts(record: BenchmarkRecord): void {
  const { total, success, failed } = record;
  if (failed === null && total !== null && success !== null && total >= success) record.failed = total - success;
  else if (total === null && success !== null && failed !== null && Number.isSafeInteger(success + failed)) record.total = success + failed;
  else if (success === null && total !== null && failed !== null && total >= failed) record.success = total - failed;
}

/** Whether the reader found anything worth reporting as a benchmark result. */
export function hasMetrics(record: BenchmarkRecord): boolean {
  return (
    record.success !== null ||
    record.total !== null ||
    record.ttft_ms !== null ||
    record.tpot_ms !== null ||
    record.e2e_ms !== null ||
    record.request_throughput !== null ||
    record.output_tps !== null
  );
}

/** Puts one percentile value in place, creating the metric's map on first use. */
export function setPercentile(percentiles: Percentiles, metric: string, label: string, value: number): void {
  (percentiles[metric] ??= {})[label] = value;
}
