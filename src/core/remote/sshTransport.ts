// The system `ssh` as a transport: one multiplexed connection per run, scripts on stdin, every value quoted.
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Readable } from 'node:stream';
import { execa } from 'execa';
import { startAskpassBridge, type AskpassBridge, type AskpassHook } from './askpassBridge';
import { RemoteError } from './remoteMessages';
import { DEFAULT_CONNECT_TIMEOUT_SECONDS, type RemoteHost } from './remoteHost';
import { SecretRedactor } from './secretRedactor';
import { shellAssignments, shellQuote } from './shellQuote';
import { cipherPreferenceArgs, localCpuHasAes } from './cipherPreference';
import { resolveSshTarget } from './sshResolve';

export interface SshTransportOptions {
  readonly host: RemoteHost;
  /** An ssh_config file to use instead of ~/.ssh/config (`ssh -F`). */
  readonly sshConfigFile?: string;
  /** Answers password/passphrase prompts; without it ssh runs in BatchMode and never prompts. */
  readonly askpass?: AskpassHook;
  /** Receives log lines, already redacted. */
  readonly log?: (line: string) => void;
  readonly sshBinary?: string;
  /**
   * How long the master connection outlives its last client (seconds, default 60): steps follow each other
   * within milliseconds, and a transport its owner forgot to close() then lingers one minute at most.
   */
  readonly controlPersistSeconds?: number;
  /**
   * Share one connection between all steps (ControlMaster). Default: on, except on Windows, whose OpenSSH
   * client has no connection sharing; there every step opens its own connection.
   */
  readonly multiplex?: boolean;
}

export type ScriptVars = Readonly<Record<string, string | readonly string[]>>;

export interface ExecOptions {
  /** Short name of the step, for logs and errors. */
  readonly step: string;
  /** Values the script reads as shell variables; each is assigned single-quoted, never pasted into code. */
  readonly vars?: ScriptVars;
  /** Run inside the host's container (default true when one is set). */
  readonly inContainer?: boolean;
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
  readonly onStdout?: (chunk: string) => void;
  readonly onStderr?: (chunk: string) => void;
}

export interface ExecResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** ssh's own exit status for a connection or authentication failure. */
const SSH_FAILURE = 255;

/** Maps ssh's stderr to a clear error; `connected` tells whether a working connection existed before. */
export function classifySshFailure(host: RemoteHost, stderr: string, connected: boolean): RemoteError {
  const target = host.port ? `${host.sshTarget}:${host.port}` : host.sshTarget;
  const detail = lastMeaningfulLine(stderr);
  if (/Permission denied|Too many authentication failures|no matching (host key|key exchange)|Authentication failed/i.test(stderr)) {
    return new RemoteError('auth_failed', [host.name, target, detail]);
  }
  if (/Host key verification failed|REMOTE HOST IDENTIFICATION HAS CHANGED|No (ED25519|RSA|ECDSA)? ?host key is known/i.test(stderr)) {
    return new RemoteError('host_key', [host.name, target, detail]);
  }
  if (/timed out|Connection timed out during banner exchange/i.test(stderr)) {
    return new RemoteError('unreachable', [host.name, target, detail]);
  }
  if (
    connected &&
    /closed by remote host|Broken pipe|mux_client|Shared connection|Connection reset|client_loop|master failed|Control socket/i.test(stderr)
  ) {
    return new RemoteError('connection_lost', [host.name]);
  }
  if (connected && !/Connection refused|Could not resolve|No route|unreachable/i.test(stderr)) return new RemoteError('connection_lost', [host.name]);
  return new RemoteError('unreachable', [host.name, target, detail || 'ssh exited with status 255']);
}

function lastMeaningfulLine(stderr: string): string {
  const lines = stderr
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !/^Warning: Permanently added/.test(l));
  return lines[lines.length - 1] ?? '';
}

