// Commands on run roots; each accepts a tree node or, from the palette, asks for a run.
import * as vscode from 'vscode';
import type { RunRoot } from '../../core/runs/runRoot';
import type { RunsModel } from './runsModel';
import type { Grouping, RunsNode, RunsTreeProvider } from './runsTreeProvider';

export async function pickRun(model: RunsModel, node?: RunsNode, placeHolder = vscode.l10n.t('Select a run')): Promise<RunRoot | undefined> {
  if (node && node.type !== 'group') return node.run;
  const runs = model.runs();
  if (!runs.length) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No run roots in this workspace.'));
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    runs.map((run) => ({ label: run.runId, description: run.kind, detail: run.relativePath, run })),
    { placeHolder, matchOnDescription: true, matchOnDetail: true },
  );
  return picked?.run;
}

export function registerRunCommands(model: RunsModel, tree: RunsTreeProvider, view: vscode.TreeView<RunsNode>): vscode.Disposable[] {
  const showFilter = () => {
    const f = tree.currentFilter;
    view.message = f ? vscode.l10n.t('Filtered by "{0}"', f) : undefined;
    void vscode.commands.executeCommand('setContext', 'xllm.runsFiltered', !!f);
  };
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
    vscode.commands.registerCommand('xllm.groupRunsBy', async (grouping?: Grouping) => {
      const options: { label: string; value: Grouping }[] = [
        { label: vscode.l10n.t('Kind'), value: 'kind' },
        { label: vscode.l10n.t('Model'), value: 'model' },
        { label: vscode.l10n.t('Commit'), value: 'commit' },
      ];
      const value =
        grouping ??
        (
          await vscode.window.showQuickPick(
            options.map((o) => ({ ...o, description: o.value === tree.currentGrouping ? vscode.l10n.t('current') : undefined })),
            { placeHolder: vscode.l10n.t('Group runs by') },
          )
        )?.value;
      if (value) tree.setGrouping(value);
    }),
    vscode.commands.registerCommand('xllm.filterRuns', async (text?: string) => {
      const value = text ?? (await vscode.window.showInputBox({ prompt: vscode.l10n.t('Show runs whose id, kind, model, commit or status contains'), value: tree.currentFilter }));
      if (value === undefined) return;
      tree.setFilter(value);
      showFilter();
    }),
    vscode.commands.registerCommand('xllm.clearRunsFilter', () => {
      tree.setFilter('');
      showFilter();
    }),
    vscode.commands.registerCommand('xllm.deleteRun', async (node?: RunsNode) => {
      const run = await pickRun(model, node, vscode.l10n.t('Select a run to move to the trash'));
      if (!run) return;
      const confirm = vscode.l10n.t('Move to Trash');
      const answer = await vscode.window.showWarningMessage(
        vscode.l10n.t('Move run root {0} and all its artifacts to the trash?', run.runId),
        { modal: true, detail: run.root },
        confirm,
      );
      if (answer !== confirm) return;
      try {
        await vscode.workspace.fs.delete(vscode.Uri.file(run.root), { recursive: true, useTrash: true });
      } catch (e) {
        void vscode.window.showErrorMessage(vscode.l10n.t('Could not move {0} to the trash: {1}', run.runId, (e as Error).message));
      }
    }),
  ];
}
