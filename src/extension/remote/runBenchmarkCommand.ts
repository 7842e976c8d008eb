// "Run Benchmark on Remote Host": a perf manifest and a host (picked, or given by a view, a task or a test), then the
// engine's whole flow with progress, streamed output and the run root in the Runs view at the end.
import * as path from 'node:path';
import * as vscode from 'vscode';
import { manifestRunId } from './preparedRunRoot';
import type { RemoteFace } from './remoteFace';
import type { HostEntry } from './remoteHostList';
import type { RemoteHostNode } from './remoteHostsView';
import { manifestFromArg, pickHost, pickManifest, saveIfDirty, workspaceDirFor, type ManifestArg } from './remotePickers';
import { runArgsFrom, startRemoteRun, type RemoteRunArgs } from './remoteRunSession';
import { remoteAllowed } from './remoteTrust';
import { failure, followRun, ProgressSink, type RemoteCommandResult } from './runFollow';

export function isHostNode(v: unknown): v is Extract<RemoteHostNode, { type: 'host' }> {
  return typeof v === 'object' && v !== null && (v as { type?: unknown }).type === 'host' && 'entry' in v;
}

/** A host given as a name or a view node. */
export function hostNameOf(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (isHostNode(v)) return v.entry.host.name;
  if (typeof v === 'object' && v !== null && typeof (v as { hostName?: unknown }).hostName === 'string') return (v as { hostName: string }).hostName;
  return undefined;
}

/** Runs one manifest on one host with the notification, the run's output channel and the closing message. */
export async function runOnHost(face: RemoteFace, manifestPath: string, entry: HostEntry, args: RemoteRunArgs): Promise<RemoteCommandResult> {
  const workspaceDir = workspaceDirFor(manifestPath);
  if (!workspaceDir) {
    const message = vscode.l10n.t('Open the workspace folder that holds runs/ first: the run root is created there.');
    void vscode.window.showErrorMessage(message);
    return { status: 'error', code: 'no_workspace', message };
  }
  let runId: string | undefined;
  try {
    await saveIfDirty(manifestPath);
    runId = await manifestRunId(manifestPath);
  } catch (e) {
    const result = failure(e, face);
    void vscode.window.showErrorMessage(vscode.l10n.t('Cannot read the manifest {0}: {1}', manifestPath, result.status === 'error' ? result.message : ''));
    return result;
  }
  const out = face.channels.sink(runId ?? path.basename(manifestPath));
  out.line(`» ${vscode.l10n.t('Run {0} on {1} ({2}) from {3}', runId ?? '?', entry.host.name, entry.host.sshTarget, vscode.workspace.asRelativePath(manifestPath))}`);
  const sink = new ProgressSink(out);
  return followRun(face, vscode.l10n.t('Remote benchmark {0} on {1}', runId ?? '?', entry.host.name), sink, out.channel, () =>
    startRemoteRun(workspaceDir, manifestPath, entry, args, face.services, sink),
  );
}

export function registerRunBenchmarkCommand(face: RemoteFace): vscode.Disposable {
  return vscode.commands.registerCommand(
    'xllm.runRemoteBenchmark',
    async (target?: ManifestArg | RemoteHostNode, hostArg?: string | RemoteHostNode, options?: unknown): Promise<RemoteCommandResult | undefined> => {
      if (!remoteAllowed()) return undefined;
      let args: RemoteRunArgs;
      try {
        args = runArgsFrom(options);
      } catch (e) {
        void vscode.window.showErrorMessage((e as Error).message);
        return failure(e, face);
      }
      let hostName = hostNameOf(hostArg);
      let manifestArg: ManifestArg;
      if (isHostNode(target)) hostName = target.entry.host.name;
      else manifestArg = target as ManifestArg;
      const manifestPath = manifestFromArg(manifestArg) ?? (await pickManifest(vscode.l10n.t('Select the perf manifest to run')));
      if (!manifestPath) return undefined;
      const entry = await pickHost(await face.hosts.reload(), face.services.status, vscode.l10n.t('Select the remote host'), hostName);
      if (!entry) return undefined;
      return runOnHost(face, manifestPath, entry, args);
    },
  );
}
