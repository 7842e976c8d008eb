// The Runs view: run roots grouped by kind, model or commit, with status, grade and headline metrics.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { RUN_KINDS, type RunKind } from '../../core/runs/runKinds';
import type { ArtifactStatus, RunRoot } from '../../core/runs/runRoot';
import { formatHeadline, summarizeRun, type ManifestReader, type RunSummary } from '../../core/runs/runSummary';
import { SummaryQueue } from '../../core/runs/summaryQueue';
import type { RunsModel } from './runsModel';

export type Grouping = 'kind' | 'model' | 'commit';

export type RunsNode =
  | { readonly type: 'group'; readonly key: string; readonly label: string; readonly kind?: RunKind; readonly runs: readonly RunRoot[] }
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

const STATUS_ICONS: Record<string, [string, string]> = {
  pass: ['pass-filled', 'testing.iconPassed'],
  fail: ['error', 'testing.iconFailed'],
  inconclusive: ['question', 'list.warningForeground'],
  pending: ['circle-large-outline', 'descriptionForeground'],
};

export class RunsTreeProvider implements vscode.TreeDataProvider<RunsNode> {
  private readonly emitter = new vscode.EventEmitter<RunsNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  /**
   * Summaries load in the background, 16 at a time, the runs of expanded groups first, so the first paint never
   * waits and memory stays flat. Keyed by RunRoot identity: the index replaces a run's object whenever it changes.
   */
  private readonly summaries: SummaryQueue<RunRoot, RunSummary>;
  private grouping: Grouping = 'kind';
  private filter = '';

  constructor(
    private readonly model: RunsModel,
    private readonly readManifest?: ManifestReader,
  ) {
    this.summaries = new SummaryQueue(
      (run) => summarizeRun(run, this.readManifest),
      () => this.scheduleRefresh(),
    );
    model.onDidChange(() => this.emitter.fire(undefined));
  }

  setGrouping(grouping: Grouping): void {
    this.grouping = grouping;
    this.emitter.fire(undefined);
  }

  get currentGrouping(): Grouping {
    return this.grouping;
  }

  setFilter(text: string): void {
    this.filter = text.trim().toLowerCase();
    this.emitter.fire(undefined);
  }

  get currentFilter(): string {
    return this.filter;
  }

  summary(run: RunRoot): RunSummary | undefined {
    return this.summaries.result(run);
  }

  private refreshTimer: NodeJS.Timeout | undefined;
  private scheduleRefresh(): void {
    this.refreshTimer ??= setTimeout(() => {
      this.refreshTimer = undefined;
      this.emitter.fire(undefined);
    }, 50);
  }

  private matches(run: RunRoot): boolean {
    if (!this.filter) return true;
    const s = this.summaries.result(run);
    const hay = [run.runId, run.kind, run.relativePath, s?.model, s?.commit, s?.level, s?.conclusionStatus].filter(Boolean).join(' ').toLowerCase();
    return hay.includes(this.filter);
  }

  private groupKey(run: RunRoot): { key: string; label: string; kind?: RunKind } {
    if (this.grouping === 'kind') return { key: run.kind, label: run.kind, kind: run.kind };
    const s = this.summaries.result(run);
    const value = this.grouping === 'model' ? s?.model : s?.commit?.slice(0, 12);
    return value ? { key: value, label: value } : { key: '', label: vscode.l10n.t('(unknown {0})', this.grouping) };
  }

