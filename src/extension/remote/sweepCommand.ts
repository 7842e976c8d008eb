// "Run Remote Sweep": one manifest over several concurrency values and/or several hosts in parallel, each point its
// own run root; one notification follows them all, each run streams into its own output channel.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RemoteRunOutcome } from '../../core/remote/benchmarkEngine';
import type { RemoteFace } from './remoteFace';
import type { HostEntry } from './remoteHostList';
import type { RemoteHostNode } from './remoteHostsView';
import { kindOfManifest, manifestRunId } from './preparedRunRoot';
import { manifestFromArg, pickManifest, saveIfDirty, workspaceDirFor, type ManifestArg } from './remotePickers';
import { runArgsFrom, startRemoteRun, type RemoteRunArgs, type RunSink } from './remoteRunSession';
import { remoteAllowed } from './remoteTrust';
import { isHostNode } from './runBenchmarkCommand';
import { ensureRunListed, failure, type RemoteCommandResult } from './runFollow';
import { existingRoots, parseConcurrencyList, planSweep, writeSweepManifests, type SweepPoint } from './sweepPlan';

export interface SweepSpec {
  readonly concurrency?: readonly number[];
  readonly hosts?: readonly string[];
}

export interface SweepPointResult {
  readonly runId: string;
  readonly hostName: string;
  readonly concurrency: number | null;
  readonly result: RemoteCommandResult | { readonly status: 'skipped'; readonly reason: string };
}

async function askSpec(face: RemoteFace, presetHost: string | undefined): Promise<SweepSpec | undefined> {
  const text = await vscode.window.showInputBox({
    title: vscode.l10n.t('Remote Sweep'),
    prompt: vscode.l10n.t('Concurrency values (parallel), comma-separated; leave empty to keep the manifest value'),
    placeHolder: '1,8,32',
    validateInput: (v) => (!v.trim() || parseConcurrencyList(v) ? undefined : vscode.l10n.t('Enter positive integers such as 1,8,32')),
  });
  if (text === undefined) return undefined;
  const concurrency = text.trim() ? parseConcurrencyList(text) : [];
  const list = await face.hosts.reload();
  if (!list.entries.length) {
    void vscode.window.showErrorMessage(vscode.l10n.t('No remote hosts are configured.'));
    return undefined;
  }
  let hosts: string[];
  if (presetHost) hosts = [presetHost];
  else if (list.entries.length === 1) hosts = [list.entries[0].host.name];
  else {
    const picked = await vscode.window.showQuickPick(
      list.entries.map((e) => ({ label: e.host.name, description: e.host.sshTarget, picked: false })),
      { canPickMany: true, placeHolder: vscode.l10n.t('Hosts to run on (several run in parallel)') },
    );
    if (!picked?.length) return undefined;
    hosts = picked.map((p) => p.label);
  }
  if (!concurrency?.length && hosts.length < 2) {
    void vscode.window.showInformationMessage(vscode.l10n.t('A sweep needs several concurrency values or several hosts; use Run Benchmark on Remote Host for one run.'));
    return undefined;
  }
  return { concurrency: concurrency ?? [], hosts };
}

/** Runs the points of one host in order; a failed gate or a run that could not start ends that host's series. */
async function runSeries(face: RemoteFace, workspaceDir: string, entry: HostEntry, points: readonly SweepPoint[], args: RemoteRunArgs, controller: AbortController, onPoint: (runId: string, percent: number | null, message: string) => void, onDone: () => void): Promise<SweepPointResult[]> {
  const results: SweepPointResult[] = [];
  let stopReason: string | undefined;
  for (const p of points) {
    const base = { runId: p.runId, hostName: p.hostName, concurrency: p.concurrency };
    if (controller.signal.aborted || stopReason) {
      results.push({ ...base, result: { status: 'skipped', reason: stopReason ?? vscode.l10n.t('cancelled by the user') } });
      onDone();
      continue;
    }
    const out = face.channels.sink(p.runId, false);
    out.line(`» ${vscode.l10n.t('Sweep point {0} on {1} (parallel {2})', p.runId, entry.host.name, p.concurrency ?? '-')}`);
    const sink: RunSink = { line: (t) => out.line(t), progress: (pct, msg) => onPoint(p.runId, pct, msg) };
    let result: RemoteCommandResult;
    try {
      const started = await startRemoteRun(workspaceDir, p.manifestPath, entry, args, face.services, sink);
      const abort = () => started.controller.abort(controller.signal.reason);
      controller.signal.addEventListener('abort', abort, { once: true });
      try {
        result = await started.outcome;
      } finally {
        controller.signal.removeEventListener('abort', abort);
      }
      await ensureRunListed(face.model, (result as RemoteRunOutcome).runRoot);
      if (result.status === 'gate_failed') stopReason = vscode.l10n.t('the precheck gate of {0} failed', p.runId);
    } catch (e) {
      result = failure(e, face);
      if (result.status === 'error') {
        out.line(`» ${result.message}`);
        stopReason = result.message;
      }
    }
    results.push({ ...base, result });
    onDone();
  }
  return results;
}

