import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync, chmodSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic } from '../../../src/core/fs/atomicWrite';
import { rankRecords } from '../../../src/core/metrics/benchmarkRanking';
import { blankRecord } from '../../../src/core/metrics/benchmarkRecord';
import { buildMetricsJson } from '../../../src/core/metrics/metricsJson';
import { planMetricsWrite } from '../../../src/core/metrics/metricsWritePlan';
import { metricsSchema, STABLE_METRICS_KEYS, type BenchmarkRecord } from '../../../src/core/schemas/metricsSchema';
import { makeTempDir } from '../../support/tempDir';

function record(file: string, concurrency: number, rt: number, ttft: number): BenchmarkRecord {
  const r = blankRecord('evalscope', file);
  Object.assign(r, { concurrency, request_throughput: rt, ttft_ms: ttft, tpot_ms: 20, itl_ms: 21, output_tps: rt * 500, total: 100, success: 99, failed: 1 });
  r.percentiles = { ttft_ms: { p50: ttft - 10, p99: ttft + 100 } };
  r.speculative = { decoded_tok_per_iter: 2.5, accept_rate: 0.75 };
  r.workload = { model: 'Qwen3-32B', number: 100, warmup: 4, stream: true, input_tokens: 2048, output_tokens: 512, temperature: null, top_p: null, top_k: null };
  return r;
}

const MANIFEST = {
  run_id: 'qwen3-tp4',
  framework: 'xllm',
  model_name: 'Qwen3-32B',
  commit: 'A1B2C3D4E5F6',
  level: 'quick',
  parallel: '8',
  temperature: '0.0',
  stream: 'yes',
  top_k: 'twenty',
  server_accept_rate: 0.71,
};

describe('metrics.json building', () => {
  const records = rankRecords([record('c1/benchmark_summary.json', 1, 0.5, 100), record('c8/benchmark_summary.json', 8, 3, 300), record('c32/benchmark_summary.json', 32, 5, 900)]);

  it('writes every stable name in order, unknown as null, measured values from the headline record', () => {
    const m = buildMetricsJson(records, MANIFEST);
    metricsSchema.parse(m);
    assert.deepEqual(Object.keys(m).slice(0, STABLE_METRICS_KEYS.length), [...STABLE_METRICS_KEYS]);
    assert.equal(m.run_id, 'qwen3-tp4');
    assert.equal(m.framework, 'xllm');
    assert.equal(m.model, 'Qwen3-32B');
    assert.equal(m.commit, 'a1b2c3d4e5f6');
    assert.equal(m.level, 'quick');
    assert.equal(m.parallel, 8);
    assert.equal(m.temperature, 0);
    assert.equal(m.stream, true);
    assert.equal(m.top_k, null); // not an integer: unknown, not a guess
    assert.equal(m.top_p, null);
    // The headline is the record at the manifest's concurrency, not the best-ranked one.
    assert.deepEqual(m.headline, { file: 'c8/benchmark_summary.json', reason: 'concurrency 8 = manifest parallel' });
    assert.equal(m.ttft_ms, 300);
    assert.equal(m.request_throughput, 3);
    assert.equal(m.output_tps, 1500);
    assert.deepEqual([m.success, m.total], [99, 100]);
    assert.equal(m.warmup_num, 4);
    assert.deepEqual([m.input_tokens, m.output_tokens, m.number], [2048, 512, 100]);
    assert.equal(m.server_accept_rate, 0.71);
    assert.equal(m.speculative_num_accepted_tokens_delta, null);
    assert.equal(m.evalscope_decoded_tok_per_iter, 2.5);
    assert.equal(m.evalscope_spec_accept_rate, 0.75);
    assert.equal(m.benchmarks?.length, 3);
  });

  it('without a manifest the best-ranked record is the headline, and nothing is invented', () => {
    const m = buildMetricsJson(records);
    assert.equal(m.headline?.file, 'c32/benchmark_summary.json');
    assert.equal(m.parallel, 32);
    assert.equal(m.commit, null);
    assert.equal(m.framework, null);
    const empty = buildMetricsJson([]);
    for (const key of STABLE_METRICS_KEYS) assert.equal(empty[key], null, key);
  });
});

