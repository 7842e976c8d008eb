import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as fc from 'fast-check';
import type { CliIO } from '../../../src/cli/command';
import { runCli } from '../../../src/cli/main';
import { flattenPatchSymbols, patchSymbols, type PatchSymbol } from '../../../src/core/profiling/patchSymbols';
import { PatchNameMatcher, nameCounts, splitWords, touchedNames } from '../../../src/core/profiling/patchEventMatch';
import { patchEventsReportSchema } from '../../../src/core/profiling/patchEventsReport';
import { findProfilingOutputs } from '../../../src/core/profiling/profilingOutputs';
import { FileProfilingSource } from '../../../src/core/profiling/profilingSource';
import { writeSampleWorkspace } from '../../../src/core/sample/sampleWorkspace';
import type { TraceColumns } from '../../../src/core/trace/traceColumns';
import { makeTempDir } from '../../support/tempDir';

const CPP_DIFF = [
  'diff --git a/xllm/core/kernels/npu/rope.cpp b/xllm/core/kernels/npu/rope.cpp',
  'index 3f2a1b0..9c8d7e6 100644',
  '--- a/xllm/core/kernels/npu/rope.cpp',
  '+++ b/xllm/core/kernels/npu/rope.cpp',
  '@@ -40,9 +40,12 @@ void apply_rotary_pos_emb(Tensor& q, Tensor& k) {',
  '   auto stream = c10_npu::getCurrentNPUStream();',
  '-  auto cos = rotary_cos(q);',
  '-  auto sin = rotary_sin(q);',
  '+  auto cos_sin = fused_rotary_cos_sin(q);',
  '+  uint64_t ws = 0;',
  '+  aclOpExecutor* exec = nullptr;',
  '+  CHECK_ACL(aclnnApplyRotaryPosEmbGetWorkspaceSize(q, k, cos_sin, &ws, &exec));',
  '+  CHECK_ACL(aclnnApplyRotaryPosEmb(workspace, ws, exec, stream));',
  '   if (q.dim() == 4) {',
  '     return;',
  '   }',
  '@@ -120,6 +123,14 @@ class RotaryEmbeddingImpl : public torch::nn::Module {',
  ' ',
  '+static torch::Tensor compute_inv_freq(int64_t dim, float theta) {',
  '+  for (int i = 0; i < dim; ++i) {',
  '+    if (i % 2) continue;',
  '+  }',
  '+  return torch::arange(0, dim, 2);',
  '+}',
  '+',
  '+TORCH_LIBRARY_FRAGMENT(xllm_ops, m) { m.def("fused_rope_cache(Tensor q, Tensor k) -> Tensor"); }',
  '',
  'diff --git a/xllm/core/kernels/npu/ops/argmax_v3.cpp b/xllm/core/kernels/npu/ops/argmax_v3.cpp',
  'new file mode 100644',
  '--- /dev/null',
  '+++ b/xllm/core/kernels/npu/ops/argmax_v3.cpp',
  '@@ -0,0 +1,4 @@',
  '+REGISTER_CUSTOM_OP("ArgMaxV3")',
  '+    .FrameworkType(PYTORCH)',
  '+    .OriginOpType("ArgMaxV2");',
  '+class ArgMaxV3Tiling final {};',
  '',
].join('\n');

const PY_DIFF = [
  'diff --git a/xllm/models/qwen3.py b/xllm/models/qwen3.py',
  '--- a/xllm/models/qwen3.py',
  '+++ b/xllm/models/qwen3.py',
  '@@ -10,6 +10,9 @@ class Qwen3Attention(nn.Module):',
  '     def forward(self, x):',
  '-        return self.rotary_emb(x)',
  '+        return torch_npu.npu_rotary_mul(x, self.cos, self.sin)',
  '+',
  '+    async def prefetch_kv(self, seq):',
  '+        pass',
  ' ',
  ' ',
  '@@ -80,3 +83,4 @@ def build_model(cfg):',
  '-class Qwen3DecoderLayer(nn.Module):',
  '+class Qwen3FusedDecoderLayer(nn.Module):',
  '     pass',
  '+# end',
  '',
].join('\n');

