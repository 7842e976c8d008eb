// Drives one remote run for any face (command, task, sweep): the engine's events become output lines, progress,
// the active-run entry and the host's last gate verdict.
import * as vscode from 'vscode';
import { z } from 'zod';
import { reattachRemoteRun, runRemoteBenchmark, type RemoteRunEvent, type RemoteRunOutcome } from '../../core/remote/benchmarkEngine';
import type { Locale } from '../../core/i18n/locale';
import type { RemoteRunKind } from '../../core/remote/remoteLayout';
import { RemoteError } from '../../core/remote/remoteMessages';
import { log } from '../log';
import type { ActiveRemoteRuns } from './activeRemoteRuns';
import { askpassPrompt } from './askpassPrompt';
import type { HostStatusStore } from './hostStatusStore';
import { kindOfManifest, manifestRunId } from './preparedRunRoot';
import type { HostEntry } from './remoteHostList';
import type { RemoteSettings } from './remoteSettings';

/** Where a run's output and progress go. */
export interface RunSink {
  line(text: string): void;
  progress?(percent: number | null, message: string): void;
  gate?(verdict: string, reasons: readonly string[], blocking: boolean): void;
}

/** Run options a caller (test, task, sweep) may set explicitly; the settings give the rest. */
export interface RemoteRunArgs {
  /** perf (evalscope perf), accuracy (evalscope eval) or profiling (msprof capture); default from where the manifest is. */
  readonly kind?: RemoteRunKind;
  readonly idleSamples?: { readonly count: number; readonly intervalSeconds: number };
  readonly serviceReadyTimeoutSeconds?: number;
  readonly stopServiceAtEnd?: boolean;
}

export interface SessionServices {
  readonly active: ActiveRemoteRuns;
  readonly status: HostStatusStore;
  readonly settings: RemoteSettings;
  readonly locale: Locale;
}

/** Localized text of an engine error (RemoteError has both languages). */
export function errorText(e: unknown, locale: Locale): string {
  if (e instanceof RemoteError) return e.localized(locale);
  return e instanceof Error ? e.message : String(e);
}

/** One event handler per run: output lines to the sink, state to the registry and the host's gate. */
export function eventHandler(runId: string, entry: HostEntry, services: SessionServices, sink: RunSink): (e: RemoteRunEvent) => void {
  let percent: number | null = null;
  let phaseMessage = '';
  return (e) => {
    switch (e.type) {
      case 'phase':
        phaseMessage = `${e.phase}: ${e.message}`;
        services.active.update(runId, { phase: e.phase });
        sink.line(`» ${phaseMessage}`);
        sink.progress?.(percent, phaseMessage);
        break;
      case 'log':
        sink.line(`» ${e.level === 'warning' ? vscode.l10n.t('warning') + ': ' : ''}${e.message}`);
        break;
      case 'output':
        sink.line(e.line);
        break;
      case 'progress':
        percent = e.percent;
        services.active.update(runId, { percent });
        sink.progress?.(percent, e.done !== null && e.total !== null ? vscode.l10n.t('workload {0}/{1} requests', e.done, e.total) : phaseMessage);
        break;
      case 'gate':
        sink.line(`» ${vscode.l10n.t('Precheck gate: {0}', e.verdict.toUpperCase())}${e.blocking ? ` (${vscode.l10n.t('the run stops')})` : ''}`);
        for (const r of e.reasons) sink.line(`    - ${r}`);
        sink.gate?.(e.verdict, e.reasons, e.blocking);
        void services.status.setLastGate(entry.host.name, { verdict: e.verdict, reasons: e.reasons, at: new Date().toISOString(), runId });
        break;
      case 'disconnected':
        sink.line(`» ${e.message}`);
        break;
      case 'finished':
        sink.line(`» ${vscode.l10n.t('Run {0} ended: {1} (conclusion_status {2})', e.outcome.runId, e.outcome.status, e.outcome.conclusion)}${e.outcome.reason ? ` — ${e.outcome.reason}` : ''}`);
        break;
    }
  };
}

function sessionBase(entry: HostEntry, services: SessionServices, workspaceDir: string) {
  return {
    host: entry.host,
    workspaceDir,
    sshConfigFile: services.settings.sshConfigFile,
    askpass: askpassPrompt(entry.host.name),
    // The transport's lines are redacted by the core (host env values and prompt answers never appear).
    log: (line: string) => log().debug(`[${entry.host.name}] ${line}`),
    locale: services.locale,
  };
}

export interface StartedRun {
  readonly runId: string;
  readonly outcome: Promise<RemoteRunOutcome>;
  readonly controller: AbortController;
}

/**
 * Starts a run: registers it as active and runs the engine (a run root New Run prepared is filled in place).
 * Rejects before anything starts (bad manifest, run id already running); the outcome promise rejects with engine errors.
 */
export async function startRemoteRun(
  workspaceDir: string,
  manifestPath: string,
  entry: HostEntry,
  args: RemoteRunArgs,
  services: SessionServices,
  sink: RunSink,
): Promise<StartedRun> {
  const kind = args.kind ?? kindOfManifest(workspaceDir, manifestPath);
  const runId = (await manifestRunId(manifestPath)) ?? '';
  const controller = new AbortController();
  if (runId) {
    services.active.start(runId, entry.host.name, controller);
  }
  const outcome = (async () => {
    try {
      return await runRemoteBenchmark(
        {
          ...sessionBase(entry, services, workspaceDir),
          manifestPath,
          kind,
          idleSamples: args.idleSamples,
          serviceReadyTimeoutSeconds: args.serviceReadyTimeoutSeconds ?? services.settings.serviceReadyTimeoutSeconds,
          stopServiceAtEnd: args.stopServiceAtEnd ?? services.settings.stopServiceAtEnd,
        },
        { signal: controller.signal, onEvent: eventHandler(runId, entry, services, sink) },
      );
    } finally {
      services.active.finish(runId);
    }
  })();
  services.active.update(runId, { outcome });
  return { runId, outcome, controller };
}

/** Reattaches to a run whose connection dropped (or whose window closed); streams from where it stopped. */
export function startReattach(workspaceDir: string, runId: string, entry: HostEntry, services: SessionServices, sink: RunSink): StartedRun {
  const controller = new AbortController();
  services.active.start(runId, entry.host.name, controller);
  const outcome = reattachRemoteRun({ ...sessionBase(entry, services, workspaceDir), runId }, { signal: controller.signal, onEvent: eventHandler(runId, entry, services, sink) }).finally(() =>
    services.active.finish(runId),
  );
  services.active.update(runId, { outcome });
  return { runId, outcome, controller };
}

const runArgsSchema = z.strictObject({
  kind: z.enum(['perf', 'accuracy', 'profiling']).optional(),
  idleSamples: z.strictObject({ count: z.number().int().min(0).max(100), intervalSeconds: z.number().min(0).max(600) }).optional(),
  serviceReadyTimeoutSeconds: z.number().positive().max(86_400).optional(),
  stopServiceAtEnd: z.boolean().optional(),
});

/** Run options from a caller (command argument, task definition); a bad value is an error naming the field. */
export function runArgsFrom(value: unknown): RemoteRunArgs {
  if (value === undefined || value === null) return {};
  const parsed = runArgsSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(vscode.l10n.t('Invalid run option {0}: {1}', issue?.path.join('.') || '?', issue?.message ?? ''));
  }
  return parsed.data;
}
