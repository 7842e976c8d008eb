import * as assert from 'node:assert/strict';
import { collectMetrics } from '../../../src/core/metrics/metricsCollector';
import { readSglangResult } from '../../../src/core/metrics/sglangResult';
import { readVllmResult } from '../../../src/core/metrics/vllmResult';
import { benchmarkRecordSchema } from '../../../src/core/schemas/metricsSchema';
import { makeTempDir, writeTree } from '../../support/tempDir';

// Key sets as `vllm bench serve --save-result` writes them (vllm/benchmarks/serve.py).
const VLLM = {
  date: '20260301-101010',
  endpoint_type: 'vllm',
  backend: 'vllm',
  label: null,
  model_id: 'Qwen/Qwen3-32B',
  tokenizer_id: 'Qwen/Qwen3-32B',
  num_prompts: 200,
  request_rate: 'inf',
  burstiness: 1.0,
  max_concurrency: 16,
  duration: 60.5,
  completed: 198,
  failed: 2,
  total_input_tokens: 405504,
  total_output_tokens: 101376,
  request_throughput: 3.2727,
  request_goodput: null,
  output_throughput: 1675.6,
  total_token_throughput: 8378.1,
  max_output_tokens_per_s: 2100.0,
  max_concurrent_requests: 16,
  rtfx: 0.0,
  mean_ttft_ms: 180.5,
  median_ttft_ms: 170.2,
  std_ttft_ms: 30.1,
  p90_ttft_ms: 240.4,
  'p99.9_ttft_ms': 310.9,
  mean_tpot_ms: 9.1,
  median_tpot_ms: 9.0,
  std_tpot_ms: 0.4,
  p90_tpot_ms: 9.8,
  'p99.9_tpot_ms': 10.9,
  mean_itl_ms: 9.2,
  median_itl_ms: 8.9,
  std_itl_ms: 2.1,
  p90_itl_ms: 11.0,
  'p99.9_itl_ms': 25.3,
  mean_e2el_ms: 1100.4,
  median_e2el_ms: 1090.1,
  std_e2el_ms: 40.2,
  p90_e2el_ms: 1150.0,
  'p99.9_e2el_ms': 1290.3,
  spec_decode_acceptance_rate: 62.5,
  spec_decode_acceptance_length: 2.25,
  spec_decode_num_drafts: 40000,
  spec_decode_draft_tokens: 80000,
  spec_decode_accepted_tokens: 50000,
};

// benchmarks/benchmark_serving.py of 2024: no `failed`, and the goodput key with a stray colon.
const VLLM_OLD = {
  date: '20240801-093000',
  backend: 'vllm',
  model_id: 'meta-llama/Llama-3-8B',
  tokenizer_id: 'meta-llama/Llama-3-8B',
  best_of: 1,
  use_beam_search: false,
  num_prompts: 100,
  request_rate: 4.0,
  duration: 30.2,
  completed: 97,
  total_input_tokens: 20000,
  total_output_tokens: 19400,
  request_throughput: 3.21,
  output_throughput: 642.4,
  total_token_throughput: 1304.6,
  'request_goodput:': 2.9,
  mean_ttft_ms: 45.0,
  median_ttft_ms: 40.0,
  std_ttft_ms: 10.0,
  p99_ttft_ms: 90.0,
  mean_tpot_ms: 12.0,
  median_tpot_ms: 11.5,
  std_tpot_ms: 1.0,
  p99_tpot_ms: 15.0,
  mean_itl_ms: 12.1,
  median_itl_ms: 11.0,
  std_itl_ms: 3.0,
  p99_itl_ms: 30.0,
};

