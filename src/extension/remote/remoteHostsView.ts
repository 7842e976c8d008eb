// The Remote Hosts view: each host with its reachability (probed on Refresh, never on a timer), its last gate
// verdict, and the runs on it that are going on or waiting to be reattached.
import * as vscode from 'vscode';
import type { HostProblem } from '../../core/remote/remoteHost';
import { listRunStates, type RemoteRunState } from '../../core/remote/remoteRunState';
import type { ActiveRemoteRuns } from './activeRemoteRuns';
import { checkReachability } from './hostReachability';
import type { HostStatusStore } from './hostStatusStore';
import { loadHostList, type HostEntry, type HostList } from './remoteHostList';
import { affectsRemoteSettings } from './remoteSettings';
import type { SessionServices } from './remoteRunSession';
import { log } from '../log';

export type RemoteHostNode =
  | { readonly type: 'host'; readonly entry: HostEntry }
  | { readonly type: 'info'; readonly hostName: string; readonly key: string; readonly label: string; readonly description?: string; readonly icon: vscode.ThemeIcon; readonly tooltip?: string }
  | { readonly type: 'remoteRun'; readonly hostName: string; readonly runId: string; readonly live: boolean; readonly state: RemoteRunState | undefined; readonly percent: number | null; readonly phase: string }
  | { readonly type: 'problem'; readonly problem: HostProblem };

const GATE_ICONS: Record<string, [string, string]> = {
  pass: ['pass-filled', 'testing.iconPassed'],
  fail: ['error', 'testing.iconFailed'],
  incomplete: ['warning', 'list.warningForeground'],
};

/** Workspace folders on disk: where runs/ and the run states live. */
function workspaceDirs(): string[] {
  return (vscode.workspace.workspaceFolders ?? []).filter((f) => f.uri.scheme === 'file').map((f) => f.uri.fsPath);
}

/** Saved run states still marked running or detached, across the workspace folders. */
export async function openRunStates(): Promise<{ state: RemoteRunState; workspaceDir: string }[]> {
  const out: { state: RemoteRunState; workspaceDir: string }[] = [];
  for (const dir of workspaceDirs()) {
    for (const state of await listRunStates(dir).catch(() => [])) if (state.status === 'running' || state.status === 'detached') out.push({ state, workspaceDir: dir });
  }
  return out;
}