function byName(diff: string): Map<string, PatchSymbol> {
  return new Map(flattenPatchSymbols(patchSymbols(diff)).map((s) => [s.name, s]));
}

function sym(name: string, kind: PatchSymbol['kind'] = 'function'): PatchSymbol {
  return { name, kind, file: 'x.cpp', line: 1, origin: 'added' };
}

function io(cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  const value: CliIO = { out: (t) => out.push(t), err: (t) => err.push(t), locale: 'en', cwd, env: {} };
  return { io: value, out: () => out.join(''), err: () => err.join('') };
}

describe('patch symbols', () => {
  it('reads C++ definitions, aclnn calls and op registrations with file and line', () => {
    const s = byName(CPP_DIFF);
    assert.deepEqual(s.get('apply_rotary_pos_emb'), { name: 'apply_rotary_pos_emb', kind: 'function', file: 'xllm/core/kernels/npu/rope.cpp', line: 40, origin: 'hunk-header' });
    assert.equal(s.get('RotaryEmbeddingImpl')?.kind, 'class');
    assert.equal(s.get('RotaryEmbeddingImpl')?.line, 123);
    // Removed lines count in the old file, added lines in the new one.
    assert.deepEqual([s.get('rotary_cos')?.line, s.get('rotary_cos')?.origin], [41, 'removed']);
    assert.deepEqual([s.get('rotary_sin')?.line, s.get('rotary_sin')?.origin], [42, 'removed']);
    assert.deepEqual([s.get('fused_rotary_cos_sin')?.line, s.get('fused_rotary_cos_sin')?.kind], [41, 'call']);
    // Both halves of the two-phase aclnn API are one symbol.
    assert.deepEqual([s.get('aclnnApplyRotaryPosEmb')?.kind, s.get('aclnnApplyRotaryPosEmb')?.line], ['aclnn', 44]);
    assert.equal(s.has('aclnnApplyRotaryPosEmbGetWorkspaceSize'), false);
    assert.deepEqual([s.get('compute_inv_freq')?.kind, s.get('compute_inv_freq')?.line], ['function', 124]);
    assert.equal(s.get('fused_rope_cache')?.kind, 'op-registration');
    assert.equal(s.get('xllm_ops')?.kind, 'op-registration');
    const argmax = patchSymbols(CPP_DIFF).find((f) => f.file === 'xllm/core/kernels/npu/ops/argmax_v3.cpp');
    assert.ok(argmax, 'the new file is listed under its b/ path');
    const a = new Map(argmax.symbols.map((x) => [x.name, x]));
    assert.deepEqual([a.get('ArgMaxV3')?.kind, a.get('ArgMaxV3')?.line], ['op-registration', 1]);
    assert.deepEqual([a.get('ArgMaxV2')?.kind, a.get('ArgMaxV2')?.line], ['op-type', 3]);
    assert.equal(a.get('ArgMaxV3Tiling')?.kind, 'class');
  });

  it('reads Python functions and classes from headers and changed lines', () => {
    const s = byName(PY_DIFF);
    assert.deepEqual([s.get('Qwen3Attention')?.kind, s.get('Qwen3Attention')?.origin, s.get('Qwen3Attention')?.line], ['class', 'hunk-header', 10]);
    assert.deepEqual([s.get('prefetch_kv')?.kind, s.get('prefetch_kv')?.line], ['function', 13]);
    assert.deepEqual([s.get('build_model')?.kind, s.get('build_model')?.line], ['function', 83]);
    assert.deepEqual([s.get('Qwen3DecoderLayer')?.kind, s.get('Qwen3DecoderLayer')?.origin, s.get('Qwen3DecoderLayer')?.line], ['class', 'removed', 80]);
    assert.deepEqual([s.get('Qwen3FusedDecoderLayer')?.kind, s.get('Qwen3FusedDecoderLayer')?.line], ['class', 83]);
    assert.equal(s.get('npu_rotary_mul')?.kind, 'call');
    assert.equal(s.get('rotary_emb')?.kind, 'call');
    // `forward` is a context line, but the changed line below it is its body: the definition around a change is touched.
    assert.deepEqual([s.get('forward')?.kind, s.get('forward')?.origin, s.get('forward')?.line], ['function', 'hunk-header', 10]);
  });

  it('drops keywords, builtins and short names, and lists each name once per file', () => {
    const all = flattenPatchSymbols(patchSymbols(CPP_DIFF + PY_DIFF));
    const names = all.map((s) => s.name);
    for (const noise of ['if', 'for', 'while', 'return', 'auto', 'int', 'dim', 'self', 'pass', 'CHECK_ACL', 'Tensor', 'nullptr', 'cos', 'sin', 'def', 'class', 'x']) {
      assert.ok(!names.includes(noise), `${noise} is noise`);
    }
    assert.ok(all.every((s) => s.name.length >= 4));
    const keys = all.map((s) => `${s.file}\0${s.name}`);
    assert.equal(new Set(keys).size, keys.length);
  });

  it('survives anything that is not a diff', () => {
    assert.deepEqual(patchSymbols(''), []);
    assert.deepEqual(patchSymbols('hello\nworld\n'), []);
    assert.deepEqual(patchSymbols('@@ -1 +1 @@ void orphan_hunk() {\n+foo_bar();\n'), [], 'a hunk without a file header is ignored');
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (text) => {
        for (const f of patchSymbols(`diff --git a/x.py b/x.py\n--- a/x.py\n+++ b/x.py\n@@ -1,3 +1,3 @@\n${text}`)) {
          for (const s of f.symbols) assert.ok(s.name.length >= 4 && s.line >= 0);
        }
      }),
    );
  });
});