describe('metrics.json write plan (hand edits are never overwritten silently)', () => {
  const next = buildMetricsJson(rankRecords([record('r/benchmark_summary.json', 8, 3, 300)]), MANIFEST);

  it('creates, then finds the file unchanged on the next run', () => {
    const first = planMetricsWrite(null, next);
    assert.equal(first.action, 'create');
    assert.ok(first.action === 'create');
    assert.equal(planMetricsWrite(first.text, next).action, 'unchanged');
  });

  it('updates values the collector wrote itself when new results arrive', () => {
    const first = planMetricsWrite(null, next);
    assert.ok(first.action === 'create');
    const newer = buildMetricsJson(rankRecords([record('r/benchmark_summary.json', 8, 3.5, 280)]), MANIFEST);
    const plan = planMetricsWrite(first.text, newer);
    assert.equal(plan.action, 'update');
    assert.ok(plan.action === 'update');
    assert.deepEqual(plan.changed, ['ttft_ms', 'output_tps', 'request_throughput']);
    assert.equal(JSON.parse(plan.text).ttft_ms, 280);
  });

  it('returns the differences when a person changed a stable value, even with find-and-replace over the whole file', () => {
    const first = planMetricsWrite(null, next);
    assert.ok(first.action === 'create');
    const edited = first.text.replaceAll('"ttft_ms": 300', '"ttft_ms": 250').replace('"level": "quick"', '"level": "full"');
    const plan = planMetricsWrite(edited, next);
    assert.equal(plan.action, 'conflict');
    assert.ok(plan.action === 'conflict');
    assert.deepEqual(plan.differences, [
      { key: 'level', existing: 'full', collected: 'quick' },
      { key: 'ttft_ms', existing: 250, collected: 300 },
    ]);
    assert.equal(JSON.parse(plan.overwriteText).ttft_ms, 300);
    const kept = JSON.parse(plan.keepEditsText);
    assert.equal(kept.ttft_ms, 250);
    assert.equal(kept.level, 'full');
    // Kept edits stay marked as edits: the next plan asks again instead of overwriting.
    assert.equal(planMetricsWrite(plan.keepEditsText, next).action, 'conflict');
  });

  it('keeps values the collector does not know (server counters filled in by hand) and keys someone added', () => {
    const handWritten = JSON.stringify({ run_id: 'qwen3-tp4', speculative_num_accepted_tokens_delta: 612034, ttft_ms: 300, note: 'rerun after driver update' });
    const plan = planMetricsWrite(handWritten, next);
    assert.equal(plan.action, 'update');
    assert.ok(plan.action === 'update');
    const out = JSON.parse(plan.text);
    assert.equal(out.speculative_num_accepted_tokens_delta, 612034);
    assert.equal(out.note, 'rerun after driver update');
    assert.equal(out.ttft_ms, 300);
  });

  it('a file written by another tool with a different value is treated as edited by hand', () => {
    const other = JSON.stringify({ run_id: 'qwen3-tp4', ttft_ms: 301, evalscope_decoded_tok_per_iter: 0 });
    const plan = planMetricsWrite(other, next);
    assert.ok(plan.action === 'conflict');
    assert.deepEqual(
      plan.differences.map((d) => d.key),
      ['ttft_ms', 'evalscope_decoded_tok_per_iter'],
    );
  });

  it('never replaces a file that is not a JSON object without asking', () => {
    const plan = planMetricsWrite('{"run_id": "x",', next);
    assert.equal(plan.action, 'unreadable');
    assert.ok(plan.action === 'unreadable');
    assert.match(plan.reason, /line 1/);
    assert.equal(planMetricsWrite('[1]', next).action, 'unreadable');
  });
});

describe('atomic write', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = makeTempDir()));
  afterEach(() => cleanup());

  it('replaces the content, keeps the mode, and leaves no temporary file', async () => {
    const file = path.join(dir, 'metrics.json');
    writeFileSync(file, 'old');
    chmodSync(file, 0o640);
    await writeFileAtomic(file, '{"a": 1}\n');
    assert.equal(readFileSync(file, 'utf8'), '{"a": 1}\n');
    assert.equal(statSync(file).mode & 0o777, 0o640);
    assert.deepEqual(readdirSync(dir), ['metrics.json']);
  });

  it('fails cleanly when the folder does not exist', async () => {
    await assert.rejects(writeFileAtomic(path.join(dir, 'missing', 'x.json'), '{}'), /ENOENT/);
    assert.deepEqual(readdirSync(dir), []);
  });
});
