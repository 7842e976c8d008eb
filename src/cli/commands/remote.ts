// `xwf remote hosts|run|status|cancel|reattach|fetch`: benchmark runs on a remote NPU host over SSH.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import {
  cancelRemoteRun,
  fetchRemoteRun,
  reattachRemoteRun,
  remoteRunStatus,
  runRemoteBenchmark,
  type RemoteRunEvent,
  type RemoteRunOutcome,
} from '../../core/remote/benchmarkEngine';
import { hostsJson, outcomeJson, statusJson } from '../../core/remote/remoteCliReport';
import { parseRemoteHosts, type RemoteHost } from '../../core/remote/remoteHost';
import { ENVIRONMENT_CODES, RemoteError } from '../../core/remote/remoteMessages';
import { loadRunState } from '../../core/remote/remoteRunState';
import { listSshConfigHosts } from '../../core/remote/sshConfigHosts';
import { EXIT, EnvironmentError, UsageError, writeJson, type CliCommand, type CliIO, type ExitCode } from '../command';

const SUBCOMMANDS = ['hosts', 'run', 'status', 'cancel', 'reattach', 'fetch'] as const;
type Sub = (typeof SUBCOMMANDS)[number];

/** Hosts from --hosts-file or XWF_HOSTS_FILE: a JSON list, or a settings.json holding `xllm.remote.hosts`. */
async function loadHosts(io: CliIO, file: string | undefined): Promise<{ hosts: RemoteHost[]; problems: { index: number; path: string; message: string }[]; file: string }> {
  const chosen = file ?? io.env.XWF_HOSTS_FILE;
  if (!chosen) throw new UsageError('no hosts: pass --hosts-file <json> or set XWF_HOSTS_FILE (a list of xllm.remote.hosts entries)');
  const abs = path.resolve(io.cwd, chosen);
  let text: string;
  try {
    text = await fs.readFile(abs, 'utf8');
  } catch (e) {
    throw new EnvironmentError(`${abs}: cannot read the hosts file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${abs}: not valid JSON (${(e as Error).message})`);
  }
  if (value && typeof value === 'object' && !Array.isArray(value) && 'xllm.remote.hosts' in value) value = (value as Record<string, unknown>)['xllm.remote.hosts'];
  const { hosts, problems } = parseRemoteHosts(value);
  for (const p of problems) io.err(`${abs}: host ${p.index < 0 ? '' : `#${p.index + 1} `}${p.path ? `${p.path}: ` : ''}${p.message}\n`);
  return { hosts, problems, file: abs };
}

function pickHost(hosts: readonly RemoteHost[], name: string | undefined, file: string): RemoteHost {
  if (!name) throw new UsageError('--host <name> is required');
  const h = hosts.find((x) => x.name === name);
  if (!h) throw new UsageError(`no host named '${name}' in ${file} (known: ${hosts.map((x) => x.name).join(', ') || 'none'})`);
  return h;
}

function positiveNumber(flag: string, raw: unknown): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (typeof raw !== 'string' || !raw.trim() || !Number.isFinite(n) || n < 0) throw new UsageError(`${flag} expects a non-negative number, got '${String(raw)}'`);
  return n;
}

/** Progress for people: phases and every 10 % on stderr, the benchmark's own lines only with --verbose. */
function printer(io: CliIO, verbose: boolean): (e: RemoteRunEvent) => void {
  let lastTenth = -1;
  const zh = io.locale === 'zh-cn';
  return (e) => {
    switch (e.type) {
      case 'phase':
        io.err(`[${e.phase}] ${e.message}\n`);
        break;
      case 'log':
        io.err(`${e.level === 'warning' ? (zh ? '警告' : 'warning') : 'info'}: ${e.message}\n`);
        break;
      case 'gate':
        io.err(`${zh ? '门禁' : 'gate'}: ${e.verdict}${e.reasons.length ? ` (${e.reasons.join('; ')})` : ''}\n`);
        break;
      case 'progress': {
        const tenth = Math.floor(e.percent / 10);
        if (tenth > lastTenth) {
          lastTenth = tenth;
          io.err(`[workload] ${Math.round(e.percent)}%${e.total ? ` (${e.done}/${e.total})` : ''}\n`);
        }
        break;
      }
      case 'output':
        if (verbose) io.err(`  ${e.line}\n`);
        break;
      case 'disconnected':
        io.err(`${e.message}\n`);
        break;
      case 'finished':
        break;
    }
  };
}

function outcomeExit(o: RemoteRunOutcome): ExitCode {
  if (o.status === 'completed') return EXIT.ok;
  if (o.status === 'detached') return EXIT.environment;
  return EXIT.findings;
}

