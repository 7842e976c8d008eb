// The remote-run face of the extension: one bundle of shared state, the view, the commands and the task type.
import * as vscode from 'vscode';
import { normalizeLocale } from '../../core/i18n/locale';
import type { RunsModel } from '../runs/runsModel';
import { ActiveRemoteRuns } from './activeRemoteRuns';
import { HostStatusStore } from './hostStatusStore';
import { RemoteHostsProvider, type RemoteHostNode } from './remoteHostsView';
import type { SessionServices } from './remoteRunSession';
import { remoteSettings } from './remoteSettings';
import { RunOutputChannels } from './runOutputChannels';
import { registerRunBenchmarkCommand } from './runBenchmarkCommand';
import { registerRunStateCommands } from './runStateCommands';
import { registerHostCommands } from './hostCommands';
import { registerSweepCommand } from './sweepCommand';
import { registerBenchmarkTasks } from './benchmarkTaskProvider';

export interface RemoteFace {
  readonly services: SessionServices;
  readonly channels: RunOutputChannels;
  readonly model: RunsModel;
  readonly hosts: RemoteHostsProvider;
}

/** What the extension API exposes of the remote face (tests read the view and the active runs through it). */
export interface RemoteApi {
  /** The Remote Hosts view's top-level rows as rendered: label, description and context value. */
  remoteHostRows(): Promise<{ label: string; description: string; contextValue: string }[]>;
  /** Runs this window drives right now. */
  activeRemoteRuns(): { runId: string; hostName: string; phase: string; percent: number | null }[];
}

/** Registers everything remote (disposed with the extension) and returns the API part. */
export function registerRemote(context: vscode.ExtensionContext, model: RunsModel): RemoteApi {
  const active = new ActiveRemoteRuns();
  const status = new HostStatusStore(context.workspaceState);
  const services: SessionServices = {
    active,
    status,
    locale: normalizeLocale(vscode.env.language),
    // Read on every use: a settings change applies to the next run without a reload.
    get settings() {
      return remoteSettings();
    },
  };
  const hosts = new RemoteHostsProvider(services);
  const channels = new RunOutputChannels();
  const face: RemoteFace = { services, channels, model, hosts };
  const view = vscode.window.createTreeView<RemoteHostNode>('xllm.remoteHosts', { treeDataProvider: hosts, showCollapseAll: true });
  const api: RemoteApi = {
    remoteHostRows: async () => {
      const nodes = await hosts.getChildren();
      return nodes.map((n) => {
        const item = hosts.getTreeItem(n);
        const label = typeof item.label === 'string' ? item.label : (item.label?.label ?? '');
        return { label, description: typeof item.description === 'string' ? item.description : '', contextValue: item.contextValue ?? '' };
      });
    },
    activeRemoteRuns: () => active.list().map((r) => ({ runId: r.runId, hostName: r.hostName, phase: r.phase, percent: r.percent })),
  };
  context.subscriptions.push(
    active,
    status,
    hosts,
    channels,
    view,
    registerRunBenchmarkCommand(face),
    ...registerRunStateCommands(face),
    ...registerHostCommands(face),
    registerSweepCommand(face),
    ...registerBenchmarkTasks(face),
  );
  return api;
}
