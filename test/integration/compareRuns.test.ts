// The compare command in a real VS Code: the panel opens beside the editor with the core's verdict.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { XllmApi } from '../../src/extension/api';

interface PanelLike {
  lastMessage?: { type: string; comparison?: { verdict: string; baseline: { run_id: string }; current: { run_id: string }; gain: { allowed: boolean } }; sweep?: { points: unknown[] } };
}

async function runsByName(): Promise<Map<string, XllmApi extends { runs(): readonly (infer R)[] } ? R : never>> {
  const ext = vscode.extensions.getExtension<XllmApi>('xllm-ai.xllm-npu-workflow')!;
  const api = await ext.activate();
  await api.whenRunsLoaded();
  return new Map(api.runs().map((r) => [r.runId, r]));
}

/** The comparison tab, waiting on tab events: the tab model reaches the extension host after the panel opens. */
function compareTab(ms = 10_000): Promise<vscode.Tab | undefined> {
  const find = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).find((t) => t.input instanceof vscode.TabInputWebview && /xllm\.compare/.test(t.input.viewType));
  const now = find();
  if (now) return Promise.resolve(now);
  return new Promise((resolve) => {
    const timer = setTimeout(() => done(undefined), ms);
    const sub = vscode.window.tabGroups.onDidChangeTabs(() => {
      const tab = find();
      if (tab) done(tab);
    });
    function done(tab: vscode.Tab | undefined) {
      clearTimeout(timer);
      sub.dispose();
      resolve(tab);
    }
  });
}

describe('comparing runs in a real VS Code', function () {
  this.timeout(60_000);

  it('compares the formal baseline and patched runs and reaches a formal verdict', async () => {
    const runs = await runsByName();
    const panel = await vscode.commands.executeCommand<PanelLike>('xllm.compareRuns', runs.get('qwen3-32b-tp4-baseline'), undefined, runs.get('qwen3-32b-tp4-fused-rope'));
    const msg = panel.lastMessage;
    assert.equal(msg?.type, 'comparison', JSON.stringify(msg));
    assert.equal(msg.comparison!.baseline.run_id, 'qwen3-32b-tp4-baseline');
    assert.equal(msg.comparison!.current.run_id, 'qwen3-32b-tp4-fused-rope');
    assert.ok(['PASS', 'FAIL'].includes(msg.comparison!.verdict), msg.comparison!.verdict);
    assert.equal(msg.comparison!.gain.allowed, true);
    const tab = await compareTab();
    assert.ok(tab, 'a comparison webview tab is open');
  });

  it('refuses a gain for the smoke run', async () => {
    const runs = await runsByName();
    const panel = await vscode.commands.executeCommand<PanelLike>('xllm.compareRuns', runs.get('qwen3-32b-tp4-baseline'), undefined, runs.get('qwen3-32b-tp4-smoke'));
    assert.equal(panel.lastMessage?.comparison?.verdict, 'SMOKE_ONLY');
    assert.equal(panel.lastMessage?.comparison?.gain.allowed, false);
  });

  it('generates PR evidence, opens it as Markdown and copies it', async () => {
    const runs = await runsByName();
    const markdown = await vscode.commands.executeCommand<string>('xllm.generatePrEvidence', runs.get('qwen3-32b-tp4-baseline'), runs.get('qwen3-32b-tp4-fused-rope'));
    assert.match(markdown, /Qwen3-32B/);
    assert.match(markdown, /e4a19c2f7b6d/);
    assert.match(markdown, /xllm --model/);
    assert.equal(await vscode.env.clipboard.readText(), markdown);
    assert.equal(vscode.window.activeTextEditor?.document.languageId, 'markdown');
    assert.equal(vscode.window.activeTextEditor?.document.getText(), markdown);
  });
});
