import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { runCli } from '../../../src/cli/main';
import { comparisonSchema } from '../../../src/core/compare/comparisonSchema';
import { prEvidenceSchema } from '../../../src/core/compare/prEvidenceSchema';
import { writeSampleWorkspace } from '../../../src/core/sample/sampleWorkspace';
import { captureIO } from '../../support/captureIO';
import { makeTempDir } from '../../support/tempDir';

const BASE = 'runs/perf/qwen3-32b-tp4-baseline';
const FUSED = 'runs/perf/qwen3-32b-tp4-fused-rope';
const SMOKE = 'runs/perf/qwen3-32b-tp4-smoke';
const MTP = 'runs/perf/qwen3-32b-tp4-mtp';

describe('xwf compare and pr-evidence', function () {
  this.timeout(60000);
  let ws: string;
  let cleanup: () => void;
  before(async () => {
    ({ dir: ws, cleanup } = makeTempDir('xwf-cmp-cli-'));
    await writeSampleWorkspace(ws);
  });
  after(() => cleanup());

  it('prints PASS with the fairness summary and the metric table, and exits 0', async () => {
    const io = captureIO(ws);
    assert.equal(await runCli(['compare', BASE, FUSED], io), 0, io.stderr());
    const out = io.stdout();
    assert.match(out, /Verdict: PASS/);
    assert.match(out, /Fairness: fair \(\d+ equal, 0 different/);
    assert.match(out, /level full, warmup 8, gate pass/);
    assert.match(out, /TPOT\s+avg\s+38\.59 ms\s+35\.35 ms\s+-3\.24 ms \(-8\.4%\)\s+<= 40\.52 ms\s+pass \*/);
    assert.match(out, /TTFT\s+p99\s+632\.64 ms/);
  });

  it('prints SMOKE_ONLY for the smoke run without any percentage, and exits 1', async () => {
    const io = captureIO(ws);
    assert.equal(await runCli(['compare', BASE, SMOKE], io), 1);
    const out = io.stdout();
    assert.match(out, /Verdict: SMOKE_ONLY/);
    assert.match(out, /\[smoke_level\]/);
    assert.match(out, /No percentage gain is reported/);
    assert.doesNotMatch(out, /\d\s*%/);
  });

  it('gives JSON matching the schema, and exits 1 for an unfair pair', async () => {
    const io = captureIO(ws);
    assert.equal(await runCli(['compare', BASE, MTP, '--json'], io), 1);
    const cmp = comparisonSchema.parse(JSON.parse(io.stdout()));
    assert.equal(cmp.verdict, 'INCONCLUSIVE');
    assert.equal(cmp.baseline.root, BASE);
    assert.ok(cmp.fairness.differences.includes('speculative_tokens'));
    assert.ok(cmp.metrics.every((r) => r.delta_pct === null));
  });

  it('allows the --experiment parameter and reads tolerances from options', async () => {
    const io = captureIO(ws);
    await runCli(['compare', BASE, MTP, '--json', '--experiment', 'speculative_tokens'], io);
    const cmp = comparisonSchema.parse(JSON.parse(io.stdout()));
    assert.deepEqual(cmp.experiment, { field: 'speculative_tokens', source: 'option' });
    for (const f of ['speculative_tokens', 'draft_model_path', 'startup:num_speculative_tokens']) assert.equal(cmp.fairness.rows.find((r) => r.field === f)?.status, 'allowed', f);
    // The MTP run also changed number and warmup_num: still not fair.
    assert.deepEqual(cmp.fairness.differences, ['number', 'warmup_num']);

    const strict = captureIO(ws);
    assert.equal(await runCli(['compare', BASE, FUSED, '--json', '--tolerance-latency', '0.5'], strict), 1);
    const failed = comparisonSchema.parse(JSON.parse(strict.stdout()));
    assert.equal(failed.verdict, 'FAIL');
    assert.equal(failed.tolerances.latency, 0.5);
  });

  it('exits 2 on bad usage and 3 on a missing run', async () => {
    for (const args of [['compare', BASE], ['compare', BASE, FUSED, '--tolerance-throughput', 'fast'], ['compare', BASE, FUSED, '--tolerance-accuracy', '3'], ['compare', BASE, FUSED, '--bogus']]) {
      const io = captureIO(ws);
      assert.equal(await runCli(args, io), 2, args.join(' '));
      assert.match(io.stderr(), /usage: xwf compare/);
    }
    const io = captureIO(ws);
    assert.equal(await runCli(['compare', BASE, 'runs/perf/nope'], io), 3);
    assert.match(io.stderr(), /runs\/perf\/nope: no such folder/);
  });

  it('prints the PR evidence, or writes it with links relative to the file, never over an existing file', async () => {
    const io = captureIO(ws);
    assert.equal(await runCli(['pr-evidence', BASE, FUSED, '--accuracy', 'runs/accuracy/qwen3-32b-gsm8k-l3'], io), 0, io.stderr());
    assert.match(io.stdout(), /^# Performance evidence: `qwen3-32b-tp4-fused-rope` vs baseline `qwen3-32b-tp4-baseline`/);

    const out = path.join(ws, 'runs', 'pr.md');
    const w = captureIO(ws);
    assert.equal(await runCli(['pr-evidence', BASE, FUSED, '--profiling', 'profiling/qwen3-32b-decode-fused-rope', '--out', 'runs/pr.md'], w), 0, w.stderr());
    assert.equal(w.stdout(), '');
    const text = readFileSync(out, 'utf8');
    assert.match(text, /\[worktree\.diff\]\(perf\/qwen3-32b-tp4-fused-rope\/worktree\.diff\)/);
    assert.match(text, /\[qwen3-32b-decode-fused-rope\]\(\.\.\/profiling\/qwen3-32b-decode-fused-rope\/manifest\.md\)/);

    writeFileSync(out, 'mine');
    const again = captureIO(ws);
    assert.equal(await runCli(['pr-evidence', BASE, SMOKE, '--out', 'runs/pr.md'], again), 3);
    assert.match(again.stderr(), /already exists; pass --force/);
    assert.equal(readFileSync(out, 'utf8'), 'mine');
    assert.equal(await runCli(['pr-evidence', BASE, SMOKE, '--out', 'runs/pr.md', '--force'], captureIO(ws)), 0);
    const smoke = readFileSync(out, 'utf8');
    assert.match(smoke, /SMOKE_ONLY/);
    assert.doesNotMatch(smoke, /\d\s*%/);
  });

  it('gives the PR evidence as JSON matching its schema, in Chinese on request', async () => {
    const io = captureIO(ws);
    assert.equal(await runCli(['pr-evidence', BASE, FUSED, '--json', '--lang', 'zh-CN'], io), 0);
    const e = prEvidenceSchema.parse(JSON.parse(io.stdout()));
    assert.equal(e.verdict, 'PASS');
    assert.match(e.markdown, /^# 性能证据/);
    assert.match(e.markdown, /\*\*结论：PASS\*\*/);
    const missing = captureIO(ws);
    assert.equal(await runCli(['pr-evidence', BASE, FUSED, '--accuracy', 'runs/accuracy/none'], missing), 3);
    assert.equal(await runCli(['pr-evidence', BASE, FUSED, '--lang', 'fr'], captureIO(ws)), 2);
  });
});
