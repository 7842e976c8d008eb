import * as assert from 'node:assert/strict';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { EnvironmentError, UsageError, type CliIO } from '../../../src/cli/command';
import { validateCommand } from '../../../src/cli/commands/validate';
import { validateReportSchema, type DiagnosticRow } from '../../../src/core/diagnostics/diagnosticReport';
import { REPO_ROOT } from '../../support/paths';
import { makeTempDir, writeTree } from '../../support/tempDir';
import { buildManifest } from './manifestBuilder';

const FIXTURES = path.join(REPO_ROOT, 'test', 'fixtures', 'manifests');

function fakeIO(cwd: string, locale: 'en' | 'zh-cn' = 'en') {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIO = { out: (t) => void out.push(t), err: (t) => void err.push(t), locale, cwd, env: {} };
  return { io, stdout: () => out.join(''), stderr: () => err.join('') };
}

async function validate(args: string[], cwd: string, json = true, locale: 'en' | 'zh-cn' = 'en') {
  const f = fakeIO(cwd, locale);
  const code = await validateCommand.run({ positionals: args, values: { json }, io: f.io });
  const rows: DiagnosticRow[] = json ? validateReportSchema.parse(JSON.parse(f.stdout())) : [];
  return { code, rows, stdout: f.stdout(), stderr: f.stderr() };
}

/** A perf run root that satisfies every rule except what a test changes. */
function perfRoot(manifest: string): Record<string, string> {
  return {
    'runs/perf/qwen3-32b-tp4-20260529/manifest.md': manifest,
    'runs/perf/qwen3-32b-tp4-20260529/env/npu-smi.before.txt': 'ok\n',
    'runs/perf/qwen3-32b-tp4-20260529/service/command.sh': 'xllm\n',
    'runs/perf/qwen3-32b-tp4-20260529/evalscope/raw/benchmark.log': 'ok\n',
    'runs/perf/qwen3-32b-tp4-20260529/metrics.json': readFileSync(path.join(FIXTURES, 'workspace/runs/perf/qwen3-32b-tp4-overlap-20260529/metrics.json'), 'utf8')
      .replace('qwen3-32b-tp4-overlap-20260529', 'qwen3-32b-tp4-20260529')
      .replace('"warmup_num": 16', '"warmup_num": null')
      .replace('"commit": "7c41e9a0d2b3"', '"commit": null'),
    'runs/perf/qwen3-32b-tp4-20260529/report.md': '# report\n',
  };
}

