import * as assert from 'node:assert/strict';
import { describeReasons, evidenceGrade } from '../../../src/core/diagnostics/evidenceGrade';
import { parseManifest, validateManifest } from '../../../src/core/diagnostics/validateManifest';
import type { ValidationContext } from '../../../src/core/diagnostics/validationContext';
import { buildManifest, lineOf, type Overrides } from './manifestBuilder';
import { only } from './structureRules.test';

const PERF_ROOT = ['env/', 'service/', 'evalscope/', 'evalscope/raw/', 'metrics.json', 'report.md'];

function run(overrides: Overrides, options: { fileName?: string; context?: ValidationContext; locale?: 'en' | 'zh-cn' } = {}) {
  const text = buildManifest(overrides);
  return { text, list: validateManifest(text, { fileName: options.fileName ?? 'runs/perf/r1/manifest.md', context: options.context, locale: options.locale }) };
}

describe('evidence diagnostics (XWF3xx)', () => {
  it('a manifest that omits commit and warmup reports both with their codes', () => {
    const { text, list } = run({ commit: null, warmup_num: null });
    const [formal] = only(list, 'XWF301');
    assert.match(formal.message, /not formal evidence: missing commit, warmup/);
    assert.deepEqual(formal.data, { fix: 'addKeys', keys: ['commit', 'warmup_num'] });
    const level = lineOf(text, 'level');
    assert.equal(formal.range.start.line, level);
    const [warmup] = only(list, 'XWF303');
    assert.equal(warmup.range.start.line, text.split('\n').indexOf('## Workload'));
    assert.deepEqual(warmup.data, { fix: 'addKeys', keys: ['warmup_num'] });
    assert.ok(only(list, 'XWF106').length === 1);
  });

  it('XWF301 lists every missing part and follows the level for severity', () => {
    const missing = { commit: '', startup_command: '', startup_script: '', dataset: '', warmup_num: '0', perf_artifact_dir: '' };
    const quick = only(run(missing).list, 'XWF301')[0];
    assert.equal(quick.severity, 'warning');
    assert.equal(
      quick.message,
      'Debug result, not formal evidence: missing commit, startup command, workload (dataset), warmup (warmup_num >= 1), raw artifact paths (perf_artifact_dir).',
    );
    assert.equal(only(run({ ...missing, level: 'smoke' }).list, 'XWF301')[0].severity, 'information');
    assert.equal(only(run({ ...missing, level: 'full' }).list, 'XWF301')[0].severity, 'warning');
  });

  it('XWF301 is an error with a setStatus fix when pass/fail rests on debug evidence', () => {
    const { text, list } = run({ commit: '', conclusion_status: 'pass' });
    const [d] = only(list, 'XWF301');
    assert.equal(d.severity, 'error');
    assert.deepEqual(d.data, { fix: 'setStatus', value: 'inconclusive' });
    assert.equal(d.range.start.line, lineOf(text, 'conclusion_status'));
    assert.match(d.message, /conclusion_status is pass/);
    assert.equal(only(run({ commit: '', conclusion_status: 'inconclusive' }).list, 'XWF301')[0].severity, 'warning');
  });

  it('XWF301 asks each kind only for what it needs', () => {
    // Accuracy: no warmup needed, its raw artifacts are accuracy_artifact_dir.
    const acc = run({ warmup_num: null, perf_artifact_dir: '', accuracy_artifact_dir: './' }, { fileName: 'runs/accuracy/a1/manifest.md' });
    assert.deepEqual(only(acc.list, 'XWF301'), []);
    assert.deepEqual(only(acc.list, 'XWF303'), []);
    const accMissing = run({ accuracy_artifact_dir: '' }, { fileName: 'runs/accuracy/a1/manifest.md' });
    assert.match(only(accMissing.list, 'XWF301')[0].message, /raw artifact paths \(accuracy_artifact_dir\)/);
    // Unknown kind: any one raw artifact folder will do.
    assert.deepEqual(only(run({ perf_artifact_dir: '', profiling_artifact_dir: 'PROF_1/' }, { fileName: 'manifest.md' }).list, 'XWF301'), []);
  });

  it('XWF302: dirty worktree without a saved diff, only when the run root is known', () => {
    const dirty = { git_status_short: 'M xllm/core/a.cpp' };
    const [d] = only(run(dirty, { context: { entries: PERF_ROOT } }).list, 'XWF302');
    assert.deepEqual(d.data, { fix: 'saveDiff' });
    assert.equal(d.severity, 'warning');
    assert.deepEqual(only(run(dirty, { context: { entries: [...PERF_ROOT, 'code/worktree.diff'] } }).list, 'XWF302'), []);
    assert.deepEqual(only(run(dirty, { context: { entries: [...PERF_ROOT, 'patch-0001.patch'] } }).list, 'XWF302'), []);
    assert.deepEqual(only(run(dirty).list, 'XWF302'), []);
    assert.deepEqual(only(run({ git_status_short: '' }, { context: { entries: PERF_ROOT } }).list, 'XWF302'), []);
    assert.equal(only(run({ ...dirty, conclusion_status: 'fail' }, { context: { entries: PERF_ROOT } }).list, 'XWF302')[0].severity, 'error');
  });

  it('XWF303: zero warmup offers 1; present warmup is silent', () => {
    const { text, list } = run({ warmup_num: '0' });
    const [d] = only(list, 'XWF303');
    assert.deepEqual(d.data, { fix: 'replaceValue', value: '1' });
    assert.equal(d.range.start.line, lineOf(text, 'warmup_num'));
    assert.match(d.message, /warmup_num is 0/);
    const empty = only(run({ warmup_num: '' }).list, 'XWF303')[0];
    assert.deepEqual(empty.data, { fix: 'replaceValue', value: '1' });
    assert.deepEqual(only(run({ warmup_num: '1' }).list, 'XWF303'), []);
  });

  it('XWF304: a profiling run offered as a performance result', () => {
    const prof = run({ delta: '+6%' }, { fileName: 'profiling/p1/manifest.md' });
    assert.equal(only(prof.list, 'XWF304').length, 1);
    assert.equal(only(prof.list, 'XWF304')[0].range.start.line, lineOf(prof.text, 'delta'));
    const attached = run({ startup_command: 'PROFILING_MODE=dynamic xllm --model m' });
    assert.equal(only(attached.list, 'XWF304').length, 1);
    assert.deepEqual(only(run({}).list, 'XWF304'), []);
    assert.deepEqual(only(run({ metrics_json: '', current_metrics: '', delta: '' }, { fileName: 'profiling/p1/manifest.md' }).list, 'XWF304'), []);
  });

  it('XWF305: speculative run without the server counters in metrics.json', () => {
    const counters = { speculative_num_accepted_tokens_delta: 811, speculative_num_draft_tokens_delta: 1200, server_accept_rate: 0.676 };
    const [d] = only(run({ speculative_tokens: '2' }, { context: { metrics: { server_accept_rate: null } } }).list, 'XWF305');
    assert.match(d.message, /speculative_tokens = 2\).*speculative_num_accepted_tokens_delta, speculative_num_draft_tokens_delta, server_accept_rate/);
    assert.equal(only(run({ speculative_tokens: '2' }, { context: { metrics: null } }).list, 'XWF305').length, 1);
    assert.deepEqual(only(run({ speculative_tokens: '2' }, { context: { metrics: counters } }).list, 'XWF305'), []);
    assert.deepEqual(only(run({ speculative_tokens: '2' }).list, 'XWF305'), []);
    assert.deepEqual(only(run({ speculative_tokens: '0' }, { context: { metrics: null } }).list, 'XWF305'), []);
  });

  it('XWF306: sampling without top_p/top_k/seed', () => {
    const { text, list } = run({ temperature: '0.7', top_k: null, seed: '' });
    const [d] = only(list, 'XWF306');
    assert.equal(d.range.start.line, lineOf(text, 'temperature'));
    assert.match(d.message, /temperature 0\.7 but top_k, seed not recorded/);
    assert.deepEqual(d.data, { fix: 'addKeys', keys: ['top_k'] });
    assert.deepEqual(only(run({ temperature: '0.7' }).list, 'XWF306'), []);
    assert.deepEqual(only(run({ temperature: '0', top_k: null }).list, 'XWF306'), []);
  });

  it('XWF307: profiling run root without an exported capture is inconclusive', () => {
    const file = 'profiling/p1/manifest.md';
    const base = { metrics_json: '', current_metrics: '', perf_artifact_dir: '', profiling_artifact_dir: 'PROF_000001/' };
    const [d] = only(run(base, { fileName: file, context: { entries: ['capture.log', 'PROF_000001/', 'PROF_000001/device_0/'] } }).list, 'XWF307');
    assert.deepEqual(d.data, { fix: 'setStatus', value: 'inconclusive' });
    const ok = ['PROF_000001/', 'PROF_000001/mindstudio_profiler_output/'];
    assert.deepEqual(only(run(base, { fileName: file, context: { entries: ok } }).list, 'XWF307'), []);
    assert.deepEqual(only(run(base, { fileName: file, context: { entries: ['rank0_ascend_pt/', 'rank0_ascend_pt/ASCEND_PROFILER_OUTPUT/'] } }).list, 'XWF307'), []);
    const acknowledged = only(run({ ...base, conclusion_status: 'inconclusive' }, { fileName: file, context: { entries: [] } }).list, 'XWF307')[0];
    assert.equal(acknowledged.severity, 'information');
    assert.equal(acknowledged.data, undefined);
  });

  it('XWF308: L1/L2 accuracy never becomes a full conclusion', () => {
    const [d] = only(run({ level: 'full' }, { context: { score: { level: 'L2' } } }).list, 'XWF308');
    assert.deepEqual(d.data, { fix: 'replaceValue', value: 'quick' });
    assert.deepEqual(only(run({ level: 'full' }, { context: { score: { level: 'L4' } } }).list, 'XWF308'), []);
  });

  it('zh messages for the evidence rules', () => {
    const { list } = run({ commit: '', warmup_num: '0' }, { locale: 'zh-cn' });
    assert.equal(only(list, 'XWF301')[0].message, '这是调试结果，不是正式证据：缺少提交（commit）、预热（warmup_num >= 1）。');
    assert.match(only(list, 'XWF303')[0].message, /warmup_num 为 0/);
  });
});

