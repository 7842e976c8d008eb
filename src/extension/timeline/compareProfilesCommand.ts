// "Compare Profiling Runs...": two profiling captures (baseline, current) analysed with the same boundary and
// shown as a Markdown comparison beside the editor.
import * as vscode from 'vscode';
import { normalizeLocale } from '../../core/i18n/locale';
import { compareProfiles } from '../../core/profiling/profileComparison';
import { renderProfileComparisonMarkdown } from '../../core/profiling/profileComparisonText';
import { analyzeProfile } from '../../core/profiling/profileReport';
import { findProfilingOutputs, ProfilingPathError } from '../../core/profiling/profilingOutputs';
import { FileProfilingSource } from '../../core/profiling/profilingSource';
import type { RunRoot } from '../../core/runs/runRoot';
import { log } from '../log';
import type { RunsNode } from '../runs/runsTreeProvider';

export function asProfilingRun(x: unknown): RunRoot | undefined {
  if (!x || typeof x !== 'object') return undefined;
  const run = 'type' in x ? ((x as RunsNode).type === 'run' ? (x as Extract<RunsNode, { type: 'run' }>).run : undefined) : 'root' in x && 'kind' in x ? (x as RunRoot) : undefined;
  return run?.kind === 'profiling' ? run : undefined;
}

/** Baseline first: from the tree selection when it holds two profiling runs, else asked for. */
export async function pickPair(profilingRuns: readonly RunRoot[], preselected: RunRoot[]): Promise<[RunRoot, RunRoot] | undefined> {
  let chosen = preselected;
  if (chosen.length !== 2) {
    if (profilingRuns.length < 2) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Comparing needs two profiling runs; this workspace has {0}.', profilingRuns.length));
      return undefined;
    }
    const items = profilingRuns.map((run) => ({ label: run.runId, description: run.relativePath, run, picked: chosen.includes(run) }));
    chosen = (await vscode.window.showQuickPick(items, { canPickMany: true, placeHolder: vscode.l10n.t('Select the baseline and the current profiling run') }))?.map((i) => i.run) ?? [];
    if (!chosen.length) return undefined;
    if (chosen.length !== 2) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Select exactly two profiling runs to compare.'));
      return undefined;
    }
  }
  const choice = await vscode.window.showQuickPick(
    [
      { label: chosen[0].runId, description: vscode.l10n.t('baseline'), pair: [chosen[0], chosen[1]] as [RunRoot, RunRoot] },
      { label: chosen[1].runId, description: vscode.l10n.t('baseline'), pair: [chosen[1], chosen[0]] as [RunRoot, RunRoot] },
    ],
    { placeHolder: vscode.l10n.t('Which run is the baseline?') },
  );
  return choice?.pair;
}

/** profilingRuns lists the Runs view's profiling runs. */
export function registerCompareProfilesCommand(profilingRuns: () => readonly RunRoot[]): vscode.Disposable {
  return vscode.commands.registerCommand('xllm.compareProfiles', async (first?: unknown, selected?: unknown) => {
    // From the tree: (clicked node, selected nodes[]); from the palette: nothing.
    const fromTree = (Array.isArray(selected) ? selected : [first]).map(asProfilingRun).filter((r): r is RunRoot => !!r);
    const pair = await pickPair(profilingRuns(), fromTree.length === 2 ? fromTree : []);
    if (!pair) return undefined;
    const [baselineRun, currentRun] = pair;
    return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Comparing profiling runs...') }, async () => {
      try {
        const analyze = async (run: RunRoot) => analyzeProfile(new FileProfilingSource(await findProfilingOutputs(run.root)));
        const [baseline, current] = await Promise.all([analyze(baselineRun), analyze(currentRun)]);
        const comparison = compareProfiles(baseline, current, { baseline: baselineRun.runId, current: currentRun.runId });
        const content = renderProfileComparisonMarkdown(comparison, normalizeLocale(vscode.env.language));
        const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content });
        await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: false });
        return content;
      } catch (e) {
        if (!(e instanceof ProfilingPathError)) log().error(`compare profiles: ${(e as Error).stack ?? String(e)}`);
        void vscode.window.showErrorMessage(vscode.l10n.t('Could not compare {0} with {1}: {2}', baselineRun.runId, currentRun.runId, (e as Error).message));
        return undefined;
      }
    });
  });
}
