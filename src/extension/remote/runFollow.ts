// Following a run in the UI: a progress notification with percent and Cancel, then a message about how it ended,
// with the run root made visible in the Runs view.
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RemoteRunOutcome } from '../../core/remote/benchmarkEngine';
import { RemoteError } from '../../core/remote/remoteMessages';
import type { RunsModel } from '../runs/runsModel';
import type { RemoteFace } from './remoteFace';
import { errorText, type RunSink, type StartedRun } from './remoteRunSession';

/** What a remote command returns: the engine's outcome, or the error that kept the run from starting or finishing. */
export type RemoteCommandResult = RemoteRunOutcome | { readonly status: 'error'; readonly code: string; readonly message: string };

export function failure(e: unknown, face: RemoteFace): RemoteCommandResult {
  return { status: 'error', code: e instanceof RemoteError ? e.code : 'error', message: errorText(e, face.services.locale) };
}

/** The Runs view watches run folders; if its watcher has not caught up yet (or the root is outside it), rescan. */
export async function ensureRunListed(model: RunsModel, runRoot: string): Promise<void> {
  const listed = () => model.runs().some((r) => path.resolve(r.root) === path.resolve(runRoot));
  await model.whenLoaded();
  for (let i = 0; i < 10 && !listed(); i++) await new Promise((r) => setTimeout(r, 100));
  if (!listed()) await model.refresh();
}

/** A sink whose progress goes to whichever notification is current. */
export class ProgressSink implements RunSink {
  private report: ((percent: number | null, message: string) => void) | undefined;
  /** Reasons of the last gate event, in the UI language. */
  gateReasons: readonly string[] | undefined;
  constructor(private readonly out: RunSink) {}
  line(text: string): void {
    this.out.line(text);
  }
  gate(_verdict: string, reasons: readonly string[]): void {
    this.gateReasons = reasons;
  }
  progress(percent: number | null, message: string): void {
    this.report?.(percent, message);
  }
  attach(progress: vscode.Progress<{ message?: string; increment?: number }>): void {
    let last = 0;
    this.report = (percent, message) => {
      if (percent === null) return progress.report({ message });
      const p = Math.max(0, Math.min(100, percent));
      progress.report({ message: `${Math.round(p)}% · ${message}`, increment: Math.max(0, p - last) });
      last = Math.max(last, p);
    };
  }
}

/** Shows a run's progress until it ends; Cancel aborts it (the engine then stops the remote jobs and keeps what exists). */
export async function followRun(face: RemoteFace, title: string, sink: ProgressSink, channel: vscode.OutputChannel, start: () => Promise<StartedRun>): Promise<RemoteCommandResult> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
    sink.attach(progress);
    let started: StartedRun;
    try {
      started = await start();
    } catch (e) {
      return announceError(face, e, channel);
    }
    const onCancel = token.onCancellationRequested(() => started.controller.abort(vscode.l10n.t('cancelled by the user')));
    try {
      const outcome = await started.outcome;
      await ensureRunListed(face.model, outcome.runRoot);
      announce(outcome, channel, sink);
      return outcome;
    } catch (e) {
      return announceError(face, e, channel);
    } finally {
      onCancel.dispose();
    }
  });
}

function announceError(face: RemoteFace, e: unknown, channel: vscode.OutputChannel): RemoteCommandResult {
  const result = failure(e, face);
  if (result.status === 'error') {
    channel.appendLine(`» ${result.message}`);
    const show = vscode.l10n.t('Show Output');
    void vscode.window.showErrorMessage(result.message, show).then((a) => (a === show ? channel.show() : undefined));
  }
  return result;
}

async function openFile(file: string): Promise<void> {
  await vscode.window.showTextDocument(vscode.Uri.file(file), { preview: true });
}

/** The end-of-run message; never awaited, so a command returns as soon as the run ends. */
export function announce(o: RemoteRunOutcome, channel: vscode.OutputChannel, sink: ProgressSink): void {
  const openReport = vscode.l10n.t('Open Report');
  const showOutput = vscode.l10n.t('Show Output');
  const reattach = vscode.l10n.t('Reattach');
  const act = (a: string | undefined) => {
    if (a === openReport) void openFile(path.join(o.runRoot, 'report.md'));
    else if (a === showOutput) channel.show();
    else if (a === reattach) void vscode.commands.executeCommand('xllm.reattachRemoteRun', o.runId);
  };
  switch (o.status) {
    case 'completed':
      void vscode.window.showInformationMessage(vscode.l10n.t('Remote run {0} completed; its run root is in the Runs view.', o.runId), openReport, showOutput).then(act);
      break;
    case 'gate_failed': {
      // The gate event's reasons are in the UI language; the outcome's reason is the engine's English text.
      const reasons = sink.gateReasons?.length ? sink.gateReasons.join('; ') : (o.reason ?? '');
      void vscode.window.showErrorMessage(vscode.l10n.t('Precheck gate failed: run {0} was stopped before the service started. {1}', o.runId, reasons), openReport, showOutput).then(act);
      break;
    }
    case 'failed':
      void vscode.window.showErrorMessage(vscode.l10n.t('Remote run {0} failed: {1}', o.runId, o.reason ?? ''), openReport, showOutput).then(act);
      break;
    case 'cancelled':
      void vscode.window.showWarningMessage(vscode.l10n.t('Remote run {0} was cancelled; what it produced is kept and it is marked inconclusive.', o.runId), openReport).then(act);
      break;
    case 'detached':
      void vscode.window.showWarningMessage(vscode.l10n.t('The connection for run {0} was lost; the remote job keeps running. Reattach to resume.', o.runId), reattach, showOutput).then(act);
      break;
  }
}