/** Prelude of every remote script: strict mode, the host's env exported, the caller's values assigned. */
export function scriptPrelude(host: RemoteHost, vars: ScriptVars = {}): string {
  const exports = Object.entries(host.env).map(([k, v]) => `export ${k}=${shellQuote(v)}`);
  const workDir = shellQuote(host.workDir);
  return [
    'set -u',
    ...exports,
    shellAssignments(vars),
    // `~/` in workDir means the remote user's home; expanded here on the remote side, never locally.
    `XWF_WORKDIR=${workDir}`,
    'case "$XWF_WORKDIR" in "~/"*) XWF_WORKDIR="$HOME/${XWF_WORKDIR#"~/"}" ;; esac',
    '',
  ].join('\n');
}

/**
 * A multiplexed ssh client hands its pipes to the master, so killing the client alone leaves the remote side
 * writing into them: on abort, close our ends too, which ends the remote session (SIGPIPE) and our reads.
 */
function closePipesOnAbort(proc: { stdout: Readable | null; stderr: Readable | null; stdin: unknown }, signal: AbortSignal | undefined): () => void {
  if (!signal) return () => undefined;
  const onAbort = () => {
    proc.stdout?.destroy();
    proc.stderr?.destroy();
  };
  if (signal.aborted) onAbort();
  else signal.addEventListener('abort', onAbort, { once: true });
  return () => signal.removeEventListener('abort', onAbort);
}

export class SshTransport {
  private controlDir: string | undefined;
  private bridge: AskpassBridge | undefined;
  private readonly redactor = new SecretRedactor();
  private connected = false;
  private opened = 0;

  private readonly multiplex: boolean;

  constructor(private readonly options: SshTransportOptions) {
    this.redactor.addEnv(options.host.env);
    this.multiplex = options.multiplex ?? process.platform !== 'win32';
  }

  get host(): RemoteHost {
    return this.options.host;
  }

  /** How many SSH connections (master starts) this transport opened. */
  get connectionsOpened(): number {
    return this.opened;
  }

  private get timeoutSeconds(): number {
    return this.options.host.connectTimeoutSeconds ?? DEFAULT_CONNECT_TIMEOUT_SECONDS;
  }

  private log(line: string): void {
    this.options.log?.(this.redactor.redact(line));
  }

  private async ensureControlDir(): Promise<string> {
    if (!this.controlDir) {
      // Private (0700) folder for the control socket and askpass helper: nobody else may ride the connection.
      this.controlDir = await fs.mkdtemp(path.join(os.tmpdir(), 'xwf-ssh-'));
      await fs.chmod(this.controlDir, 0o700);
      if (this.options.askpass) {
        const hook = this.options.askpass;
        this.bridge = await startAskpassBridge(this.controlDir, hook, (prompt, answer) => {
          this.redactor.add(answer);
          this.log(`ssh prompt: ${prompt.trim()} -> ${answer === undefined ? 'declined' : 'answered'}`);
        });
      }
    }
    return this.controlDir;
  }

  /** Options common to every ssh call; the target comes last after `--` so it can never be read as an option. */
  private async baseArgs(): Promise<string[]> {
    const dir = await this.ensureControlDir();
    const h = this.options.host;
    const args: string[] = [];
    if (this.options.sshConfigFile) args.push('-F', this.options.sshConfigFile);
    args.push(
      '-o', `BatchMode=${this.options.askpass ? 'no' : 'yes'}`,
      '-o', `ConnectTimeout=${this.timeoutSeconds}`,
      ...(this.multiplex ? ['-o', `ControlPath=${path.join(dir, 'cm')}`] : []),
      '-o', 'ServerAliveInterval=5',
      '-o', 'ServerAliveCountMax=3',
      '-o', 'LogLevel=ERROR',
    );
    if (this.options.askpass) args.push('-o', 'NumberOfPasswordPrompts=1');
    if (h.port) args.push('-p', String(h.port));
    if (h.identityFile) args.push('-i', h.identityFile, '-o', 'IdentitiesOnly=yes');
    return args;
  }

