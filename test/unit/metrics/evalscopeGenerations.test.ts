import * as assert from 'node:assert/strict';
import { readEvalscopeRun } from '../../../src/core/metrics/evalscopeRun';
import { collectMetrics } from '../../../src/core/metrics/metricsCollector';
import { ProblemSink } from '../../../src/core/metrics/metricsProblems';
import type { BenchmarkRecord } from '../../../src/core/schemas/metricsSchema';
import { makeTempDir, writeTree } from '../../support/tempDir';

const json = (v: unknown) => JSON.stringify(v, null, 2);

function read(summary: unknown, opts: { percentile?: unknown; args?: unknown; relDir?: string } = {}) {
  const relDir = opts.relDir ?? '20260101_000000/m/parallel_4_number_40';
  const sink = new ProblemSink(`${relDir}/benchmark_summary.json`);
  const record = readEvalscopeRun(
    {
      relDir,
      summary: typeof summary === 'string' ? summary : json(summary),
      percentile: opts.percentile === undefined ? null : json(opts.percentile),
      args: opts.args === undefined ? null : json(opts.args),
    },
    sink,
  );
  return { record, problems: sink.drafts };
}

const rows = (labelKey: string, labels: string[], metrics: Record<string, number>) =>
  labels.map((label, i) => ({ [labelKey]: label, ...Object.fromEntries(Object.entries(metrics).map(([k, v]) => [k, v + i])) }));

const OLD_LABELS = ['10%', '25%', '50%', '66%', '75%', '80%', '90%', '95%', '98%', '99%'];
const NEW_LABELS = ['1%', '5%', '10%', '25%', '50%', '75%', '90%', '95%', '99%'];

// Summary keys exactly as each generation writes them (evalscope perf/utils, by release tag).
const V0_7 = {
  'Time taken for tests (senconds)': 100.5,
  'Number of concurrency': 4,
  'Total requests': 40,
  'Succeed requests': 39,
  'Failed requests': 1,
  'Average QPS': 0.388,
  'Average latency (s)': 10.2,
  'Average time to first token (s)': 0.5123,
  'Average time per output token (s)': 0.03123,
  'Average package latency (s)': 0.031,
  'Average package per request': 300,
  'Throughput(average output tokens per second)': 120.5,
  'Average input tokens per request': 1000,
  'Average output tokens per request': 310,
  'Expected number of requests': 40,
  'Result DB path': 'outputs/x/benchmark_data.db',
};
const V0_8_1 = {
  'Time taken for tests (s)': 50,
  'Number of concurrency': 8,
  'Total requests': 80,
  'Succeed requests': 80,
  'Failed requests': 0,
  'Throughput(average tokens/s)': 640.2,
  'Average QPS': 1.6,
  'Average latency (s)': 5,
  'Average time to first token (s)': 0.25,
  'Average time per output token (s)': 0.0125,
  'Average input tokens per request': 512,
  'Average output tokens per request': 400,
  'Average package latency (s)': 0.0125,
  'Average package per request': 400,
};
const V0_14 = {
  'Time taken for tests (s)': 50,
  'Number of concurrency': 8,
  'Total requests': 80,
  'Succeed requests': 78,
  'Failed requests': 2,
  'Output token throughput (tok/s)': 640.2,
  'Total token throughput (tok/s)': 1460.7,
  'Request throughput (req/s)': 1.56,
  'Average latency (s)': 5,
  'Average time to first token (s)': 0.25,
  'Average time per output token (s)': 0.0125,
  'Average input tokens per request': 512,
  'Average output tokens per request': 400,
  'Average package latency (s)': 0.0125,
  'Average package per request': 400,
};
const V1_4_1 = {
  'Time taken for tests (s)': 50,
  'Number of concurrency': 8,
  'Request rate (req/s)': 2,
  'Total requests': 80,
  'Succeed requests': 80,
  'Failed requests': 0,
  'Output token throughput (tok/s)': 640.2,
  'Total token throughput (tok/s)': 1460.7,
  'Request throughput (req/s)': 1.6,
  'Average latency (s)': 5,
  'Average time to first token (s)': 0.25,
  'Average time per output token (s)': 0.0125,
  'Average inter-token latency (s)': 0.0126,
  'Average input tokens per request': 512,
  'Average output tokens per request': 400,
};
const V1_7 = {
  'Test Duration (s)': 50,
  Concurrency: 8,
  'Request Rate (req/s)': -1,
  'Total Requests': 80,
  'Success Requests': 80,
  'Failed Requests': 0,
  'Req Throughput (req/s)': 1.6,
  'Avg Latency (s)': 5,
  'Avg Input Tokens': 512,
  'Output Throughput (tok/s)': 640.2,
  'Total Throughput (tok/s)': 1460.7,
  'TTFT (ms)': 250,
  'TPOT (ms)': 12.5,
  'ITL (ms)': 12.6,
  'Avg Output Tokens': 400,
  'Decoded Tok/Iter': 2.4,
  'Spec. Accept Rate': 0.7,
};
const V1_10 = {
  'Test Duration (s)': 50,
  Concurrency: 8,
  'Request Rate (req/s)': -1,
  'Total Requests': 80,
  'Success Requests': 80,
  'Failed Requests': 0,
  'Stream Requests': 80,
  'Non-Stream Requests': 0,
  'Req Throughput (req/s)': 1.6,
  'Avg Latency (s)': 5,
  'Avg Input Tokens': 512,
  'Output Throughput (tok/s)': 640.2,
  'Total Throughput (tok/s)': 1460.7,
  'Avg TTFT (ms)': 250,
  'Avg TPOT (ms)': 12.5,
  'Avg ITL (ms)': 12.6,
  'Avg Output Tokens': 400,
  'Avg Decoded Tok/Iter': 2.4,
  'Spec. Accept Rate': 0.7,
};

