// The remote perf benchmark as one resumable flow: gate -> service -> workload -> after, over one SSH connection,
// with typed progress events, cancellation, reattach after a dropped connection, and device locks on the host.
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { writeFileAtomic } from '../fs/atomicWrite';
import { readGateFolder } from '../gate/gateFolder';
import { computeGateVerdict } from '../gate/gateVerdict';
import type { GateVerdict } from '../gate/gateVerdictSchema';
import { snapshotFiles, snapshotSteps, type SnapshotPhase } from '../gate/snapshotCommands';
import type { Locale } from '../i18n/locale';
import { parseManifestFile } from '../manifest/manifestFields';
import type { ManifestDocument } from '../manifest/manifestModel';
import type { Metrics } from '../schemas/metricsSchema';
import type { AskpassHook } from './askpassBridge';
import { ACQUIRE_LOCKS, RELEASE_LOCKS, parseLockResult } from './deviceLock';
import { ALIVE_FUNCS, JOB_STATUS, KILL_JOBS, START_JOB, STREAM_JOB_LOG, WRITE_COMMAND_FILE, jobState, parseJobStatus, type JobName } from './detachedJob';
import { PROBE_HOST, parseHostProbe } from './hostProbe';
import { accuracyFlow } from './accuracyFlow';
import { perfFlow } from './perfFlow';
import { profilingFlow } from './profilingFlow';
import type { FlowContext, RunFlow } from './runFlow';
import { fillManifest } from './manifestFill';
import { readPerfPlan, type PerfPlan } from './perfPlan';
import { LineSplitter, parseProgress } from './progressLine';
import { RemoteError } from './remoteMessages';
import { RUN_PATHS, localRunRelative, type RemoteRunKind } from './remoteLayout';
import type { RemoteHost } from './remoteHost';
import { DEFAULT_LOCK_DIR } from './remoteHost';
import { loadRunState, saveRunState, type RemoteRunState } from './remoteRunState';
import { fetchRunFolder, type RefusedEntry } from './runArchive';
import { renderRunReport } from './runReport';
import { shellQuote } from './shellQuote';
import { SshTransport } from './sshTransport';

export type RunPhase = 'connect' | 'probe' | 'lock' | 'gate' | 'service' | 'workload' | 'after' | 'fetch' | 'done';

export type RemoteRunEvent =
  | { readonly type: 'phase'; readonly phase: RunPhase; readonly message: string }
  | { readonly type: 'log'; readonly level: 'info' | 'warning'; readonly message: string }
  | { readonly type: 'output'; readonly job: JobName; readonly line: string }
  | { readonly type: 'progress'; readonly job: JobName; readonly percent: number; readonly done: number | null; readonly total: number | null }
  | { readonly type: 'gate'; readonly verdict: GateVerdict['verdict']; readonly reasons: readonly string[]; readonly blocking: boolean }
  | { readonly type: 'disconnected'; readonly message: string }
  | { readonly type: 'finished'; readonly outcome: RemoteRunOutcome };

export type RemoteRunStatus = 'completed' | 'gate_failed' | 'failed' | 'cancelled' | 'detached';

export interface RemoteRunOutcome {
  readonly runId: string;
  readonly status: RemoteRunStatus;
  /** The manifest's conclusion_status as written: pending (for review), fail, or inconclusive. */
  readonly conclusion: 'pending' | 'fail' | 'inconclusive';
  readonly reason: string | null;
  /** Absolute local run root. */
  readonly runRoot: string;
  readonly metrics: Metrics | null;
  readonly gate: GateVerdict | null;
  readonly refused: readonly RefusedEntry[];
  /** SSH connections this call opened (one per run unless the connection dropped). */
  readonly connections: number;
}

export interface RemoteSessionOptions {
  readonly host: RemoteHost;
  /** Local folder holding runs/ (the workspace). */
  readonly workspaceDir: string;
  readonly sshConfigFile?: string;
  readonly askpass?: AskpassHook;
  /** Transport log lines (redacted). */
  readonly log?: (line: string) => void;
  readonly locale?: Locale;
}

export interface RemoteRunOptions extends RemoteSessionOptions {
  readonly manifestPath: string;
  /** perf (default): evalscope perf; accuracy: evalscope eval; profiling: an msprof dynamic capture around the workload. */
  readonly kind?: RemoteRunKind;
  /** Idle samples once the service is up (default 3 rounds, 10 s apart, as formats.md section 5 asks). */
  readonly idleSamples?: { readonly count: number; readonly intervalSeconds: number };
  readonly serviceReadyTimeoutSeconds?: number;
  /** Stop a service this run started when the run ends (default true); a reused service is never stopped. */
  readonly stopServiceAtEnd?: boolean;
  /** Who takes the device locks (default user@local-host). */
  readonly owner?: string;
}

