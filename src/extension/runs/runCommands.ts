// Commands on run roots; each accepts a tree node or, from the palette, asks for a run.
import * as vscode from 'vscode';
import type { RunRoot } from '../../core/runs/runRoot';
import type { RunsModel } from './runsModel';
import type { RunsNode } from './runsTreeProvider';

async function pickRun(model: RunsModel, node?: RunsNode): Promise<RunRoot | undefined> {
  if (node && node.type !== 'kind') return node.run;
  const runs = model.runs();
  if (!runs.length) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No run roots in this workspace.'));
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    runs.map((run) => ({ label: run.runId, description: run.kind, detail: run.relativePath, run })),
    { placeHolder: vscode.l10n.t('Select a run') },
  );
  return picked?.run;
}

export function registerRunCommands(model: RunsModel): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('xllm.refreshRuns', () => model.refresh()),
    vscode.commands.registerCommand('xllm.openManifest', async (node?: RunsNode) => {
      const run = await pickRun(model, node);
      if (!run) return;
      if (!run.manifestPath) {
        void vscode.window.showWarningMessage(vscode.l10n.t('Run {0} has no manifest.md or manifest.yaml.', run.runId));
        return;
      }
      await vscode.window.showTextDocument(vscode.Uri.file(run.manifestPath), { preview: true });
    }),
    vscode.commands.registerCommand('xllm.revealRun', async (node?: RunsNode) => {
      const run = await pickRun(model, node);
      if (run) await vscode.commands.executeCommand('revealInExplorer', vscode.Uri.file(run.root));
    }),
  ];
}