describe('evalscope summary generations', () => {
  it('0.7-0.8.0: reads the "(senconds)" typo, Average QPS and the old output throughput name', () => {
    const { record, problems } = read(V0_7, { percentile: rows('Percentile', OLD_LABELS, { 'First Chunk Latency (s)': 0.4, 'Latency (s)': 9 }) });
    assert.ok(record);
    assert.equal(record.source.version, '0.7-0.8.0');
    assert.equal(record.duration_s, 100.5);
    assert.deepEqual([record.concurrency, record.total, record.success, record.failed], [4, 40, 39, 1]);
    assert.equal(record.request_throughput, 0.388);
    assert.equal(record.ttft_ms, 512.3);
    assert.equal(record.tpot_ms, 31.23);
    assert.equal(record.e2e_ms, 10200);
    assert.equal(record.itl_ms, null);
    assert.equal(record.output_tps, 120.5);
    assert.equal(record.total_tps, null);
    assert.equal(record.percentiles.ttft_ms.p50, 400 + 2000); // 0.4 + 2 (third row) = 2.4 s
    assert.equal(record.percentiles.e2e_ms.p99, 18000);
    assert.deepEqual(problems, []);
  });

  it('0.8.1-0.13: "Throughput(average tokens/s)" is output tokens; percentile keys TTFT (s)/TPOT (s)/Throughput(tokens/s)', () => {
    const { record } = read(V0_8_1, {
      percentile: rows('Percentile', OLD_LABELS, { 'TTFT (s)': 0.2, 'TPOT (s)': 0.01, 'Latency (s)': 4, 'Input tokens': 512, 'Output tokens': 400, 'Throughput(tokens/s)': 80 }),
    });
    assert.ok(record);
    assert.equal(record.source.version, '0.8.1-0.13');
    assert.equal(record.output_tps, 640.2);
    assert.equal(record.request_throughput, 1.6);
    assert.equal(record.ttft_ms, 250);
    assert.equal(record.tpot_ms, 12.5);
    assert.equal(record.percentiles.ttft_ms.p10, 200);
    assert.equal(record.percentiles.tpot_ms.p99, 9010); // 0.01 + 9 s on the tenth row
    assert.equal(record.percentiles.request_output_tps.p50, 82);
    assert.equal(record.percentiles.input_tokens.p10, 512);
  });

  it('0.14-0.15 (Percentile label) and 0.16-0.17.0 (Percentiles label) share the summary keys', () => {
    const a = read(V0_14, { percentile: rows('Percentile', OLD_LABELS, { 'TTFT (s)': 0.2, 'ITL (s)': 0.01 }) }).record;
    const b = read(V0_14, { percentile: rows('Percentiles', OLD_LABELS, { 'TTFT (s)': 0.2, 'ITL (s)': 0.01, 'TPOT (s)': 0.012 }) }).record;
    const c = read(V0_14).record;
    assert.equal(a?.source.version, '0.14-0.15');
    assert.equal(b?.source.version, '0.16-0.17.0');
    assert.equal(c?.source.version, '0.14-0.17.0');
    assert.deepEqual([b?.total, b?.success, b?.failed], [80, 78, 2]);
    assert.equal(b?.total_tps, 1460.7);
    assert.equal(b?.request_throughput, 1.56);
    assert.equal(a?.percentiles.ttft_ms.p50, 2200);
    assert.equal(b?.percentiles.tpot_ms.p10, 12);
  });

  it('1.4.1-1.6: "Request rate (req/s)" and the inter-token latency, both in seconds', () => {
    const { record } = read(V1_4_1, { relDir: '20260101_000000/m/rate_2_number_80' });
    assert.ok(record);
    assert.equal(record.source.version, '1.4.1-1.6');
    assert.equal(record.request_rate, 2);
    assert.equal(record.itl_ms, 12.6);
    assert.equal(record.concurrency, 8);
  });

  it('1.7-1.9: millisecond keys, speculative fields, -1 request rate means unlimited', () => {
    const labels17 = read(V1_7, { percentile: rows('Percentiles', NEW_LABELS, { 'TTFT (ms)': 200, 'TPOT (ms)': 12, 'ITL (ms)': 11, 'Latency (s)': 4 }) }).record;
    const labels18 = read(V1_7, { percentile: rows('Percentiles', [...NEW_LABELS, 'max'], { 'TTFT (ms)': 200 }) }).record;
    const noFile = read(V1_7).record;
    assert.equal(labels17?.source.version, '1.7');
    assert.equal(labels18?.source.version, '1.8-1.9');
    assert.equal(noFile?.source.version, '1.7-1.9');
    assert.equal(labels17?.ttft_ms, 250);
    assert.equal(labels17?.tpot_ms, 12.5);
    assert.equal(labels17?.itl_ms, 12.6);
    assert.equal(labels17?.e2e_ms, 5000);
    assert.equal(labels17?.request_rate, null);
    assert.equal(read(V1_4_1).record?.request_rate, 2);
    assert.equal(read(V0_14).record?.request_rate, undefined); // no rate key at all: not stated
    assert.deepEqual(labels17?.speculative, { decoded_tok_per_iter: 2.4, accept_rate: 0.7 });
    assert.equal(labels17?.percentiles.ttft_ms.p50, 204);
    assert.equal(labels17?.percentiles.e2e_ms.p1, 4000);
    assert.equal(labels18?.percentiles.ttft_ms.max, 209);
  });

  it('>= 1.10: "Avg ..." names, Avg Decoded Tok/Iter (renamed) and the min/max percentile rows', () => {
    const { record } = read(V1_10, { percentile: rows('Percentiles', ['min', ...NEW_LABELS, 'max'], { 'TTFT (ms)': 100 }) });
    assert.ok(record);
    assert.equal(record.source.version, '>=1.10');
    assert.equal(record.ttft_ms, 250);
    assert.equal(record.tpot_ms, 12.5);
    assert.equal(record.itl_ms, 12.6);
    assert.deepEqual(record.speculative, { decoded_tok_per_iter: 2.4, accept_rate: 0.7 });
    assert.equal(record.percentiles.ttft_ms.min, 100);
    assert.equal(record.percentiles.ttft_ms.max, 110);
  });

  it('normalizes the same run written in seconds (<= 1.6) and in milliseconds (>= 1.7) to the same numbers', () => {
    const seconds = read(V1_4_1).record!;
    const ms = read({ ...V1_7, 'Request Rate (req/s)': 2, 'Decoded Tok/Iter': undefined, 'Spec. Accept Rate': undefined }).record!;
    const metrics = (r: BenchmarkRecord) => [r.concurrency, r.total, r.success, r.failed, r.ttft_ms, r.tpot_ms, r.itl_ms, r.e2e_ms, r.output_tps, r.total_tps, r.request_throughput, r.duration_s, r.request_rate];
    assert.deepEqual(metrics(seconds), metrics(ms));
  });

  it('takes the version from benchmark_args.json when it is there, and says so', () => {
    const { record } = read(V1_10, { args: { parallel: 8, number: 80, warmup_num: 0.1, evalscope_version: '1.10.0', stream: false, min_tokens: 100, max_tokens: 400 } });
    assert.equal(record?.source.version, '1.10.0');
    assert.equal(record?.source.version_source, 'args');
    assert.equal(record?.workload?.warmup, 8); // a share below 1: 10% of 80
    assert.equal(record?.workload?.stream, false);
    assert.equal(record?.workload?.output_tokens, null); // 100..400 is a range, not a length
  });

  it('decides units by the key suffix only: no suffix or an unknown one is reported, never guessed', () => {
    const { record, problems } = read({ 'Test Duration (s)': 10, 'Total Requests': 4, TTFT: 250, 'TPOT (min)': 1, 'ITL (ms)': 5 });
    assert.equal(record?.ttft_ms, null);
    assert.equal(record?.tpot_ms, null);
    assert.equal(record?.itl_ms, 5);
    assert.deepEqual(
      problems.filter((p) => p.code.startsWith('unit')).map((p) => [p.code, p.args]),
      [
        ['unit_missing', ['TTFT']],
        ['unit_unknown', ['TPOT (min)', 'min']],
      ],
    );
  });

  it('treats -1 latencies (evalscope: no request succeeded) as unknown with a warning', () => {
    const { record, problems } = read({ ...V1_7, 'Success Requests': 0, 'Failed Requests': 80, 'TTFT (ms)': -1, 'Avg Latency (s)': -1 });
    assert.equal(record?.ttft_ms, null);
    assert.equal(record?.e2e_ms, null);
    assert.deepEqual(
      problems.filter((p) => p.code === 'negative_value').map((p) => p.args[0]),
      ['Avg Latency (s)', 'TTFT (ms)'],
    );
  });

  it('accepts the column form of the percentile file too', () => {
    const { record } = read(V1_7, { percentile: { Percentiles: ['50%', '99%'], 'TTFT (ms)': [240, 300], 'Latency (s)': [4.5, 6] } });
    assert.deepEqual(record?.percentiles.ttft_ms, { p50: 240, p99: 300 });
    assert.deepEqual(record?.percentiles.e2e_ms, { p50: 4500, p99: 6000 });
  });
});