describe('patch event matching', () => {
  it('splits names into words at punctuation and camel humps', () => {
    assert.deepEqual(splitWords('aclnnArgMax_ArgMaxV2AiCore_ArgMaxV2').map((w) => w.lower), ['aclnn', 'arg', 'max', 'arg', 'max', 'v2', 'ai', 'core', 'arg', 'max', 'v2']);
    assert.deepEqual(splitWords('AICore rotary_pos_emb').map((w) => w.lower), ['ai', 'core', 'rotary', 'pos', 'emb']);
  });

  it('tells op types, aclnn APIs, exact words and case-folded words apart', () => {
    const m = new PatchNameMatcher([
      sym('ArgMaxV2', 'op-type'),
      sym('aclnnArgMax', 'aclnn'),
      sym('apply_rotary_pos_emb'),
      sym('rotary_pos_emb', 'call'),
      sym('allReduce', 'call'),
      sym('aclrtMemcpyAsync', 'call'),
    ]);
    const kinds = (name: string): string[] => m.match(name).map((x) => `${x.symbol}:${x.kind}`);
    assert.deepEqual(kinds('aclnnArgMax_ArgMaxV2AiCore_ArgMaxV2'), ['ArgMaxV2:op-type', 'aclnnArgMax:aclnn-api']);
    assert.deepEqual(kinds('aclnnArgMax'), ['aclnnArgMax:aclnn-api']);
    assert.deepEqual(kinds('aclnnArgMaxWithValue_ArgMaxWithValueAiCore_ArgMaxWithValue'), [], 'another API with the same prefix');
    assert.deepEqual(kinds('xllm::apply_rotary_pos_emb'), ['apply_rotary_pos_emb:word', 'rotary_pos_emb:word']);
    assert.deepEqual(kinds('aclnnApplyRotaryPosEmb_RotaryPositionEmbeddingAiVector_RotaryPositionEmbedding'), ['apply_rotary_pos_emb:case-folded', 'rotary_pos_emb:case-folded']);
    assert.deepEqual(kinds('hcom_allReduce__586_0_1'), ['allReduce:word']);
    assert.deepEqual(kinds('AscendCL@aclrtMemcpyAsync'), ['aclrtMemcpyAsync:word']);
    assert.deepEqual(kinds('AscendCL@aclrtMemcpy'), [], 'a longer symbol does not match its prefix');
    assert.deepEqual(kinds('AscendCL@aclmdlRIExecuteAsync'), []);
  });

  it('matches one-word symbols only as a whole part spelled the same', () => {
    const m = new PatchNameMatcher([sym('Cast', 'op-registration'), sym('forward'), sym('init'), sym('matmul', 'call')]);
    const kinds = (name: string): string[] => m.match(name).map((x) => `${x.symbol}:${x.kind}`);
    assert.deepEqual(kinds('aclnnCast_CastAiVector_Cast'), ['Cast:op-type']);
    assert.deepEqual(kinds('aten::matmul'), ['matmul:word']);
    assert.deepEqual(kinds('aten::forward'), ['forward:word']);
    for (const name of ['aclnnMatmul_MatMulV2AiCore_MatMulV2', 'BroadcastCastInit', 'aclnnInitKvCache', 'forwarding', 'Forward', 'aten::_init_weights_x', 'FastCast']) {
      assert.deepEqual(kinds(name), [], name);
    }
  });

  it('does not take every module\'s forward for the patched one', () => {
    const diff = [
      'diff --git a/xllm/models/qwen3.py b/xllm/models/qwen3.py',
      '--- a/xllm/models/qwen3.py',
      '+++ b/xllm/models/qwen3.py',
      '@@ -50,2 +50,2 @@ class Qwen3Attention(nn.Module):',
      '-    def forward(self, x):',
      '+    def forward(self, x, cache):',
      ' ',
      'diff --git a/xllm/core/layers/npu/attention.cpp b/xllm/core/layers/npu/attention.cpp',
      '--- a/xllm/core/layers/npu/attention.cpp',
      '+++ b/xllm/core/layers/npu/attention.cpp',
      '@@ -10,2 +10,2 @@ torch::Tensor AttentionImpl::execute(const torch::Tensor& x) {',
      '-  return run_a(x);',
      '+  return run_b(x);',
      '',
    ].join('\n');
    const symbols = flattenPatchSymbols(patchSymbols(diff));
    assert.equal(symbols.find((s) => s.name === 'execute')?.scope, 'AttentionImpl');
    const m = new PatchNameMatcher(symbols);
    const hit = (name: string): string[] => m.match(name).map((x) => x.symbol);
    assert.deepEqual(hit('xllm/models/qwen3.py(52): forward'), ['forward']);
    assert.deepEqual(hit('torch/nn/modules/linear.py(113): forward'), []);
    assert.deepEqual(hit('DistributedDataParallel.forward'), []);
    assert.deepEqual(hit('xllm::AttentionImpl::execute'), ['execute']);
    assert.deepEqual(hit('xllm::MlpImpl::execute'), []);
    assert.deepEqual(hit('execute'), ['execute']);
  });

  it('takes names with regex metacharacters and odd text literally', () => {
    const m = new PatchNameMatcher([sym('fused_rope(.*)'), sym('a+b_c+d'), sym('apply_rotary_pos_emb')]);
    assert.deepEqual(m.match('anything_at_all'), []);
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (name) => {
        const found = m.match(name);
        // A match needs the symbol's words in order in the name.
        for (const x of found) {
          const need = splitWords(x.symbol).map((w) => w.lower).join(' ');
          assert.ok(` ${splitWords(name).map((w) => w.lower).join(' ')} `.includes(` ${need} `));
        }
      }),
    );
  });

  it('counts events per touched name from the columns and leaves out names without events', () => {
    const strings = ['', 'aclnnArgMax_ArgMaxV2AiCore_ArgMaxV2', 'ArgMaxV2', 'aclnnAdd_AddAiVector_Add', 'GraphLaunch'];
    const name = Uint32Array.from([1, 3, 1, 4, 1, 3, 4]);
    const columns = { count: name.length, name, strings };
    assert.deepEqual([...nameCounts(columns)], [0, 3, 0, 2, 2]);
    const touched = touchedNames([sym('ArgMaxV2', 'op-type'), sym('GraphLaunch', 'op-type')], columns);
    assert.deepEqual(touched.map((t) => [t.name, t.nameId, t.count, t.matches[0].kind]), [
      ['aclnnArgMax_ArgMaxV2AiCore_ArgMaxV2', 1, 3, 'op-type'],
      ['GraphLaunch', 4, 2, 'op-type'],
    ]);
    assert.deepEqual(touchedNames([], columns), []);
  });
});

