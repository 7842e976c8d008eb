// The Runs view: run roots grouped by kind, each with its manifest and artifacts (children resolved lazily).
import * as path from 'node:path';
import * as vscode from 'vscode';
import { RUN_KINDS, type RunKind } from '../../core/runs/runKinds';
import type { ArtifactStatus, RunRoot } from '../../core/runs/runRoot';
import type { RunsModel } from './runsModel';

export type RunsNode =
  | { readonly type: 'kind'; readonly kind: RunKind; readonly runs: readonly RunRoot[] }
  | { readonly type: 'run'; readonly run: RunRoot }
  | { readonly type: 'artifact'; readonly run: RunRoot; readonly artifact: ArtifactStatus; readonly entry?: string };

const KIND_ICONS: Record<RunKind, string> = {
  perf: 'dashboard',
  accuracy: 'target',
  profiling: 'pulse',
  eval: 'beaker',
  capacity: 'database',
  compute: 'symbol-operator',
  other: 'folder',
};

export class RunsTreeProvider implements vscode.TreeDataProvider<RunsNode> {
  private readonly emitter = new vscode.EventEmitter<RunsNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;

  constructor(private readonly model: RunsModel) {
    model.onDidChange(() => this.emitter.fire(undefined));
  }

  getChildren(node?: RunsNode): RunsNode[] {
    if (!node) {
      const runs = this.model.runs();
      const kinds: RunKind[] = [...RUN_KINDS, 'other'];
      return kinds
        .map((kind) => ({ type: 'kind' as const, kind, runs: runs.filter((r) => r.kind === kind) }))
        .filter((k) => k.runs.length > 0);
    }
    if (node.type === 'kind') return node.runs.map((run) => ({ type: 'run' as const, run }));
    if (node.type === 'run') {
      return node.run.inventory.artifacts
        .filter((a) => a.required || a.found.length > 0)
        .flatMap((artifact) =>
          artifact.found.length ? artifact.found.map((entry) => ({ type: 'artifact' as const, run: node.run, artifact, entry })) : [{ type: 'artifact' as const, run: node.run, artifact }],
        );
    }
    return [];
  }

  getTreeItem(node: RunsNode): vscode.TreeItem {
    switch (node.type) {
      case 'kind': {
        const item = new vscode.TreeItem(node.kind, vscode.TreeItemCollapsibleState.Expanded);
        item.id = `kind:${node.kind}`;
        item.description = String(node.runs.length);
        item.iconPath = new vscode.ThemeIcon(KIND_ICONS[node.kind]);
        item.contextValue = 'kind';
        return item;
      }
      case 'run': {
        const { run } = node;
        const item = new vscode.TreeItem(run.runId, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `run:${run.root}`;
        item.resourceUri = vscode.Uri.file(run.root);
        const missing = run.inventory.missing;
        item.description = missing.length ? vscode.l10n.t('{0} · missing {1}', run.kind, missing.length) : run.kind;
        item.iconPath = new vscode.ThemeIcon(
          missing.length ? 'warning' : KIND_ICONS[run.kind],
          missing.length ? new vscode.ThemeColor('list.warningForeground') : undefined,
        );
        const tip = new vscode.MarkdownString(undefined, true);
        tip.appendMarkdown(`**${run.runId}** · ${run.kind}\n\n`);
        tip.appendText(run.relativePath);
        if (missing.length) tip.appendMarkdown(`\n\n${vscode.l10n.t('Missing: {0}', missing.join(', '))}`);
        item.tooltip = tip;
        item.contextValue = `run.${run.kind}`;
        if (run.manifestPath) item.command = { command: 'xllm.openManifest', title: vscode.l10n.t('Open Manifest'), arguments: [node] };
        return item;
      }
      case 'artifact': {
        const { artifact, entry, run } = node;
        if (!entry) {
          const item = new vscode.TreeItem(artifact.expected + (artifact.dir ? '/' : ''), vscode.TreeItemCollapsibleState.None);
          item.description = vscode.l10n.t('missing');
          item.iconPath = new vscode.ThemeIcon('circle-slash', new vscode.ThemeColor('list.errorForeground'));
          item.tooltip = vscode.l10n.t('Required artifact {0} is missing from this run root.', artifact.expected);
          item.contextValue = 'artifact.missing';
          return item;
        }
        const isDir = entry.endsWith('/');
        const uri = vscode.Uri.file(path.join(run.root, isDir ? entry.slice(0, -1) : entry));
        const item = new vscode.TreeItem(uri, vscode.TreeItemCollapsibleState.None);
        item.label = entry;
        item.contextValue = isDir ? 'artifact.folder' : 'artifact.file';
        if (isDir) item.command = { command: 'revealInExplorer', title: vscode.l10n.t('Reveal'), arguments: [uri] };
        else item.command = { command: 'vscode.open', title: vscode.l10n.t('Open'), arguments: [uri] };
        return item;
      }
    }
  }
}