export interface RunHandlers {
  readonly onEvent?: (event: RemoteRunEvent) => void;
  readonly signal?: AbortSignal;
}

const GRACE_SECONDS = 5;

/** Thrown inside the flow to end it early with an outcome (gate failure, service failure). */
class FlowStop extends Error {
  constructor(
    readonly status: RemoteRunStatus,
    readonly conclusion: RemoteRunOutcome['conclusion'],
    reason: string,
  ) {
    super(reason);
  }
}

interface Ctx {
  readonly flow: RunFlow;
  readonly options: RemoteRunOptions;
  readonly host: RemoteHost;
  readonly plan: PerfPlan;
  readonly doc: ManifestDocument;
  readonly manifestText: string;
  readonly manifestName: string;
  readonly runRoot: string;
  readonly transport: SshTransport;
  readonly state: RemoteRunState;
  readonly emit: (e: RemoteRunEvent) => void;
  readonly signal: AbortSignal | undefined;
  refused: RefusedEntry[];
}

function runVars(ctx: Pick<Ctx, 'plan' | 'flow'>): Record<string, string> {
  return { RUN_KIND: ctx.flow.kind, RUN_ID: ctx.plan.runId };
}

const FLOWS: Record<RemoteRunKind, RunFlow> = { perf: perfFlow, accuracy: accuracyFlow, profiling: profilingFlow };

/** The flow of a run kind. */
export function flowOf(kind: RemoteRunKind): RunFlow {
  return FLOWS[kind];
}

/** The view of a run a flow gets. */
function flowContext(ctx: Ctx): FlowContext {
  return {
    plan: ctx.plan,
    runRoot: ctx.runRoot,
    doc: ctx.doc,
    locale: ctx.options.locale,
    serviceOurs: ctx.state.serviceOurs,
    exec: (step, script, vars) => exec(ctx, step, script, vars as Record<string, string | readonly string[]>),
    warn: (message) => ctx.emit({ type: 'log', level: 'warning', message }),
  };
}

function localOwner(): string {
  return `${os.userInfo().username}@${os.hostname()}`;
}

async function readManifest(manifestPath: string): Promise<{ text: string; doc: ManifestDocument }> {
  let text: string;
  try {
    text = await fs.readFile(manifestPath, 'utf8');
  } catch (e) {
    throw new RemoteError('manifest_invalid', [manifestPath, `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`]);
  }
  return { text, doc: parseManifestFile(text, manifestPath) };
}

function planOf(doc: ManifestDocument, manifestPath: string, host: RemoteHost, kind: RemoteRunKind): PerfPlan {
  const { plan, problems } = readPerfPlan(doc, host, kind);
  if (!plan) throw new RemoteError('manifest_invalid', [manifestPath, problems.map((p) => `${p.key}: ${p.message}`).join('; ')]);
  return plan;
}

async function isNonEmptyDir(dir: string): Promise<boolean> {
  const names = await fs.readdir(dir).catch(() => null);
  return names !== null && names.length > 0;
}

/**
 * Whether a run root already holds evidence. A root New Run prepared (only the manifest being run, plus
 * empty skeleton folders) does not: the run fills it. Anything else belongs to another run and is kept.
 */
async function holdsEvidence(dir: string, manifestPath: string): Promise<boolean> {
  const manifest = path.resolve(manifestPath);
  const walk = async (d: string): Promise<boolean> => {
    const entries = await fs.readdir(d, { withFileTypes: true }).catch(() => null);
    if (!entries) return false;
    for (const e of entries) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) {
        if (await walk(p)) return true;
      } else if (p !== manifest) {
        return true;
      }
    }
    return false;
  };
  return walk(dir);
}

/** `null` runs a step without the run's signal: clean-up after a cancel must not be cancelled itself. */
type StepSignal = AbortSignal | null | undefined;
const signalOf = (ctx: Ctx, signal: StepSignal) => (signal === null ? undefined : (signal ?? ctx.signal));

async function exec(ctx: Ctx, step: string, script: string, vars: Record<string, string | readonly string[]> = {}, inContainer = true, signal?: StepSignal) {
  return ctx.transport.exec(script, { step, vars: { ...runVars(ctx), ...vars }, inContainer, signal: signalOf(ctx, signal) });
}

/** Fetches the run folder (or one sub-folder) into the local run root as a tar stream over the same connection. */
async function fetchRun(ctx: Ctx, subdir = '', signal?: StepSignal): Promise<void> {
  const r = await fetchRunFolder(ctx.transport, { kind: ctx.flow.kind, runId: ctx.plan.runId, subdir }, ctx.runRoot, signalOf(ctx, signal));
  if (r.refused.length) {
    ctx.refused.push(...r.refused);
    ctx.emit({ type: 'log', level: 'warning', message: new RemoteError('fetch_refused', [r.refused.length, r.refused.map((e) => `${e.path} (${e.reason})`).join(', ')]).message });
  }
}