describe('patch events of the sample capture', function () {
  this.timeout(60000);
  let tmp: ReturnType<typeof makeTempDir>;
  let columns: TraceColumns;
  let diffFile: string;
  const capture = 'profiling/qwen3-32b-decode-fused-rope';

  before(async () => {
    tmp = makeTempDir();
    await writeSampleWorkspace(tmp.dir);
    diffFile = path.join(tmp.dir, 'runs/perf/qwen3-32b-tp4-fused-rope/worktree.diff');
    const trace = await new FileProfilingSource(await findProfilingOutputs(path.join(tmp.dir, capture))).trace();
    assert.ok(trace);
    columns = trace;
  });
  after(() => tmp.cleanup());

  it('finds the RoPE kernel touched by the fused RoPE patch, and nothing else', () => {
    const files = patchSymbols(readFileSync(diffFile, 'utf8'));
    assert.deepEqual(files.map((f) => f.file), ['xllm/core/kernels/npu/rope.cpp']);
    assert.deepEqual(files[0].symbols.map((s) => s.name).sort(), ['apply_rotary_pos_emb', 'fused_rotary_cos_sin', 'rotary_cos']);
    const touched = touchedNames(flattenPatchSymbols(files), columns);
    assert.equal(touched.length, 1);
    const [rope] = touched;
    assert.match(rope.name, /^aclnnApplyRotaryPosEmb_/);
    assert.equal(rope.matches[0].symbol, 'apply_rotary_pos_emb');
    assert.equal(rope.matches[0].kind, 'case-folded');
    let expected = 0;
    for (let i = 0; i < columns.count; i++) if (columns.strings[columns.name[i]] === rope.name) expected++;
    assert.ok(expected > 0);
    assert.equal(rope.count, expected);
  });

  it('touches the argmax kernel and the collectives through op type and call names', () => {
    const diff = 'diff --git a/a.cpp b/a.cpp\n--- a/a.cpp\n+++ b/a.cpp\n@@ -1,2 +1,2 @@\n-  run("ArgMaxV2");\n+  hcom_allReduce(buf); aclnnArgMax(ws);\n   x = 1;\n';
    const touched = touchedNames(flattenPatchSymbols(patchSymbols(diff)), columns);
    const names = touched.map((t) => t.name);
    assert.ok(names.includes('aclnnArgMax_ArgMaxV2AiVector_ArgMaxV2'));
    assert.ok(names.some((n) => n.startsWith('hcom_allReduce__')));
    assert.ok(names.every((n) => n.startsWith('aclnnArgMax_') || n.startsWith('hcom_allReduce__')), names.join(', '));
  });

  it('xwf patch-events prints the touched names and JSON that fits its schema', async () => {
    const t = io(tmp.dir);
    assert.equal(await runCli(['patch-events', capture, '--patch', 'runs/perf/qwen3-32b-tp4-fused-rope/worktree.diff', '--json'], t.io), 0);
    const report = patchEventsReportSchema.parse(JSON.parse(t.out()));
    assert.equal(report.touched.length, 1);
    assert.equal(report.touched[0].matches[0].symbol, 'apply_rotary_pos_emb');
    assert.equal(report.events, columns.count);
    assert.equal(report.touched_events, report.touched[0].count);
    const text = io(tmp.dir);
    assert.equal(await runCli(['patch-events', capture, '--patch', 'runs/perf/qwen3-32b-tp4-fused-rope/worktree.diff'], text.io), 0);
    assert.match(text.out(), /aclnnApplyRotaryPosEmb_\S+\s+<- apply_rotary_pos_emb \[case-folded\] xllm\/core\/kernels\/npu\/rope\.cpp:40/);
  });

  it('xwf patch-events refuses a missing option, a missing file and a file that is not a diff', async () => {
    assert.equal(await runCli(['patch-events', capture], io(tmp.dir).io), 2);
    const missing = io(tmp.dir);
    assert.equal(await runCli(['patch-events', capture, '--patch', 'nope.diff'], missing.io), 3);
    assert.match(missing.err(), /nope\.diff: cannot read the patch/);
    writeFileSync(path.join(tmp.dir, 'notes.txt'), 'just some notes\n');
    const notDiff = io(tmp.dir);
    assert.equal(await runCli(['patch-events', capture, '--patch', 'notes.txt'], notDiff.io), 2);
    assert.match(notDiff.err(), /not a unified diff/);
  });
});
