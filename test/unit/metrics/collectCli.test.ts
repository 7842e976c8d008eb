import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../../../src/cli/main';
import { collectReportSchema, metricsSchema } from '../../../src/core/schemas/metricsSchema';
import { captureIO } from '../../support/captureIO';
import { SHARED_FIXTURES } from '../../support/paths';
import { makeTempDir, writeTree } from '../../support/tempDir';

const SUMMARY = {
  'Test Duration (s)': 30,
  Concurrency: 8,
  'Total Requests': 64,
  'Success Requests': 64,
  'Failed Requests': 0,
  'Req Throughput (req/s)': 2.1,
  'Avg Latency (s)': 3.7,
  'Output Throughput (tok/s)': 1075.2,
  'Total Throughput (tok/s)': 5376,
  'TTFT (ms)': 350.5,
  'TPOT (ms)': 6.5,
  'ITL (ms)': 6.6,
};
const MANIFEST = `# Run Manifest

## Identity

- run_id: tp4-c8
- level: quick

## Code

- framework: xllm
- commit: 0123456789abcdef0123456789abcdef01234567

## Workload

- parallel: 8
- warmup_num: 2
`;

describe('xwf collect', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = makeTempDir()));
  afterEach(() => cleanup());

  it('--json on the shared evalscope fixtures: both runs, ranked, times in ms, the failed request counted', async () => {
    const io = captureIO(dir);
    assert.equal(await runCli(['collect', path.join(SHARED_FIXTURES, 'evalscope'), '--json'], io), 0);
    const records = collectReportSchema.parse(JSON.parse(io.stdout()));
    assert.equal(records.length, 2);
    const [old, recent] = records;
    assert.ok(old.source.file.startsWith('v0.16-style/'));
    assert.deepEqual([old.ttft_ms, old.tpot_ms, old.itl_ms, old.failed, old.total], [4002.1, 48, 47.8, 1, 20]);
    assert.ok(recent.source.file.startsWith('v1.7-style/'));
    assert.deepEqual([recent.ttft_ms, recent.tpot_ms, recent.itl_ms, recent.failed], [2397.49, 12.33, 36.82, 0]);
    for (const key of ['concurrency', 'total', 'success', 'failed', 'e2e_ms', 'output_tps', 'total_tps', 'request_throughput', 'percentiles']) assert.ok(key in old, key);
    assert.equal(io.stderr(), '');
  });

  it('prints a readable table by default, with SLA verdicts when thresholds are given', async () => {
    const io = captureIO(dir);
    assert.equal(await runCli(['collect', path.join(SHARED_FIXTURES, 'evalscope'), '--sla-ttft-ms', '3000'], io), 0);
    const lines = io.stdout().trimEnd().split('\n');
    assert.match(lines[0], /^#\s+tool\s+version\s+conc\s+ok\/total\s+failed\s+TTFT avg\s+TTFT p99/);
    assert.match(lines[1], /^1\s+evalscope\s+1\.8-1\.9\s+1\s+4\/4\s+0\s+2397\.49\s+2441\.90.*pass\s+v1\.7-style\//);
    assert.match(lines[2], /^2\s+evalscope\s+0\.17\.1-1\.4\.0\s+5\s+19\/20\s+1\s+4002\.10\s+7530\.90.*FAIL\s+v0\.16-style\//);
    assert.match(lines[3], /#2: p99 TTFT 7530\.9 ms > SLA 3000 ms/);
  });

  it('rejects bad arguments (exit 2) and a missing folder (exit 3)', async () => {
    assert.equal(await runCli(['collect', '.', '--sla-ttft-ms', 'fast'], captureIO(dir)), 2);
    assert.equal(await runCli(['collect', '.', '--keep-edits'], captureIO(dir)), 2);
    assert.equal(await runCli(['collect'], captureIO(dir)), 2);
    const io = captureIO(dir);
    assert.equal(await runCli(['collect', 'nope'], io), 3);
    assert.match(io.stderr(), /no such folder/);
  });

  it('exits 1 when a file is broken, listing it on stderr, and still prints the good runs', async () => {
    writeTree(dir, {
      'good/benchmark_summary.json': JSON.stringify(SUMMARY),
      'good/benchmark_percentile.json': JSON.stringify([{ Percentiles: '50%', 'TTFT (ms)': 340 }]),
      'bad/benchmark_summary.json': '{"Concurrency": 4,, }',
    });
    const io = captureIO(dir);
    assert.equal(await runCli(['collect', '.', '--json'], io), 1);
    assert.equal(JSON.parse(io.stdout()).length, 1);
    assert.match(io.stderr(), /^bad\/benchmark_summary\.json: error: invalid JSON at line 1, column 19/m);
  });

  it('--write fills metrics.json of each perf run root, then refuses to overwrite a hand edit (exit 1)', async () => {
    writeTree(dir, {
      'runs/perf/tp4-c8/manifest.md': MANIFEST,
      'runs/perf/tp4-c8/evalscope/raw/20260101_101010/Qwen3-32B/parallel_8_number_64/benchmark_summary.json': JSON.stringify(SUMMARY),
      'runs/perf/tp4-c8/evalscope/raw/20260101_101010/Qwen3-32B/parallel_8_number_64/benchmark_percentile.json': JSON.stringify([
        { Percentiles: '50%', 'TTFT (ms)': 340, 'TPOT (ms)': 6.4 },
        { Percentiles: '99%', 'TTFT (ms)': 410, 'TPOT (ms)': 7.1 },
      ]),
      'runs/perf/tp4-c8/evalscope/raw/20260101_101010/Qwen3-32B/parallel_8_number_64/benchmark_args.json': JSON.stringify({ model: 'Qwen3-32B', parallel: 8, number: 64, warmup_num: 2, stream: true }),
    });
    const target = path.join(dir, 'runs/perf/tp4-c8/metrics.json');

    const first = captureIO(dir);
    assert.equal(await runCli(['collect', '.', '--write'], first), 0);
    assert.match(first.stderr(), /runs\/perf\/tp4-c8\/metrics\.json: written \(1 benchmark\(s\)\)/);
    const metrics = metricsSchema.parse(JSON.parse(readFileSync(target, 'utf8')));
    assert.equal(metrics.run_id, 'tp4-c8');
    assert.equal(metrics.framework, 'xllm');
    assert.equal(metrics.commit, '0123456789abcdef0123456789abcdef01234567');
    assert.equal(metrics.level, 'quick');
    assert.equal(metrics.model, 'Qwen3-32B');
    assert.deepEqual([metrics.parallel, metrics.number, metrics.warmup_num, metrics.stream], [8, 64, 2, true]);
    assert.deepEqual([metrics.ttft_ms, metrics.tpot_ms, metrics.itl_ms, metrics.output_tps, metrics.request_throughput], [350.5, 6.5, 6.6, 1075.2, 2.1]);
    assert.deepEqual([metrics.success, metrics.total], [64, 64]);
    assert.equal(metrics.top_p, null);
    assert.equal(metrics.benchmarks?.[0].percentiles.ttft_ms.p99, 410);

    const again = captureIO(dir);
    assert.equal(await runCli(['collect', '.', '--write'], again), 0);
    assert.match(again.stderr(), /metrics\.json: unchanged/);

    writeFileSync(target, readFileSync(target, 'utf8').replace('"tpot_ms": 6.5', '"tpot_ms": 6'));
    const edited = readFileSync(target, 'utf8');
    const refused = captureIO(dir);
    assert.equal(await runCli(['collect', '.', '--write'], refused), 1);
    assert.match(refused.stderr(), /values were edited by hand; refusing to overwrite/);
    assert.match(refused.stderr(), /tpot_ms: in file 6, collected 6\.5/);
    assert.equal(readFileSync(target, 'utf8'), edited);

    const kept = captureIO(dir);
    assert.equal(await runCli(['collect', '.', '--write', '--keep-edits'], kept), 0);
    assert.equal(JSON.parse(readFileSync(target, 'utf8')).tpot_ms, 6);
  });

  it('--write reads a YAML manifest and a vLLM result in the run root too', async () => {
    writeTree(dir, {
      'runs/perf/vllm-c4/manifest.yaml': 'Identity:\n  run_id: vllm-ascend-c4\n  level: smoke\nCode:\n  framework: vllm-ascend\nWorkload:\n  parallel: 4\n',
      'runs/perf/vllm-c4/bench/vllm-inf-concurrency4.json': JSON.stringify({
        backend: 'vllm',
        model_id: 'Qwen3-8B',
        num_prompts: 40,
        request_rate: 'inf',
        max_concurrency: 4,
        duration: 20,
        completed: 40,
        failed: 0,
        request_throughput: 2,
        output_throughput: 512,
        total_token_throughput: 4608,
        mean_ttft_ms: 90,
        median_ttft_ms: 85,
        p99_ttft_ms: 150,
        mean_tpot_ms: 7,
        median_tpot_ms: 7,
        p99_tpot_ms: 9,
        mean_itl_ms: 7.1,
        median_itl_ms: 7,
        p99_itl_ms: 12,
      }),
    });
    const io = captureIO(dir);
    assert.equal(await runCli(['collect', '.', '--write'], io), 0, io.stderr());
    const metrics = metricsSchema.parse(JSON.parse(readFileSync(path.join(dir, 'runs/perf/vllm-c4/metrics.json'), 'utf8')));
    assert.deepEqual([metrics.run_id, metrics.framework, metrics.level, metrics.model, metrics.parallel], ['vllm-ascend-c4', 'vllm-ascend', 'smoke', 'Qwen3-8B', 4]);
    assert.deepEqual([metrics.ttft_ms, metrics.tpot_ms, metrics.itl_ms, metrics.total], [90, 7, 7.1, 40]);
    assert.equal(metrics.evalscope_decoded_tok_per_iter, null);
    assert.equal(metrics.benchmarks?.[0].source.file, 'bench/vllm-inf-concurrency4.json');
  });

  it('--write with no perf run root says so and writes nothing', async () => {
    writeTree(dir, { 'x/benchmark_summary.json': JSON.stringify(SUMMARY) });
    const io = captureIO(dir);
    assert.equal(await runCli(['collect', '.', '--write'], io), 0);
    assert.match(io.stderr(), /no perf run roots/);
  });
});