/** Runs the snapshot commands of one phase into env/ on the host; the command lines are the gate's fixed table. */
async function snapshots(ctx: Ctx, phase: SnapshotPhase, signal?: StepSignal): Promise<void> {
  const idle = ctx.options.idleSamples;
  const steps = snapshotSteps(phase, ctx.plan.devices).filter((s) => !(idle && idle.count < 1 && s.id.startsWith('idle-usages')));
  const lines = [RUN_PATHS, 'ENV_DIR="$RUN/env"', 'mkdir -p "$ENV_DIR"'];
  let round = 0;
  for (const s of steps) {
    if (idle && s.id.startsWith('idle-usages') && s.id.endsWith('.time')) round++;
    if (idle && s.id.startsWith('idle-usages') && round > idle.count) continue;
    lines.push(`{ ${s.command} ; } ${s.append ? '>>' : '>'} "$ENV_DIR"/${shellQuote(s.file)} 2>&1`);
    const pause = s.sleepSecondsAfter && idle ? (round < idle.count ? idle.intervalSeconds : 0) : s.sleepSecondsAfter;
    if (pause) lines.push(`sleep ${pause}`);
  }
  const r = await exec(ctx, `snapshots ${phase}`, lines.join('\n'), {}, true, signal);
  if (r.exitCode !== 0) ctx.emit({ type: 'log', level: 'warning', message: `snapshot ${phase} exited ${r.exitCode}: ${r.stderr.trim()}` });
}

async function save(ctx: Ctx): Promise<void> {
  await saveRunState(ctx.options.workspaceDir, ctx.state);
}

async function gatePhase(ctx: Ctx): Promise<void> {
  if (!ctx.flow.gate) {
    ctx.state.gateDone = true;
    await save(ctx);
    return;
  }
  ctx.emit({ type: 'phase', phase: 'gate', message: `precheck snapshots of NPU ${ctx.plan.devices.join(',')}` });
  await snapshots(ctx, 'before');
  await fetchRun(ctx, 'env');
  const verdict = computeGateVerdict(await readGateFolder(path.join(ctx.runRoot, 'env')), { devices: ctx.plan.devices });
  const beforeFiles = new Set(snapshotFiles(ctx.plan.devices).filter((f) => !/after|idle/.test(f)));
  // Before the service starts only the "before" evidence exists: missing after-files are not a reason yet.
  const blocking = verdict.reasons.filter((r) => r.severity === 'fail' || (r.file !== undefined && beforeFiles.has(r.file)));
  const messages = blocking.map((r) => (ctx.options.locale === 'zh-cn' ? r.message_zh : r.message_en));
  const formal = ctx.plan.level !== 'smoke';
  ctx.state.gate = { verdict: blocking.length ? (blocking.some((r) => r.severity === 'fail') ? 'fail' : 'incomplete') : 'pass', reasons: messages };
  ctx.emit({ type: 'gate', verdict: ctx.state.gate.verdict as GateVerdict['verdict'], reasons: messages, blocking: formal && blocking.length > 0 });
  if (blocking.length && formal) throw new FlowStop('gate_failed', 'inconclusive', new RemoteError('gate_failed', [ctx.plan.level, messages.join('; ')]).message);
  if (blocking.length) ctx.emit({ type: 'log', level: 'warning', message: `gate did not pass; a smoke run goes on: ${messages.join('; ')}` });
  ctx.state.gateDone = true;
  await save(ctx);
}

const HEALTHCHECK = `${RUN_PATHS}
mkdir -p "$RUN/service"
if out=$(curl -sS -m 5 "$API_URL/models" 2>&1) && printf '%s' "$out" | grep -q '"data"'; then
  printf '%s\\n' "$out" > "$RUN/service/healthcheck.json"; echo healthy; exit 0
fi
echo "unhealthy: $out"; exit 1
`;

const WAIT_READY = `${RUN_PATHS}
${ALIVE_FUNCS}
deadline=$((SECONDS + TIMEOUT))
while :; do
  if out=$(curl -sS -m 3 "$API_URL/models" 2>/dev/null) && printf '%s' "$out" | grep -q '"data"'; then
    printf '%s\\n' "$out" > "$RUN/service/healthcheck.json"; echo ready; exit 0
  fi
  [ -e "$CTL/cancelled" ] && { echo cancelled; exit 6; }
  [ -s "$CTL/service.exit" ] && { echo "exited=$(cat "$CTL/service.exit")"; exit 4; }
  if [ -s "$CTL/service.pid" ] && ! alive "$(cat "$CTL/service.pid")"; then sleep 0.2; [ -s "$CTL/service.exit" ] && echo "exited=$(cat "$CTL/service.exit")" || echo exited=unknown; exit 4; fi
  [ $SECONDS -ge $deadline ] && { echo timeout; exit 5; }
  sleep 0.3
done
`;

