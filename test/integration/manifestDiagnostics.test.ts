// Diagnostics of the real language server reach VS Code, and a quick fix applies through it.
import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { XllmApi } from '../../src/extension/api';

/** Resolves with the document's diagnostics once `ready` accepts them (waits on diagnostic events, no sleeps). */
function diagnosticsWhen(uri: vscode.Uri, ready: (d: vscode.Diagnostic[]) => boolean, ms = 20_000): Promise<vscode.Diagnostic[]> {
  const now = vscode.languages.getDiagnostics(uri);
  if (ready(now)) return Promise.resolve(now);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`diagnostics not as expected within ${ms} ms: ${JSON.stringify(vscode.languages.getDiagnostics(uri).map((d) => d.code))}`));
    }, ms);
    const sub = vscode.languages.onDidChangeDiagnostics((e) => {
      if (!e.uris.some((u) => u.toString() === uri.toString())) return;
      const list = vscode.languages.getDiagnostics(uri);
      if (ready(list)) {
        clearTimeout(timer);
        sub.dispose();
        resolve(list);
      }
    });
  });
}

const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));

describe('manifest diagnostics in a real VS Code', function () {
  this.timeout(60_000);
  let uri: vscode.Uri;

  before(async () => {
    const api = await vscode.extensions.getExtension<XllmApi>('xllm-ai.xllm-npu-workflow')!.activate();
    await api.whenServerReady();
    const folder = vscode.workspace.workspaceFolders![0].uri.fsPath;
    const root = path.join(folder, 'runs', 'perf', 'typo-run');
    mkdirSync(root, { recursive: true });
    writeFileSync(
      path.join(root, 'manifest.md'),
      ['# Run Manifest', '', '## Identity', '', '- run_id: typo-run', '- level: quik', '- conclusion_status: pending', '', '## Workload', '', '- warmup_num: 0', ''].join('\n'),
    );
    uri = vscode.Uri.file(path.join(root, 'manifest.md'));
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
  });

  it('reports structure, type and evidence findings with stable codes and doc links', async () => {
    const list = await diagnosticsWhen(uri, (l) => l.some((d) => codeOf(d) === 'XWF201'));
    const codes = list.map(codeOf);
    assert.ok(codes.includes('XWF201'), codes.join(','));
    assert.ok(codes.includes('XWF303'), codes.join(','));
    const typo = list.find((d) => codeOf(d) === 'XWF201')!;
    assert.equal(typo.range.start.line, 5);
    assert.equal(typo.source, 'xwf');
    assert.match(String(typeof typo.code === 'object' ? typo.code.target : ''), /diagnostics\.md#xwf201$/);
  });

  it('applies the enum quick fix and the finding goes away', async () => {
    const list = await diagnosticsWhen(uri, (l) => l.some((d) => codeOf(d) === 'XWF201'));
    const typo = list.find((d) => codeOf(d) === 'XWF201')!;
    // VS Code cancels a code-action request when the model changes under it (a freshly opened editor
    // may still be settling), so ask again a bounded number of times instead of sleeping.
    let actions: vscode.CodeAction[] = [];
    for (let attempt = 0; attempt < 10 && !actions.some((a) => a.edit); attempt++) {
      try {
        actions = (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, typo.range, vscode.CodeActionKind.QuickFix.value)) ?? [];
      } catch (e) {
        if (!/Canceled/.test(String(e))) throw e;
      }
    }
    const fix = actions.find((a) => a.edit && /quick/.test(a.title));
    assert.ok(fix, `a fix to 'quick' is offered: ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit!));
    const doc = await vscode.workspace.openTextDocument(uri);
    assert.equal(doc.lineAt(5).text, '- level: quick');
    await diagnosticsWhen(uri, (l) => !l.some((d) => codeOf(d) === 'XWF201'));
  });
});
