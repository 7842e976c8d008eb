// Reads one `vllm bench serve --save-result` object (also the older benchmarks/benchmark_serving.py files).
import { blankRecord, completeCounts, hasMetrics, type BenchmarkRecord } from './benchmarkRecord';
import { countValue, finiteNumber } from './metricUnits';
import { positiveInt, readServingStats, requestRate } from './servingStats';

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);

/** Whether an object looks like a vLLM serving result rather than SGLang's (both share most keys). */
export function looksLikeVllm(obj: Record<string, unknown>): boolean {
  return 'mean_e2el_ms' in obj || 'endpoint_type' in obj || 'failed' in obj || 'total_token_throughput' in obj || 'request_goodput:' in obj;
}

/** Never throws; returns null when the object holds no serving metric. */
export function readVllmResult(json: unknown, file: string): BenchmarkRecord | null {
  if (!json || typeof json !== 'object' || Array.isArray(json)) return null;
  const o = json as Record<string, unknown>;
  const record = blankRecord('vllm', file);
  const version = str(o.vllm_version) ?? str(o.version);
  if (version) {
    record.source.version = version;
    record.source.version_source = 'file';
  }
  record.concurrency = positiveInt(o.max_concurrency);
  const rate = requestRate(o.request_rate);
  record.request_rate = rate;
  record.success = countValue(o.completed);
  record.failed = countValue(o.failed);
  if (record.failed === null) record.total = countValue(o.num_prompts); // old files lack `failed`
  completeCounts(record);
  const duration = finiteNumber(o.duration);
  if (duration !== null) record.duration_s = duration;
  record.request_throughput = finiteNumber(o.request_throughput);
  record.output_tps = finiteNumber(o.output_throughput);
  record.total_tps = finiteNumber(o.total_token_throughput);
  // benchmark_serving.py before 2024 wrote the key with a stray colon.
  const goodput = finiteNumber(o.request_goodput ?? o['request_goodput:']);
  if (goodput !== null) record.request_goodput = goodput;
  readServingStats(o, record);
  // Present when the server exposes spec-decode counters; vLLM reports the rate in percent.
  const acceptPct = finiteNumber(o.spec_decode_acceptance_rate);
  const acceptLength = finiteNumber(o.spec_decode_acceptance_length);
  if (acceptPct !== null || acceptLength !== null) {
    record.speculative = { decoded_tok_per_iter: null, accept_rate: acceptPct === null ? null : acceptPct / 100, accept_length: acceptLength };
  }
  record.workload = { model: str(o.model_id), number: countValue(o.num_prompts) };
  return hasMetrics(record) ? record : null;
}