async function startJob(ctx: Ctx, job: JobName, cmdFile: string, body: string, logFile: string): Promise<number> {
  const w = await exec(ctx, `write ${cmdFile}`, WRITE_COMMAND_FILE, { CMD_FILE: cmdFile, BODY: body });
  if (w.exitCode !== 0) throw new RemoteError('remote_failed', [`write ${cmdFile}`, w.exitCode, w.stderr.trim()]);
  const r = await exec(ctx, `start ${job}`, START_JOB, { JOB: job, CMD_FILE: cmdFile, LOG_FILE: logFile });
  const pid = /pid=(\d+)/.exec(r.stdout)?.[1];
  if (r.exitCode !== 0 || !pid) throw new RemoteError('remote_failed', [`start ${job}`, r.exitCode, r.stderr.trim()]);
  return Number(pid);
}

async function servicePhase(ctx: Ctx): Promise<void> {
  const { plan, state } = ctx;
  ctx.emit({ type: 'phase', phase: 'service', message: `checking ${plan.apiUrl}/models` });
  if (!state.serviceOurs) {
    const health = await exec(ctx, 'healthcheck', HEALTHCHECK, { API_URL: plan.apiUrl });
    if (health.exitCode === 0) {
      state.serviceReused = true;
      state.healthcheckResult = 'reused: a healthy service answered GET /models';
      ctx.emit({ type: 'log', level: 'info', message: `reusing the healthy service at ${plan.apiUrl}` });
    }
  }
  if (!state.serviceReused) {
    if (!plan.startupCommand) throw new FlowStop('failed', 'inconclusive', `no healthy service answers ${plan.apiUrl}/models and the manifest has no startup_command`);
    if (!state.serviceOurs) {
      // The startup command is a command line by definition; it runs as written, with the device list quoted.
      const env = { ASCEND_RT_VISIBLE_DEVICES: plan.visibleDevices, ...ctx.flow.serviceEnv };
      const body = `${Object.entries(env)
        .map(([k, v]) => `export ${k}=${shellQuote(v)}`)
        .join('\n')}\n${plan.startupCommand}`;
      state.servicePid = await startJob(ctx, 'service', 'service/command.sh', body, 'service/node_0.log');
      state.serviceOurs = true;
      state.startupCommand = plan.startupCommand;
      await exec(ctx, 'service pids', `${RUN_PATHS}\nprintf '%s\\n' "$PID" > "$RUN/service/pids.txt"; : > "$CTL/service.ours"`, { PID: String(state.servicePid) });
      await save(ctx);
      ctx.emit({ type: 'log', level: 'info', message: `service started (pid ${state.servicePid}); waiting for ${plan.apiUrl}/models` });
    }
    const timeout = ctx.options.serviceReadyTimeoutSeconds ?? 1800;
    const ready = await exec(ctx, 'wait for service', WAIT_READY, { API_URL: plan.apiUrl, TIMEOUT: String(timeout) });
    if (ready.exitCode === 5) throw new FlowStop('failed', 'inconclusive', new RemoteError('service_timeout', [plan.apiUrl, timeout]).message);
    if (ready.exitCode === 4) throw new FlowStop('failed', 'fail', new RemoteError('service_exited', [/exited=(\S+)/.exec(ready.stdout)?.[1] ?? 'unknown']).message);
    if (ready.exitCode === 6) throw new FlowStop('cancelled', 'inconclusive', new RemoteError('cancelled', ['service', 'cancelled on the host']).message);
    if (ready.exitCode !== 0) throw new RemoteError('remote_failed', ['wait for service', ready.exitCode, ready.stderr.trim()]);
    state.healthcheckResult = 'ready: GET /models answered';
  }
  if (ctx.flow.gate) await snapshots(ctx, 'after-service');
  state.serviceReady = true;
  await save(ctx);
}

/** Streams the workload log from the saved offset until the job ends; progress and lines become events. */
async function streamWorkload(ctx: Ctx): Promise<void> {
  const decoder = new StringDecoder('utf8');
  const splitter = new LineSplitter();
  let lastSave = Date.now();
  const onLine = (line: string) => {
    ctx.emit({ type: 'output', job: 'workload', line });
    const p = parseProgress(line);
    if (p) ctx.emit({ type: 'progress', job: 'workload', ...p });
  };
  await ctx.transport.download(
    STREAM_JOB_LOG,
    { step: 'stream workload', vars: { ...runVars(ctx), JOB: 'workload', LOG_FILE: ctx.state.streamLog ?? 'evalscope/evalscope.log', OFFSET: String(ctx.state.streamOffset) }, signal: ctx.signal },
    async (stdout) => {
      for await (const chunk of stdout as AsyncIterable<Buffer>) {
        ctx.state.streamOffset += chunk.length;
        for (const line of splitter.push(decoder.write(chunk))) onLine(line);
        if (Date.now() - lastSave > 1000) {
          lastSave = Date.now();
          await save(ctx);
        }
      }
      for (const line of splitter.push(decoder.end())) onLine(line);
      for (const line of splitter.flush()) onLine(line);
    },
  );
  await save(ctx);
}

