import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { readGitState, worktreeDiff, NotAGitCheckoutError } from '../../../src/core/git/gitState';
import { gatherNewRunContext } from '../../../src/core/runs/newRunContext';
import { parseMarkdownManifest } from '../../../src/core/manifest/markdownManifest';
import { textOf } from '../../../src/core/manifest/manifestModel';
import { createRunRoot, planNewRun, RunRootExistsError, suggestRunId } from '../../../src/core/runs/newRun';
import { makeTempDir } from '../../support/tempDir';

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' } }).trim();
}

describe('new run', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = makeTempDir()));
  afterEach(() => cleanup());

  it('reads commit, branch, merge-base with upstream, dirty status and diff from a real checkout', async () => {
    const repo = path.join(dir, 'xllm');
    execFileSync('git', ['init', '-q', '-b', 'main', repo]);
    writeFileSync(path.join(repo, 'rope.cpp'), 'int a;\n');
    git(repo, 'add', '.');
    git(repo, 'commit', '-qm', 'base');
    const base = git(repo, 'rev-parse', 'HEAD');
    git(repo, 'checkout', '-qb', 'feat');
    writeFileSync(path.join(repo, 'rope.cpp'), 'int b;\n');
    git(repo, 'commit', '-qam', 'patch');
    writeFileSync(path.join(repo, 'rope.cpp'), 'int c;\n');
    const state = await readGitState(repo, 'main');
    assert.equal(state.branch, 'feat');
    assert.equal(state.commit, git(repo, 'rev-parse', 'HEAD'));
    assert.equal(state.baseCommit, base);
    assert.equal(state.statusShort, ' M rope.cpp');
    assert.match(await worktreeDiff(repo), /-int b;\n\+int c;/);
    await assert.rejects(readGitState(dir), NotAGitCheckoutError);
  });

  it('leaves git alone when told to (an untrusted workspace) and says so', async () => {
    const repo = path.join(dir, 'ws');
    execFileSync('git', ['init', '-q', '-b', 'main', repo]);
    writeFileSync(path.join(repo, 'a.txt'), 'a\n');
    git(repo, 'add', '.');
    git(repo, 'commit', '-qm', 'base');
    const trusted = await gatherNewRunContext(repo, []);
    assert.equal(trusted.git?.commit, git(repo, 'rev-parse', 'HEAD'));
    const untrusted = await gatherNewRunContext(repo, [], undefined, undefined, { readGit: false });
    assert.equal(untrusted.git, null);
    assert.match(untrusted.gitProblem ?? '', /untrusted/);
  });

  it('plans a perf run root with a prefilled manifest and carries the previous run over', () => {
    const previous = parseMarkdownManifest('## Environment\n\n- host: npu-a2\n\n## Service\n\n- startup_command: xllm --port 1\n- service_pid: 4242\n\n## Workload\n\n- warmup_num: 8\n');
    const plan = planNewRun({
      workspace: dir,
      kind: 'perf',
      runId: suggestRunId('perf', 'Qwen3-32B', new Date('2026-11-29T08:00:00Z')),
      now: new Date('2026-11-29T08:00:00Z'),
      git: { repoPath: '/ws/xllm', branch: 'feat', commit: 'a'.repeat(40), baseCommit: 'b'.repeat(40), upstream: 'origin/main', statusShort: '', submoduleStatus: '' },
      config: { xllm_config: { model: 'Qwen3-32B', tp_size: 4 } },
      previous,
    });
    assert.equal(plan.root, path.join(dir, 'runs', 'perf', '20261129-qwen3-32b-perf'));
    assert.deepEqual(plan.folders, ['env', 'service', 'evalscope/raw']);
    const doc = parseMarkdownManifest(plan.manifest);
    assert.equal(textOf(doc, 'run_id'), '20261129-qwen3-32b-perf');
    assert.equal(textOf(doc, 'commit'), 'a'.repeat(40));
    assert.equal(textOf(doc, 'base_commit'), 'b'.repeat(40));
    assert.equal(textOf(doc, 'host'), 'npu-a2');
    assert.equal(textOf(doc, 'warmup_num'), '8');
    assert.equal(textOf(doc, 'model_name'), 'Qwen3-32B');
    assert.equal(textOf(doc, 'tensor_parallel'), '4');
    assert.equal(textOf(doc, 'service_pid'), undefined, 'per-run values are not copied');
    assert.equal(textOf(doc, 'metrics_json'), 'metrics.json');
    assert.equal(doc.sections.length, 9);
  });

  it('creates the folder skeleton and never overwrites an existing run root', async () => {
    const plan = planNewRun({ workspace: dir, kind: 'eval', runId: 'e1', now: new Date() });
    const manifest = await createRunRoot(plan);
    assert.ok(existsSync(path.join(plan.root, 'perf')) && existsSync(path.join(plan.root, 'accuracy')));
    writeFileSync(manifest, 'edited');
    await assert.rejects(createRunRoot(plan), RunRootExistsError);
    assert.equal(readFileSync(manifest, 'utf8'), 'edited');
    assert.throws(() => planNewRun({ workspace: dir, kind: 'perf', runId: '../escape', now: new Date() }), /invalid run_id/);
  });
});
