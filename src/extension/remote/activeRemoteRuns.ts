// Remote runs driven by this window right now: their cancel handle and where they are, for the view and Cancel.
import * as vscode from 'vscode';
import type { RemoteRunOutcome, RunPhase } from '../../core/remote/benchmarkEngine';

export interface ActiveRemoteRun {
  readonly runId: string;
  readonly hostName: string;
  readonly controller: AbortController;
  phase: RunPhase;
  /** Workload progress 0-100, or null before the workload reports any. */
  percent: number | null;
  /** Settles when the run ends (Cancel waits for it). */
  outcome?: Promise<RemoteRunOutcome>;
}

export class ActiveRemoteRuns implements vscode.Disposable {
  private readonly runs = new Map<string, ActiveRemoteRun>();
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;

  /** Registers a run; a second one with the same id is refused (the engine would refuse its run root anyway). */
  start(runId: string, hostName: string, controller: AbortController): ActiveRemoteRun {
    if (this.runs.has(runId)) throw new Error(vscode.l10n.t('Run {0} is already running in this window.', runId));
    const run: ActiveRemoteRun = { runId, hostName, controller, phase: 'connect', percent: null };
    this.runs.set(runId, run);
    this.emitter.fire();
    return run;
  }

  update(runId: string, change: Partial<Pick<ActiveRemoteRun, 'phase' | 'percent' | 'outcome'>>): void {
    const run = this.runs.get(runId);
    if (!run) return;
    Object.assign(run, change);
    this.emitter.fire();
  }

  finish(runId: string): void {
    if (this.runs.delete(runId)) this.emitter.fire();
  }

  get(runId: string): ActiveRemoteRun | undefined {
    return this.runs.get(runId);
  }

  list(): ActiveRemoteRun[] {
    return [...this.runs.values()];
  }

  dispose(): void {
    // Not aborted: a closing window leaves the remote jobs running, and Reattach picks them up later.
    this.runs.clear();
    this.emitter.dispose();
  }
}