async function workloadPhase(ctx: Ctx): Promise<void> {
  const { state } = ctx;
  if (!state.workloadStarted) {
    const job = await ctx.flow.workload(flowContext(ctx));
    ctx.emit({ type: 'phase', phase: 'workload', message: job.message });
    state.workloadCommand = job.commandText;
    state.streamLog = job.streamLog;
    state.workloadPid = await startJob(ctx, 'workload', job.cmdFile, job.body, job.jobLog);
    state.workloadStarted = true;
    await save(ctx);
  } else ctx.emit({ type: 'phase', phase: 'workload', message: `resuming the output of the running job from byte ${state.streamOffset}` });
  for (;;) {
    await streamWorkload(ctx);
    const status = parseJobStatus((await exec(ctx, 'job status', JOB_STATUS)).stdout);
    const w = jobState(status, 'workload');
    if (w.alive) continue; // the stream ended early (tail restarted); keep following
    if (status.cancelled !== undefined) throw new FlowStop('cancelled', 'inconclusive', new RemoteError('cancelled', ['workload', status.cancelled]).message);
    if (w.exitCode !== 0) throw new FlowStop('failed', 'fail', new RemoteError('workload_failed', [w.exitCode ?? 'unknown']).message);
    return;
  }
}

/** Writes metrics.json, the gate verdict, the filled manifest and report.md into the local run root. */
async function finalize(ctx: Ctx, status: RemoteRunStatus, conclusion: RemoteRunOutcome['conclusion'], reason: string | null): Promise<RemoteRunOutcome> {
  const { runRoot, plan, state, host } = ctx;
  await fs.mkdir(runRoot, { recursive: true });
  const collected = await ctx.flow.collect(flowContext(ctx));
  const metrics = collected.metrics;
  let gate: GateVerdict | null = null;
  if (ctx.flow.gate && (await isNonEmptyDir(path.join(runRoot, 'env')))) {
    gate = computeGateVerdict(await readGateFolder(path.join(runRoot, 'env')), { devices: plan.devices });
    await writeFileAtomic(path.join(runRoot, 'env', 'gate-verdict.json'), JSON.stringify(gate, null, 2) + '\n');
  }
  // A completed run whose full gate (idle samples, after snapshots) did not pass is still only debug evidence.
  let finalConclusion = conclusion;
  let finalReason = reason;
  if (status === 'completed' && gate && gate.verdict !== 'pass' && plan.level !== 'smoke') {
    finalConclusion = 'inconclusive';
    finalReason = `gate ${gate.verdict}: ${gate.reasons.map((r) => (ctx.options.locale === 'zh-cn' ? r.message_zh : r.message_en)).join('; ')}`;
  }
  if (collected.inconclusive && finalConclusion !== 'fail') {
    finalConclusion = 'inconclusive';
    finalReason = [finalReason, collected.inconclusive].filter(Boolean).join('; ');
  }
  const exists = async (rel: string) => (await fs.stat(path.join(runRoot, rel)).catch(() => null)) !== null;
  const artifacts: Record<string, string | undefined> = {
    env_snapshot_dir: (await exists('env')) ? 'env/' : undefined,
    service_artifact_dir: (await exists('service')) ? 'service/' : undefined,
    ...collected.artifacts,
    report_md: 'report.md',
  };
  const v = state.versions;
  const fill: Record<string, string | number | undefined> = {
    date: state.startedAt,
    // The host's alias from the settings, never its address: manifests are shared artifacts.
    host: host.name,
    container: host.container,
    'NPU model': v.npuName,
    physical_device_ids: plan.devices.join(','),
    ASCEND_RT_VISIBLE_DEVICES: plan.visibleDevices,
    'CANN version': v.cann,
    'HDK driver version': v.driver,
    'torch_npu version': v.torchNpu,
    startup_command: state.startupCommand ?? undefined,
    service_pid: state.servicePid ?? undefined,
    log_dir: state.serviceOurs ? 'service/' : undefined,
    healthcheck_command: `curl -sS -m 5 ${plan.apiUrl}/models`,
    healthcheck_result: state.healthcheckResult ?? undefined,
    ...artifacts,
    conclusion_status: finalConclusion,
    deviations: finalReason ?? undefined,
  };
  const manifestOut = path.join(runRoot, ctx.manifestName);
  const filled = fillManifest(ctx.manifestText, ctx.manifestName, fill);
  await writeFileAtomic(manifestOut, filled);
  const report = renderRunReport({
    title: ctx.flow.title,
    headline: collected.headline,
    runId: plan.runId,
    level: plan.level,
    status,
    conclusion: finalConclusion,
    reason: finalReason,
    model: plan.modelName,
    hostLabel: host.name,
    container: host.container ?? null,
    devices: plan.devices,
    gate: gate ? { verdict: gate.verdict, reasons: gate.reasons.map((r) => r.message_en) } : state.gate,
    serviceReused: state.serviceReused,
    startupCommand: state.startupCommand,
    workloadCommand: state.workloadCommand,
    versions: v,
    artifacts: [ctx.manifestName, ...Object.values(artifacts).filter((a): a is string => a !== undefined)],
    refused: ctx.refused,
  });
  await writeFileAtomic(path.join(runRoot, 'report.md'), report);
  state.status = status;
  state.reason = finalReason;
  await save(ctx);
  return {
    runId: plan.runId,
    status,
    conclusion: finalConclusion,
    reason: finalReason,
    runRoot,
    metrics,
    gate,
    refused: ctx.refused,
    connections: ctx.transport.connectionsOpened,
  };
}