  getChildren(node?: RunsNode): RunsNode[] {
    if (!node) {
      const runs = this.model.runs();
      const visible = runs.filter((r) => this.matches(r));
      const groups = new Map<string, { label: string; kind?: RunKind; runs: RunRoot[] }>();
      for (const run of visible) {
        const g = this.groupKey(run);
        const entry = groups.get(g.key) ?? { label: g.label, kind: g.kind, runs: [] };
        entry.runs.push(run);
        groups.set(g.key, entry);
      }
      const order = this.grouping === 'kind' ? [...RUN_KINDS, 'other'] : [...groups.keys()].sort();
      const nodes = order.filter((k) => groups.has(k)).map((key) => ({ type: 'group' as const, key, ...groups.get(key)! }));
      // Every run in display order (then the ones the filter hides); expanded groups move theirs ahead below.
      const shown = nodes.flatMap((g) => g.runs);
      this.summaries.setAll(shown.length === runs.length ? shown : [...shown, ...runs.filter((r) => !this.matches(r))]);
      return nodes;
    }
    if (node.type === 'group') {
      // VS Code asks for the children of expanded groups only, in the order they are shown.
      this.summaries.showVisible(node.runs);
      return node.runs.map((run) => ({ type: 'run' as const, run }));
    }
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
      case 'group': {
        const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Expanded);
        item.id = `group:${this.grouping}:${node.key}`;
        item.description = String(node.runs.length);
        item.iconPath = new vscode.ThemeIcon(node.kind ? KIND_ICONS[node.kind] : this.grouping === 'model' ? 'hubot' : 'git-commit');
        item.contextValue = 'group';
        return item;
      }
      case 'run':
        return this.runItem(node);
      case 'artifact':
        return artifactItem(node);
    }
  }

  private runItem(node: Extract<RunsNode, { type: 'run' }>): vscode.TreeItem {
    const { run } = node;
    const s = this.summaries.result(run);
    const item = new vscode.TreeItem(run.runId, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `run:${run.root}`;
    item.resourceUri = vscode.Uri.file(run.root);
    const missing = run.inventory.missing;
    const parts = [s?.level, s ? formatHeadline(s.headline) : undefined].filter((p) => p);
    if (this.grouping !== 'kind') parts.unshift(run.kind);
    if (missing.length) parts.push(vscode.l10n.t('missing {0}', missing.length));
    item.description = parts.join(' · ');

    if (s?.errors.length) {
      item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
    } else if (s?.conclusionStatus && STATUS_ICONS[s.conclusionStatus]) {
      const [icon, color] = STATUS_ICONS[s.conclusionStatus];
      item.iconPath = new vscode.ThemeIcon(icon, new vscode.ThemeColor(color));
    } else {
      item.iconPath = new vscode.ThemeIcon(KIND_ICONS[run.kind]);
    }

    const tip = new vscode.MarkdownString(undefined, true);
    tip.appendMarkdown(`**${run.runId}** · ${run.kind}${s?.level ? ` · ${s.level}` : ''}${s?.conclusionStatus ? ` · ${s.conclusionStatus}` : ''}\n\n`);
    if (s?.grade) {
      tip.appendMarkdown(s.grade.grade === 'formal' ? `$(verified) ${vscode.l10n.t('Formal evidence')}\n\n` : `$(warning) ${vscode.l10n.t('Debug result, not formal evidence:')}\n\n`);
      for (const r of s.grade.reasons) tip.appendMarkdown(`- ${r}\n`);
      tip.appendMarkdown('\n');
    }
    if (s?.model || s?.commit) tip.appendText(`${s.model ?? ''} ${s.commit ? '@ ' + s.commit.slice(0, 12) : ''}\n\n`);
    if (s?.headline.length) tip.appendText(formatHeadline(s.headline) + '\n\n');
    if (missing.length) tip.appendMarkdown(`${vscode.l10n.t('Missing: {0}', missing.join(', '))}\n\n`);
    for (const e of s?.errors ?? []) tip.appendMarkdown(`$(error) ${vscode.l10n.t('{0} could not be read: {1}', e.file, e.message)}\n\n`);
    tip.appendText(run.relativePath);
    item.tooltip = tip;
    item.contextValue = `run.${run.kind}${run.manifestPath ? '.manifest' : ''}`;
    if (run.manifestPath) item.command = { command: 'xllm.openManifest', title: vscode.l10n.t('Open Manifest'), arguments: [node] };
    return item;
  }
}

function artifactItem(node: Extract<RunsNode, { type: 'artifact' }>): vscode.TreeItem {
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
  item.command = isDir ? { command: 'revealInExplorer', title: vscode.l10n.t('Reveal'), arguments: [uri] } : { command: 'vscode.open', title: vscode.l10n.t('Open'), arguments: [uri] };
  return item;
}
