// Commands on remote runs known by their saved state: Reattach (runs still going), Cancel and Fetch.
import * as vscode from 'vscode';
import { cancelRemoteRun, fetchRemoteRun } from '../../core/remote/benchmarkEngine';
import { RemoteError } from '../../core/remote/remoteMessages';
import { listRunStates, type RemoteRunState } from '../../core/remote/remoteRunState';
import { log } from '../log';
import { askpassPrompt } from './askpassPrompt';
import type { RemoteFace } from './remoteFace';
import type { HostEntry } from './remoteHostList';
import type { RemoteHostNode } from './remoteHostsView';
import { startReattach } from './remoteRunSession';
import { remoteAllowed } from './remoteTrust';
import { announce, ensureRunListed, failure, followRun, ProgressSink, type RemoteCommandResult } from './runFollow';

interface KnownRun {
  readonly state: RemoteRunState;
  readonly workspaceDir: string;
}

type RunArg = string | Extract<RemoteHostNode, { type: 'remoteRun' }> | undefined;

function runIdOf(arg: RunArg): string | undefined {
  if (typeof arg === 'string') return arg;
  if (arg && typeof arg === 'object' && arg.type === 'remoteRun') return arg.runId;
  return undefined;
}

async function knownRuns(): Promise<KnownRun[]> {
  const out: KnownRun[] = [];
  for (const f of (vscode.workspace.workspaceFolders ?? []).filter((w) => w.uri.scheme === 'file')) {
    for (const state of await listRunStates(f.uri.fsPath).catch(() => [])) out.push({ state, workspaceDir: f.uri.fsPath });
  }
  return out;
}

/** The run named by the argument, or a pick among those `filter` accepts. */
async function pickRun(face: RemoteFace, arg: RunArg, filter: (r: KnownRun) => boolean, placeHolder: string, none: string): Promise<KnownRun | undefined> {
  const runs = await knownRuns();
  const runId = runIdOf(arg);
  if (runId) {
    const found = runs.find((r) => r.state.runId === runId);
    if (!found) void vscode.window.showErrorMessage(new RemoteError('no_state', [runId, (vscode.workspace.workspaceFolders ?? []).map((f) => f.name).join(', ')]).localized(face.services.locale));
    return found;
  }
  const candidates = runs.filter(filter);
  if (!candidates.length) {
    void vscode.window.showInformationMessage(none);
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    candidates.map((r) => ({ label: r.state.runId, description: `${r.state.hostName} · ${r.state.status}`, detail: `${r.state.level} · ${r.state.startedAt} · ${r.state.manifestPath}`, run: r })),
    { placeHolder, matchOnDescription: true },
  );
  return picked?.run;
}

async function hostFor(face: RemoteFace, run: KnownRun): Promise<HostEntry | undefined> {
  const entry = (await face.hosts.reload()).entries.find((e) => e.host.name === run.state.hostName);
  if (!entry) void vscode.window.showErrorMessage(vscode.l10n.t("Run {0} was started on host '{1}', which is no longer configured.", run.state.runId, run.state.hostName));
  return entry;
}

function sessionRef(face: RemoteFace, run: KnownRun, entry: HostEntry) {
  return {
    host: entry.host,
    workspaceDir: run.workspaceDir,
    runId: run.state.runId,
    sshConfigFile: face.services.settings.sshConfigFile,
    askpass: askpassPrompt(entry.host.name),
    log: (line: string) => log().debug(`[${entry.host.name}] ${line}`),
    locale: face.services.locale,
  };
}

const stillOpen = (face: RemoteFace) => (r: KnownRun) => (r.state.status === 'running' || r.state.status === 'detached') && !face.services.active.get(r.state.runId);