async function releaseLocks(ctx: Ctx): Promise<void> {
  await exec(ctx, 'release locks', RELEASE_LOCKS, { LOCK_DIR: ctx.host.lockDir ?? DEFAULT_LOCK_DIR, DEVICES: ctx.plan.devices.map(String) }, false, null).catch(() => undefined);
}

/** Kills this run's remote jobs (the service only when this run started it), inside the container when there is one. */
async function killJobs(ctx: Ctx, reason: string, includeService: boolean): Promise<void> {
  const jobs = ['workload', 'capture', ...(includeService ? ['service'] : [])];
  await exec(ctx, 'kill jobs', KILL_JOBS, { JOBS: jobs, REASON: reason, GRACE: String(GRACE_SECONDS) }, true, null);
}

/** The part of the flow after the lock is held; shared by a fresh run and reattach. */
async function drive(ctx: Ctx): Promise<RemoteRunOutcome> {
  const { state } = ctx;
  const stopService = ctx.options.stopServiceAtEnd !== false;
  try {
    if (!state.gateDone) await gatePhase(ctx);
    if (!state.serviceReady) await servicePhase(ctx);
    await workloadPhase(ctx);
    ctx.emit({ type: 'phase', phase: 'after', message: ctx.flow.gate ? 'closing snapshots' : 'stopping' });
    if (ctx.flow.gate) await snapshots(ctx, 'after');
    if (state.serviceOurs && stopService) await exec(ctx, 'stop service', KILL_JOBS, { JOBS: ['service'], REASON: '', GRACE: String(GRACE_SECONDS) });
    ctx.emit({ type: 'phase', phase: 'fetch', message: 'fetching the run folder' });
    await fetchRun(ctx);
    await releaseLocks(ctx);
    return await finalize(ctx, 'completed', 'pending', null);
  } catch (e) {
    if (e instanceof RemoteError && e.code === 'connection_lost' && !ctx.signal?.aborted) {
      state.status = 'detached';
      await save(ctx);
      ctx.emit({ type: 'disconnected', message: e.message });
      return {
        runId: ctx.plan.runId,
        status: 'detached',
        conclusion: 'inconclusive',
        reason: e.message,
        runRoot: ctx.runRoot,
        metrics: null,
        gate: null,
        refused: ctx.refused,
        connections: ctx.transport.connectionsOpened,
      };
    }
    const cancelled = ctx.signal?.aborted === true;
    const stop = e instanceof FlowStop ? e : null;
    // Anything else that breaks the flow still ends it properly: jobs stopped, evidence kept, the run marked.
    const status: RemoteRunStatus = cancelled ? 'cancelled' : stop ? stop.status : 'failed';
    const reason = cancelled
      ? new RemoteError('cancelled', [currentPhase(state), cancelReason(ctx.signal)]).message
      : stop
        ? stop.message
        : `${currentPhase(state)}: ${e instanceof RemoteError ? e.localized(ctx.options.locale ?? 'en') : (e as Error).message}`;
    // Keep what was produced: stop our jobs, take closing snapshots when a service ran, fetch everything.
    try {
      const killService = state.serviceOurs && (cancelled || stopService || !state.serviceReady);
      await killJobs(ctx, cancelled ? reason : '', killService);
      if (state.gateDone && ctx.flow.gate) await snapshots(ctx, 'after', null).catch(() => undefined);
      await fetchRun(ctx, '', null);
    } catch (inner) {
      ctx.emit({ type: 'log', level: 'warning', message: `while stopping: ${(inner as Error).message}` });
    }
    await releaseLocks(ctx);
    return finalize(ctx, status, stop?.conclusion ?? 'inconclusive', reason);
  }
}

function currentPhase(state: RemoteRunState): string {
  if (!state.gateDone) return 'gate';
  if (!state.serviceReady) return 'service';
  return 'workload';
}