  private sshEnv(): Record<string, string> {
    return { ...(this.bridge?.env ?? {}), LC_ALL: 'C' };
  }

  /** Cipher order for the master (every session of the run rides it); nothing when ssh -G cannot tell. */
  private async cipherArgs(): Promise<string[]> {
    if (this.options.sshBinary) return []; // another ssh binary may not be OpenSSH: leave its ciphers alone
    const resolved = await resolveSshTarget(this.options.host, this.options.sshConfigFile).catch(() => null);
    return cipherPreferenceArgs(resolved?.options.ciphers?.[0], await localCpuHasAes());
  }

  /** Opens the master connection (once); later calls only check it is still there. */
  async connect(signal?: AbortSignal): Promise<void> {
    if (this.connected && (await this.isAlive())) return;
    const dir = await this.ensureControlDir();
    const errFile = path.join(dir, 'master.err');
    // Without sharing, connecting means proving that a connection can be made: run `true` once.
    const args = this.multiplex
      ? [
          ...(await this.baseArgs()),
          ...(await this.cipherArgs()),
          '-o', 'ControlMaster=yes',
          '-o', `ControlPersist=${this.options.controlPersistSeconds ?? 60}`,
          '-f', '-N', '-T',
          '--', this.options.host.sshTarget,
        ]
      : [...(await this.baseArgs()), '-T', '--', this.options.host.sshTarget, 'true'];
    this.log(`connect ${this.options.host.name}`);
    // The backgrounded master keeps its stderr: a file, so no pipe is left open for us to wait on.
    const result = await execa(this.options.sshBinary ?? 'ssh', args, {
      stdin: 'ignore',
      stdout: 'ignore',
      stderr: { file: errFile },
      env: this.sshEnv(),
      reject: false,
      cancelSignal: signal,
      // A prompt answered by a person may take long; without one, ConnectTimeout plus a margin bounds the wait.
      timeout: this.options.askpass ? undefined : (this.timeoutSeconds + 10) * 1000,
      forceKillAfterDelay: 2000,
    });
    const stderr = await fs.readFile(errFile, 'utf8').catch(() => '');
    if (result.timedOut) throw new RemoteError('timeout', [this.options.host.name, this.options.host.sshTarget, this.timeoutSeconds]);
    if (result.isCanceled) throw new RemoteError('cancelled', ['connect', 'cancelled by the user']);
    if (result.exitCode !== 0) {
      this.log(`connect failed: ${lastMeaningfulLine(stderr)}`);
      throw classifySshFailure(this.options.host, stderr, false);
    }
    this.opened++;
    this.connected = true;
  }

  /** Whether the master connection is up. */
  async isAlive(): Promise<boolean> {
    if (!this.multiplex) return this.connected;
    return (await this.masterPid()) !== undefined;
  }

  /** Local PID of the master ssh process, when running. */
  async masterPid(): Promise<number | undefined> {
    if (!this.controlDir || !this.multiplex) return undefined;
    const r = await execa(this.options.sshBinary ?? 'ssh', [...(await this.baseArgs()), '-O', 'check', '--', this.options.host.sshTarget], {
      reject: false,
      stdin: 'ignore',
      env: this.sshEnv(),
      timeout: 10_000,
    });
    const m = /pid=(\d+)/.exec(r.stderr + r.stdout);
    return r.exitCode === 0 && m ? Number(m[1]) : undefined;
  }

  private async remoteArgs(inContainer: boolean): Promise<string[]> {
    const container = this.options.host.container;
    // The only words on the remote command line: fixed ones and the container name, quoted.
    const remote = container && inContainer ? `docker exec -i ${shellQuote(container)} bash -s` : 'bash -s';
    if (!this.multiplex) this.opened++;
    const sharing = this.multiplex ? ['-o', 'ControlMaster=auto', '-o', 'ControlPersist=no'] : [];
    return [...(await this.baseArgs()), ...sharing, '-T', '--', this.options.host.sshTarget, remote];
  }