// One line of SGLang `bench_serving --output-file` (python/sglang/bench_serving.py).
const sglang = (maxConcurrency: number, scale: number) =>
  JSON.stringify({
    tag: null,
    backend: 'sglang-oai',
    dataset_name: 'random',
    request_rate: 'INF_TOKEN',
    max_concurrency: maxConcurrency,
    sharegpt_output_len: null,
    random_input_len: 2048,
    random_output_len: 512,
    random_range_ratio: 1.0,
    server_info: { version: '0.5.4', served_model_name: 'Qwen3-32B' },
    duration: 100.0,
    completed: 512,
    total_input_tokens: 1048576,
    total_input_text_tokens: 1048576,
    total_input_vision_tokens: 0,
    total_output_tokens: 262144,
    total_output_tokens_retokenized: 262100,
    request_throughput: 5.12 * scale,
    input_throughput: 10485.76 * scale,
    output_throughput: 2621.44 * scale,
    total_throughput: 13107.2 * scale,
    mean_e2e_latency_ms: 6000 / scale,
    median_e2e_latency_ms: 5900 / scale,
    std_e2e_latency_ms: 300,
    p99_e2e_latency_ms: 7000 / scale,
    mean_ttft_ms: 300 / scale,
    median_ttft_ms: 280 / scale,
    std_ttft_ms: 50,
    p99_ttft_ms: 500 / scale,
    mean_tpot_ms: 11 / scale,
    median_tpot_ms: 10.5 / scale,
    std_tpot_ms: 1,
    p99_tpot_ms: 14 / scale,
    mean_itl_ms: 11.2 / scale,
    median_itl_ms: 10.6 / scale,
    std_itl_ms: 4,
    p95_itl_ms: 18 / scale,
    p99_itl_ms: 30 / scale,
    concurrency: maxConcurrency * 0.97,
    accept_length: 2.6,
    max_output_tokens_per_s: 3000,
    max_concurrent_requests: maxConcurrency,
  }).replace('"INF_TOKEN"', 'Infinity'); // Python's json.dumps writes float('inf') bare

describe('vLLM bench serve results', () => {
  it('reads counts, throughputs, means as averages and every --metric-percentiles value', () => {
    const r = readVllmResult(VLLM, 'bench/vllm-16.json')!;
    benchmarkRecordSchema.parse(r);
    assert.equal(r.source.tool, 'vllm');
    assert.equal(r.concurrency, 16);
    assert.equal(r.request_rate, null); // "inf"
    assert.deepEqual([r.total, r.success, r.failed], [200, 198, 2]);
    assert.deepEqual([r.ttft_ms, r.tpot_ms, r.itl_ms, r.e2e_ms], [180.5, 9.1, 9.2, 1100.4]);
    assert.deepEqual([r.output_tps, r.total_tps, r.request_throughput], [1675.6, 8378.1, 3.2727]);
    assert.deepEqual(r.percentiles.ttft_ms, { p50: 170.2, p90: 240.4, 'p99.9': 310.9 });
    assert.deepEqual(r.percentiles.e2e_ms, { p50: 1090.1, p90: 1150, 'p99.9': 1290.3 });
    assert.equal(r.avg_input_tokens, 405504 / 198);
    assert.deepEqual(r.speculative, { decoded_tok_per_iter: null, accept_rate: 0.625, accept_length: 2.25 });
    assert.equal(r.workload?.model, 'Qwen/Qwen3-32B');
    assert.equal(r.request_goodput, undefined); // null: no --goodput given
  });

  it('reads old files: `request_goodput:` with a colon, failures from num_prompts - completed', () => {
    const r = readVllmResult(VLLM_OLD, 'old.json')!;
    assert.equal(r.request_goodput, 2.9);
    assert.deepEqual([r.total, r.success, r.failed], [100, 97, 3]);
    assert.equal(r.request_rate, 4);
    assert.equal(r.concurrency, null);
    assert.deepEqual(r.percentiles.ttft_ms, { p50: 40, p99: 90 });
    assert.equal(r.e2e_ms, null);
  });

  it('returns null for objects without serving metrics and never throws on odd values', () => {
    assert.equal(readVllmResult({ completed: 'many', request_throughput: 'fast' }, 'x.json'), null);
    assert.equal(readVllmResult([VLLM], 'x.json'), null);
    assert.equal(readVllmResult(null, 'x.json'), null);
  });
});

