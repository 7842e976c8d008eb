// Activation: binds each core capability to the VS Code API; every command is registered even when degraded.
import * as vscode from 'vscode';
import type { XllmApi } from './api';
import { XllmLanguageClient } from './languageClient';
import { log } from './log';
import { registerRunCommands } from './runs/runCommands';
import { RunsModel } from './runs/runsModel';
import { RunsTreeProvider } from './runs/runsTreeProvider';
import { registerSampleWorkspaceCommand } from './sampleWorkspaceCommand';

export function activate(context: vscode.ExtensionContext): XllmApi {
  const version = String((context.extension.packageJSON as { version?: string }).version ?? '0.0.0');
  log().info(`xLLM NPU Workflow ${version} activating (VS Code ${vscode.version}, ${vscode.env.language})`);

  const model = new RunsModel();
  const tree = new RunsTreeProvider(model);
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
    vscode.commands.registerCommand('xllm.showOutput', () => log().show()),
    vscode.commands.registerCommand('xllm.restartServer', () => client.restart()),
  );
  void client.start().catch((e: Error) => void vscode.window.showErrorMessage(vscode.l10n.t('xLLM language server failed to start: {0}', e.message)));

  return {
    version,
    whenRunsLoaded: () => model.whenLoaded(),
    runs: () => model.runs(),
    whenServerReady: () => client.whenReady(),
    serverState: () => client.serverState,
  };
}

export function deactivate(): void {
  // Disposables in context.subscriptions stop the language client and watchers.
}
