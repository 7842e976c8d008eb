import * as assert from 'node:assert/strict';
import { comparisonSchema, REASON_CODES, type Comparison, type ReasonCode } from '../../../src/core/compare/comparisonSchema';
import { formatDelta } from '../../../src/core/compare/metricFormat';
import type { RunEvidence } from '../../../src/core/compare/runEvidence';
import { compareRuns } from '../../../src/core/compare/runComparison';
import { perfRun, STARTUP } from './craftedRuns';

const codes = (c: Comparison) => c.reasons.map((r) => r.code);
const reason = (c: Comparison, code: ReasonCode) => c.reasons.find((r) => r.code === code);

function accuracyRun(runId: string, score: number | null, files = ['manifest.md', 'score.json', 'raw_predictions.jsonl', 'failed_cases.jsonl']): RunEvidence {
  const base = perfRun({ runId, kind: 'accuracy', files, metrics: null });
  return { ...base, accuracy: { score, level: 'L3', dataset: 'gsm8k', numCorrect: null, numTotal: null, failedCaseCount: 0, status: 'pass', failedCasesFile: 'failed_cases.jsonl' } };
}

/** Each reason code, the evidence that produces it, and the verdict it leads to. */
const CASES: { code: ReasonCode; verdict: Comparison['verdict']; run: () => [RunEvidence, RunEvidence]; options?: Parameters<typeof compareRuns>[2] }[] = [
  { code: 'manifest_missing', verdict: 'INCONCLUSIVE', run: () => [perfRun(), perfRun({ files: ['metrics.json', 'env/a.txt', 'service/node_0.log', 'evalscope/x.json'] })] },
  { code: 'manifest_unreadable', verdict: 'INCONCLUSIVE', run: () => [perfRun(), { ...perfRun(), manifest: {}, manifestFile: 'manifest.yaml', manifestProblems: ['manifest.yaml: bad indentation at line 3'] }] },
  { code: 'metrics_missing', verdict: 'INCONCLUSIVE', run: () => [perfRun(), perfRun({ metrics: null })] },
  { code: 'metrics_invalid', verdict: 'INCONCLUSIVE', run: () => [perfRun(), { ...perfRun({ metrics: null }), metricsProblem: 'metrics.json: framework: invalid option' }] },
  { code: 'score_missing', verdict: 'INCONCLUSIVE', run: () => [accuracyRun('a', 0.9), accuracyRun('b', null)] },
  { code: 'raw_logs_missing', verdict: 'INCONCLUSIVE', run: () => [perfRun(), perfRun({ files: ['manifest.md', 'metrics.json', 'env/a.txt', 'service/node_0.log'] })] },
  { code: 'gate_missing', verdict: 'INCONCLUSIVE', run: () => [perfRun(), perfRun({ files: ['manifest.md', 'metrics.json', 'service/node_0.log', 'evalscope/x.json'] })] },
  { code: 'gate_failed', verdict: 'SMOKE_ONLY', run: () => [perfRun({ gate: { present: true, files: ['npu-smi.before.txt'], verdict: 'fail', reasons: ['device 0: 41 GB HBM used before start'] } }), perfRun()] },
  { code: 'gate_incomplete', verdict: 'INCONCLUSIVE', run: () => [perfRun(), perfRun({ gate: { present: true, files: [], verdict: 'incomplete', reasons: ['npu-smi.after.txt missing'] } })] },
  { code: 'warmup_missing', verdict: 'SMOKE_ONLY', run: () => [perfRun(), perfRun({ manifest: { Workload: { warmup_num: '0' } } })] },
  { code: 'smoke_level', verdict: 'SMOKE_ONLY', run: () => [perfRun(), perfRun({ manifest: { Identity: { level: 'smoke' } } })] },
  { code: 'profiling_run', verdict: 'INCONCLUSIVE', run: () => [perfRun(), perfRun({ kind: 'profiling' })] },
  { code: 'profiling_attached', verdict: 'INCONCLUSIVE', run: () => [perfRun(), perfRun({ manifest: { Service: { startup_command: `PROFILING_MODE=dynamic ${STARTUP}` } } })] },
  { code: 'kind_mismatch', verdict: 'INCONCLUSIVE', run: () => [perfRun(), accuracyRun('acc', 0.9)] },
  { code: 'kind_unsupported', verdict: 'INCONCLUSIVE', run: () => [perfRun({ kind: 'capacity' }), perfRun({ kind: 'capacity' })] },
  { code: 'fairness_difference', verdict: 'INCONCLUSIVE', run: () => [perfRun(), perfRun({ manifest: { Model: { dtype: 'w8a8' }, Workload: { number: '64' } } })] },
  { code: 'fairness_unknown', verdict: 'INCONCLUSIVE', run: () => [perfRun({ manifest: { Model: { dtype: '' } } }), perfRun({ manifest: { Model: { dtype: '' } } })] },
  { code: 'experiment_not_declared', verdict: 'INCONCLUSIVE', run: () => [perfRun(), perfRun({ manifest: { Service: { prefix_cache: 'true' } } })] },
  { code: 'dirty_without_diff', verdict: 'INCONCLUSIVE', run: () => [perfRun(), perfRun({ manifest: { Code: { git_status_short: ' M src/rope.cpp' } } })] },
  { code: 'not_formal', verdict: 'INCONCLUSIVE', run: () => [perfRun(), perfRun({ manifest: { Code: { commit: '' } }, metrics: { commit: null } })] },
  { code: 'no_common_level', verdict: 'INCONCLUSIVE', run: () => [perfRun(), perfRun({ metrics: { parallel: 64 } })] },
  { code: 'metric_missing', verdict: 'PASS', run: () => [perfRun(), perfRun({ metrics: { itl_ms: null } })] },
  { code: 'out_of_tolerance', verdict: 'FAIL', run: () => [perfRun(), perfRun({ metrics: { tpot_ms: 42.5 } })] },
  { code: 'requests_failed', verdict: 'INCONCLUSIVE', run: () => [perfRun(), perfRun({ metrics: { success: 500 } })] },
  { code: 'speculative_counters_missing', verdict: 'PASS', run: () => [perfRun({ manifest: { Model: { speculative_tokens: '1' } } }), perfRun({ manifest: { Model: { speculative_tokens: '1' } } })] },
];