describe('SGLang bench_serving JSONL', () => {
  it('reads one line: measured vs configured concurrency, accept_length, server version', () => {
    const r = readSglangResult(JSON.parse(sglang(32, 1).replace('Infinity', 'null')), 'sglang.jsonl', 0)!;
    benchmarkRecordSchema.parse(r);
    assert.equal(r.source.tool, 'sglang');
    assert.equal(r.source.version, '0.5.4');
    assert.equal(r.source.version_source, 'file');
    assert.equal(r.concurrency, 32);
    assert.equal(r.measured_concurrency, 32 * 0.97);
    assert.deepEqual([r.total, r.success, r.failed], [null, 512, null]); // bench_serving does not record failures
    assert.deepEqual([r.ttft_ms, r.tpot_ms, r.itl_ms, r.e2e_ms], [300, 11, 11.2, 6000]);
    assert.deepEqual(r.percentiles.itl_ms, { p50: 10.6, p95: 18, p99: 30 });
    assert.deepEqual(r.percentiles.e2e_ms, { p50: 5900, p99: 7000 });
    assert.equal(r.total_tps, 13107.2);
    assert.deepEqual(r.speculative, { decoded_tok_per_iter: null, accept_rate: null, accept_length: 2.6 });
    assert.deepEqual(r.workload, { model: 'Qwen3-32B', input_tokens: 2048, output_tokens: 512 });
  });
});

describe('collecting vLLM and SGLang files from a folder', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = makeTempDir()));
  afterEach(() => cleanup());

  it('finds both tools by content, one record per appended line, and skips *.pytorch.json', async () => {
    writeTree(dir, {
      'vllm/vllm-16qps-concurrency16-Qwen3-32B-20260301-101010.json': JSON.stringify(VLLM),
      'vllm/vllm-16qps-concurrency16-Qwen3-32B-20260301-101010.pytorch.json': JSON.stringify([{ benchmark: { name: 'vLLM benchmark' }, extra_info: { completed: 1, request_throughput: 1 } }]),
      'vllm/appended.json': `${JSON.stringify(VLLM_OLD)}\n${JSON.stringify({ ...VLLM_OLD, request_rate: 8, request_throughput: 6.1 })}`,
      'sglang/sglang-oai_0301_512_2048_512.jsonl': `${sglang(16, 1)}\n${sglang(32, 1.5)}\n`,
      'notes/config.json': JSON.stringify({ model: 'x', completed: true }),
    });
    const { records, problems } = await collectMetrics(dir);
    assert.deepEqual(problems, []);
    assert.deepEqual(
      records.map((r) => [r.source.tool, r.source.file, r.source.index ?? null]),
      [
        ['sglang', 'sglang/sglang-oai_0301_512_2048_512.jsonl', 1], // 7.68 req/s
        ['vllm', 'vllm/appended.json', 1], // 6.1
        ['sglang', 'sglang/sglang-oai_0301_512_2048_512.jsonl', 0], // 5.12
        ['vllm', 'vllm/vllm-16qps-concurrency16-Qwen3-32B-20260301-101010.json', null], // 3.2727
        ['vllm', 'vllm/appended.json', 0], // 3.21
      ],
    );
  });

  it('reports a half-written last line of a JSONL file and keeps the lines before it', async () => {
    const full = sglang(16, 1);
    writeTree(dir, { 'run.jsonl': `${full}\n${full.slice(0, 120)}` });
    const { records, problems } = await collectMetrics(dir);
    assert.equal(records.length, 1);
    assert.equal(records[0].source.index, 0); // its place in the file stays the same when line 2 is finished
    assert.equal(problems.length, 1);
    assert.equal(problems[0].code, 'json_incomplete');
    assert.equal(problems[0].file, 'run.jsonl');
    assert.deepEqual(problems[0].args.slice(0, 1), [2]); // line 2
    assert.match(problems[0].message, /still be writing/);
  });

  it('does not look inside profiler captures, and skips large JSON files whose head is not a result', async () => {
    writeTree(dir, {
      'profiling/p1/PROF_000001/mindstudio_profiler_output/x.json': JSON.stringify(VLLM),
      'trace.json': JSON.stringify({ traceEvents: Array.from({ length: 20000 }, (_, i) => ({ name: 'op', ts: i, dur: 1 })), completed: 1, request_throughput: 1 }),
    });
    const { records, problems } = await collectMetrics(dir);
    assert.deepEqual(records, []);
    assert.deepEqual(problems, []);
  });
});
