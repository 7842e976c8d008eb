// A real OpenSSH server on 127.0.0.1 for remote-run tests: own host key, user key, config, sandbox HOME and PATH.
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync, chmodSync } from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { makeTempDir } from '../support/tempDir';
import { REPO_ROOT } from '../support/paths';
import type { RemoteHostInput } from '../../src/core/remote/remoteHost';

export const SSHD_BINARY = '/usr/sbin/sshd';
/** Stand-ins of the NPU host's tools: ours (service, evalscope, docker, msprof) and the gate's npu-smi. */
export const REMOTE_STANDINS_BIN = path.join(REPO_ROOT, 'test', 'standins', 'remote', 'bin');
export const GATE_STANDINS_BIN = path.join(REPO_ROOT, 'test', 'standins', 'bin');

export interface SshdOptions {
  /** Folders put first on the remote PATH (default: both stand-in folders). */
  readonly pathDirs?: readonly string[];
  /** Extra environment of every remote session. */
  readonly env?: Readonly<Record<string, string>>;
  /** A passphrase for the user key (for askpass tests). */
  readonly keyPassphrase?: string;
  /** ssh_config alias of this server (default `xwf-test`). */
  readonly alias?: string;
  /**
   * Run sshd in its own network namespace, so its sessions have a 127.0.0.1 of their own (a second host whose
   * services may use the same ports as the first). ssh reaches it through a ProxyCommand that enters the namespace.
   */
  readonly isolatedNetwork?: boolean;
  /** The ProxyCommand pipe script (test/standins/tcpPipe.mjs) when the repository is not REPO_ROOT. */
  readonly tcpPipeScript?: string;
}

export interface TestSshd {
  readonly port: number;
  /** True when the server lives in a network namespace of its own. */
  readonly isolatedNetwork: boolean;
  readonly dir: string;
  /** Sandbox HOME of the remote sessions: `~` there never reaches the real home. */
  readonly home: string;
  /** Remote work folder for runs (inside the sandbox HOME). */
  readonly workDir: string;
  readonly lockDir: string;
  readonly userKey: string;
  /** ssh_config file with the alias `xwf-test` pointing at this server. */
  readonly sshConfig: string;
  readonly alias: string;
  readonly logPath: string;
  readonly pid: number;
  /** State file of the host-tool stand-ins (npu-smi, free, uptime): rewrite it to change what they print. */
  readonly standinState: string;
  /** Connections that authenticated so far (from the server log). */
  acceptedConnections(): number;
  /** A host entry for this server. */
  host(overrides?: Partial<RemoteHostInput>): RemoteHostInput;
  stop(): Promise<void>;
}

export function requireSshd(): void {
  if (!existsSync(SSHD_BINARY)) {
    throw new Error(`${SSHD_BINARY} is not installed: the remote tests need a real SSH server (Debian package openssh-server, plus openssh-client)`);
  }
}

/** Whether this process may create a network namespace and bring its loopback up (root with CAP_SYS_ADMIN). */
export function canIsolateNetwork(): boolean {
  // Forces the shared-loopback path (to check it on a machine that could isolate).
  if (process.env.XWF_TEST_SHARED_LOOPBACK === '1') return false;
  try {
    execFileSync('unshare', ['--net', '--', 'ip', 'link', 'set', 'lo', 'up'], { stdio: 'ignore', timeout: 5000 });
    return true;
  } catch {
    return false;
  }
}

