// New Run, Fill Code from Git and Save Worktree Diff through the real extension, on a real git checkout.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { XllmApi } from '../../src/extension/api';

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' },
  }).trim();
}

describe('new runs and git-backed fixes in a real VS Code', function () {
  this.timeout(60_000);
  let folder: string;
  let repo: string;
  let head: string;

  before(async () => {
    await vscode.extensions.getExtension<XllmApi>('xllm-ai.xllm-npu-workflow')!.activate();
    folder = vscode.workspace.workspaceFolders![0].uri.fsPath;
    repo = path.join(folder, 'xllm-checkout');
    mkdirSync(repo, { recursive: true });
    git(repo, 'init', '-q', '-b', 'main');
    writeFileSync(path.join(repo, 'rope.cpp'), 'int rope() { return 1; }\n');
    git(repo, 'add', '.');
    git(repo, 'commit', '-qm', 'base');
    head = git(repo, 'rev-parse', 'HEAD');
  });

  // Leave the shared sample workspace as the other suites expect it.
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const id of ['it-new-run', 'it-git-fill', 'it-git-diff']) rmSync(path.join(folder, 'runs', 'perf', id), { recursive: true, force: true });
    rmSync(repo, { recursive: true, force: true });
  });

  it('creates a run root with its skeleton and opens its prefilled manifest', async () => {
    const manifest = await vscode.commands.executeCommand<string>('xllm.newRun', 'perf', 'it-new-run');
    assert.equal(manifest, path.join(folder, 'runs', 'perf', 'it-new-run', 'manifest.md'));
    for (const dir of ['env', 'service', 'evalscope/raw']) assert.ok(existsSync(path.join(folder, 'runs', 'perf', 'it-new-run', dir)), dir);
    const text = readFileSync(manifest, 'utf8');
    assert.match(text, /^- run_id: it-new-run$/m);
    assert.match(text, /^- conclusion_status: pending$/m);
    assert.equal(vscode.window.activeTextEditor?.document.uri.fsPath, manifest);
    // A second New Run with the same id changes nothing.
    writeFileSync(manifest, text + '\n<!-- edited -->\n');
    assert.equal(await vscode.commands.executeCommand('xllm.newRun', 'perf', 'it-new-run'), undefined);
    assert.match(readFileSync(manifest, 'utf8'), /<!-- edited -->/);
  });

  it('fills the Code section from the checkout the manifest names, as one undoable edit', async () => {
    const root = path.join(folder, 'runs', 'perf', 'it-git-fill');
    mkdirSync(root, { recursive: true });
    const file = path.join(root, 'manifest.md');
    writeFileSync(file, `# Run Manifest\n\n## Identity\n\n- run_id: it-git-fill\n\n## Code\n\n- repo_path: ${repo}\n- commit:\n`);
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    await vscode.window.showTextDocument(doc);
    assert.equal(await vscode.commands.executeCommand('xllm.fillCodeFromGit', doc.uri), true);
    const text = doc.getText();
    assert.match(text, new RegExp(`^- commit: ${head}$`, 'm'));
    assert.match(text, /^- branch: main$/m);
    assert.match(text, /^- git_status_short:$/m);
    await vscode.commands.executeCommand('undo');
    assert.match(doc.getText(), /^- commit:$/m, 'one undo restores the text');
  });

  it('saves the dirty diff into the run root and references it in the manifest', async () => {
    writeFileSync(path.join(repo, 'rope.cpp'), 'int rope() { return 2; }\n');
    const root = path.join(folder, 'runs', 'perf', 'it-git-diff');
    mkdirSync(root, { recursive: true });
    const file = path.join(root, 'manifest.md');
    writeFileSync(file, `# Run Manifest\n\n## Code\n\n- repo_path: ${repo}\n- git_status_short: M rope.cpp\n`);
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    await vscode.window.showTextDocument(doc);
    assert.equal(await vscode.commands.executeCommand('xllm.saveWorktreeDiff', doc.uri), true);
    const diff = readFileSync(path.join(root, 'worktree.diff'), 'utf8');
    assert.match(diff, /-int rope\(\) \{ return 1; \}\n\+int rope\(\) \{ return 2; \}/);
    assert.match(doc.getText(), /^- deviations: uncommitted changes saved in worktree\.diff$/m);
    assert.ok(await doc.save());
  });
});
