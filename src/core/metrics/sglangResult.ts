// Reads one line of SGLang `bench_serving` output (JSONL, one object appended per benchmark).
import { blankRecord, hasMetrics, type BenchmarkRecord } from './benchmarkRecord';
import { countValue, finiteNumber } from './metricUnits';
import { positiveInt, readServingStats, requestRate } from './servingStats';

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);

/** Never throws; returns null when the object holds no serving metric. */
export function readSglangResult(json: unknown, file: string, index?: number): BenchmarkRecord | null {
  if (!json || typeof json !== 'object' || Array.isArray(json)) return null;
  const o = json as Record<string, unknown>;
  const record = blankRecord('sglang', file);
  if (index !== undefined) record.source.index = index;
  // bench_serving ships inside the sglang package; the server reports its version in server_info.
  const info = o.server_info && typeof o.server_info === 'object' ? (o.server_info as Record<string, unknown>) : null;
  const version = str(o.version) ?? (info ? str(info.version) : null);
  if (version) {
    record.source.version = version;
    record.source.version_source = 'file';
  }
  record.concurrency = positiveInt(o.max_concurrency);
  record.request_rate = requestRate(o.request_rate);
  // `concurrency` in SGLang output is measured (sum of latencies / duration), not the configured limit.
  const measured = finiteNumber(o.concurrency);
  if (measured !== null) record.measured_concurrency = measured;
  record.success = countValue(o.completed);
  const duration = finiteNumber(o.duration);
  if (duration !== null) record.duration_s = duration;
  record.request_throughput = finiteNumber(o.request_throughput);
  record.output_tps = finiteNumber(o.output_throughput);
  const input = finiteNumber(o.input_throughput);
  record.total_tps = finiteNumber(o.total_throughput) ?? (input !== null && record.output_tps !== null ? input + record.output_tps : null);
  readServingStats(o, record);
  const acceptLength = finiteNumber(o.accept_length);
  if (acceptLength !== null) record.speculative = { decoded_tok_per_iter: null, accept_rate: null, accept_length: acceptLength };
  const fixedOut = countValue(o.random_output_len);
  const fixedIn = countValue(o.random_input_len);
  const fixedLengths = o.dataset_name === 'random' && finiteNumber(o.random_range_ratio) === 1;
  record.workload = {
    model: info ? str(info.served_model_name) ?? str(info.model_path) : null,
    input_tokens: fixedLengths ? fixedIn : null,
    output_tokens: fixedLengths ? fixedOut : null,
  };
  return hasMetrics(record) ? record : null;
}
