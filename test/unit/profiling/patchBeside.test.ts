import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { diffFiles, diffOfBuffer, gitTopLevel, MAX_NEW_FILES, newFileDiff, readPatchAgainstBase, replaceFileDiff } from '../../../src/core/git/patchAgainstBase';
import { NotAGitCheckoutError } from '../../../src/core/git/gitState';
import { enclosingDefinition } from '../../../src/core/profiling/enclosingDefinition';
import { eventSymbolQuery, symbolIdentifier } from '../../../src/core/profiling/eventSymbolName';
import { flattenPatchSymbols, patchSymbols } from '../../../src/core/profiling/patchSymbols';
import { makeTempDir } from '../../support/tempDir';

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' } }).trim();
}

describe('event names to source symbols', () => {
  it('takes the trace decorations off, most specific identifier first', () => {
    assert.deepEqual(eventSymbolQuery('aclnnMuls_MulAiCore_Mul').queries, ['aclnnMuls', 'Mul']);
    assert.deepEqual(eventSymbolQuery('aclnnAddmm_MatMulCommon_MatMulV2').queries, ['aclnnAddmm', 'MatMulV2', 'MatMul']);
    assert.deepEqual(eventSymbolQuery('AscendCL@aclnnInplaceCopy').queries, ['aclnnInplaceCopy']);
    assert.deepEqual(eventSymbolQuery('Dequeue@aclnnMuls').queries, ['aclnnMuls']);
    assert.deepEqual(eventSymbolQuery('aten::matmul').queries, ['matmul']);
    assert.deepEqual(eventSymbolQuery('torch::autograd::AccumulateGrad').queries, ['AccumulateGrad']);
    assert.deepEqual(eventSymbolQuery('autograd::engine::evaluate_function: torch::autograd::AccumulateGrad').queries, ['AccumulateGrad']);
    assert.deepEqual(eventSymbolQuery('models/qwen3.py(52): forward'), { queries: ['forward'], file: 'qwen3.py' });
    assert.deepEqual(eventSymbolQuery('torch/nn/modules/module.py(1520): _call_impl'), { queries: ['_call_impl'], file: 'module.py' });
    assert.deepEqual(eventSymbolQuery('GraphLaunch').queries, ['GraphLaunch']);
    assert.deepEqual(eventSymbolQuery('<built-in function len>').queries, []);
    assert.deepEqual(eventSymbolQuery('Communication(Not Overlapped)').queries, ['Communication']);
    assert.deepEqual(eventSymbolQuery('').queries, []);
  });

  it('never throws and only offers identifiers', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (s) => {
        for (const q of eventSymbolQuery(s).queries) assert.match(q, /^~?[A-Za-z_]\w*$/);
      }),
      { numRuns: 500 },
    );
  });

  it('reduces language server symbol names to their identifier', () => {
    assert.equal(symbolIdentifier('forward(self, x)'), 'forward');
    assert.equal(symbolIdentifier('AttentionImpl::forward'), 'forward');
    assert.equal(symbolIdentifier('def apply_rope'), 'apply_rope');
    assert.equal(symbolIdentifier('aclnnMuls'), 'aclnnMuls');
    assert.equal(symbolIdentifier('Foo<T>::bar'), 'bar');
  });
});