describe('compare: verdict reasons', () => {
  it('has a case for every reason code', () => {
    assert.deepEqual([...new Set(CASES.map((c) => c.code))].sort(), [...REASON_CODES].sort());
  });

  it('gives PASS for a fair, formal pair within tolerance, with gains allowed', () => {
    const c = compareRuns(perfRun({ runId: 'b' }), perfRun({ runId: 'c', metrics: { tpot_ms: 36, output_tps: 880 } }));
    assert.equal(c.verdict, 'PASS', JSON.stringify(c.reasons));
    assert.deepEqual(c.reasons, []);
    assert.equal(c.gain.allowed, true);
    const tpot = c.metrics.find((r) => r.metric === 'tpot' && r.stat === 'avg')!;
    assert.equal(tpot.delta_pct, -10);
    assert.equal(formatDelta(tpot), '-4 ms (-10.0%)');
    comparisonSchema.parse(c);
  });

  for (const k of CASES) {
    it(`${k.code} -> ${k.verdict}`, () => {
      const [b, c] = k.run();
      const cmp = compareRuns(b, c, k.options);
      assert.ok(codes(cmp).includes(k.code), `${k.code} not in ${JSON.stringify(codes(cmp))}`);
      assert.equal(cmp.verdict, k.verdict, JSON.stringify(cmp.reasons.map((r) => r.message_en)));
      const r = reason(cmp, k.code)!;
      assert.ok(r.message_en.length > 10 && r.message_zh.length > 4);
      assert.doesNotMatch(r.message_en, /\{\d\}/);
      assert.doesNotMatch(r.message_zh, /\{\d\}/);
      comparisonSchema.parse(cmp);
    });
  }

  it('names the run a reason is about', () => {
    const cmp = compareRuns(perfRun({ runId: 'base' }), perfRun({ runId: 'smoky', manifest: { Identity: { level: 'smoke' } } }));
    const r = reason(cmp, 'smoke_level')!;
    assert.equal(r.run, 'current');
    assert.match(r.message_en, /^current smoky: level is smoke/);
    assert.match(r.message_zh, /^当前 smoky/);
  });

  it('accepts a dirty worktree whose diff is saved in the run root', () => {
    const files = ['manifest.md', 'metrics.json', 'env/a.txt', 'service/node_0.log', 'evalscope/x.json', 'worktree.diff'];
    const cmp = compareRuns(perfRun(), perfRun({ files, manifest: { Code: { git_status_short: ' M src/rope.cpp' } } }));
    assert.ok(!codes(cmp).includes('dirty_without_diff'));
    assert.equal(cmp.verdict, 'PASS');
  });

  it('lets SMOKE_ONLY win over INCONCLUSIVE, and INCONCLUSIVE over FAIL', () => {
    const smoke = compareRuns(perfRun(), perfRun({ manifest: { Identity: { level: 'smoke' }, Workload: { number: '4' } }, metrics: { tpot_ms: 99 } }));
    assert.equal(smoke.verdict, 'SMOKE_ONLY');
    const unfairAndSlow = compareRuns(perfRun(), perfRun({ manifest: { Workload: { number: '4' } }, metrics: { tpot_ms: 99 } }));
    assert.equal(unfairAndSlow.verdict, 'INCONCLUSIVE');
  });

  it('withholds every gain and judgement when the verdict is not a formal PASS or FAIL', () => {
    const cold = { Workload: { warmup_num: '' } };
    const cmp = compareRuns(perfRun({ manifest: cold, metrics: { warmup_num: null } }), perfRun({ manifest: cold, metrics: { warmup_num: null, tpot_ms: 30, output_tps: 999 } }));
    assert.equal(cmp.verdict, 'SMOKE_ONLY');
    assert.equal(cmp.gain.allowed, false);
    assert.deepEqual(cmp.gain.withheld_because, ['warmup_missing']);
    assert.match(cmp.gain.message_en!, /^No percentage gain is reported: baseline run: warmup_num is not recorded: a cold-start or smoke result, not steady state; current run: warmup_num/);
    assert.match(cmp.gain.message_zh!, /不报告百分比收益/);
    assert.ok(cmp.metrics.length > 0);
    for (const r of cmp.metrics) {
      assert.equal(r.delta, null);
      assert.equal(r.delta_pct, null);
      assert.equal(r.status, 'withheld');
      assert.doesNotMatch(formatDelta(r), /%/);
    }
    // The raw values stay: they are facts, not gains.
    assert.equal(cmp.metrics.find((r) => r.metric === 'tpot')!.current, 30);
  });

  it('drops tolerance judgements from the reasons of a non-formal comparison', () => {
    const cmp = compareRuns(perfRun(), perfRun({ manifest: { Identity: { level: 'smoke' } }, metrics: { tpot_ms: 99 } }));
    assert.ok(!codes(cmp).includes('out_of_tolerance'));
  });

  it('keeps gains for a formal FAIL and says which metric broke its limit', () => {
    const cmp = compareRuns(perfRun(), perfRun({ metrics: { output_tps: 700 } }));
    assert.equal(cmp.verdict, 'FAIL');
    assert.equal(cmp.gain.allowed, true);
    assert.equal(cmp.metrics.find((r) => r.metric === 'output_tps')!.delta_pct, -12.5);
    assert.match(reason(cmp, 'out_of_tolerance')!.message_en, /Output throughput avg at concurrency 32: 700 tok\/s against baseline 800 tok\/s \(limit 760 tok\/s\)/);
  });

  it('compares per concurrency level when the runs hold several', () => {
    const rec = (concurrency: number, tpot: number) => ({
      source: { tool: 'evalscope' as const, version: '1.7.1', file: `p${concurrency}/benchmark_summary.json` },
      concurrency,
      total: 100,
      success: 100,
      failed: 0,
      ttft_ms: 300,
      tpot_ms: tpot,
      itl_ms: tpot,
      e2e_ms: 9000,
      output_tps: 1000 / tpot,
      total_tps: 5000 / tpot,
      request_throughput: 1,
      percentiles: { tpot_ms: { p50: tpot, p90: tpot * 1.1, p99: tpot * 1.3 } },
    });
    const b = perfRun({ metrics: { benchmarks: [rec(1, 20), rec(8, 30), rec(32, 40)] } });
    const c = perfRun({ metrics: { benchmarks: [rec(1, 19), rec(8, 29), rec(32, 45)] } });
    const cmp = compareRuns(b, c);
    assert.deepEqual(cmp.levels.map((l) => l.key), ['c1', 'c8', 'c32']);
    assert.deepEqual(
      cmp.metrics.filter((r) => r.metric === 'tpot').map((r) => `${r.level}:${r.stat}`),
      ['c1:avg', 'c1:p50', 'c1:p90', 'c1:p99', 'c8:avg', 'c8:p50', 'c8:p90', 'c8:p99', 'c32:avg', 'c32:p50', 'c32:p90', 'c32:p99'],
    );
    assert.equal(cmp.verdict, 'FAIL');
    assert.ok(cmp.reasons.every((r) => r.code !== 'out_of_tolerance' || /concurrency 32/.test(r.message_en)));
  });

  it('compares two accuracy runs by score with the accuracy tolerance', () => {
    const ok = compareRuns(accuracyRun('a', 0.915), accuracyRun('b', 0.9));
    assert.equal(ok.verdict, 'PASS', JSON.stringify(ok.reasons));
    assert.equal(ok.metrics[0].metric, 'accuracy');
    const bad = compareRuns(accuracyRun('a', 0.915), accuracyRun('b', 0.89));
    assert.equal(bad.verdict, 'FAIL');
  });
});
