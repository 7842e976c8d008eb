// evalscope's benchmark_summary.json key names across versions (formats.md section 6), and the version a key set implies.

/** What a summary key measures; `time` values carry their unit in the key suffix. */
export type SummaryField =
  | 'duration'
  | 'concurrency'
  | 'request_rate'
  | 'total'
  | 'success'
  | 'failed'
  | 'request_throughput'
  | 'output_tps'
  | 'total_tps'
  | 'e2e'
  | 'ttft'
  | 'tpot'
  | 'itl'
  | 'avg_input_tokens'
  | 'avg_output_tokens'
  | 'decoded_tok_per_iter'
  | 'accept_rate';

export type FieldKind = 'time' | 'count' | 'number';

export interface FieldSpec {
  readonly field: SummaryField;
  readonly kind: FieldKind;
}

const f = (field: SummaryField, kind: FieldKind): FieldSpec => ({ field, kind });

/** Names without their unit suffix, lower-case; every generation's spelling maps to one field. */
export const SUMMARY_FIELDS: ReadonlyMap<string, FieldSpec> = new Map([
  ['time taken for tests', f('duration', 'time')], // 0.7-1.6 (0.7-0.8.0 spell the unit "senconds")
  ['test duration', f('duration', 'time')], // >= 1.7
  ['number of concurrency', f('concurrency', 'count')],
  ['concurrency', f('concurrency', 'count')],
  ['request rate', f('request_rate', 'number')], // 1.4.1 "Request rate", 1.7 "Request Rate"
  ['total requests', f('total', 'count')],
  ['succeed requests', f('success', 'count')],
  ['success requests', f('success', 'count')],
  ['failed requests', f('failed', 'count')],
  ['average qps', f('request_throughput', 'number')], // <= 0.13
  ['request throughput', f('request_throughput', 'number')],
  ['req throughput', f('request_throughput', 'number')],
  ['throughput(average output tokens per second)', f('output_tps', 'number')], // 0.7-0.8.0
  ['throughput(average tokens/s)', f('output_tps', 'number')], // 0.8.1-0.13: output tokens only
  ['output token throughput', f('output_tps', 'number')],
  ['output throughput', f('output_tps', 'number')],
  ['total token throughput', f('total_tps', 'number')],
  ['total throughput', f('total_tps', 'number')],
  ['average latency', f('e2e', 'time')],
  ['avg latency', f('e2e', 'time')],
  ['average time to first token', f('ttft', 'time')],
  ['ttft', f('ttft', 'time')],
  ['avg ttft', f('ttft', 'time')],
  ['average time per output token', f('tpot', 'time')],
  ['tpot', f('tpot', 'time')],
  ['avg tpot', f('tpot', 'time')],
  ['average inter-token latency', f('itl', 'time')],
  ['itl', f('itl', 'time')],
  ['avg itl', f('itl', 'time')],
  ['average input tokens per request', f('avg_input_tokens', 'number')],
  ['avg input tokens', f('avg_input_tokens', 'number')],
  ['average output tokens per request', f('avg_output_tokens', 'number')],
  ['avg output tokens', f('avg_output_tokens', 'number')],
  ['decoded tok/iter', f('decoded_tok_per_iter', 'number')], // 1.7-1.9
  ['avg decoded tok/iter', f('decoded_tok_per_iter', 'number')], // >= 1.10
  ['avg decoded tokens/iter', f('decoded_tok_per_iter', 'number')],
  ['spec. accept rate', f('accept_rate', 'number')],
]);

/** Full keys whose parentheses are part of the name, not a unit. */
export const WHOLE_KEY_NAMES: ReadonlySet<string> = new Set(['throughput(average output tokens per second)', 'throughput(average tokens/s)']);

/** Percentile metric names (without unit) -> normalized percentile metric; `time` ones are converted to ms. */
export const PERCENTILE_METRICS: ReadonlyMap<string, { readonly metric: string; readonly time: boolean }> = new Map([
  ['ttft', { metric: 'ttft_ms', time: true }],
  ['first chunk latency', { metric: 'ttft_ms', time: true }], // 0.7
  ['tpot', { metric: 'tpot_ms', time: true }],
  ['itl', { metric: 'itl_ms', time: true }],
  ['latency', { metric: 'e2e_ms', time: true }],
  ['input tokens', { metric: 'input_tokens', time: false }],
  ['output tokens', { metric: 'output_tokens', time: false }],
  ['throughput', { metric: 'request_output_tps', time: false }], // <= 0.14 "Throughput(tokens/s)": per request
  ['output throughput', { metric: 'request_output_tps', time: false }], // 0.15
  ['total throughput', { metric: 'request_total_tps', time: false }],
  ['output', { metric: 'request_output_tps', time: false }], // >= 0.16 "Output (tok/s)"
  ['total', { metric: 'request_total_tps', time: false }],
  ['input', { metric: 'request_input_tps', time: false }],
  ['decode', { metric: 'request_decode_tps', time: false }],
]);

export const PERCENTILE_LABEL_KEYS = ['Percentiles', 'Percentile'] as const;

export interface KeySetFacts {
  readonly keys: ReadonlySet<string>;
  /** Label key of benchmark_percentile.json when it was read. */
  readonly percentileLabelKey?: 'Percentile' | 'Percentiles' | null;
  readonly percentileLabels?: ReadonlySet<string>;
}

/** The evalscope version range a summary key set belongs to, or null when it matches no generation. */
export function inferEvalscopeVersion({ keys, percentileLabelKey, percentileLabels }: KeySetFacts): string | null {
  const has = (k: string) => keys.has(k);
  if (has('Avg TTFT (ms)') || has('Avg TPOT (ms)') || has('Avg Decoded Tok/Iter') || has('Stream Requests')) return '>=1.10';
  if (has('Test Duration (s)') || has('TTFT (ms)') || has('Req Throughput (req/s)')) {
    if (percentileLabels?.has('min')) return '>=1.10';
    if (percentileLabels?.has('max')) return '1.8-1.9';
    if (percentileLabels?.size) return '1.7';
    return '1.7-1.9';
  }
  if (has('Time taken for tests (senconds)') || has('Throughput(average output tokens per second)')) return '0.7-0.8.0';
  if (has('Throughput(average tokens/s)')) return '0.8.1-0.13';
  if (has('Output token throughput (tok/s)') || has('Request throughput (req/s)')) {
    if (has('Request rate (req/s)')) return '1.4.1-1.6';
    if (has('Average inter-token latency (s)')) return '0.17.1-1.4.0';
    if (percentileLabelKey === 'Percentile') return '0.14-0.15';
    if (percentileLabelKey === 'Percentiles') return '0.16-0.17.0';
    return '0.14-0.17.0';
  }
  return null;
}
