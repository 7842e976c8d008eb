// Activation: binds each core capability to the VS Code API; every command is registered even when degraded.
import * as vscode from 'vscode';
import { describeReasons, evidenceGrade } from '../core/diagnostics/evidenceGrade';
import { normalizeLocale } from '../core/i18n/locale';
import { manifestFields, parseManifestFile } from '../core/manifest/manifestFields';
import type { XllmApi } from './api';
import { registerAgentTools } from './agentTools/agentToolsFace';
import { XllmLanguageClient } from './languageClient';
import { registerCompareCommands } from './compare/compareCommands';
import { registerPrEvidenceCommand } from './compare/prEvidenceCommand';
import { log } from './log';
import { registerGitFixCommands } from './manifest/gitFixCommands';
import { MANIFEST_FORM_VIEW_TYPE, ManifestFormEditorProvider } from './manifest/manifestFormEditor';
import { registerCollectMetricsCommand } from './runs/collectMetricsCommand';
import { registerNewRunCommand } from './runs/newRunCommand';
import { registerRunCommands } from './runs/runCommands';
import { RunsModel } from './runs/runsModel';
import { RunsTreeProvider, type RunsNode } from './runs/runsTreeProvider';
import { registerRemote } from './remote/remoteFace';
import { registerSampleWorkspaceCommand } from './sampleWorkspaceCommand';
import { registerTimeline } from './timeline/timelineCommands';
import { registerCompareProfilesCommand } from './timeline/compareProfilesCommand';
import { registerCompareTimelines } from './timeline/compareTimelinesPanel';

export function activate(context: vscode.ExtensionContext): XllmApi {
  const version = String((context.extension.packageJSON as { version?: string }).version ?? '0.0.0');
  log().info(`xLLM NPU Workflow ${version} activating (VS Code ${vscode.version}, ${vscode.env.language})`);

  const model = new RunsModel();
  const locale = normalizeLocale(vscode.env.language);
  const tree = new RunsTreeProvider(model, (text, fileName, run) => {
    const doc = parseManifestFile(text, fileName);
    // The grade from the run root's top level: enough for the view; the language server checks deeper.
    const grade = evidenceGrade(doc, { runKind: run.kind === 'other' ? undefined : run.kind, entries: run.inventory.entries });
    return { ...manifestFields(doc), grade: { grade: grade.grade, reasons: describeReasons(grade, locale) } };
  });
  const view = vscode.window.createTreeView('xllm.runs', { treeDataProvider: tree, showCollapseAll: true, canSelectMany: true });
  model.onDidChange(() => {
    const n = model.runs().length;
    view.badge = n ? { value: n, tooltip: vscode.l10n.t('{0} run roots', n) } : undefined;
  });

  const client = new XllmLanguageClient(context);
  context.subscriptions.push(
    model,
    view,
    client,
    ...registerRunCommands(model, tree, view),
    registerSampleWorkspaceCommand(),
    registerNewRunCommand(model),
    registerCollectMetricsCommand(model),
    ...registerCompareCommands(context, model),
    registerPrEvidenceCommand(model),
    ...registerAgentTools(),
    ManifestFormEditorProvider.register(context),
    ...registerGitFixCommands(),
    ...registerTimeline(context, () => model.runs().filter((r) => r.kind === 'profiling')),
    registerCompareProfilesCommand(() => model.runs().filter((r) => r.kind === 'profiling')),
    ...registerCompareTimelines(context, () => model.runs().filter((r) => r.kind === 'profiling')),
    vscode.commands.registerCommand('xllm.openManifestForm', async (target?: vscode.Uri | RunsNode) => {
      const uri = target instanceof vscode.Uri ? target : target && target.type === 'run' && target.run.manifestPath ? vscode.Uri.file(target.run.manifestPath) : vscode.window.activeTextEditor?.document.uri;
      if (!uri) return void vscode.window.showInformationMessage(vscode.l10n.t('Open a manifest first.'));
      await vscode.commands.executeCommand('vscode.openWith', uri, MANIFEST_FORM_VIEW_TYPE);
    }),
    vscode.commands.registerCommand('xllm.showOutput', () => log().show()),
    vscode.commands.registerCommand('xllm.restartServer', () => client.restart()),
  );
  const remote = registerRemote(context, model);
  void client.start().catch((e: Error) => void vscode.window.showErrorMessage(vscode.l10n.t('xLLM language server failed to start: {0}', e.message)));

  return {
    version,
    whenRunsLoaded: () => model.whenLoaded(),
    runs: () => model.runs(),
    whenServerReady: () => client.whenReady(),
    serverState: () => client.serverState,
    ...remote,
  };
}

export function deactivate(): void {
  // Disposables in context.subscriptions stop the language client and watchers.
}
