// Helpers of the remote-run tests: manifests, file listings, and cleanup of detached stand-in processes by PID.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { renderManifestMarkdown, type ManifestValues } from '../../src/core/manifest/manifestTemplate';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

export interface PerfManifestOptions {
  readonly runId: string;
  readonly port: number;
  readonly level?: 'smoke' | 'quick' | 'full';
  readonly parallel?: number;
  readonly number?: number;
  readonly outputTokens?: number;
  readonly modelName?: string;
  readonly startupCommand?: string | null;
  readonly extra?: ManifestValues;
}

/** Writes a perf manifest for the stand-in service on `port` and returns its path. */
export function writePerfManifest(dir: string, o: PerfManifestOptions): string {
  const model = o.modelName ?? 'Qwen3-8B';
  const values: ManifestValues = {
    Identity: { run_id: o.runId, operator_or_agent: 'test', purpose: 'remote engine test', level: o.level ?? 'quick', conclusion_status: 'pending' },
    Code: { framework: 'xllm', commit: '0123456789abcdef0123456789abcdef01234567' },
    Environment: { physical_device_ids: '0' },
    Model: { model_name: model, tokenizer_path: `/models/${model}`, dtype: 'bf16', tensor_parallel: 1 },
    Service: {
      api_url: `http://127.0.0.1:${o.port}/v1`,
      startup_command: o.startupCommand === null ? undefined : (o.startupCommand ?? `xllm --model /models/${model} --port ${o.port} --devices npu:0`),
    },
    Workload: {
      dataset: 'random',
      input_tokens: 32,
      output_tokens: o.outputTokens ?? 16,
      parallel: o.parallel ?? 2,
      number: o.number ?? 6,
      warmup_num: 1,
      stream: true,
      temperature: 0,
    },
  };
  for (const [section, entries] of Object.entries(o.extra ?? {})) Object.assign(((values as Record<string, object>)[section] ??= {}), entries);
  const file = path.join(dir, `${o.runId}.manifest.md`);
  writeFileSync(file, renderManifestMarkdown(values));
  return file;
}

/** Every file under a folder, relative, '/'-separated, sorted. */
export function listFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = path.join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(path.relative(root, p).split(path.sep).join('/'));
    }
  };
  if (existsSync(root)) walk(root);
  return out.sort();
}

/** Whether a process runs; an exited one left unreaped (a zombie) counts as gone. */
export function pidAlive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return !/^\d+ \(.*\) Z/s.test(stat);
  } catch {
    return false;
  }
}

/** Kills the process groups of every detached job a test left (by the pid files the runner wrote). */
export function killLeftoverJobs(workDir: string): void {
  const runs = path.join(workDir, '.xwf', 'runs');
  if (!existsSync(runs)) return;
  for (const run of readdirSync(runs)) {
    for (const f of readdirSync(path.join(runs, run)).filter((n) => n.endsWith('.pid'))) {
      const pid = Number(readFileSync(path.join(runs, run, f), 'utf8').trim());
      if (Number.isInteger(pid) && pid > 1 && pidAlive(pid)) {
        try {
          process.kill(-pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    }
  }
}

/** Reads a pid file the runner wrote on the (test) host. */
export function remotePid(workDir: string, runId: string, job: string): number {
  return Number(readFileSync(path.join(workDir, '.xwf', 'runs', runId, `${job}.pid`), 'utf8').trim());
}

/** Waits until `check` holds, polling; fails with `what` after the timeout. */
export async function waitFor(check: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Waits until a GET answers 200. */
export async function waitForHttp(url: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const r = await fetch(url);
      if (r.ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Cuts a run's SSH connection: kills the master ssh of the given config (its command line holds both). */
export function killSshMaster(sshConfig: string): boolean {
  let killed = false;
  for (const line of execFileSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' }).split('\n')) {
    const m = /^\s*(\d+)\s+(.*)$/.exec(line);
    if (m && m[2].includes('ControlMaster=yes') && m[2].includes(sshConfig)) {
      process.kill(Number(m[1]), 'SIGKILL');
      killed = true;
    }
  }
  return killed;
}
