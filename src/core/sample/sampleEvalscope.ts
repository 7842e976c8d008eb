// evalscope perf output files (1.7-1.9 key names: TTFT/TPOT/ITL in ms, latency in s) for generated runs.
import type { SeededRandom } from './seededRandom';

export interface PerfShape {
  readonly model: string;
  readonly parallel: number;
  readonly number: number;
  readonly warmup: number;
  readonly inputTokens: number;
  readonly outputTokens: number;
  readonly ttftMs: number;
  readonly tpotMs: number;
  readonly failed?: number;
  readonly decodedTokPerIter?: number;
  readonly acceptRate?: number;
}

export interface PerfFiles {
  readonly args: string;
  readonly summary: string;
  readonly percentile: string;
  /** The numbers the summary states, for metrics.json and manifests. */
  readonly headline: {
    ttftMs: number;
    tpotMs: number;
    itlMs: number;
    outputTps: number;
    totalTps: number;
    reqThroughput: number;
    latencyS: number;
    success: number;
    total: number;
    percentiles: Record<string, Record<string, number>>;
  };
}

const LABELS = ['1%', '5%', '10%', '25%', '50%', '75%', '90%', '95%', '99%'];
const Q = [0.01, 0.05, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99];
const r2 = (x: number) => Math.round(x * 100) / 100;

function quantile(sorted: number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

export function renderEvalscopePerf(shape: PerfShape, rnd: SeededRandom): PerfFiles {
  const total = shape.number;
  const failed = shape.failed ?? 0;
  const success = total - failed;
  // Per-request samples, so percentiles and averages agree the way a real run's do.
  const ttft = Array.from({ length: success }, () => rnd.around(shape.ttftMs, shape.ttftMs * 0.5, shape.ttftMs * 0.4));
  const tpot = Array.from({ length: success }, () => rnd.around(shape.tpotMs, shape.tpotMs * 0.12, shape.tpotMs * 0.8));
  const itl = tpot.map((t) => t * rnd.between(0.97, 1.06) * (shape.decodedTokPerIter ?? 1));
  const latency = ttft.map((t, i) => (t + tpot[i] * (shape.outputTokens - 1)) / 1000);
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const avgLatency = mean(latency);
  const duration = (avgLatency * total) / shape.parallel + avgLatency * 0.15;
  const reqThroughput = success / duration;
  const outputTps = reqThroughput * shape.outputTokens;
  const totalTps = reqThroughput * (shape.outputTokens + shape.inputTokens);
  const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
  const cols = {
    ttft: sorted(ttft),
    itl: sorted(itl),
    tpot: sorted(tpot),
    latency: sorted(latency),
    outTps: sorted(latency.map((l) => shape.outputTokens / l)),
  };
  const rows = LABELS.map((label, i) => ({
    Percentiles: label,
    'TTFT (ms)': r2(quantile(cols.ttft, Q[i])),
    'ITL (ms)': r2(quantile(cols.itl, Q[i])),
    'TPOT (ms)': r2(quantile(cols.tpot, Q[i])),
    'Latency (s)': r2(quantile(cols.latency, Q[i])),
    'Input tokens': shape.inputTokens,
    'Output tokens': shape.outputTokens,
    'Output (tok/s)': r2(quantile(cols.outTps, Q[i])),
    'Total (tok/s)': r2(quantile(cols.outTps, Q[i]) * (1 + shape.inputTokens / shape.outputTokens)),
  }));
  const summary: Record<string, number> = {
    'Test Duration (s)': r2(duration),
    Concurrency: shape.parallel,
    'Request Rate (req/s)': -1.0,
    'Total Requests': total,
    'Success Requests': success,
    'Failed Requests': failed,
    'Req Throughput (req/s)': Math.round(reqThroughput * 1000) / 1000,
    'Avg Latency (s)': r2(avgLatency),
    'Avg Input Tokens': shape.inputTokens,
    'Output Throughput (tok/s)': r2(outputTps),
    'Total Throughput (tok/s)': r2(totalTps),
    'TTFT (ms)': r2(mean(ttft)),
    'TPOT (ms)': r2(mean(tpot)),
    'ITL (ms)': r2(mean(itl)),
    'Avg Output Tokens': shape.outputTokens,
  };
  if (shape.decodedTokPerIter !== undefined) summary['Decoded Tok/Iter'] = shape.decodedTokPerIter;
  if (shape.acceptRate !== undefined) summary['Spec. Accept Rate'] = shape.acceptRate;
  const args = {
    model: shape.model,
    url: 'http://127.0.0.1:18000/v1/chat/completions',
    api: 'openai',
    parallel: shape.parallel,
    number: shape.number,
    warmup_num: shape.warmup,
    dataset: 'random',
    max_tokens: shape.outputTokens,
    min_tokens: shape.outputTokens,
    min_prompt_length: shape.inputTokens,
    max_prompt_length: shape.inputTokens,
    tokenizer_path: `/models/${shape.model}`,
    extra_args: { ignore_eos: true },
    stream: true,
  };
  const pick = (key: string) => Object.fromEntries(rows.map((r) => [`p${r.Percentiles.replace('%', '')}`, r[key as keyof typeof r] as number]));
  return {
    args: JSON.stringify(args) + '\n',
    summary: JSON.stringify(summary, null, 2) + '\n',
    percentile: '[\n' + rows.map((r) => '  ' + JSON.stringify(r)).join(',\n') + '\n]\n',
    headline: {
      ttftMs: summary['TTFT (ms)'],
      tpotMs: summary['TPOT (ms)'],
      itlMs: summary['ITL (ms)'],
      outputTps: summary['Output Throughput (tok/s)'],
      totalTps: summary['Total Throughput (tok/s)'],
      reqThroughput: summary['Req Throughput (req/s)'],
      latencyS: summary['Avg Latency (s)'],
      success,
      total,
      percentiles: { ttft_ms: pick('TTFT (ms)'), tpot_ms: pick('TPOT (ms)'), itl_ms: pick('ITL (ms)') },
    },
  };
}
