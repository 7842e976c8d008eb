// Remote perf runs as agent tools (`xwf remote run|status|cancel|reattach|fetch --json`): the same engine and
// run root as the editor command. They are remote tools: the MCP server offers them only with --allow-remote,
// VS Code asks the user first, and every call is logged to the run root's agent-calls.jsonl.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { parseManifestFile } from '../manifest/manifestFields';
import { textOf } from '../manifest/manifestModel';
import {
  cancelRemoteRun,
  fetchRemoteRun,
  reattachRemoteRun,
  remoteRunStatus,
  runRemoteBenchmark,
  type RemoteRunEvent,
  type RemoteRunRef,
  type RunHandlers,
} from '../remote/benchmarkEngine';
import { hostsJson, outcomeJson, remoteCliReportSchema, statusJson } from '../remote/remoteCliReport';
import { listSshConfigHosts } from '../remote/sshConfigHosts';
import type { RemoteHost } from '../remote/remoteHost';
import { localRunRelative } from '../remote/remoteLayout';
import { ENVIRONMENT_CODES, RemoteError } from '../remote/remoteMessages';
import { loadRunState, type RemoteRunState } from '../remote/remoteRunState';
import { readPerfPlan, RUN_ID } from '../remote/perfPlan';
import { shellJoin } from '../remote/shellQuote';
import { evalscopePerfArgv } from '../remote/workloadCommand';
import { AgentToolError, defineTool, resolveInputPath, type AgentToolContext, type RemoteLaunch } from './agentTool';
import type { ConfiguredHosts } from './remoteToolEnv';

/** The member of the `xwf remote --json` union a subcommand prints, so each tool's output is an object schema. */
function reportFor(command: string): z.ZodObject {
  const member = remoteCliReportSchema.options.find((o) => (o as z.ZodObject).shape.command.safeParse(command).success);
  if (!member) throw new Error(`no xwf remote report for '${command}'`);
  return member as z.ZodObject;
}

const workspaceField = z.string().min(1).default('.').describe('Workspace holding runs/ (default: the workspace root).');
const runIdField = z.string().regex(RUN_ID, 'a run id has letters, digits, ".", "_" and "-" only').describe('run_id of a remote run started from this workspace.');

async function configuredHosts(ctx: AgentToolContext): Promise<ConfiguredHosts> {
  if (!ctx.remote) throw new AgentToolError('usage', 'no remote hosts are configured here: start the MCP server with --hosts-file <json> (or set XWF_HOSTS_FILE), or set xllm.remote.hosts in VS Code');
  try {
    return await ctx.remote.hosts();
  } catch (e) {
    throw new AgentToolError('environment', (e as Error).message);
  }
}

async function hostNamed(ctx: AgentToolContext, name: string): Promise<RemoteHost> {
  const { hosts, source } = await configuredHosts(ctx);
  const host = hosts.find((h) => h.name === name);
  if (!host) throw new AgentToolError('usage', `no host named '${name}' in ${source} (known: ${hosts.map((h) => h.name).join(', ') || 'none'})`);
  return host;
}

/** Engine errors the way `xwf remote` maps them: host and connection problems are environment errors. */
function translate(e: unknown, ctx: AgentToolContext): never {
  if (e instanceof RemoteError) {
    const kind = ENVIRONMENT_CODES.has(e.code) ? 'environment' : e.code === 'manifest_invalid' || e.code === 'run_exists' || e.code === 'no_state' ? 'usage' : 'environment';
    throw new AgentToolError(kind, e.localized(ctx.locale));
  }
  throw e;
}

function handlers(ctx: AgentToolContext): RunHandlers {
  const onEvent = (e: RemoteRunEvent) => {
    if (e.type === 'phase') ctx.onProgress?.(`[${e.phase}] ${e.message}`);
    else if (e.type === 'progress') ctx.onProgress?.(`[workload] ${Math.round(e.percent)}%`, e.total ? { done: e.done ?? 0, total: e.total } : undefined);
    else if (e.type === 'gate') ctx.onProgress?.(`gate: ${e.verdict}`);
  };
  return { onEvent, signal: ctx.signal };
}

