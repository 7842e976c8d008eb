// What differs between the remote run kinds (perf, accuracy, profiling capture); the engine runs the shared shape.
import type { Locale } from '../i18n/locale';
import type { ManifestDocument } from '../manifest/manifestModel';
import type { Metrics } from '../schemas/metricsSchema';
import type { PerfPlan } from './perfPlan';
import type { RemoteRunKind } from './remoteLayout';
import type { ExecResult, ScriptVars } from './sshTransport';

/** What a flow may see and do while the engine runs it. */
export interface FlowContext {
  readonly plan: PerfPlan;
  /** Absolute local run root. */
  readonly runRoot: string;
  readonly doc: ManifestDocument;
  readonly locale: Locale | undefined;
  /** Whether this run started the service (and so knows its process group). */
  readonly serviceOurs: boolean;
  /** Runs a script on the host (in the container when there is one) with RUN_KIND and RUN_ID set. */
  exec(step: string, script: string, vars?: ScriptVars): Promise<ExecResult>;
  warn(message: string): void;
}

/** The detached job that does the run's work. */
export interface WorkloadJob {
  /** Command file body (run with the run folder as working directory); every value in it is quoted. */
  readonly body: string;
  /** The exact command, for the manifest and report. */
  readonly commandText: string;
  readonly cmdFile: string;
  /** Where the job's own output goes, relative to the run folder. */
  readonly jobLog: string;
  /** The log whose lines and progress are streamed (the benchmark client's). */
  readonly streamLog: string;
  readonly message: string;
}

export interface FlowCollect {
  readonly metrics: Metrics | null;
  /** Manifest Artifacts keys this flow fills (relative paths). */
  readonly artifacts: Readonly<Record<string, string | undefined>>;
  /** Report lines under "Headline". */
  readonly headline: readonly string[];
  /** Set when the evidence is incomplete for this kind (rule 8 for profiling): the run becomes inconclusive. */
  readonly inconclusive?: string;
}

export interface RunFlow {
  readonly kind: RemoteRunKind;
  readonly title: string;
  /** Tools the run needs on the PATH where it runs. */
  readonly tools: readonly string[];
  /** Whether the precheck gate (and its idle and closing snapshots) is part of the run. */
  readonly gate: boolean;
  /** Extra environment of a service this run starts. */
  readonly serviceEnv: Readonly<Record<string, string>>;
  workload(ctx: FlowContext): Promise<WorkloadJob>;
  collect(ctx: FlowContext): Promise<FlowCollect>;
}
