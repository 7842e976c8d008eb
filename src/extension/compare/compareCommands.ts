// "Compare Runs": two runs (baseline, current) or several for a sweep, from the Runs view or the palette.
import * as vscode from 'vscode';
import type { RunRoot } from '../../core/runs/runRoot';
import type { RunsModel } from '../runs/runsModel';
import type { RunsNode } from '../runs/runsTreeProvider';
import { ComparePanel } from './comparePanel';

function runsOf(nodes: readonly (RunsNode | undefined)[]): RunRoot[] {
  const out = new Map<string, RunRoot>();
  for (const n of nodes) if (n && n.type === 'run') out.set(n.run.root, n.run);
  return [...out.values()];
}

async function pickRuns(model: RunsModel): Promise<RunRoot[] | undefined> {
  const items = model.runs().map((run) => ({ label: run.runId, description: run.kind, detail: run.relativePath, run }));
  const picked = await vscode.window.showQuickPick(items, { canPickMany: true, ignoreFocusOut: true, placeHolder: vscode.l10n.t('Select a baseline and a current run (or several runs for a sweep)') });
  return picked?.map((p) => p.run);
}

export function registerCompareCommands(context: vscode.ExtensionContext, model: RunsModel): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('xllm.compareRuns', async (clicked?: RunsNode | RunRoot, selected?: RunsNode[], current?: RunRoot) => {
      // Programmatic form: (baselineRun, undefined, currentRun).
      let runs: RunRoot[] | undefined;
      if (clicked && !('type' in clicked) && current) runs = [clicked, current];
      else runs = runsOf(selected?.length ? selected : [clicked as RunsNode | undefined]);
      if (!runs || runs.length < 2) runs = await pickRuns(model);
      if (!runs || runs.length < 2) {
        if (runs) void vscode.window.showInformationMessage(vscode.l10n.t('Select at least two runs to compare.'));
        return undefined;
      }
      if (runs.length > 2) return ComparePanel.show(context.extensionUri, { kind: 'sweep', runs });
      let [baseline, cur] = runs;
      if (!(clicked && current)) {
        const choice = await vscode.window.showQuickPick(
          [
            { label: baseline.runId, description: vscode.l10n.t('baseline'), pair: [baseline, cur] as const },
            { label: cur.runId, description: vscode.l10n.t('baseline'), pair: [cur, baseline] as const },
          ],
          // A second step must survive a webview or editor taking focus while it opens.
          { placeHolder: vscode.l10n.t('Which run is the baseline?'), ignoreFocusOut: true },
        );
        if (!choice) return undefined;
        [baseline, cur] = choice.pair;
      }
      return ComparePanel.show(context.extensionUri, { kind: 'pair', baseline, current: cur });
    }),
  ];
}