async function savedRun(ctx: AgentToolContext, workspace: string, runId: string): Promise<{ state: RemoteRunState; ref: RemoteRunRef }> {
  const workspaceDir = resolveInputPath(ctx, workspace);
  let state: RemoteRunState | undefined;
  try {
    state = await loadRunState(workspaceDir, runId);
  } catch (e) {
    throw new AgentToolError('usage', (e as Error).message);
  }
  if (!state) throw new AgentToolError('usage', `no remote run ${runId} is known in ${workspaceDir} (started elsewhere? pass its workspace)`);
  const host = await hostNamed(ctx, state.hostName);
  return { state, ref: { host, workspaceDir, runId, sshConfigFile: ctx.remote?.sshConfigFile, askpass: ctx.remote?.askpass?.(host), locale: ctx.locale } };
}

async function savedRunLaunch(ctx: AgentToolContext, workspace: string, runId: string, command: string): Promise<RemoteLaunch> {
  const state = await loadRunState(resolveInputPath(ctx, workspace), runId);
  if (!state) throw new Error('unknown run');
  return { host: state.hostName, devices: state.devices.join(',') || '-', command };
}

const savedRunRoot = async (ctx: AgentToolContext, workspace: string, runId: string) => {
  const workspaceDir = resolveInputPath(ctx, workspace);
  const state = await loadRunState(workspaceDir, runId);
  return path.join(workspaceDir, localRunRelative(state?.kind ?? 'perf', runId));
};

export const remoteRunInput = z.strictObject({
  manifest: z.string().min(1).describe('Perf manifest to run (its Service, Workload and device keys drive the run); its run_id names the run root.'),
  host: z.string().min(1).describe('Name of a configured remote host.'),
  workspace: workspaceField,
  idle_interval_seconds: z.number().min(0).max(600).optional().describe('Seconds between the three idle samples once the service is up (default 10).'),
  ready_timeout_seconds: z.number().min(0).max(86_400).optional().describe('Seconds to wait for the service to be ready (default 1800).'),
  keep_service: z.boolean().optional().describe('Leave a service this run started running afterwards (default: stop it).'),
});

async function readPlan(ctx: AgentToolContext, manifest: string, host: RemoteHost) {
  const file = resolveInputPath(ctx, manifest);
  const doc = parseManifestFile(await fs.readFile(file, 'utf8'), file);
  const { plan, problems } = readPerfPlan(doc, host);
  if (!plan) throw new Error(problems.map((p) => `${p.key}: ${p.message}`).join('; '));
  return plan;
}