describe('evalscope folder layouts', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = makeTempDir()));
  afterEach(() => cleanup());

  it('reads parallel_<P>_number_<N>/, rate_<R>_number_<N>/ and the flat <= 1.4 <model>/ layout', async () => {
    const noConcurrency = { ...V1_7 } as Record<string, unknown>;
    delete noConcurrency.Concurrency;
    delete noConcurrency['Request Rate (req/s)'];
    writeTree(dir, {
      'out/20260101_000000/Qwen3/parallel_16_number_160/benchmark_summary.json': json(noConcurrency),
      'out/20260101_000000/Qwen3/parallel_16_number_160/benchmark_percentile.json': json(rows('Percentiles', NEW_LABELS, { 'TTFT (ms)': 200 })),
      'out/20260101_000000/Qwen3/rate_2.5_number_100/benchmark_summary.json': json({ ...noConcurrency, 'Avg Latency (s)': 4.9 }),
      'out/20260101_000000/Qwen3/rate_2.5_number_100/benchmark_percentile.json': json(rows('Percentiles', NEW_LABELS, { 'TTFT (ms)': 200 })),
      'old/20250101_000000/Qwen3/benchmark_summary.json': json(V0_14),
      'old/20250101_000000/Qwen3/benchmark_percentile.json': json(rows('Percentile', OLD_LABELS, { 'TTFT (s)': 0.2 })),
    });
    const { records, problems } = await collectMetrics(dir);
    assert.deepEqual(problems, []);
    const at = (part: string) => records.find((r) => r.source.file.includes(part))!;
    assert.equal(at('parallel_16').concurrency, 16);
    assert.equal(at('parallel_16').workload?.number, 160);
    assert.equal(at('rate_2.5').request_rate, 2.5);
    assert.equal(at('rate_2.5').concurrency, null);
    assert.equal(at('old/').source.file, 'old/20250101_000000/Qwen3/benchmark_summary.json');
    assert.equal(at('old/').concurrency, 8);
  });
});