describe('xwf validate', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = makeTempDir()));
  afterEach(() => cleanup());

  it('reports nothing and exits 0 for the clean formal workspace (Markdown and YAML runs, metrics, score, request config)', async () => {
    const r = await validate([path.join(FIXTURES, 'workspace')], REPO_ROOT);
    assert.deepEqual(r.rows, []);
    assert.equal(r.code, 0);
    const text = await validate([path.join(FIXTURES, 'workspace')], REPO_ROOT, false);
    assert.match(text.stdout, /^7 file\(s\) checked: 0 error\(s\), 0 warning\(s\), 0 note\(s\)\n$/);
  });

  it('a manifest that omits commit and warmup reports both with their codes, 1-based, and exits 1 on a pass verdict', async () => {
    const manifest = buildManifest({ commit: null, warmup_num: null, conclusion_status: 'pass' });
    writeTree(dir, perfRoot(manifest));
    const file = 'runs/perf/qwen3-32b-tp4-20260529/manifest.md';
    const r = await validate([file], dir);
    assert.equal(r.code, 1);
    const byCode = (code: string) => r.rows.filter((x) => x.code === code);
    const formal = byCode('XWF301')[0];
    assert.match(formal.message, /missing commit, warmup/);
    assert.equal(formal.severity, 'error');
    const statusLine = manifest.split('\n').findIndex((l) => l.startsWith('- conclusion_status:'));
    assert.deepEqual([formal.file, formal.line, formal.column, formal.endLine, formal.endColumn], [file, statusLine + 1, 22, statusLine + 1, 26]);
    assert.equal(byCode('XWF303').length, 1);
    assert.deepEqual(byCode('XWF106')[0].message, 'Missing from the template (2): Code: commit; Workload: warmup_num.');
    assert.deepEqual([...new Set(r.rows.map((x) => x.code))].sort(), ['XWF106', 'XWF301', 'XWF303']);
  });

  it('exits 0 when the findings are warnings only, and prints compiler-style lines', async () => {
    writeTree(dir, perfRoot(buildManifest({ warmup_num: '0' })));
    const r = await validate(['runs'], dir, false);
    assert.equal(r.code, 0);
    assert.match(r.stdout, /^runs\/perf\/qwen3-32b-tp4-20260529\/manifest\.md:\d+:\d+: warning XWF303: warmup_num is 0/m);
    assert.match(r.stdout, /2 file\(s\) checked: 0 error\(s\), [1-9]\d* warning\(s\)/);
  });

  it('checks the weak fixture across files: dirty tree, missing counters, credentials', async () => {
    const r = await validate([path.join(FIXTURES, 'weak')], REPO_ROOT);
    assert.equal(r.code, 1);
    assert.deepEqual(
      [...new Set(r.rows.map((x) => x.code))].sort(),
      ['XWF102', 'XWF105', 'XWF106', 'XWF201', 'XWF204', 'XWF206', 'XWF207', 'XWF208', 'XWF301', 'XWF302', 'XWF303', 'XWF305', 'XWF306', 'XWF501', 'XWF502'],
    );
    assert.ok(r.rows.every((x) => x.file === 'test/fixtures/manifests/weak/runs/perf/qwen35-27b-mtp-20260531/manifest.md'));
  });

  it('finds the baseline of a single file in its workspace and checks fairness', async () => {
    cpSync(path.join(FIXTURES, 'workspace'), dir, { recursive: true });
    const file = path.join(dir, 'runs/perf/qwen3-32b-tp4-overlap-20260529/manifest.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('- parallel: 16', '- parallel: 32'));
    const r = await validate([file], dir);
    // The fixture's verdict is pass, so an unfair comparison is an error.
    assert.deepEqual(r.rows.map((x) => [x.code, x.severity, x.line]), [['XWF404', 'error', 72]]);
    assert.equal(r.code, 1);
    assert.match(r.rows.find((x) => x.code === 'XWF404')!.message, /parallel is '32' here and '16' there/);
  });

  it('refuses a 50 MB manifest and a GBK file with one diagnostic each', async () => {
    writeTree(dir, { 'big/manifest.md': 'x'.repeat(50 * 1024 * 1024) });
    const big = await validate(['big/manifest.md'], dir);
    assert.deepEqual(big.rows.map((x) => [x.code, x.line, x.column]), [['XWF001', 1, 1]]);
    assert.equal(big.code, 1);
    writeFileSync(path.join(dir, 'manifest.md'), Buffer.concat([Buffer.from('## Identity\n- purpose: '), Buffer.from([0xb2, 0xe2, 0xca, 0xd4])]));
    const gbk = await validate(['manifest.md'], dir, true, 'zh-cn');
    assert.deepEqual(gbk.rows.map((x) => x.code), ['XWF004']);
    assert.match(gbk.rows[0].message, /GBK/);
  });

  it('validates JSON artifacts named directly, and skips unknown files with a note', async () => {
    writeTree(dir, { 'score.json': '{"run_id": 1}', 'notes.txt': 'hi' });
    const r = await validate(['score.json', 'notes.txt'], dir);
    assert.ok(r.rows.length > 0 && r.rows.every((x) => x.code === 'XWF602' && x.file === 'score.json'));
    assert.match(r.stderr, /skipped .*notes\.txt: not a manifest or a known JSON artifact/);
    assert.equal(r.code, 1);
  });

  it('a folder that is itself a run root outside the conventional layout', async () => {
    writeTree(dir, { 'exp1/manifest.md': buildManifest({ warmup_num: '0' }), 'exp1/metrics.json': '{' });
    const r = await validate(['exp1'], dir);
    assert.deepEqual([...new Set(r.rows.map((x) => x.code))].sort(), ['XWF301', 'XWF303', 'XWF401', 'XWF601']);
  });

  it('usage and environment errors', async () => {
    await assert.rejects(validate([], dir), UsageError);
    await assert.rejects(validate(['missing-folder'], dir), EnvironmentError);
  });
});
