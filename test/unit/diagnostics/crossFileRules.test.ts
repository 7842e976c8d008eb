import * as assert from 'node:assert/strict';
import { parseManifest, validateManifest } from '../../../src/core/diagnostics/validateManifest';
import type { ValidationContext } from '../../../src/core/diagnostics/validationContext';
import type { ManifestDocument } from '../../../src/core/manifest/manifestModel';
import { buildManifest, FORMAL_VALUES, lineOf, type Overrides } from './manifestBuilder';
import { only } from './structureRules.test';

const PERF_ROOT = ['env/', 'env/npu-smi.before.txt', 'service/', 'evalscope/', 'evalscope/raw/', 'metrics.json', 'report.md'];
const BASE_ID = 'qwen3-32b-tp4-base';

function run(overrides: Overrides, context: ValidationContext, locale: 'en' | 'zh-cn' = 'en') {
  const text = buildManifest(overrides);
  return { text, list: validateManifest(text, { fileName: 'runs/perf/qwen3-32b-tp4-20260529/manifest.md', context, locale }) };
}

function runs(baseline: Overrides): Map<string, ManifestDocument> {
  return new Map([[BASE_ID, parseManifest(buildManifest({ run_id: BASE_ID, commit: '3f9a2c1e8b7d6a5f4e3d2c1b0a9f8e7d6c5b4a39', ...baseline }), 'manifest.md')]]);
}

describe('cross-file diagnostics (XWF4xx)', () => {
  it('XWF401: an artifact path that does not exist in the run root', () => {
    const { text, list } = run({}, { entries: PERF_ROOT.filter((e) => !e.startsWith('evalscope')) });
    const [d] = only(list, 'XWF401');
    const line = lineOf(text, 'perf_artifact_dir');
    assert.deepEqual(d.range, { start: { line, character: 21 }, end: { line, character: 35 } });
    assert.equal(d.message, "perf_artifact_dir points to 'evalscope/raw/', which does not exist in the run root.");
    assert.deepEqual(only(run({}, { entries: PERF_ROOT }).list, 'XWF401'), []);
  });

  it('XWF401 reads workspace-relative paths through the run id, skips absolute paths, and uses exists() when given', () => {
    const ctx = { entries: PERF_ROOT, runId: 'qwen3-32b-tp4-20260529' };
    assert.deepEqual(only(run({ metrics_json: 'runs/perf/qwen3-32b-tp4-20260529/metrics.json', env_snapshot_dir: '/data/snap' }, ctx).list, 'XWF401'), []);
    const exists = (p: string) => p === 'env' || p === 'service' || p === 'metrics.json' || p === 'report.md';
    const list = run({}, { exists }).list;
    assert.deepEqual(only(list, 'XWF401').map((d) => d.range.start.line), [lineOf(buildManifest(), 'perf_artifact_dir')]);
  });

  it('XWF402: a baseline_run_id that matches no run, with the closest id', () => {
    const [d] = only(run({ baseline_run_id: 'qwen3-32b-tp4-bse' }, { runs: runs({}) }).list, 'XWF402');
    assert.deepEqual(d.data, { fix: 'replaceValue', value: BASE_ID });
    const [far] = only(run({ baseline_run_id: 'other' }, { runs: runs({}) }).list, 'XWF402');
    assert.equal(far.data, undefined);
    assert.deepEqual(only(run({ baseline_run_id: 'other' }, {}).list, 'XWF402'), []);
  });

  it('XWF403: metrics.json disagreeing with the manifest on run_id, model, commit, warmup', () => {
    const metrics = { run_id: 'other-run', model: 'Qwen3-8B', commit: 'deadbee', warmup_num: 0, framework: 'xllm' };
    const { text, list } = run({}, { metrics });
    const d = only(list, 'XWF403');
    assert.deepEqual(d.map((x) => x.range.start.line), ['run_id', 'commit', 'model_name', 'warmup_num'].map((k) => lineOf(text, k)));
    assert.equal(d[0].message, "metrics.json says run_id = 'other-run' but the manifest says 'qwen3-32b-tp4-20260529'.");
    assert.deepEqual(d[0].data, { fix: 'replaceValue', value: 'other-run' });
    const agreeing = { run_id: FORMAL_VALUES.run_id, model: '/data/models/qwen3-32b', commit: FORMAL_VALUES.commit.slice(0, 12), warmup_num: 16, framework: 'xllm' };
    assert.deepEqual(only(run({}, { metrics: agreeing }).list, 'XWF403'), []);
    assert.deepEqual(only(run({}, { metrics: { run_id: null, model: null } }).list, 'XWF403'), []);
  });

  it('XWF404: every controlled parameter that differs from the baseline, except the one fairness_notes names', () => {
    const ctx = { runs: runs({ schedule_overlap: 'false', parallel: '8', ASCEND_RT_VISIBLE_DEVICES: '7,6,5,4' }) };
    const named = run({ baseline_run_id: BASE_ID, fairness_notes: 'Only schedule_overlap changes (false -> true).' }, ctx);
    const d = only(named.list, 'XWF404');
    assert.deepEqual(d.map((x) => x.range.start.line), [lineOf(named.text, 'ASCEND_RT_VISIBLE_DEVICES'), lineOf(named.text, 'parallel')]);
    assert.equal(
      d[1].message,
      `Differs from baseline ${BASE_ID}: parallel is '16' here and '8' there, but fairness_notes already names schedule_overlap as the experiment; only one parameter may differ.`,
    );
    const unnamed = only(run({ baseline_run_id: BASE_ID }, ctx).list, 'XWF404');
    assert.equal(unnamed.length, 3);
    assert.match(unnamed[0].message, /A fair comparison changes only the one parameter/);
  });

  it('XWF404 is silent for a fair pair, and counts a key missing on one side as a difference', () => {
    const fair = runs({ schedule_overlap: 'false' });
    assert.deepEqual(only(run({ baseline_run_id: BASE_ID, fairness_notes: 'experiment: schedule overlap' }, { runs: fair }).list, 'XWF404'), []);
    const missing = only(run({ baseline_run_id: BASE_ID, seed: null, fairness_notes: 'schedule_overlap' }, { runs: fair }).list, 'XWF404');
    assert.equal(missing.length, 1);
    assert.match(missing[0].message, /seed is '\(not set\)' here and '42' there/);
  });

  it('XWF404 severity is an error once a pass verdict rests on an unfair comparison', () => {
    const [d] = only(run({ baseline_run_id: BASE_ID, conclusion_status: 'pass' }, { runs: runs({ dtype: 'w8a8' }) }).list, 'XWF404');
    assert.equal(d.severity, 'error');
  });

  it('XWF405: baseline_commit that is not the baseline run commit', () => {
    const [d] = only(run({ baseline_run_id: BASE_ID, baseline_commit: 'abcdef123' }, { runs: runs({}) }).list, 'XWF405');
    assert.deepEqual(d.data, { fix: 'replaceValue', value: '3f9a2c1e8b7d6a5f4e3d2c1b0a9f8e7d6c5b4a39' });
    assert.deepEqual(only(run({ baseline_run_id: BASE_ID, baseline_commit: '3f9a2c1e' }, { runs: runs({}) }).list, 'XWF405'), []);
  });

  it('zh messages for the cross-file rules', () => {
    const { list } = run({ baseline_run_id: BASE_ID }, { runs: runs({ dtype: 'w8a8' }) }, 'zh-cn');
    assert.match(only(list, 'XWF404')[0].message, /与基线 qwen3-32b-tp4-base 不一致：dtype 此处为 'bf16'，基线为 'w8a8'/);
  });
});