describe('evidence grade', () => {
  it('is formal for a complete manifest and debug with reasons otherwise', () => {
    const doc = parseManifest(buildManifest(), 'manifest.md');
    assert.deepEqual(evidenceGrade(doc, { runKind: 'perf', entries: PERF_ROOT }), { grade: 'formal', reasons: [], keys: {} });
    const weak = parseManifest(buildManifest({ commit: '', dataset: '', level: 'smoke', git_status_short: 'M a.cc' }), 'manifest.md');
    const grade = evidenceGrade(weak, { runKind: 'perf', entries: PERF_ROOT });
    assert.equal(grade.grade, 'debug');
    assert.deepEqual(grade.reasons, ['commit', 'workload', 'dirtyWorktree', 'smokeLevel']);
    assert.deepEqual(describeReasons(grade, 'en'), ['commit', 'workload (dataset)', 'saved diff of the dirty worktree', 'a level above smoke']);
    assert.equal(describeReasons(grade, 'zh-cn')[1], '负载（dataset）');
  });

  it('marks unreadable manifests and missing profiling captures', () => {
    assert.deepEqual(evidenceGrade(parseManifest('Identity: [', 'manifest.yaml')).reasons, ['malformed']);
    const prof = parseManifest(buildManifest({ profiling_artifact_dir: 'PROF_1/' }), 'manifest.md');
    assert.deepEqual(evidenceGrade(prof, { runKind: 'profiling', entries: ['PROF_1/'] }).reasons, ['profilingCapture']);
  });
});
