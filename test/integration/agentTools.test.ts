// The agent tools inside a real VS Code: visible to agent mode through vscode.lm.tools, callable through
// vscode.lm.invokeTool with the sample workspace open, and the Install Agent Skills command.
import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { AGENT_TOOLS } from '../../src/core/agentTools/toolRegistry';
import { toolInputJsonSchema } from '../../src/core/agentTools/toolJsonSchema';
import type { Comparison } from '../../src/core/compare/comparisonSchema';
import type { XllmApi } from '../../src/extension/api';

async function activate(): Promise<XllmApi> {
  const ext = vscode.extensions.getExtension<XllmApi>('xllm-ai.xllm-npu-workflow');
  assert.ok(ext, 'the extension is installed');
  const api = await ext.activate();
  await api.whenRunsLoaded();
  return api;
}

function textOf(result: vscode.LanguageModelToolResult): string[] {
  return result.content.filter((p): p is vscode.LanguageModelTextPart => p instanceof vscode.LanguageModelTextPart).map((p) => p.value);
}

describe('agent tools in a real VS Code', function () {
  this.timeout(60_000);
  before(() => activate());

  it('shows every registry tool to agents through vscode.lm.tools, with the generated input schema', () => {
    const ours = vscode.lm.tools.filter((t) => t.name.startsWith('xllm_'));
    assert.deepEqual(ours.map((t) => t.name).sort(), AGENT_TOOLS.map((t) => t.name).sort());
    for (const tool of AGENT_TOOLS) {
      const info = ours.find((t) => t.name === tool.name)!;
      assert.equal(info.description, tool.description);
      assert.deepEqual(info.inputSchema, toolInputJsonSchema(tool));
      assert.ok(info.tags.includes('xllm'), tool.name);
    }
  });

  it('lists the runs of the open workspace when invoked through vscode.lm.invokeTool', async () => {
    const result = await vscode.lm.invokeTool('xllm_list_runs', { input: {}, toolInvocationToken: undefined });
    const [summary, json] = textOf(result);
    const report = JSON.parse(json) as { folder: string; count: number; runs: { run_id: string }[] };
    assert.equal(report.folder, vscode.workspace.workspaceFolders![0].uri.fsPath);
    assert.ok(report.count >= 8, summary);
    assert.ok(report.runs.some((r) => r.run_id === 'qwen3-32b-tp4-baseline'));
    assert.match(summary, new RegExp(`${report.count}`));
  });

  it('compares two runs through the tool with exactly the comparison the panel shows', async () => {
    const api = await activate();
    const runs = new Map(api.runs().map((r) => [r.runId, r]));
    for (const current of ['qwen3-32b-tp4-fused-rope', 'qwen3-32b-tp4-smoke']) {
      const input = { baseline: 'runs/perf/qwen3-32b-tp4-baseline', current: `runs/perf/${current}` };
      const result = await vscode.lm.invokeTool('xllm_compare_runs', { input, toolInvocationToken: undefined });
      const fromTool = JSON.parse(textOf(result)[1]) as Comparison;
      const panel = await vscode.commands.executeCommand<{ lastMessage?: { comparison?: Comparison } }>('xllm.compareRuns', runs.get('qwen3-32b-tp4-baseline'), undefined, runs.get(current));
      const fromPanel = panel.lastMessage?.comparison;
      assert.ok(fromPanel, 'the panel shows a comparison');
      // Only how each run root is displayed differs: the path as typed by the agent, the absolute path in the panel.
      const rootless = (c: Comparison) => ({ ...c, baseline: { ...c.baseline, root: '' }, current: { ...c.current, root: '' } });
      assert.deepEqual(rootless(fromTool), rootless(fromPanel));
      assert.equal(fromTool.verdict, current === 'qwen3-32b-tp4-smoke' ? 'SMOKE_ONLY' : fromPanel.verdict);
    }
  });

  it('answers a bad input with an error that names the field', async () => {
    await assert.rejects(
      Promise.resolve(vscode.lm.invokeTool('xllm_gate_verdict', { input: { target: 7 }, toolInvocationToken: undefined })),
      (e: Error) => /target/.test(e.message),
    );
  });

  it('installs the agent skills through the command, generated from the CLI help', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'xwf-skills-it-'));
    try {
      const result = await vscode.commands.executeCommand<{ written: string[]; kept: string[] }>('xllm.installAgentSkills', { agents: ['claude'], folder: vscode.Uri.file(dir) });
      assert.deepEqual(result?.written, ['.claude/skills/xllm-workflow/SKILL.md']);
      const skill = readFileSync(path.join(dir, '.claude', 'skills', 'xllm-workflow', 'SKILL.md'), 'utf8');
      assert.match(skill, /^---\nname: xllm-workflow\n/);
      assert.match(skill, /Usage: xwf validate <files or folders\.\.\.>/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