export const remoteRunTool = defineTool({
  name: 'xllm_remote_run',
  title: 'Run a benchmark on a remote NPU host',
  titleZh: '在远程 NPU 主机上运行压测',
  description:
    "Run a perf manifest on a remote NPU host over SSH, end to end: precheck gate snapshots (formal levels stop on a failed gate), the service (reused when healthy, else started from startup_command), the warmed-up evalscope benchmark, closing snapshots, then everything fetched into runs/perf/<run_id>/ with metrics.json, report.md and the manifest filled in. Takes minutes; returns the outcome (completed, gate_failed, failed, cancelled, detached) with headline metrics. A 'detached' run keeps going on the host: use xllm_remote_reattach. Only for a run the user asked for.",
  inputSchema: remoteRunInput,
  outputSchema: reportFor('run'),
  remote: true,
  readOnly: false,
  createsRunRoot: true,
  cli: {
    command: 'remote',
    args: (i) => [
      'run',
      i.manifest,
      '--host',
      i.host,
      '--workspace',
      i.workspace,
      ...(i.idle_interval_seconds === undefined ? [] : ['--idle-interval', String(i.idle_interval_seconds)]),
      ...(i.ready_timeout_seconds === undefined ? [] : ['--ready-timeout', String(i.ready_timeout_seconds)]),
      ...(i.keep_service ? ['--keep-service'] : []),
    ],
  },
  async launch(i, ctx) {
    const host = await hostNamed(ctx, i.host);
    const plan = await readPlan(ctx, i.manifest, host);
    const lines = [
      plan.startupCommand ? `${plan.startupCommand}    # service, unless a healthy one answers at ${plan.apiUrl}` : `# reuses the service at ${plan.apiUrl}`,
      shellJoin(evalscopePerfArgv(plan, 'evalscope/raw')),
    ];
    return { host: `${host.name} (${host.sshTarget}${host.container ? `, container ${host.container}` : ''})`, devices: plan.devices.join(',') || '-', command: lines.join('\n') };
  },
  async runRoot(i, ctx) {
    const file = resolveInputPath(ctx, i.manifest);
    const runId = textOf(parseManifestFile(await fs.readFile(file, 'utf8'), file), 'run_id');
    if (!runId || !RUN_ID.test(runId)) throw new Error('no usable run_id');
    return path.join(resolveInputPath(ctx, i.workspace), localRunRelative('perf', runId));
  },
  summarize: (o) => {
    const out = o.outcome as { runId: string; status: string; reason: string | null };
    return `${out.runId}: ${out.status}${out.reason ? ` (${out.reason})` : ''}`;
  },
  async run(i, ctx) {
    const host = await hostNamed(ctx, i.host);
    const outcome = await runRemoteBenchmark(
      {
        host,
        workspaceDir: resolveInputPath(ctx, i.workspace),
        manifestPath: resolveInputPath(ctx, i.manifest),
        sshConfigFile: ctx.remote?.sshConfigFile,
        askpass: ctx.remote?.askpass?.(host),
        locale: ctx.locale,
        idleSamples: i.idle_interval_seconds === undefined ? undefined : { count: 3, intervalSeconds: i.idle_interval_seconds },
        serviceReadyTimeoutSeconds: i.ready_timeout_seconds,
        stopServiceAtEnd: i.keep_service !== true,
      },
      handlers(ctx),
    ).catch((e: unknown) => translate(e, ctx));
    return { command: 'run', outcome: outcomeJson(outcome) };
  },
});

const savedRunInput = z.strictObject({ run_id: runIdField, workspace: workspaceField });

export const remoteStatusTool = defineTool({
  name: 'xllm_remote_status',
  title: 'Status of a remote run',
  titleZh: '远程运行状态',
  description:
    "Ask the host how a remote run's jobs are doing (service, workload, capture: pid, alive, exit code) and what this workspace recorded about it. Use it to check a long or detached run before reattaching, cancelling or fetching. Starts nothing.",
  inputSchema: savedRunInput,
  outputSchema: reportFor('status'),
  remote: true,
  readOnly: true,
  cli: { command: 'remote', args: (i) => ['status', i.run_id, '--workspace', i.workspace] },
  launch: (i, ctx) => savedRunLaunch(ctx, i.workspace, i.run_id, 'read the job status files (nothing is started or stopped)'),
  runRoot: (i, ctx) => savedRunRoot(ctx, i.workspace, i.run_id),
  summarize: (o) => `${String(o.runId)} on ${String(o.host)}: ${String(o.localStatus)}`,
  async run(i, ctx) {
    const { ref } = await savedRun(ctx, i.workspace, i.run_id);
    return statusJson(await remoteRunStatus(ref, handlers(ctx)).catch((e: unknown) => translate(e, ctx)));
  },
});

export const remoteCancelTool = defineTool({
  name: 'xllm_remote_cancel',
  title: 'Cancel a remote run',
  titleZh: '取消远程运行',
  description:
    "Cancel a remote run: kill its jobs' process groups on the host (inside the container too), take the closing snapshots, fetch what was produced and mark the run inconclusive with the reason. Use it only when the user asks to stop a run.",
  inputSchema: z.strictObject({ run_id: runIdField, workspace: workspaceField, reason: z.string().min(1).max(500).optional().describe('Why the run is cancelled; written into the manifest.') }),
  outputSchema: reportFor('cancel'),
  remote: true,
  readOnly: false,
  cli: { command: 'remote', args: (i) => ['cancel', i.run_id, '--workspace', i.workspace, ...(i.reason ? ['--reason', i.reason] : [])] },
  launch: (i, ctx) => savedRunLaunch(ctx, i.workspace, i.run_id, `kill the run's service and workload process groups${i.reason ? ` (reason: ${i.reason})` : ''}, then fetch what exists`),
  runRoot: (i, ctx) => savedRunRoot(ctx, i.workspace, i.run_id),
  summarize: (o) => `${(o.outcome as { runId: string }).runId}: ${(o.outcome as { status: string }).status}`,
  async run(i, ctx) {
    const { ref } = await savedRun(ctx, i.workspace, i.run_id);
    const outcome = await cancelRemoteRun({ ...ref, reason: i.reason }, { onEvent: handlers(ctx).onEvent }).catch((e: unknown) => translate(e, ctx));
    return { command: 'cancel', outcome: outcomeJson(outcome) };
  },
});