function printOutcome(io: CliIO, o: RemoteRunOutcome): void {
  const zh = io.locale === 'zh-cn';
  io.out(`${o.runId}: ${o.status} (conclusion_status ${o.conclusion})\n`);
  if (o.reason) io.out(`${zh ? '原因' : 'reason'}: ${o.reason}\n`);
  const m = o.metrics;
  if (m) {
    const f = (v: number | null, unit: string) => (v === null ? 'n/a' : `${Math.round(v * 100) / 100} ${unit}`);
    io.out(`TTFT ${f(m.ttft_ms, 'ms')}  TPOT ${f(m.tpot_ms, 'ms')}  ${zh ? '输出吞吐' : 'output'} ${f(m.output_tps, 'tok/s')}  ${m.success ?? '?'}/${m.total ?? '?'} ${zh ? '成功' : 'ok'}\n`);
  }
  if (o.refused.length) io.err(`${zh ? '已拒绝的归档条目' : 'refused archive entries'}: ${o.refused.map((r) => `${r.path} (${r.reason})`).join(', ')}\n`);
  io.out(`${zh ? '运行根目录' : 'run root'}: ${o.runRoot}\n`);
  if (o.status === 'detached') io.out(zh ? `继续：xwf remote reattach ${o.runId}\n` : `resume with: xwf remote reattach ${o.runId}\n`);
}

/** Maps engine errors to the CLI's exit codes: host/connection problems are environment errors (3). */
function translate(e: unknown, io: CliIO): never {
  if (e instanceof RemoteError) {
    const text = e.localized(io.locale);
    if (ENVIRONMENT_CODES.has(e.code)) throw new EnvironmentError(text);
    if (e.code === 'manifest_invalid' || e.code === 'run_exists' || e.code === 'no_state') throw new UsageError(text);
    throw new EnvironmentError(text);
  }
  throw e;
}

/** Ctrl-C cancels the run cleanly (the remote job is killed and the run marked inconclusive); a second one exits. */
function interruptible(): { signal: AbortSignal; dispose: () => void } {
  const controller = new AbortController();
  const onSigint = () => {
    if (controller.signal.aborted) process.exit(130);
    controller.abort('interrupted (Ctrl-C)');
  };
  process.on('SIGINT', onSigint);
  return { signal: controller.signal, dispose: () => process.off('SIGINT', onSigint) };
}