function cancelReason(signal: AbortSignal | undefined): string {
  const r: unknown = signal?.reason;
  if (typeof r === 'string') return r;
  if (r instanceof Error && r.name !== 'AbortError') return r.message;
  return 'cancelled by the user';
}

async function openSession(options: RemoteSessionOptions, signal: AbortSignal | undefined, emit: (e: RemoteRunEvent) => void): Promise<SshTransport> {
  const transport = new SshTransport({ host: options.host, sshConfigFile: options.sshConfigFile, askpass: options.askpass, log: options.log });
  emit({ type: 'phase', phase: 'connect', message: `connecting to ${options.host.name}` });
  try {
    await transport.connect(signal);
  } catch (e) {
    await transport.close();
    throw e;
  }
  return transport;
}

function emitter(handlers: RunHandlers): (e: RemoteRunEvent) => void {
  return (e) => {
    try {
      handlers.onEvent?.(e);
    } catch {
      // A failing listener must not break the run.
    }
  };
}

/** Runs a perf manifest on a remote host end to end. Rejects with RemoteError before the run starts (bad manifest, unreachable host, missing tools, locked devices). */
export async function runRemoteBenchmark(options: RemoteRunOptions, handlers: RunHandlers = {}): Promise<RemoteRunOutcome> {
  const emit = emitter(handlers);
  const flow = flowOf(options.kind ?? 'perf');
  const { text, doc } = await readManifest(options.manifestPath);
  const plan = planOf(doc, options.manifestPath, options.host, flow.kind);
  const runRoot = path.join(options.workspaceDir, localRunRelative(flow.kind, plan.runId));
  if (await holdsEvidence(runRoot, options.manifestPath)) throw new RemoteError('run_exists', [runRoot]);
  const transport = await openSession(options, handlers.signal, emit);
  const manifestName = /\.ya?ml$/i.test(options.manifestPath) ? 'manifest.yaml' : 'manifest.md';
  const rel = path.relative(options.workspaceDir, path.resolve(options.manifestPath));
  const state: RemoteRunState = {
    version: 1,
    runId: plan.runId,
    kind: flow.kind,
    hostName: options.host.name,
    manifestPath: rel.startsWith('..') ? path.resolve(options.manifestPath) : rel,
    level: plan.level,
    devices: [...plan.devices],
    startedAt: new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
    status: 'running',
    gateDone: false,
    gate: null,
    serviceReady: false,
    serviceOurs: false,
    serviceReused: false,
    healthcheckResult: null,
    servicePid: null,
    workloadStarted: false,
    workloadPid: null,
    streamOffset: 0,
    startupCommand: null,
    workloadCommand: null,
    streamLog: null,
    remoteHostname: null,
    versions: {},
    reason: null,
  };
  const ctx: Ctx = { flow, options, host: options.host, plan, doc, manifestText: text, manifestName, runRoot, transport, state, emit, signal: handlers.signal, refused: [] };
  let locked = false;
  try {
    emit({ type: 'phase', phase: 'probe', message: 'checking the tools on the host' });
    const tools = [...flow.tools];
    const probe = parseHostProbe((await exec(ctx, 'probe', PROBE_HOST, { TOOLS: tools })).stdout);
    if (options.host.container) {
      const outside = parseHostProbe((await exec(ctx, 'probe host', PROBE_HOST, { TOOLS: ['docker'] }, false)).stdout);
      if (outside.missing.length) throw new RemoteError('tool_missing', [options.host.name, outside.missing.join(', '), '']);
    }
    if (probe.missing.length) throw new RemoteError('tool_missing', [options.host.name, probe.missing.join(', '), options.host.container ? ` (container ${options.host.container})` : '']);
    state.remoteHostname = probe.hostname ?? null;
    state.versions = Object.fromEntries(Object.entries(probe.versions).filter((e): e is [string, string] => typeof e[1] === 'string'));
    emit({ type: 'phase', phase: 'lock', message: `locking NPU ${plan.devices.join(',')}` });
    const lock = await exec(
      ctx,
      'lock',
      ACQUIRE_LOCKS,
      { LOCK_DIR: options.host.lockDir ?? DEFAULT_LOCK_DIR, DEVICES: plan.devices.map(String), OWNER: options.owner ?? localOwner(), SINCE: state.startedAt },
      false,
    );
    const holder = parseLockResult(lock.stdout);
    if (holder) throw new RemoteError('lock_held', [holder.device, options.host.name, holder.runId, holder.owner, holder.since]);
    locked = true;
    await fs.mkdir(runRoot, { recursive: true });
    await save(ctx);
    const outcome = await drive(ctx);
    emit({ type: 'finished', outcome });
    return outcome;
  } catch (e) {
    if (locked && state.status === 'running') {
      state.status = 'failed';
      state.reason = (e as Error).message;
      await save(ctx).catch(() => undefined);
      await releaseLocks(ctx);
    }
    throw e;
  } finally {
    await transport.close();
  }
}