export const remoteReattachTool = defineTool({
  name: 'xllm_remote_reattach',
  title: 'Reattach to a remote run',
  titleZh: '重新连接远程运行',
  description:
    'Pick up a remote run whose connection dropped (status detached): resume streaming where it stopped, then collect, fetch and fill the run root as a normal run would. Nothing is lost while the connection is down.',
  inputSchema: savedRunInput,
  outputSchema: reportFor('reattach'),
  remote: true,
  readOnly: false,
  cli: { command: 'remote', args: (i) => ['reattach', i.run_id, '--workspace', i.workspace] },
  launch: (i, ctx) => savedRunLaunch(ctx, i.workspace, i.run_id, 'resume following the running workload, then the closing snapshots and the fetch'),
  runRoot: (i, ctx) => savedRunRoot(ctx, i.workspace, i.run_id),
  summarize: (o) => `${(o.outcome as { runId: string }).runId}: ${(o.outcome as { status: string }).status}`,
  async run(i, ctx) {
    const { ref } = await savedRun(ctx, i.workspace, i.run_id);
    const outcome = await reattachRemoteRun(ref, handlers(ctx)).catch((e: unknown) => translate(e, ctx));
    return { command: 'reattach', outcome: outcomeJson(outcome) };
  },
});

export const remoteFetchTool = defineTool({
  name: 'xllm_remote_fetch',
  title: 'Fetch a remote run',
  titleZh: '取回远程运行',
  description:
    'Fetch the remote run folder again into its local run root (a tar stream; entries that would land outside the run root are refused and listed). Use it after files changed on the host; nothing else changes.',
  inputSchema: savedRunInput,
  outputSchema: reportFor('fetch'),
  remote: true,
  readOnly: false,
  cli: { command: 'remote', args: (i) => ['fetch', i.run_id, '--workspace', i.workspace] },
  launch: (i, ctx) => savedRunLaunch(ctx, i.workspace, i.run_id, 'tar the remote run folder back into the local run root'),
  runRoot: (i, ctx) => savedRunRoot(ctx, i.workspace, i.run_id),
  summarize: (o) => `${String(o.runId)}: fetched into ${String(o.runRoot)}`,
  async run(i, ctx) {
    const { ref } = await savedRun(ctx, i.workspace, i.run_id);
    const r = await fetchRemoteRun(ref, { onEvent: handlers(ctx).onEvent }).catch((e: unknown) => translate(e, ctx));
    return { command: 'fetch', runId: i.run_id, runRoot: r.runRoot, refused: r.refused.map((x) => ({ path: x.path, reason: x.reason })) };
  },
});

export const remoteHostsTool = defineTool({
  name: 'xllm_remote_hosts',
  title: 'List remote NPU hosts',
  titleZh: '列出远程 NPU 主机',
  description:
    'List the configured remote NPU hosts (name, SSH target, container, remote work folder, default devices) and the Host aliases of the ssh config, with any problems in the host configuration. Use it to find the host name xllm_remote_run needs. Connects to nothing.',
  inputSchema: z.strictObject({}),
  outputSchema: reportFor('hosts'),
  remote: false,
  readOnly: true,
  cli: { command: 'remote', args: () => ['hosts'] },
  summarize: (o) => `${(o.hosts as unknown[]).length} host(s)`,
  async run(_i, ctx) {
    const { hosts, problems } = await configuredHosts(ctx);
    return hostsJson(hosts, await listSshConfigHosts(ctx.remote?.sshConfigFile), problems);
  },
});