export function registerSweepCommand(face: RemoteFace): vscode.Disposable {
  return vscode.commands.registerCommand(
    'xllm.runRemoteSweep',
    async (target?: ManifestArg | RemoteHostNode, specArg?: SweepSpec, options?: unknown): Promise<SweepPointResult[] | RemoteCommandResult | undefined> => {
      if (!remoteAllowed()) return undefined;
      let args: RemoteRunArgs;
      try {
        args = runArgsFrom(options);
      } catch (e) {
        void vscode.window.showErrorMessage((e as Error).message);
        return failure(e, face);
      }
      const presetHost = isHostNode(target) ? target.entry.host.name : undefined;
      const manifestPath = (isHostNode(target) ? undefined : manifestFromArg(target as ManifestArg)) ?? (await pickManifest(vscode.l10n.t('Select the perf manifest to sweep')));
      if (!manifestPath) return undefined;
      const spec = specArg ?? (await askSpec(face, presetHost));
      if (!spec) return undefined;
      const workspaceDir = workspaceDirFor(manifestPath);
      if (!workspaceDir) {
        void vscode.window.showErrorMessage(vscode.l10n.t('Open the workspace folder that holds runs/ first: the run root is created there.'));
        return undefined;
      }
      const list = await face.hosts.reload();
      const hostNames = spec.hosts?.length ? [...spec.hosts] : list.entries.length === 1 ? [list.entries[0].host.name] : [];
      const unknown = hostNames.filter((h) => !list.entries.some((e) => e.host.name === h));
      if (!hostNames.length || unknown.length) {
        const message = unknown.length ? vscode.l10n.t("No remote host named '{0}': add it to the xllm.remote.hosts setting or to your ssh config.", unknown.join(', ')) : vscode.l10n.t('Name the hosts of the sweep.');
        void vscode.window.showErrorMessage(message);
        return { status: 'error', code: 'unknown_host', message };
      }
      // The points' manifests live under .xwf/sweeps/: their kind comes from the base manifest's place.
      const runArgs: RemoteRunArgs = { ...args, kind: args.kind ?? kindOfManifest(workspaceDir, manifestPath) };
      let points: SweepPoint[];
      try {
        if (runArgs.kind !== 'perf' && spec.concurrency?.length) throw new Error(vscode.l10n.t('Concurrency sweeps are for perf runs; run {0} manifests over several hosts instead.', runArgs.kind ?? ''));
        await saveIfDirty(manifestPath);
        const baseText = await fs.readFile(manifestPath, 'utf8');
        const baseRunId = await manifestRunId(manifestPath);
        if (!baseRunId) throw new Error(vscode.l10n.t('{0} has no run_id.', vscode.workspace.asRelativePath(manifestPath)));
        points = planSweep(workspaceDir, baseRunId, manifestPath, hostNames, spec.concurrency ?? []);
        const taken = await existingRoots(workspaceDir, points, runArgs.kind ?? 'perf');
        if (taken.length) throw new Error(vscode.l10n.t('These run roots already exist; choose another run_id or remove them: {0}', taken.map((t) => vscode.workspace.asRelativePath(t)).join(', ')));
        await writeSweepManifests(baseText, path.basename(manifestPath), points);
      } catch (e) {
        const result = failure(e, face);
        if (result.status === 'error') void vscode.window.showErrorMessage(result.message);
        return result;
      }

      const controller = new AbortController();
      const total = points.length;
      let done = 0;
      return vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Remote sweep of {0} runs', total), cancellable: true },
        async (progress, token) => {
          token.onCancellationRequested(() => controller.abort(vscode.l10n.t('cancelled by the user')));
          const report = (message: string) => progress.report({ message: `${done}/${total} · ${message}` });
          const series = hostNames.map((h) =>
            runSeries(
              face,
              workspaceDir,
              list.entries.find((e) => e.host.name === h)!,
              points.filter((p) => p.hostName === h),
              runArgs,
              controller,
              (runId, pct, msg) => report(`${runId}${pct !== null ? ` ${Math.round(pct)}%` : ''} · ${msg}`),
              () => {
                done++;
                progress.report({ increment: 100 / total, message: `${done}/${total}` });
              },
            ),
          );
          const results = (await Promise.all(series)).flat();
          const completed = results.filter((r) => r.result.status === 'completed').length;
          const message = vscode.l10n.t('Remote sweep finished: {0} of {1} runs completed.', completed, total);
          const details = results.filter((r) => r.result.status !== 'completed').map((r) => `${r.runId}: ${r.result.status}`);
          if (completed === total) void vscode.window.showInformationMessage(message);
          else void vscode.window.showWarningMessage(`${message} ${details.join('; ')}`);
          return results;
        },
      );
    },
  );
}
