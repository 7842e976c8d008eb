// Manifest editing through the real language server and the real custom editor.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { XllmApi } from '../../src/extension/api';

async function api(): Promise<XllmApi> {
  const ext = vscode.extensions.getExtension<XllmApi>('xllm-ai.xllm-npu-workflow');
  assert.ok(ext, 'extension not loaded');
  const a = await ext.activate();
  await a.whenRunsLoaded();
  await a.whenServerReady();
  return a;
}

async function perfManifest(): Promise<vscode.TextDocument> {
  const run = (await api()).runs().find((r) => r.runId === 'qwen3-32b-tp4-baseline');
  assert.ok(run?.manifestPath, 'the workspace has a perf run with a manifest');
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(run.manifestPath));
  await vscode.window.showTextDocument(doc);
  return doc;
}

function lineOf(doc: vscode.TextDocument, prefix: string): number {
  for (let i = 0; i < doc.lineCount; i++) if (doc.lineAt(i).text.startsWith(prefix)) return i;
  throw new Error(`no line starting with ${prefix}`);
}

describe('manifest editing in a real VS Code', function () {
  this.timeout(60_000);

  it('outlines the manifest by section through the language server', async () => {
    const doc = await perfManifest();
    // VS Code's own Markdown support may add heading symbols too: ours are the Namespace symbols.
    const all = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', doc.uri);
    const symbols = all.filter((s) => s.kind === vscode.SymbolKind.Namespace);
    assert.deepEqual(
      symbols.map((s) => s.name),
      ['Identity', 'Code', 'Environment', 'Model', 'Service', 'Workload', 'Artifacts', 'Comparison', 'Notes'],
    );
    assert.ok(symbols[0].children.some((c) => c.name === 'run_id'));
  });

  it('explains a key on hover', async () => {
    const doc = await perfManifest();
    const line = lineOf(doc, '- warmup_num:');
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', doc.uri, new vscode.Position(line, 4));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /warmup_num/);
    assert.match(text, /Warmup requests|预热请求/);
  });

  it('completes enum values of level', async () => {
    const doc = await perfManifest();
    const line = lineOf(doc, '- level:');
    const end = doc.lineAt(line).text.length;
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(line, end));
    const labels = list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    for (const v of ['smoke', 'quick', 'full']) assert.ok(labels.includes(v), `${v} offered, got ${labels.slice(0, 10).join(',')}`);
  });

  it('opens the Run Manifest Form over the same document', async () => {
    const doc = await perfManifest();
    await vscode.commands.executeCommand('xllm.openManifestForm', doc.uri);
    const tab = vscode.window.tabGroups.activeTabGroup.activeTab;
    assert.ok(tab?.input instanceof vscode.TabInputCustom, 'a custom editor tab is active');
    assert.equal((tab.input as vscode.TabInputCustom).viewType, 'xllm.manifestForm');
    assert.equal((tab.input as vscode.TabInputCustom).uri.toString(), doc.uri.toString());
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
