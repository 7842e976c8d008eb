// "xLLM: New Run...": kind, run_id, then a run root with a manifest prefilled from git, config.json and the latest run.
import * as vscode from 'vscode';
import { RUN_KINDS, type ConventionalKind } from '../../core/runs/runKinds';
import { createRunRoot, isValidRunId, planNewRun, RunRootExistsError, suggestRunId } from '../../core/runs/newRun';
import { gatherNewRunContext } from '../../core/runs/newRunContext';
import { codeConfig } from '../config';
import type { RunsModel } from './runsModel';

const KIND_DETAIL: Record<ConventionalKind, string> = {
  perf: 'runs/perf/<run_id>: gate snapshots, service, evalscope output, metrics.json',
  accuracy: 'runs/accuracy/<run_id>: request config, predictions, failed cases, score.json',
  profiling: 'profiling/<run_id>: msprof capture (PROF_*), analysis',
  eval: 'runs/eval/<run_id>: combined perf + accuracy',
  capacity: 'runs/capacity/<run_id>: startup log, capacity.json',
  compute: 'runs/compute/<run_id>: compute estimate, MFU table',
};

export function registerNewRunCommand(model: RunsModel): vscode.Disposable {
  return vscode.commands.registerCommand('xllm.newRun', async (kindArg?: ConventionalKind, runIdArg?: string) => {
    const folder = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file');
    if (!folder) return void vscode.window.showWarningMessage(vscode.l10n.t('Open a workspace folder first.'));
    const kind =
      kindArg ??
      (await vscode.window.showQuickPick(RUN_KINDS.map((k) => ({ label: k, detail: KIND_DETAIL[k] })), { placeHolder: vscode.l10n.t('Kind of run') }))?.label;
    if (!kind) return undefined;
    const runs = model.runs().filter((r) => r.root.startsWith(folder.uri.fsPath));
    const code = codeConfig(folder.uri);
    const ctx = await gatherNewRunContext(folder.uri.fsPath, runs, code.repoPath, code.upstream, { readGit: vscode.workspace.isTrusted });
    const now = new Date();
    const runId =
      runIdArg ??
      (await vscode.window.showInputBox({
        prompt: vscode.l10n.t('run_id (also the folder name)'),
        value: suggestRunId(kind as ConventionalKind, ctx.model, now),
        validateInput: (v) => (isValidRunId(v) ? undefined : vscode.l10n.t("Use letters, digits, '.', '_' and '-'.")),
      }));
    if (!runId) return undefined;
    try {
      const plan = planNewRun({ workspace: folder.uri.fsPath, kind: kind as ConventionalKind, runId, now, git: ctx.git, config: ctx.config, previous: ctx.previous });
      const manifest = await createRunRoot(plan);
      if (ctx.gitProblem) void vscode.window.showWarningMessage(vscode.l10n.t('The Code section was not filled from git: {0}', ctx.gitProblem));
      await vscode.window.showTextDocument(vscode.Uri.file(manifest));
      return manifest;
    } catch (e) {
      const message = e instanceof RunRootExistsError ? vscode.l10n.t('A run root named {0} already exists; nothing was changed.', runId) : (e as Error).message;
      void vscode.window.showErrorMessage(message);
      return undefined;
    }
  });
}
