import * as assert from 'node:assert/strict';
import { readManifestText } from '../../../src/core/compare/manifestText';
import { sweepSeries } from '../../../src/core/compare/sweepSeries';
import type { BenchmarkRecord } from '../../../src/core/schemas/metricsSchema';
import { perfRun } from './craftedRuns';

function record(concurrency: number, o: { ttftP99: number; tpotP99: number; reqs: number; tps: number }): BenchmarkRecord {
  return {
    source: { tool: 'evalscope', version: '1.7.1', file: `parallel_${concurrency}/benchmark_summary.json` },
    concurrency,
    total: 100,
    success: 100,
    failed: 0,
    ttft_ms: o.ttftP99 * 0.7,
    tpot_ms: o.tpotP99 * 0.8,
    itl_ms: o.tpotP99 * 0.8,
    e2e_ms: 10000,
    output_tps: o.tps,
    total_tps: o.tps * 5,
    request_throughput: o.reqs,
    percentiles: { ttft_ms: { p50: o.ttftP99 * 0.6, p99: o.ttftP99 }, tpot_ms: { p50: o.tpotP99 * 0.7, p99: o.tpotP99 } },
  };
}

describe('compare: concurrency sweep', () => {
  it('orders points by concurrency, builds latency and throughput series and SLA lines, and ranks SLA passes first', () => {
    const a = perfRun({ runId: 'sweep-a', metrics: { benchmarks: [record(32, { ttftP99: 900, tpotP99: 60, reqs: 3.0, tps: 1500 }), record(1, { ttftP99: 100, tpotP99: 20, reqs: 0.2, tps: 50 })] } });
    const b = perfRun({ runId: 'sweep-b', metrics: { benchmarks: [record(8, { ttftP99: 300, tpotP99: 30, reqs: 1.2, tps: 600 })] } });
    const s = sweepSeries([a, b], { ttftP99Ms: 500, tpotP99Ms: 50 });
    assert.deepEqual(s.points.map((p) => [p.runId, p.concurrency, p.slaPass]), [
      ['sweep-a', 1, true],
      ['sweep-b', 8, true],
      ['sweep-a', 32, false],
    ]);
    const tpotP99 = s.series.find((x) => x.metric === 'tpot' && x.stat === 'p99')!;
    assert.deepEqual(tpotP99.points.map((p) => [p.x, p.y]), [[1, 20], [8, 30], [32, 60]]);
    assert.equal(tpotP99.better, 'lower');
    assert.ok(s.series.some((x) => x.metric === 'request_throughput' && x.better === 'higher'));
    assert.deepEqual(s.slaLines, [{ metric: 'ttft', stat: 'p99', value: 500 }, { metric: 'tpot', stat: 'p99', value: 50 }]);
    // Concurrency 32 has the most throughput but breaks the SLA: 8 wins.
    assert.deepEqual(s.best, { runId: 'sweep-b', concurrency: 8 });
    assert.ok(s.points.every((p) => p.formal));
  });

  it('marks points of non-formal runs and skips levels without a concurrency', () => {
    const smoke = perfRun({ runId: 'smoke', manifest: { Identity: { level: 'smoke' } }, metrics: { parallel: null } });
    const s = sweepSeries([smoke, perfRun({ runId: 'ok' })]);
    assert.deepEqual(s.skipped, [{ runId: 'smoke', key: 'headline' }]);
    assert.equal(s.points.length, 1);
    assert.equal(s.points[0].slaPass, null);
    const bad = sweepSeries([perfRun({ runId: 'cold', manifest: { Workload: { warmup_num: '0' } } })]);
    assert.equal(bad.points[0].formal, false);
    assert.deepEqual(bad.points[0].reasons, ['warmup_missing']);
  });
});

describe('compare: manifest text values', () => {
  it('reads Markdown and YAML into the same text values, unfilled ones as empty', () => {
    const md = readManifestText('# Run Manifest\n\n## Model\n\n- model_name: `Qwen3-32B`\n- dtype: N/A\n- tensor_parallel: 4\n\n## Code\n\n- git_status_short:\n', 'markdown');
    const yaml = readManifestText('Model:\n  model_name: Qwen3-32B\n  dtype: null\n  tensor_parallel: 4\nCode:\n  git_status_short: ""\n', 'yaml');
    assert.deepEqual(md.values.Model, { model_name: 'Qwen3-32B', dtype: '', tensor_parallel: '4' });
    assert.deepEqual(yaml.values.Model, md.values.Model);
    assert.equal(md.values.Code.git_status_short, '');
    assert.equal(yaml.values.Code.git_status_short, '');
  });

  it('reports a broken YAML manifest instead of throwing', () => {
    const r = readManifestText('Model:\n  model_name: [unclosed\n', 'yaml');
    assert.ok(r.problems.length > 0);
    assert.match(r.problems[0], /^line \d+: YAML syntax error/);
  });
});