  /** Runs a bash script on the host (or in its container); the script and its values travel on stdin. */
  async exec(script: string, opts: ExecOptions): Promise<ExecResult> {
    const args = await this.remoteArgs(opts.inContainer ?? true);
    const input = scriptPrelude(this.options.host, opts.vars) + script + '\n';
    this.log(`run ${opts.step}`);
    const proc = execa(this.options.sshBinary ?? 'ssh', args, {
      input,
      env: this.sshEnv(),
      reject: false,
      cancelSignal: opts.signal,
      timeout: opts.timeoutMs,
      forceKillAfterDelay: 2000,
      stripFinalNewline: false,
      buffer: true,
    });
    const release = closePipesOnAbort(proc, opts.signal);
    if (opts.onStdout) proc.stdout?.on('data', (d: Buffer) => opts.onStdout?.(d.toString('utf8')));
    if (opts.onStderr) proc.stderr?.on('data', (d: Buffer) => opts.onStderr?.(d.toString('utf8')));
    const r = await proc.finally(release);
    const stdout = typeof r.stdout === 'string' ? r.stdout : '';
    const stderr = typeof r.stderr === 'string' ? r.stderr : '';
    if (r.isCanceled) throw new RemoteError('cancelled', [opts.step, 'cancelled by the user']);
    if (r.timedOut) throw new RemoteError('timeout', [this.options.host.name, opts.step, Math.round((opts.timeoutMs ?? 0) / 1000)]);
    const exitCode = r.exitCode ?? SSH_FAILURE;
    if (exitCode === SSH_FAILURE) {
      this.log(`${opts.step}: ssh failed: ${lastMeaningfulLine(stderr)}`);
      throw classifySshFailure(this.options.host, stderr, this.connected);
    }
    this.log(`${opts.step}: exit ${exitCode}`);
    return { exitCode, stdout, stderr };
  }

  /** Runs a script whose stdout is a byte stream (a tar archive) handed to `consume` as it arrives. */
  async download(script: string, opts: ExecOptions, consume: (stdout: Readable) => Promise<void>): Promise<{ exitCode: number; stderr: string }> {
    const args = await this.remoteArgs(opts.inContainer ?? true);
    const input = scriptPrelude(this.options.host, opts.vars) + script + '\n';
    this.log(`download ${opts.step}`);
    const proc = execa(this.options.sshBinary ?? 'ssh', args, {
      input,
      env: this.sshEnv(),
      reject: false,
      cancelSignal: opts.signal,
      encoding: 'buffer',
      buffer: { stdout: false, stderr: true },
      forceKillAfterDelay: 2000,
    });
    const stdout = proc.stdout;
    if (!stdout) throw new Error('ssh stdout is not a stream');
    const release = closePipesOnAbort(proc, opts.signal);
    const consumed = consume(stdout).catch((e: unknown) => {
      proc.kill();
      throw e;
    });
    const [r] = await Promise.all([proc, consumed]).finally(release);
    const stderr = Buffer.isBuffer(r.stderr) ? r.stderr.toString('utf8') : String(r.stderr ?? '');
    if (r.isCanceled) throw new RemoteError('cancelled', [opts.step, 'cancelled by the user']);
    const exitCode = r.exitCode ?? SSH_FAILURE;
    if (exitCode === SSH_FAILURE) throw classifySshFailure(this.options.host, stderr, this.connected);
    return { exitCode, stderr };
  }

  /** Closes the master connection and removes the private folder. */
  async close(): Promise<void> {
    if (this.controlDir) {
      if (this.connected && this.multiplex) {
        await execa(this.options.sshBinary ?? 'ssh', [...(await this.baseArgs()), '-O', 'exit', '--', this.options.host.sshTarget], {
          reject: false,
          stdin: 'ignore',
          env: this.sshEnv(),
          timeout: 10_000,
        });
      }
      await this.bridge?.close();
      await fs.rm(this.controlDir, { recursive: true, force: true });
    }
    this.controlDir = undefined;
    this.bridge = undefined;
    this.connected = false;
  }
}
