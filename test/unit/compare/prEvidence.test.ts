import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { loadRunEvidence } from '../../../src/core/compare/loadRunEvidence';
import { prEvidence, renderPrEvidence } from '../../../src/core/compare/prEvidenceMarkdown';
import { prEvidenceSchema } from '../../../src/core/compare/prEvidenceSchema';
import type { RunEvidence } from '../../../src/core/compare/runEvidence';
import { compareRuns } from '../../../src/core/compare/runComparison';
import { writeSampleWorkspace } from '../../../src/core/sample/sampleWorkspace';
import { makeTempDir } from '../../support/tempDir';

/** A percentage written as a gain or change: `+9.0%`, `-8.4 %`, `12%`. */
const PERCENT_GAIN = /\d(\.\d+)?\s*%/;

describe('compare: PR evidence on the sample workspace', function () {
  this.timeout(60000);
  let ws: string;
  let cleanup: () => void;
  const runs: Record<string, RunEvidence> = {};
  const load = async (rel: string) => (runs[rel] ??= await loadRunEvidence(path.join(ws, rel)));

  before(async () => {
    ({ dir: ws, cleanup } = makeTempDir('xwf-pr-'));
    await writeSampleWorkspace(ws);
  });
  after(() => cleanup());

  it('answers every checklist item for the formal pair, with a PASS and its gains', async () => {
    const baseline = await load('runs/perf/qwen3-32b-tp4-baseline');
    const current = await load('runs/perf/qwen3-32b-tp4-fused-rope');
    const accuracy = [await load('runs/accuracy/qwen3-32b-gsm8k-l3')];
    const profiling = [await load('profiling/qwen3-32b-decode-fused-rope')];
    const cmp = compareRuns(baseline, current);
    assert.equal(cmp.verdict, 'PASS', JSON.stringify(cmp.reasons));
    const md = renderPrEvidence(cmp, { baseline, current, accuracy, profiling, linkBase: ws });

    // Model, tokenizer, dtype, device model and count, framework commit.
    assert.match(md, /\| Model \| Qwen3-32B \(`\/models\/Qwen3-32B`\)/);
    assert.match(md, /\| Tokenizer \| `\/models\/Qwen3-32B`/);
    assert.match(md, /\| dtype \/ quantization \| bf16 \/ none/);
    assert.match(md, /Ascend 910B2C x 4 \(0,1,2,3\)/);
    assert.match(md, /xllm `e4a19c2f7b6d5e3a1c0b9f8e7d6c5b4a39281706`/);
    // Exact launch and benchmark commands, fenced.
    assert.match(md, /```bash\nxllm --model \/models\/Qwen3-32B --devices npu:0,npu:1,npu:2,npu:3 --port 18000 .*--enable_graph true\n```/);
    assert.match(md, /```bash\nevalscope perf --model Qwen3-32B --url http:\/\/127\.0\.0\.1:18000\/v1\/chat\/completions .*--parallel 32 --number 512 --warmup-num 8 .*\n```/);
    // Warm-up on a clean device: the gate was evaluated from env/.
    assert.match(md, /- Baseline: warmup_num 8; precheck gate passed \(env\/\): the device was clean and idle/);
    // Profiling only as diagnosis, with the capture linked.
    assert.match(md, /Profiling was used only as diagnosis/);
    assert.match(md, /\[qwen3-32b-decode-fused-rope\]\(profiling\/qwen3-32b-decode-fused-rope\/manifest\.md\)/);
    // Accuracy level and where the bad cases are.
    assert.match(md, /Highest accuracy level reached: L3\./);
    assert.match(md, /183\/200 correct, score 0\.915.*\[failed_cases\.jsonl\]\(runs\/accuracy\/qwen3-32b-gsm8k-l3\/failed_cases\.jsonl\) \(17\)/);
    // What the patch changed and the remaining risks.
    assert.match(md, /Commits: baseline `7d3f2a91c4e8` -> current `e4a19c2f7b6d`/);
    assert.match(md, /Purpose: Fused RoPE kernel/);
    assert.match(md, /Worktree: `M xllm\/core\/kernels\/npu\/rope\.cpp`; diff saved: \[worktree\.diff\]\(runs\/perf\/qwen3-32b-tp4-fused-rope\/worktree\.diff\)/);
    assert.match(md, /## Remaining risks\n\n- /);
    // Artifacts, relative, never this machine's paths.
    assert.match(md, /\[env\/\]\(runs\/perf\/qwen3-32b-tp4-baseline\/env\/\)/);
    assert.match(md, /\[metrics\.json\]\(runs\/perf\/qwen3-32b-tp4-fused-rope\/metrics\.json\)/);
    assert.ok(!md.includes(ws), 'absolute paths leaked');
    // The table: avg/p50/p90/p99 per concurrency, and the gain since this is a formal PASS.
    assert.match(md, /### concurrency 32\n\n\| Metric \| Run \| avg \| p50 \| p90 \| p99 \|/);
    assert.match(md, /\| TPOT \(ms\) \| Baseline \| 38\.59 \| 38\.55 \| 41\.46 \| 43\.58 \|/);
    assert.match(md, /\| {2}\| Δ \| -3\.24 \(-8\.4%\) \|/);
    assert.match(md, /\*\*Verdict: PASS\*\*/);
    assert.match(md, /\| TPOT avg \| 38\.59 ms \| 35\.35 ms \| <= 40\.52 ms \| PASS \|/);
  });

  it('refuses a gain for the smoke run and says why', async () => {
    const baseline = await load('runs/perf/qwen3-32b-tp4-baseline');
    const smoke = await load('runs/perf/qwen3-32b-tp4-smoke');
    const cmp = compareRuns(baseline, smoke);
    assert.equal(cmp.verdict, 'SMOKE_ONLY');
    const md = renderPrEvidence(cmp, { baseline, current: smoke, linkBase: ws });
    assert.doesNotMatch(md, PERCENT_GAIN);
    assert.doesNotMatch(md, /Δ/);
    assert.match(md, /\*\*Verdict: SMOKE_ONLY\*\*/);
    assert.match(md, /> No percentage gain is reported: current qwen3-32b-tp4-smoke: level is smoke; current qwen3-32b-tp4-smoke: warmup_num is 0/);
    assert.match(md, /- Current: warmup_num 0; no gate snapshot env\/: a clean device is not shown \(not warmed up\)/);
    assert.match(md, /No accuracy run attached/);
  });

  it('refuses a gain when the current run is a profiling run', async () => {
    const baseline = await load('runs/perf/qwen3-32b-tp4-baseline');
    const prof = await load('profiling/qwen3-32b-decode-fused-rope');
    const cmp = compareRuns(baseline, prof);
    assert.equal(cmp.gain.allowed, false);
    assert.ok(cmp.reasons.some((r) => r.code === 'profiling_run'));
    const md = renderPrEvidence(cmp, { baseline, current: prof, linkBase: ws });
    assert.doesNotMatch(md, PERCENT_GAIN);
    assert.match(md, /Profiling touched the compared numbers: `qwen3-32b-decode-fused-rope`/);
  });

  it('writes Simplified Chinese headings and sentences with locale zh-cn', async () => {
    const baseline = await load('runs/perf/qwen3-32b-tp4-baseline');
    const smoke = await load('runs/perf/qwen3-32b-tp4-smoke');
    const md = renderPrEvidence(compareRuns(baseline, smoke), { baseline, current: smoke, linkBase: ws, locale: 'zh-cn' });
    for (const h of ['## 环境与模型', '## 命令', '## 预热与设备状态', '## 性能采集', '## 精度', '## 补丁改动', '## 遗留风险', '## 公平性', '## 结果', '## 可复现结论的产物']) assert.ok(md.includes(h), h);
    assert.match(md, /> 不报告百分比收益：当前 qwen3-32b-tp4-smoke：级别为 smoke/);
    assert.doesNotMatch(md, /## Setup|No percentage gain/);
    assert.doesNotMatch(md, PERCENT_GAIN);
  });

  it('gives the answers as JSON that matches its schema', async () => {
    const baseline = await load('runs/perf/qwen3-32b-tp4-baseline');
    const current = await load('runs/perf/qwen3-32b-tp4-fused-rope');
    const accuracy = [await load('runs/accuracy/qwen3-32b-gsm8k-l3'), await load('runs/accuracy/qwen3-32b-ceval-l2')];
    const e = prEvidenceSchema.parse(prEvidence(compareRuns(baseline, current), { baseline, current, accuracy, linkBase: ws }));
    assert.equal(e.setup.current.device_count, 4);
    assert.equal(e.warmup_clean.baseline.clean, true);
    assert.equal(e.accuracy.highest_level, 'L3');
    assert.deepEqual(e.patch.diff_files.map((d) => d.link), ['runs/perf/qwen3-32b-tp4-fused-rope/worktree.diff']);
    assert.equal(e.commands.benchmark.baseline[0].reconstructed, true);
    assert.equal(e.profiling.diagnosis_only, true);
  });
});