describe('the definition around a line', () => {
  const py = ['import torch', '', 'class Attention(nn.Module):', '    def __init__(self):', '        self.x = 1', '', '    def forward(self, x):', '        y = x * 2', '', '        return y', '', 'def helper():', '    return 1', 'TOP = 3'];

  it('finds the Python function by indentation, with its class as scope', () => {
    assert.deepEqual(enclosingDefinition(py, 7), { name: 'forward', kind: 'function', line: 6, scope: 'Attention' });
    assert.deepEqual(enclosingDefinition(py, 9), { name: 'forward', kind: 'function', line: 6, scope: 'Attention' });
    assert.deepEqual(enclosingDefinition(py, 6), { name: 'forward', kind: 'function', line: 6, scope: 'Attention' });
    assert.deepEqual(enclosingDefinition(py, 12), { name: 'helper', kind: 'function', line: 11 });
    assert.deepEqual(enclosingDefinition(py, 2), { name: 'Attention', kind: 'class', line: 2 });
    assert.equal(enclosingDefinition(py, 13), null);
    assert.equal(enclosingDefinition(py, 0), null);
    assert.equal(enclosingDefinition(py, 99), null);
  });

  it('finds C++ and JavaScript functions by their open braces', () => {
    const cpp = [
      '#include <x>',
      'class RopeImpl {',
      ' public:',
      '  int forward(int x) {',
      '    if (x) {',
      '      return 1;',
      '    }',
      '    return 2;',
      '  }',
      '};',
      'torch::Tensor AttentionImpl::forward(const torch::Tensor& q) {',
      '  auto s = "}";',
      '  return q;',
      '}',
      'int tail = 0;',
    ];
    assert.deepEqual(enclosingDefinition(cpp, 5), { name: 'forward', kind: 'function', line: 3, scope: 'RopeImpl' });
    assert.deepEqual(enclosingDefinition(cpp, 7), { name: 'forward', kind: 'function', line: 3, scope: 'RopeImpl' });
    assert.deepEqual(enclosingDefinition(cpp, 12), { name: 'forward', kind: 'function', line: 10, scope: 'AttentionImpl' });
    assert.equal(enclosingDefinition(cpp, 14), null);
    const js = ['function aclnnMuls(x, scale) {', "  return launch('aclnnMuls', [x]);", '}', '', 'function aclnnInplaceCopy(dst, src) {', '  return dst;', '}'];
    assert.deepEqual(enclosingDefinition(js, 1), { name: 'aclnnMuls', kind: 'function', line: 0 });
    assert.deepEqual(enclosingDefinition(js, 5), { name: 'aclnnInplaceCopy', kind: 'function', line: 4 });
    assert.equal(enclosingDefinition(js, 3), null);
  });
});

describe('the patch of a checkout against its base', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = makeTempDir()));
  afterEach(() => cleanup());

  it('writes new files as git would show them', () => {
    const d = newFileDiff('ops/new.py', 'def rope_kernel(x):\n    return x\n');
    assert.equal(d, 'diff --git a/ops/new.py b/ops/new.py\nnew file mode 100644\n--- /dev/null\n+++ b/ops/new.py\n@@ -0,0 +1,2 @@\n+def rope_kernel(x):\n+    return x\n');
    assert.deepEqual(
      flattenPatchSymbols(patchSymbols(d)).map((s) => [s.name, s.kind, s.line]),
      [['rope_kernel', 'function', 1]],
    );
    assert.match(newFileDiff('a.txt', 'x'), /@@ -0,0 \+1 @@\n\+x\n\\ No newline at end of file\n$/);
  });

  it('diffs committed, unstaged and untracked changes against the merge-base with the upstream', async () => {
    const repo = path.join(dir, 'xllm');
    execFileSync('git', ['init', '-q', '-b', 'main', repo]);
    writeFileSync(path.join(repo, 'rope.cpp'), 'int rope_base() {\n  return 0;\n}\n');
    writeFileSync(path.join(repo, '.gitignore'), 'build/\n');
    git(repo, 'add', '.');
    git(repo, 'commit', '-qm', 'base');
    const base = git(repo, 'rev-parse', 'HEAD');
    git(repo, 'checkout', '-qb', 'feat');
    git(repo, 'branch', '-q', '--set-upstream-to', 'main');
    writeFileSync(path.join(repo, 'rope.cpp'), 'int rope_base() {\n  return 1;\n}\n');
    git(repo, 'commit', '-qam', 'committed change');
    writeFileSync(path.join(repo, 'rope.cpp'), 'int rope_base() {\n  return 1;\n}\nint fused_rope() {\n  return 2;\n}\n');
    writeFileSync(path.join(repo, 'new_op.py'), 'def npu_fused_op(x):\n    return x\n');
    mkdirSync(path.join(repo, 'build'));
    writeFileSync(path.join(repo, 'build', 'gen.py'), 'def generated(): pass\n');
    writeFileSync(path.join(repo, 'blob.bin'), Buffer.from([1, 0, 2]));

    const p = await readPatchAgainstBase(repo);
    assert.equal(p.base, base);
    assert.equal(p.upstream, 'main');
    assert.equal(p.newFiles, 1);
    assert.equal(p.skipped, 1);
    assert.match(p.diff, /- {2}return 0;\n\+ {2}return 1;/);
    const names = flattenPatchSymbols(patchSymbols(p.diff)).map((s) => `${s.file}:${s.name}`);
    assert.ok(names.includes('rope.cpp:fused_rope'), names.join(' '));
    assert.ok(names.includes('rope.cpp:rope_base'), names.join(' '));
    assert.ok(names.includes('new_op.py:npu_fused_op'), names.join(' '));
    assert.ok(!names.some((n) => n.includes('generated')), 'ignored files are not the patch');

    // A named upstream that does not exist falls back to the branch's own.
    assert.equal((await readPatchAgainstBase(repo, 'upstream/nope')).base, base);
    // Without any upstream the base is HEAD: only the uncommitted part remains.
    git(repo, 'branch', '-q', '--unset-upstream');
    const head = await readPatchAgainstBase(repo);
    assert.equal(head.base, git(repo, 'rev-parse', 'HEAD'));
    assert.equal(head.upstream, null);
    assert.doesNotMatch(head.diff, /return 0;/);
    await assert.rejects(readPatchAgainstBase(dir), NotAGitCheckoutError);
    assert.ok(MAX_NEW_FILES >= 100);
  });
});