/** A namespaced sshd cannot be reached from here to probe: its log says when it listens. */
async function waitForLog(child: ChildProcess, logPath: string, port: number, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const text = existsSync(logPath) ? readFileSync(logPath, 'utf8') : '';
    if (child.exitCode !== null) throw new Error(`sshd exited with ${child.exitCode}: ${text}`);
    if (text.includes(`Server listening on 127.0.0.1 port ${port}`)) return;
    if (Date.now() > deadline) throw new Error(`sshd did not listen on 127.0.0.1:${port} in its namespace within ${timeoutMs} ms: ${text}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, child: ChildProcess, logPath: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`sshd exited with ${child.exitCode}: ${existsSync(logPath) ? readFileSync(logPath, 'utf8') : ''}`);
    const ok = await new Promise<boolean>((resolve) => {
      const s = net.connect(port, '127.0.0.1');
      s.once('data', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`sshd did not listen on 127.0.0.1:${port} within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function startSshd(options: SshdOptions = {}): Promise<TestSshd> {
  requireSshd();
  const { dir, cleanup } = makeTempDir('xwf-sshd-');
  const home = path.join(dir, 'home');
  const workDir = path.join(home, 'xwf');
  const lockDir = path.join(dir, 'locks');
  mkdirSync(home, { recursive: true });
  const hostKey = path.join(dir, 'hostkey');
  const userKey = path.join(dir, 'userkey');
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', hostKey]);
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', options.keyPassphrase ?? '', '-f', userKey]);
  writeFileSync(path.join(dir, 'authorized_keys'), readFileSync(`${userKey}.pub`));
  chmodSync(path.join(dir, 'authorized_keys'), 0o600);
  const port = await freePort();
  const nodeDir = path.dirname(process.execPath);
  const pathDirs = [...(options.pathDirs ?? [REMOTE_STANDINS_BIN, GATE_STANDINS_BIN]), nodeDir, '/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];
  const standinState = path.join(dir, 'standin-state.json');
  writeFileSync(standinState, '{}\n');
  const env: Record<string, string> = { PATH: pathDirs.join(':'), HOME: home, XWF_STANDIN_STATE: standinState, ...options.env };
  for (const [k, v] of Object.entries(env)) if (/\s|"/.test(v)) throw new Error(`test env value of ${k} must not contain spaces or quotes`);
  const logPath = path.join(dir, 'sshd.log');
  const config = [
    `Port ${port}`,
    'ListenAddress 127.0.0.1',
    `HostKey ${hostKey}`,
    `AuthorizedKeysFile ${path.join(dir, 'authorized_keys')}`,
    'PubkeyAuthentication yes',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    'PermitRootLogin prohibit-password',
    `PidFile ${path.join(dir, 'sshd.pid')}`,
    'StrictModes no',
    'UsePAM no',
    'LogLevel INFO',
    // Multiplexed sessions count against MaxSessions; a run opens a few dozen in sequence.
    'MaxSessions 64',
    'Subsystem sftp internal-sftp',
    `SetEnv ${Object.entries(env)
      .map(([k, v]) => `${k}=${v}`)
      .join(' ')}`,
  ];
  writeFileSync(path.join(dir, 'sshd_config'), config.join('\n') + '\n');
  mkdirSync('/run/sshd', { recursive: true });
  const isolated = options.isolatedNetwork === true;
  const sshdArgs = ['-D', '-f', path.join(dir, 'sshd_config'), '-E', logPath];
  // In a namespace: bring its loopback up, then exec sshd (same pid, so nsenter --target finds the namespace).
  const child = isolated
    ? spawn('unshare', ['--net', '--', '/bin/sh', '-c', 'ip link set lo up && exec "$0" "$@"', SSHD_BINARY, ...sshdArgs], { stdio: 'ignore' })
    : spawn(SSHD_BINARY, sshdArgs, { stdio: 'ignore' });
  const stopChild = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
  };
  try {
    if (isolated) await waitForLog(child, logPath, port);
    else await waitForPort(port, child, logPath);
  } catch (e) {
    await stopChild();
    cleanup();
    throw e;
  }
  const hostPub = readFileSync(`${hostKey}.pub`, 'utf8').trim().split(/\s+/).slice(0, 2).join(' ');
  const knownHosts = path.join(dir, 'known_hosts');
  const alias = options.alias ?? 'xwf-test';
  // Keyed by the alias: two namespaced hosts may both be 127.0.0.1 on the same port.
  writeFileSync(knownHosts, `${isolated ? alias : `[127.0.0.1]:${port}`} ${hostPub}\n`);
  const sshConfig = path.join(dir, 'ssh_config');
  const pipeScript = options.tcpPipeScript ?? path.join(REPO_ROOT, 'test', 'standins', 'tcpPipe.mjs');
  const namespaced = isolated ? [`  HostKeyAlias ${alias}`, `  ProxyCommand nsenter --target ${child.pid} --net -- ${process.execPath} ${pipeScript} 127.0.0.1 %p`] : [];
  writeFileSync(
    sshConfig,
    [
      `Host ${alias}`,
      '  HostName 127.0.0.1',
      `  Port ${port}`,
      `  User ${os.userInfo().username}`,
      `  IdentityFile ${userKey}`,
      `  UserKnownHostsFile ${knownHosts}`,
      '  StrictHostKeyChecking yes',
      '  IdentitiesOnly yes',
      ...namespaced,
      // The bare address, for tests that name their own user, port and key.
      'Host 127.0.0.1',
      `  UserKnownHostsFile ${knownHosts}`,
      '  StrictHostKeyChecking yes',
      '',
    ].join('\n'),
  );
  return {
    port,
    isolatedNetwork: isolated,
    dir,
    home,
    workDir,
    lockDir,
    userKey,
    sshConfig,
    alias,
    logPath,
    pid: child.pid ?? -1,
    standinState,
    acceptedConnections: () => (existsSync(logPath) ? (readFileSync(logPath, 'utf8').match(/^.*Accepted \w+ for /gm) ?? []).length : 0),
    host: (overrides = {}) => ({ name: 'test-npu', sshTarget: alias, workDir, lockDir, env: {}, defaultDevices: [0], connectTimeoutSeconds: 5, ...overrides }),
    stop: async () => {
      await stopChild();
      cleanup();
    },
  };
}