export class RemoteHostsProvider implements vscode.TreeDataProvider<RemoteHostNode>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<RemoteHostNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private list: Promise<HostList>;
  private states: Promise<{ state: RemoteRunState; workspaceDir: string }[]>;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly services: SessionServices & { readonly status: HostStatusStore; readonly active: ActiveRemoteRuns }) {
    this.list = loadHostList(services.settings);
    this.states = openRunStates();
    this.disposables.push(
      this.emitter,
      services.status.onDidChange(() => this.emitter.fire(undefined)),
      services.active.onDidChange(() => {
        this.states = openRunStates();
        this.emitter.fire(undefined);
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (affectsRemoteSettings(e)) void this.reload();
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => void this.reload()),
    );
  }

  /** The current host list (settings and ssh config). */
  hosts(): Promise<HostList> {
    return this.list;
  }

  /** Re-reads settings, the ssh config and run states, without probing. */
  async reload(): Promise<HostList> {
    this.list = loadHostList(this.services.settings);
    this.states = openRunStates();
    this.emitter.fire(undefined);
    return this.list;
  }

  /** Refresh: reload, then probe every host in parallel (each bounded by its connect timeout). */
  async refreshAndProbe(): Promise<void> {
    const list = await this.reload();
    if (!vscode.workspace.isTrusted) return;
    await Promise.all(
      list.entries.map(async ({ host }) => {
        this.services.status.setReachability(host.name, 'checking');
        const r = await checkReachability(host, {
          sshConfigFile: this.services.settings.sshConfigFile,
          locale: this.services.locale,
          log: (line) => log().debug(`[${host.name}] ${line}`),
        });
        this.services.status.setReachability(host.name, r);
      }),
    );
  }

  async getChildren(node?: RemoteHostNode): Promise<RemoteHostNode[]> {
    if (!vscode.workspace.isTrusted) return [];
    if (!node) {
      const list = await this.list;
      return [...list.problems.map((problem) => ({ type: 'problem' as const, problem })), ...list.entries.map((entry) => ({ type: 'host' as const, entry }))];
    }
    if (node.type !== 'host') return [];
    return [...this.infoNodes(node.entry), ...(await this.runNodes(node.entry.host.name))];
  }

  private infoNodes(entry: HostEntry): RemoteHostNode[] {
    const name = entry.host.name;
    const out: RemoteHostNode[] = [];
    const gate = this.services.status.lastGate(name);
    if (gate) {
      const [icon, color] = GATE_ICONS[gate.verdict] ?? ['question', 'descriptionForeground'];
      out.push({
        type: 'info',
        hostName: name,
        key: 'gate',
        label: vscode.l10n.t('Gate: {0}', gate.verdict.toUpperCase()),
        description: `${new Date(gate.at).toLocaleString()}${gate.runId ? ` · ${gate.runId}` : ''}`,
        icon: new vscode.ThemeIcon(icon, new vscode.ThemeColor(color)),
        tooltip: gate.reasons.length ? gate.reasons.map((r) => `• ${r}`).join('\n') : vscode.l10n.t('Every check passed.'),
      });
    } else {
      out.push({ type: 'info', hostName: name, key: 'gate', label: vscode.l10n.t('Gate: not checked'), icon: new vscode.ThemeIcon('shield') });
    }
    const reach = this.services.status.reachability(name);
    if (reach && reach !== 'checking') {
      if (!reach.reachable) out.push({ type: 'info', hostName: name, key: 'error', label: reach.message, icon: new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground')), tooltip: reach.message });
      else {
        if (reach.problem) out.push({ type: 'info', hostName: name, key: 'problem', label: reach.problem, icon: new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')), tooltip: reach.problem });
        if (reach.missing.length) {
          out.push({ type: 'info', hostName: name, key: 'missing', label: vscode.l10n.t('Missing tools: {0}', reach.missing.join(', ')), icon: new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.warningForeground')) });
        }
        const v = reach.versions;
        const versions = [v.npuName, v.cann && `CANN ${v.cann}`, v.driver && `driver ${v.driver}`, v.torchNpu && `torch_npu ${v.torchNpu}`, v.evalscope && `evalscope ${v.evalscope}`].filter(Boolean).join(' · ');
        if (versions) out.push({ type: 'info', hostName: name, key: 'versions', label: versions, icon: new vscode.ThemeIcon('versions') });
      }
    }
    return out;
  }

  private async runNodes(hostName: string): Promise<RemoteHostNode[]> {
    const live = this.services.active.list().filter((r) => r.hostName === hostName);
    const liveIds = new Set(live.map((r) => r.runId));
    const saved = (await this.states).filter((s) => s.state.hostName === hostName && !liveIds.has(s.state.runId));
    return [
      ...live.map((r) => ({ type: 'remoteRun' as const, hostName, runId: r.runId, live: true, state: undefined, percent: r.percent, phase: r.phase })),
      ...saved.map((s) => ({ type: 'remoteRun' as const, hostName, runId: s.state.runId, live: false, state: s.state, percent: null, phase: s.state.status })),
    ];
  }

  getTreeItem(node: RemoteHostNode): vscode.TreeItem {
    switch (node.type) {
      case 'host':
        return this.hostItem(node.entry);
      case 'info': {
        const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
        item.id = `remoteHost:${node.hostName}:${node.key}`;
        item.description = node.description;
        item.iconPath = node.icon;
        item.tooltip = node.tooltip;
        item.contextValue = `remoteInfo.${node.key}`;
        return item;
      }
      case 'remoteRun': {
        const item = new vscode.TreeItem(node.runId, vscode.TreeItemCollapsibleState.None);
        item.id = `remoteRun:${node.hostName}:${node.runId}`;
        item.description = node.live ? `${node.phase}${node.percent !== null ? ` · ${Math.round(node.percent)}%` : ''}` : vscode.l10n.t('{0} · not attached', node.phase);
        item.iconPath = new vscode.ThemeIcon(node.live ? 'sync~spin' : 'debug-disconnect');
        item.tooltip = node.state ? vscode.l10n.t('Started {0} from {1}', node.state.startedAt, node.state.manifestPath) : undefined;
        item.contextValue = node.live ? 'remoteRun.live' : 'remoteRun.detached';
        return item;
      }
      case 'problem': {
        const p = node.problem;
        const where = p.index >= 0 ? `xllm.remote.hosts[${p.index}]${p.path ? '.' + p.path : ''}` : 'xllm.remote.hosts';
        const item = new vscode.TreeItem(where, vscode.TreeItemCollapsibleState.None);
        item.description = p.message;
        item.tooltip = `${where}: ${p.message}`;
        item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
        item.contextValue = 'remoteHostProblem';
        item.command = { command: 'workbench.action.openSettingsJson', title: vscode.l10n.t('Open Settings') };
        return item;
      }
    }
  }

  private hostItem(entry: HostEntry): vscode.TreeItem {
    const { host } = entry;
    const item = new vscode.TreeItem(host.name, vscode.TreeItemCollapsibleState.Collapsed);
    item.id = `remoteHost:${host.name}`;
    const reach = this.services.status.reachability(host.name);
    const gate = this.services.status.lastGate(host.name);
    const parts: string[] = [];
    if (reach === 'checking') {
      parts.push(vscode.l10n.t('checking…'));
      item.iconPath = new vscode.ThemeIcon('loading~spin');
    } else if (!reach) {
      parts.push(host.sshTarget);
      item.iconPath = new vscode.ThemeIcon('vm');
    } else if (reach.reachable) {
      parts.push(vscode.l10n.t('reachable ({0} ms)', reach.millis));
      item.iconPath = reach.missing.length || reach.problem ? new vscode.ThemeIcon('vm-active', new vscode.ThemeColor('list.warningForeground')) : new vscode.ThemeIcon('vm-active', new vscode.ThemeColor('testing.iconPassed'));
    } else {
      parts.push(vscode.l10n.t('unreachable'));
      item.iconPath = new vscode.ThemeIcon('vm-outline', new vscode.ThemeColor('list.errorForeground'));
    }
    if (gate) parts.push(vscode.l10n.t('gate {0}', gate.verdict));
    item.description = parts.join(' · ');
    const tip = new vscode.MarkdownString(undefined, true);
    tip.appendMarkdown(`**${host.name}** · `);
    tip.appendText(`${host.sshTarget}${host.port ? `:${host.port}` : ''}\n\n`);
    if (host.container) tip.appendText(vscode.l10n.t('Container: {0}', host.container) + '\n\n');
    tip.appendText(vscode.l10n.t('Work folder: {0}', host.workDir) + '\n\n');
    if (host.defaultDevices.length) tip.appendText(vscode.l10n.t('Default NPUs: {0}', host.defaultDevices.join(',')) + '\n\n');
    tip.appendText(entry.source === 'settings' ? vscode.l10n.t('from settings') : vscode.l10n.t('from ssh config'));
    if (reach && reach !== 'checking') {
      tip.appendText('\n\n' + (reach.reachable ? vscode.l10n.t('Reachable at {0}', new Date(reach.checkedAt).toLocaleString()) : reach.message));
      if (reach.reachable && reach.resolved) tip.appendText('\n\n' + vscode.l10n.t('ssh connects to {0} (host name {1})', reach.resolved, reach.hostname ?? '?'));
    }
    item.tooltip = tip;
    item.contextValue = `remoteHost.${entry.source}`;
    return item;
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