describe('definitions around a change in a hunk', () => {
  const names = (diff: string): string[] => flattenPatchSymbols(patchSymbols(diff)).map((s) => s.name);

  it('touches the definition on a context line above a change, not one below it or after the block ended', () => {
    const diff = [
      'diff --git a/ops.js b/ops.js',
      '--- a/ops.js',
      '+++ b/ops.js',
      '@@ -1,12 +1,12 @@',
      ' function aclnnMuls(x, scale) {',
      '-  return x;',
      '+  return x * scale;',
      ' }',
      ' function untouchedAbove(y) {',
      '   return y;',
      ' }',
      '+const LIMIT = 4;',
      ' function untouchedBelow(z) {',
      '   return z;',
      ' }',
      '',
    ].join('\n');
    const got = names(diff);
    assert.ok(got.includes('aclnnMuls'), got.join(' '));
    assert.ok(!got.includes('untouchedBelow'), got.join(' '));
    // `}` at column 0 closed untouchedAbove before the added line.
    assert.ok(!got.includes('untouchedAbove'), got.join(' '));
  });
});

describe('the unsaved buffer in the patch', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = makeTempDir()));
  afterEach(() => cleanup());

  it('diffs an editor buffer against the base and puts it in place of the file in the diff', async () => {
    const repo = path.join(dir, 'xllm');
    execFileSync('git', ['init', '-q', '-b', 'main', repo]);
    writeFileSync(path.join(repo, 'ops.js'), 'function aclnnMuls(x) {\n  return x;\n}\n');
    writeFileSync(path.join(repo, 'other.js'), 'function keep() {}\n');
    git(repo, 'add', '.');
    git(repo, 'commit', '-qm', 'base');
    const base = git(repo, 'rev-parse', 'HEAD');
    assert.equal(await gitTopLevel(path.join(repo)), repo);
    assert.equal(await gitTopLevel(dir), null);

    const buffer = await diffOfBuffer(repo, base, 'ops.js', 'function aclnnMuls(x) {\n  return x * 2;\n}\n');
    assert.match(buffer, /^diff --git a\/ops\.js b\/ops\.js\n--- a\/ops\.js\n\+\+\+ b\/ops\.js\n@@ /);
    assert.deepEqual(flattenPatchSymbols(patchSymbols(buffer)).map((s) => s.name), ['aclnnMuls']);
    assert.equal(await diffOfBuffer(repo, base, 'ops.js', 'function aclnnMuls(x) {\n  return x;\n}\n'), '');
    const fresh = await diffOfBuffer(repo, base, 'new_op.js', 'function npuFusedOp() {}\n');
    assert.match(fresh, /--- \/dev\/null\n\+\+\+ b\/new_op\.js/);

    const saved = 'diff --git a/ops.js b/ops.js\n--- a/ops.js\n+++ b/ops.js\n@@ -1 +1 @@\n-old\n+new\ndiff --git a/other.js b/other.js\n--- a/other.js\n+++ b/other.js\n@@ -1 +1 @@\n-a\n+b\n';
    assert.deepEqual(diffFiles(saved), ['ops.js', 'other.js']);
    const merged = replaceFileDiff(saved, 'ops.js', buffer);
    assert.deepEqual(diffFiles(merged), ['other.js', 'ops.js']);
    assert.doesNotMatch(merged, /\+new/);
    assert.deepEqual(diffFiles(replaceFileDiff(saved, 'ops.js', '')), ['other.js']);
  });
});