export function registerRunStateCommands(face: RemoteFace): vscode.Disposable[] {
  return [
    vscode.commands.registerCommand('xllm.reattachRemoteRun', async (arg?: RunArg): Promise<RemoteCommandResult | undefined> => {
      if (!remoteAllowed()) return undefined;
      const run = await pickRun(face, arg, stillOpen(face), vscode.l10n.t('Select the remote run to reattach'), vscode.l10n.t('No remote run is waiting to be reattached.'));
      if (!run) return undefined;
      if (face.services.active.get(run.state.runId)) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Run {0} is already attached in this window.', run.state.runId));
        return undefined;
      }
      const entry = await hostFor(face, run);
      if (!entry) return undefined;
      const out = face.channels.sink(run.state.runId);
      out.line(`» ${vscode.l10n.t('Reattaching to run {0} on {1}', run.state.runId, entry.host.name)}`);
      const sink = new ProgressSink(out);
      return followRun(face, vscode.l10n.t('Remote benchmark {0} on {1}', run.state.runId, entry.host.name), sink, out.channel, async () =>
        startReattach(run.workspaceDir, run.state.runId, entry, face.services, sink),
      );
    }),

    vscode.commands.registerCommand('xllm.cancelRemoteRun', async (arg?: RunArg): Promise<RemoteCommandResult | undefined> => {
      if (!remoteAllowed()) return undefined;
      const explicit = runIdOf(arg);
      // A run this window drives: abort it; the engine stops the remote jobs, fetches what exists and finishes the run.
      const live = explicit ? face.services.active.get(explicit) : undefined;
      if (live) {
        live.controller.abort(vscode.l10n.t('cancelled by the user'));
        return live.outcome?.catch((e: unknown) => failure(e, face));
      }
      const run = await pickRun(
        face,
        arg,
        (r) => r.state.status === 'running' || r.state.status === 'detached' || !!face.services.active.get(r.state.runId),
        vscode.l10n.t('Select the remote run to cancel'),
        vscode.l10n.t('No remote run is going on.'),
      );
      if (!run) return undefined;
      const picked = face.services.active.get(run.state.runId);
      if (picked) {
        picked.controller.abort(vscode.l10n.t('cancelled by the user'));
        return picked.outcome?.catch((e: unknown) => failure(e, face));
      }
      if (!explicit) {
        const stop = vscode.l10n.t('Cancel Run');
        const answer = await vscode.window.showWarningMessage(
          vscode.l10n.t('Cancel run {0} on {1}?', run.state.runId, run.state.hostName),
          { modal: true, detail: vscode.l10n.t('Its remote processes are stopped; what it produced is fetched and the run is marked inconclusive.') },
          stop,
        );
        if (answer !== stop) return undefined;
      }
      const entry = await hostFor(face, run);
      if (!entry) return undefined;
      const out = face.channels.sink(run.state.runId);
      const sink = new ProgressSink(out);
      try {
        const outcome = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Cancelling remote run {0}...', run.state.runId) }, () =>
          cancelRemoteRun(sessionRef(face, run, entry), { onEvent: (e) => (e.type === 'log' || e.type === 'phase' ? out.line(`» ${e.message}`) : undefined) }),
        );
        await ensureRunListed(face.model, outcome.runRoot);
        announce(outcome, out.channel, sink);
        return outcome;
      } catch (e) {
        const result = failure(e, face);
        if (result.status === 'error') void vscode.window.showErrorMessage(result.message);
        return result;
      }
    }),

    vscode.commands.registerCommand('xllm.fetchRemoteRun', async (arg?: RunArg) => {
      if (!remoteAllowed()) return undefined;
      const run = await pickRun(face, arg, () => true, vscode.l10n.t('Select the remote run to fetch again'), vscode.l10n.t('No remote runs are known in this workspace.'));
      if (!run) return undefined;
      const entry = await hostFor(face, run);
      if (!entry) return undefined;
      try {
        const r = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Fetching remote run {0}...', run.state.runId), cancellable: true }, (_p, token) => {
          const controller = new AbortController();
          token.onCancellationRequested(() => controller.abort(vscode.l10n.t('cancelled by the user')));
          return fetchRemoteRun(sessionRef(face, run, entry), { signal: controller.signal });
        });
        await ensureRunListed(face.model, r.runRoot);
        if (r.refused.length) void vscode.window.showWarningMessage(new RemoteError('fetch_refused', [r.refused.length, r.refused.map((e) => `${e.path} (${e.reason})`).join(', ')]).localized(face.services.locale));
        else void vscode.window.showInformationMessage(vscode.l10n.t('Fetched run {0} into {1}.', run.state.runId, vscode.workspace.asRelativePath(r.runRoot)));
        return r;
      } catch (e) {
        const result = failure(e, face);
        if (result.status === 'error') void vscode.window.showErrorMessage(result.message);
        return result;
      }
    }),
  ];
}