export const remoteCommand: CliCommand = {
  name: 'remote',
  summary: { en: 'Benchmark runs on a remote NPU host over SSH: hosts, run, status, cancel, reattach, fetch', zh: '通过 SSH 在远端 NPU 主机上运行压测：hosts、run、status、cancel、reattach、fetch' },
  usage: 'remote hosts|run <manifest> --host <name> [--kind perf|accuracy|profiling]|status <run_id>|cancel <run_id>|reattach <run_id>|fetch <run_id> [--hosts-file <json>] [--workspace <dir>] [--json]',
  examples: [
    'xwf remote hosts --hosts-file hosts.json',
    'xwf remote run runs/perf/qwen_tp4.manifest.md --host npu-a2 --hosts-file hosts.json',
    'xwf remote run qwen_gsm8k.manifest.md --kind accuracy --host npu-a2',
    'XWF_HOSTS_FILE=hosts.json xwf remote status 20260528_qwen_tp4',
    'xwf remote reattach 20260528_qwen_tp4 --hosts-file hosts.json',
    'xwf remote cancel 20260528_qwen_tp4 --reason "wrong model" --hosts-file hosts.json',
  ],
  options: {
    host: { type: 'string' },
    'hosts-file': { type: 'string' },
    workspace: { type: 'string' },
    'ssh-config': { type: 'string' },
    json: { type: 'boolean' },
    verbose: { type: 'boolean' },
    reason: { type: 'string' },
    'idle-interval': { type: 'string' },
    'ready-timeout': { type: 'string' },
    'keep-service': { type: 'boolean' },
    kind: { type: 'string' },
  },
  optionHelp: {
    host: 'name of the host in the hosts file (run)',
    'hosts-file': 'JSON list of hosts, or a settings.json with xllm.remote.hosts (default: $XWF_HOSTS_FILE)',
    workspace: 'folder holding runs/ (default: the current folder)',
    'ssh-config': 'ssh_config file to use instead of ~/.ssh/config',
    json: 'print JSON (schema: schemas/cli-remote.schema.json)',
    verbose: 'also print the benchmark output lines',
    reason: 'why the run is cancelled (cancel)',
    'idle-interval': 'seconds between the three idle samples (default 10)',
    'ready-timeout': 'seconds to wait for the service (default 1800)',
    'keep-service': 'leave a service this run started running afterwards',
    kind: 'perf (default: evalscope perf), accuracy (evalscope eval) or profiling (msprof dynamic capture) (run)',
  },
  async run({ positionals, values, io }) {
    const [sub, ...args] = positionals;
    if (!sub || !(SUBCOMMANDS as readonly string[]).includes(sub)) throw new UsageError(`expected a subcommand: ${SUBCOMMANDS.join(', ')}`);
    const workspaceDir = path.resolve(io.cwd, (values.workspace as string | undefined) ?? '.');
    const sshConfigFile = values['ssh-config'] === undefined ? undefined : path.resolve(io.cwd, values['ssh-config'] as string);
    const json = values.json === true;
    const onEvent = json ? undefined : printer(io, values.verbose === true);
    const s = sub as Sub;

    if (s === 'hosts') {
      if (args.length) throw new UsageError('hosts takes no arguments');
      const { hosts, problems } = await loadHosts(io, values['hosts-file'] as string | undefined);
      const sshHosts = await listSshConfigHosts(sshConfigFile);
      if (json) {
        writeJson(io, hostsJson(hosts, sshHosts, problems));
        return problems.length ? EXIT.findings : EXIT.ok;
      }
      for (const h of hosts) io.out(`${h.name.padEnd(16)} ${h.sshTarget}${h.port ? `:${h.port}` : ''}${h.container ? `  [${h.container}]` : ''}  ${h.workDir}  npu ${h.defaultDevices.join(',') || '-'}\n`);
      if (!hosts.length) io.out(io.locale === 'zh-cn' ? '没有配置远端主机\n' : 'no remote hosts configured\n');
      if (sshHosts.length) io.out(`${io.locale === 'zh-cn' ? 'ssh 配置中的主机' : 'in ssh config'}: ${sshHosts.map((h) => h.alias).join(', ')}\n`);
      return problems.length ? EXIT.findings : EXIT.ok;
    }

    if (args.length !== 1) throw new UsageError(s === 'run' ? 'run expects exactly one manifest' : `${s} expects exactly one run_id`);
    const { hosts, file } = await loadHosts(io, values['hosts-file'] as string | undefined);
    const common = { workspaceDir, sshConfigFile, locale: io.locale };

    if (s === 'run') {
      const host = pickHost(hosts, values.host as string | undefined, file);
      const kind = (values.kind as string | undefined) ?? 'perf';
      if (kind !== 'perf' && kind !== 'accuracy' && kind !== 'profiling') throw new UsageError(`--kind must be perf, accuracy or profiling, got '${kind}'`);
      const interval = positiveNumber('--idle-interval', values['idle-interval']);
      const ready = positiveNumber('--ready-timeout', values['ready-timeout']);
      const { signal, dispose } = interruptible();
      try {
        const outcome = await runRemoteBenchmark(
          {
            ...common,
            host,
            kind,
            manifestPath: path.resolve(io.cwd, args[0]),
            idleSamples: interval === undefined ? undefined : { count: 3, intervalSeconds: interval },
            serviceReadyTimeoutSeconds: ready,
            stopServiceAtEnd: values['keep-service'] !== true,
          },
          { onEvent, signal },
        ).catch((e: unknown) => translate(e, io));
        if (json) writeJson(io, { command: 'run', outcome: outcomeJson(outcome) });
        else printOutcome(io, outcome);
        return outcomeExit(outcome);
      } finally {
        dispose();
      }
    }

    const runId = args[0];
    const state = await loadRunState(workspaceDir, runId).catch((e: Error) => {
      throw new UsageError(e.message);
    });
    if (!state) throw new UsageError(`no remote run ${runId} is known in ${workspaceDir} (started elsewhere? pass --workspace)`);
    const host = pickHost(hosts, state.hostName, file);
    const ref = { ...common, host, runId };

    if (s === 'status') {
      const st = await remoteRunStatus(ref).catch((e: unknown) => translate(e, io));
      if (json) writeJson(io, statusJson(st));
      else {
        io.out(`${st.runId} on ${st.host}: ${st.localStatus}${st.cancelled ? ` (cancelled: ${st.cancelled})` : ''}\n`);
        for (const [job, j] of Object.entries(st.jobs)) {
          if (j.pid === null) continue;
          io.out(`  ${job.padEnd(9)} pid ${j.pid}  ${j.alive ? 'running' : `exited${j.exitCode === null ? '' : ` (${j.exitCode})`}`}\n`);
        }
      }
      return EXIT.ok;
    }
    if (s === 'fetch') {
      const r = await fetchRemoteRun(ref, { onEvent }).catch((e: unknown) => translate(e, io));
      if (json) writeJson(io, { command: 'fetch', runId, runRoot: r.runRoot, refused: [...r.refused] });
      else io.out(`${runId}: fetched into ${r.runRoot}\n`);
      return r.refused.length ? EXIT.findings : EXIT.ok;
    }
    const { signal, dispose } = interruptible();
    try {
      const outcome =
        s === 'cancel'
          ? await cancelRemoteRun({ ...ref, reason: values.reason as string | undefined }, { onEvent }).catch((e: unknown) => translate(e, io))
          : await reattachRemoteRun(ref, { onEvent, signal }).catch((e: unknown) => translate(e, io));
      if (json) writeJson(io, { command: s, outcome: outcomeJson(outcome) });
      else printOutcome(io, outcome);
      return s === 'cancel' ? EXIT.ok : outcomeExit(outcome);
    } finally {
      dispose();
    }
  },
};
