// "Generate PR Evidence": Markdown answering the PR checklist from the selected runs, opened and copied.
import * as vscode from 'vscode';
import { loadRunEvidence } from '../../core/compare/loadRunEvidence';
import { renderPrEvidence } from '../../core/compare/prEvidenceMarkdown';
import { compareRuns } from '../../core/compare/runComparison';
import { normalizeLocale } from '../../core/i18n/locale';
import type { RunRoot } from '../../core/runs/runRoot';
import { comparisonConfig } from '../config';
import type { RunsModel } from '../runs/runsModel';
import type { RunsNode } from '../runs/runsTreeProvider';

function asRun(x: unknown): RunRoot | undefined {
  if (!x || typeof x !== 'object') return undefined;
  if ('type' in x) return (x as RunsNode).type === 'run' ? (x as Extract<RunsNode, { type: 'run' }>).run : undefined;
  return 'root' in x && 'kind' in x ? (x as RunRoot) : undefined;
}

async function pickPerfPair(model: RunsModel, preselected: RunRoot[]): Promise<[RunRoot, RunRoot] | undefined> {
  let perf = preselected.filter((r) => r.kind !== 'accuracy' && r.kind !== 'profiling');
  if (perf.length < 2) {
    const items = model.runs().filter((r) => r.kind === 'perf' || r.kind === 'eval').map((run) => ({ label: run.runId, description: run.kind, run, picked: perf.includes(run) }));
    perf = (await vscode.window.showQuickPick(items, { canPickMany: true, placeHolder: vscode.l10n.t('Select the baseline and the current performance run') }))?.map((i) => i.run) ?? [];
  }
  if (perf.length !== 2) {
    if (perf.length) void vscode.window.showWarningMessage(vscode.l10n.t('PR evidence compares exactly two performance runs.'));
    return undefined;
  }
  const choice = await vscode.window.showQuickPick(
    [
      { label: perf[0].runId, description: vscode.l10n.t('baseline'), pair: [perf[0], perf[1]] as [RunRoot, RunRoot] },
      { label: perf[1].runId, description: vscode.l10n.t('baseline'), pair: [perf[1], perf[0]] as [RunRoot, RunRoot] },
    ],
    { placeHolder: vscode.l10n.t('Which run is the baseline?') },
  );
  return choice?.pair;
}

export function registerPrEvidenceCommand(model: RunsModel): vscode.Disposable {
  return vscode.commands.registerCommand('xllm.generatePrEvidence', async (first?: unknown, second?: unknown, selected?: unknown) => {
    // From the compare panel: (baseline, current). From the tree: (clicked, selectedNodes[]).
    const direct = asRun(first) && asRun(second) ? ([asRun(first)!, asRun(second)!] as [RunRoot, RunRoot]) : undefined;
    const chosen = (Array.isArray(second) ? second : Array.isArray(selected) ? selected : [first]).map(asRun).filter((r): r is RunRoot => !!r);
    const pair = direct ?? (await pickPerfPair(model, chosen));
    if (!pair) return undefined;
    const [baselineRun, currentRun] = pair;
    const extra = chosen.filter((r) => r !== baselineRun && r !== currentRun);
    return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Generating PR evidence...') }, async () => {
      const [baseline, current, accuracy, profiling] = await Promise.all([
        loadRunEvidence(baselineRun.root),
        loadRunEvidence(currentRun.root),
        Promise.all(extra.filter((r) => r.kind === 'accuracy').map((r) => loadRunEvidence(r.root))),
        Promise.all(extra.filter((r) => r.kind === 'profiling').map((r) => loadRunEvidence(r.root))),
      ]);
      const comparison = compareRuns(baseline, current, { tolerances: comparisonConfig().tolerances });
      const folder = vscode.workspace.getWorkspaceFolder(vscode.Uri.file(currentRun.root))?.uri.fsPath;
      const markdown = renderPrEvidence(comparison, { baseline, current, accuracy, profiling, linkBase: folder, locale: normalizeLocale(vscode.env.language) });
      await vscode.env.clipboard.writeText(markdown);
      const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: markdown });
      await vscode.window.showTextDocument(doc, { preview: false });
      void vscode.window.showInformationMessage(vscode.l10n.t('PR evidence ({0}) copied to the clipboard.', comparison.verdict));
      return markdown;
    });
  });
}