export interface RemoteRunRef extends RemoteSessionOptions {
  readonly runId: string;
}

async function contextFor(ref: RemoteRunRef, transport: SshTransport, handlers: RunHandlers, emit: (e: RemoteRunEvent) => void): Promise<Ctx> {
  const state = await loadRunState(ref.workspaceDir, ref.runId);
  if (!state) throw new RemoteError('no_state', [ref.runId, ref.workspaceDir]);
  const manifestPath = path.resolve(ref.workspaceDir, state.manifestPath);
  const { text, doc } = await readManifest(manifestPath);
  const plan = planOf(doc, manifestPath, ref.host, state.kind);
  return {
    flow: flowOf(state.kind),
    options: { ...ref, manifestPath, kind: state.kind },
    host: ref.host,
    plan: { ...plan, devices: state.devices },
    doc,
    manifestText: text,
    manifestName: /\.ya?ml$/i.test(manifestPath) ? 'manifest.yaml' : 'manifest.md',
    runRoot: path.join(ref.workspaceDir, localRunRelative(state.kind, state.runId)),
    transport,
    state,
    emit,
    signal: handlers.signal,
    refused: [],
  };
}

/** Picks up a run whose connection dropped: resumes streaming where it stopped, then collects as usual. */
export async function reattachRemoteRun(ref: RemoteRunRef, handlers: RunHandlers = {}): Promise<RemoteRunOutcome> {
  const emit = emitter(handlers);
  const state = await loadRunState(ref.workspaceDir, ref.runId);
  if (!state) throw new RemoteError('no_state', [ref.runId, ref.workspaceDir]);
  const transport = await openSession(ref, handlers.signal, emit);
  try {
    const ctx = await contextFor(ref, transport, handlers, emit);
    ctx.state.status = 'running';
    const outcome = await drive(ctx);
    emit({ type: 'finished', outcome });
    return outcome;
  } finally {
    await transport.close();
  }
}

export interface RemoteRunStatusReport {
  readonly runId: string;
  readonly host: string;
  readonly localStatus: RemoteRunState['status'];
  readonly jobs: Record<JobName, { pid: number | null; alive: boolean; exitCode: number | null }>;
  readonly cancelled: string | null;
  readonly streamOffset: number;
}

/** Asks the host how the run's jobs are doing. */
export async function remoteRunStatus(ref: RemoteRunRef, handlers: RunHandlers = {}): Promise<RemoteRunStatusReport> {
  const state = await loadRunState(ref.workspaceDir, ref.runId);
  if (!state) throw new RemoteError('no_state', [ref.runId, ref.workspaceDir]);
  const transport = await openSession(ref, handlers.signal, emitter(handlers));
  try {
    const r = await transport.exec(JOB_STATUS, { step: 'status', vars: { RUN_KIND: state.kind, RUN_ID: state.runId }, signal: handlers.signal });
    const s = parseJobStatus(r.stdout);
    return {
      runId: state.runId,
      host: state.hostName,
      localStatus: state.status,
      jobs: { service: jobState(s, 'service'), workload: jobState(s, 'workload'), capture: jobState(s, 'capture') },
      cancelled: s.cancelled ?? null,
      streamOffset: state.streamOffset,
    };
  } finally {
    await transport.close();
  }
}

/** Cancels a run from anywhere: kills its remote jobs, keeps and fetches what exists, marks it inconclusive. */
export async function cancelRemoteRun(ref: RemoteRunRef & { readonly reason?: string }, handlers: RunHandlers = {}): Promise<RemoteRunOutcome> {
  const emit = emitter(handlers);
  const transport = await openSession(ref, handlers.signal, emit);
  try {
    const ctx = await contextFor(ref, transport, handlers, emit);
    const reason = new RemoteError('cancelled', [currentPhase(ctx.state), ref.reason ?? 'cancelled by the user']).message;
    await killJobs(ctx, reason, ctx.state.serviceOurs);
    if (ctx.state.gateDone && ctx.flow.gate) await snapshots(ctx, 'after', null).catch(() => undefined);
    await fetchRun(ctx, '', null);
    await releaseLocks(ctx);
    const outcome = await finalize(ctx, 'cancelled', 'inconclusive', reason);
    emit({ type: 'finished', outcome });
    return outcome;
  } finally {
    await transport.close();
  }
}

/** Fetches the remote run folder again (e.g. after a manual change on the host); nothing else changes. */
export async function fetchRemoteRun(ref: RemoteRunRef, handlers: RunHandlers = {}): Promise<{ runRoot: string; refused: readonly RefusedEntry[] }> {
  const emit = emitter(handlers);
  const transport = await openSession(ref, handlers.signal, emit);
  try {
    const ctx = await contextFor(ref, transport, handlers, emit);
    await fetchRun(ctx);
    return { runRoot: ctx.runRoot, refused: ctx.refused };
  } finally {
    await transport.close();
  }
}
