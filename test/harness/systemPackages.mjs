// Debian packages the test tiers need. Installed with apt-get when running as root on Debian; otherwise a
// clear message says what to install, because nothing else can fetch a browser or build libraries offline.
import { existsSync, readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { run, which } from './proc.mjs';

/** What each tier needs; `command`/`path` tell whether it is present without asking dpkg. */
export const SYSTEM_PACKAGES = {
  /** Building the VS Code server's native modules (kerberos, node-pty, spdlog, deviceid, watcher). */
  serverBuild: [
    { name: 'python3', command: 'python3' },
    { name: 'make', command: 'make' },
    { name: 'g++', command: 'g++' },
    { name: 'pkg-config', command: 'pkg-config' },
    { name: 'libkrb5-dev' },
    { name: 'libx11-dev' },
    { name: 'libxkbfile-dev' },
    { name: 'libsecret-1-dev' },
  ],
  /** Running the server (its search uses ripgrep) and driving the workbench in a real browser. */
  serverRun: [
    { name: 'ripgrep', command: 'rg' },
    { name: 'chromium', path: '/usr/bin/chromium' },
    { name: 'fonts-liberation' },
  ],
  /** Tests that talk to a loopback SSH server or a git repository. */
  tools: [
    { name: 'openssh-server', path: '/usr/sbin/sshd' },
    { name: 'openssh-client', command: 'ssh-keygen' },
    { name: 'git', command: 'git' },
    // A second test host gets its own network namespace (its own 127.0.0.1), brought up with `ip`.
    { name: 'iproute2', command: 'ip' },
  ],
};

export const ALL_SYSTEM_PACKAGES = Object.values(SYSTEM_PACKAGES).flat();

function dpkgInstalled(name) {
  try {
    return execFileSync('dpkg-query', ['-W', '-f=${db:Status-Abbrev}', name], { stdio: ['ignore', 'pipe', 'ignore'] })
      .toString()
      .startsWith('ii');
  } catch {
    return false;
  }
}

function present(pkg) {
  if (pkg.path) return existsSync(pkg.path);
  if (pkg.command) return which(pkg.command) !== null;
  return dpkgInstalled(pkg.name);
}

function isDebian() {
  if (existsSync('/etc/debian_version')) return true;
  try {
    return /^ID(_LIKE)?=.*debian/m.test(readFileSync('/etc/os-release', 'utf8'));
  } catch {
    return false;
  }
}

let updated = false;

/** Installs whichever of `packages` are missing, or throws an error naming them when it cannot. */
export async function ensureSystemPackages(packages, log = (m) => console.log(m)) {
  const missing = [...new Map(packages.filter((p) => !present(p)).map((p) => [p.name, p])).keys()];
  if (missing.length === 0) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (process.platform !== 'linux' || !isDebian() || !isRoot || !which('apt-get')) {
    throw new Error(
      `missing system packages: ${missing.join(' ')}.\n` +
        `Install them (Debian/Ubuntu: sudo apt-get install -y ${missing.join(' ')}), then run again. ` +
        `They are installed automatically only when running as root on Debian.`,
    );
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  if (!updated) {
    log('[harness] apt-get update');
    await run('apt-get', ['update', '-qq'], { env, quiet: true, label: 'apt-get update' });
    updated = true;
  }
  log(`[harness] apt-get install ${missing.join(' ')}`);
  await run('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], {
    env,
    quiet: true,
    label: `apt-get install ${missing.join(' ')}`,
  });
  const still = packages.filter((p) => !present(p)).map((p) => p.name);
  if (still.length) throw new Error(`apt-get finished but these are still missing: ${still.join(' ')}`);
}

// `node test/harness/systemPackages.mjs --list` prints every package name (for .ci/run's apt-get install).
if (process.argv[1] && process.argv[1].endsWith('systemPackages.mjs') && process.argv.includes('--list')) {
  console.log([...new Set(ALL_SYSTEM_PACKAGES.map((p) => p.name))].join(' '));
}
