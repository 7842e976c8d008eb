// The real VS Code the integration and e2e tiers run in: the VS Code server shipped in the npm package
// code-server@4.100.3 (VS Code 1.100.3, the last line that runs on Node 20). It is built once per machine
// into ${XDG_CACHE_HOME:-~/.cache}/xllm-npu-workflow/code-server-<version>/ (a marker file says the build
// finished; a lock keeps two runs from building at once) and started from VS Code's own entry point
// out/server-main.js on a free loopback port with throw-away user-data, server-data and extensions folders.
import { spawn } from 'node:child_process';
import {
  copyFileSync,
  chmodSync,
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  lstatSync,
  unlinkSync,
  writeFileSync,
  readdirSync,
} from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as delay } from 'node:timers/promises';
import { killGroup, onCleanup, run, which } from './proc.mjs';
import { SYSTEM_PACKAGES, ensureSystemPackages } from './systemPackages.mjs';

export const CODE_SERVER_VERSION = '4.100.3';
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Bumped when the build steps below change, so an older cache is rebuilt instead of trusted. */
const RECIPE = 2;
// The recipe's five, plus native-watchdog: the extension host loads it to watch its parent process.
const NATIVE_MODULES = ['kerberos', 'node-pty', '@parcel/watcher', '@vscode/spdlog', '@vscode/deviceid', 'native-watchdog'];

export function cacheRoot() {
  const base = process.env.XDG_CACHE_HOME || join(homedir(), '.cache');
  return join(base, 'xllm-npu-workflow');
}

export function serverCacheDir() {
  return join(cacheRoot(), `code-server-${CODE_SERVER_VERSION}`);
}

export function vscodeDir() {
  return join(serverCacheDir(), 'node_modules', 'code-server', 'lib', 'vscode');
}

const markerPath = () => join(serverCacheDir(), '.xwf-ready.json');

/** What the marker must say for the cache to be reused: native modules are built for one Node ABI. */
function expectedMarker() {
  return { codeServer: CODE_SERVER_VERSION, recipe: RECIPE, nodeAbi: process.versions.modules, platform: `${process.platform}-${process.arch}` };
}

function cacheIsReady() {
  try {
    const marker = JSON.parse(readFileSync(markerPath(), 'utf8'));
    const want = expectedMarker();
    return Object.keys(want).every((k) => marker[k] === want[k]) && existsSync(join(vscodeDir(), 'out', 'server-main.js'));
  } catch {
    return false;
  }
}

/** The VS Code version, commit and product name of the cached server (from its product.json). */
export function vscodeVersion() {
  const product = JSON.parse(readFileSync(join(vscodeDir(), 'product.json'), 'utf8'));
  return { version: product.version, commit: product.commit, label: `VS Code ${product.version} (commit ${String(product.commit).slice(0, 10)}, from code-server ${CODE_SERVER_VERSION})` };
}

function pidAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return err.code === 'EPERM';
  }
}

/** A directory lock: mkdir is atomic; a lock whose owner process is gone is taken over. */
async function withLock(lockDir, log, fn) {
  const deadline = Date.now() + 30 * 60_000;
  let announced = false;
  for (;;) {
    try {
      mkdirSync(lockDir);
      writeFileSync(join(lockDir, 'pid'), String(process.pid));
      break;
    } catch (err) {
      if (err.code !== 'EEXIST') throw err;
      let owner = NaN;
      try {
        owner = Number(readFileSync(join(lockDir, 'pid'), 'utf8'));
      } catch {
        // the owner is between mkdir and writing its pid
      }
      if (Number.isInteger(owner) && owner > 0 && !pidAlive(owner)) {
        log(`[harness] removing stale lock of process ${owner}: ${lockDir}`);
        rmSync(lockDir, { recursive: true, force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`timed out waiting for the lock ${lockDir} (held by process ${owner})`);
      if (!announced) log(`[harness] another run (process ${owner}) is preparing the VS Code server; waiting for it`);
      announced = true;
      await delay(2000);
    }
  }
  const off = onCleanup(() => rmSync(lockDir, { recursive: true, force: true }));
  try {
    return await fn();
  } finally {
    off();
    rmSync(lockDir, { recursive: true, force: true });
  }
}

/** node-gyp would download Node's headers from the internet; the Node installation usually ships them. */
function nodeGypEnv() {
  const env = { ...process.env, npm_config_yes: 'true', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };
  const prefix = resolve(dirname(process.execPath), '..');
  if (existsSync(join(prefix, 'include', 'node', 'node.h')) && !env.npm_config_nodedir) env.npm_config_nodedir = prefix;
  return env;
}

/**
 * Makes sure the VS Code server is built in the cache (the recipe of docs/testing-in-real-vscode.md), and
 * that the system packages it needs are there. Idempotent: every step can run again after a failure.
 */
export async function ensureVscodeServer({ log = (m) => console.log(m) } = {}) {
  await ensureSystemPackages(SYSTEM_PACKAGES.serverRun, log);
  if (cacheIsReady()) return vscodeDir();
  await ensureSystemPackages(SYSTEM_PACKAGES.serverBuild, log);
  const dir = serverCacheDir();
  mkdirSync(dir, { recursive: true });
  return withLock(`${dir}.lock`, log, async () => {
    if (cacheIsReady()) return vscodeDir(); // built by the run we waited for
    const started = Date.now();
    const env = nodeGypEnv();
    const step = async (what, cmd, args, cwd) => {
      const t = Date.now();
      log(`[harness] VS Code server: ${what}`);
      await run(cmd, args, { cwd, env, quiet: true, label: `${what} (in ${cwd})` });
      log(`[harness]   done in ${((Date.now() - t) / 1000).toFixed(0)}s`);
    };
    log(`[harness] preparing the VS Code server (code-server@${CODE_SERVER_VERSION}) in ${dir}; this takes a few minutes once per machine`);
    rmSync(markerPath(), { force: true });
    writeFileSync(
      join(dir, 'package.json'),
      `${JSON.stringify({ name: 'xwf-vscode-server-cache', private: true, dependencies: { 'code-server': CODE_SERVER_VERSION } }, null, 2)}\n`,
    );
    const installed = (() => {
      try {
        return JSON.parse(readFileSync(join(dir, 'node_modules', 'code-server', 'package.json'), 'utf8')).version;
      } catch {
        return null;
      }
    })();
    // Without its postinstall: it refuses root and downloads ripgrep from the internet.
    if (installed !== CODE_SERVER_VERSION) await step(`npm install code-server@${CODE_SERVER_VERSION}`, 'npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], dir);
    const vs = vscodeDir();
    await step('npm install (lib/vscode)', 'npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], vs);
    const rgDir = join(vs, 'node_modules', '@vscode', 'ripgrep', 'bin');
    mkdirSync(rgDir, { recursive: true });
    const rg = which('rg');
    if (!rg) throw new Error('ripgrep (rg) is not on PATH');
    rmSync(join(rgDir, 'rg'), { force: true });
    copyFileSync(rg, join(rgDir, 'rg'));
    chmodSync(join(rgDir, 'rg'), 0o755);
    await step(`npm rebuild ${NATIVE_MODULES.join(' ')}`, 'npm', ['rebuild', ...NATIVE_MODULES], vs);
    const asar = join(vs, 'node_modules.asar');
    if (existsSync(asar) || isSymlink(asar)) unlinkSync(asar);
    symlinkSync('node_modules', asar);
    await step('npm install (built-in extensions)', 'npm', ['install', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], join(vs, 'extensions'));
    // Loading the native modules and printing the version proves the build before the marker says so.
    await run(process.execPath, ['-e', `for (const m of ${JSON.stringify(NATIVE_MODULES)}) require(m)`], { cwd: vs, quiet: true, label: 'loading the native modules' });
    const version = (await run(process.execPath, [join(vs, 'out', 'server-main.js'), '--version'], { cwd: tmpdir(), quiet: true, label: 'server --version' })).split('\n')[0];
    if (version !== vscodeVersion().version) throw new Error(`server --version printed ${version}, product.json says ${vscodeVersion().version}`);
    const tmp = `${markerPath()}.${process.pid}.tmp`;
    writeFileSync(tmp, `${JSON.stringify({ ...expectedMarker(), vscode: version, builtAt: new Date().toISOString() }, null, 2)}\n`);
    renameSync(tmp, markerPath());
    log(`[harness] VS Code server ${version} ready in ${((Date.now() - started) / 1000).toFixed(0)}s`);
    return vs;
  });
}

function isSymlink(p) {
  try {
    return lstatSync(p).isSymbolicLink();
  } catch {
    return false;
  }
}

/** Settings that keep the workbench quiet: no trust dialog, welcome page, tips, update or telemetry. */
export const QUIET_SETTINGS = {
  'security.workspace.trust.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.enableExperiments': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'git.enabled': false,
  'git.autoRepositoryDetection': false,
  'npm.autoDetect': 'off',
  'task.autoDetect': 'off',
  'typescript.tsc.autoDetect': 'off',
  'chat.commandCenter.enabled': false,
  'chat.disableAIFeatures': true,
  'workbench.secondarySideBar.defaultVisibility': 'hidden',
};

function serverArgs(dirs) {
  return [
    '--accept-server-license-terms',
    '--user-data-dir',
    dirs.userData,
    '--server-data-dir',
    dirs.serverData,
    '--extensions-dir',
    dirs.extensions,
  ];
}

/**
 * Starts the server. Options: `install` (.vsix files to install first with the server's own CLI),
 * `settings` (merged over QUIET_SETTINGS), `env` (extra environment, inherited by the extension host),
 * `label` (names the log file test-results/logs/<label>-server.log), `port` (0: any free port).
 * Returns { url, port, logPath, dirs, vscode, log(), waitForLog(re, ms, what), stop(), exited(), whenExited }.
 */
export async function startServer({ install = [], settings = {}, env = {}, label = 'vscode', port: wantedPort = 0, log = (m) => console.log(m), startTimeoutMs = 90_000 } = {}) {
  const vs = await ensureVscodeServer({ log });
  const serverMain = join(vs, 'out', 'server-main.js');
  const tmp = mkdtempSync(join(tmpdir(), `xwf-${label}-`));
  const dirs = { tmp, userData: join(tmp, 'user-data'), serverData: join(tmp, 'server-data'), extensions: join(tmp, 'extensions') };
  for (const d of Object.values(dirs)) mkdirSync(d, { recursive: true });
  mkdirSync(join(dirs.userData, 'User'), { recursive: true });
  writeFileSync(join(dirs.userData, 'User', 'settings.json'), `${JSON.stringify({ ...QUIET_SETTINGS, ...settings }, null, 2)}\n`);
  const removeTmp = () => {
    if (!process.env.XWF_KEEP_TEMP) rmSync(tmp, { recursive: true, force: true });
  };
  const offTmp = onCleanup(removeTmp);

  const logDir = join(REPO_ROOT, 'test-results', 'logs');
  mkdirSync(logDir, { recursive: true });
  const logPath = join(logDir, `${label}-server.log`);

  try {
    for (const vsix of install) {
      log(`[harness] installing ${vsix} into the server's extensions folder`);
      await run(process.execPath, [serverMain, '--install-extension', vsix, '--force', ...serverArgs(dirs)], { cwd: tmp, quiet: true, label: `install ${vsix}` });
    }
  } catch (err) {
    offTmp();
    removeTmp();
    throw err;
  }

  const { label: versionLabel } = vscodeVersion();
  const logStream = createWriteStream(logPath);
  let buffer = '';
  const listeners = new Set();
  const child = spawn(
    process.execPath,
    [serverMain, '--host', '127.0.0.1', '--port', String(wantedPort), '--without-connection-token', '--disable-telemetry', ...serverArgs(dirs)],
    { cwd: tmp, env: { ...process.env, ...env }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const offKill = onCleanup(() => killGroup(child.pid));
  let exited = null;
  const exitPromise = new Promise((res) => {
    child.on('exit', (code, signal) => {
      exited = { code, signal };
      for (const l of listeners) l();
      res(exited);
    });
  });
  const onData = (chunk) => {
    const text = chunk.toString();
    logStream.write(text);
    buffer = (buffer + text).slice(-2_000_000);
    for (const l of listeners) l();
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);

  /** Resolves with the match of `re` in the server log (searched from `from`), as soon as it is printed. */
  const waitForLog = (re, timeoutMs, what = String(re), from = 0) =>
    new Promise((res, rej) => {
      let timer;
      const check = () => {
        const m = re.exec(buffer.slice(from));
        if (m) {
          finish();
          res(m);
        } else if (exited) {
          finish();
          rej(new Error(`the VS Code server exited (${exited.signal ?? `code ${exited.code}`}) before ${what}; see ${logPath}`));
        }
      };
      const finish = () => {
        clearTimeout(timer);
        listeners.delete(check);
      };
      timer = setTimeout(() => {
        finish();
        rej(new Error(`timed out after ${Math.round(timeoutMs / 1000)}s waiting for ${what}; see ${logPath}`));
      }, timeoutMs);
      listeners.add(check);
      check();
    });

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    if (!exited) {
      killGroup(child.pid, 'SIGTERM');
      const t = setTimeout(() => killGroup(child.pid, 'SIGKILL'), 10_000);
      await exitPromise;
      clearTimeout(t);
    }
    // Extension hosts and other helpers the server started live in its process group.
    killGroup(child.pid, 'SIGKILL');
    offKill();
    await new Promise((res) => logStream.end(res));
    offTmp();
    removeTmp();
  };

  try {
    const m = await waitForLog(/Extension host agent listening on (\d+)/, startTimeoutMs, 'the server to listen');
    const port = Number(m[1]);
    const url = `http://127.0.0.1:${port}`;
    log(`[harness] ${versionLabel} serving on ${url} (log: ${logPath})`);
    return { url, port, logPath, dirs, vscode: vscodeVersion(), log: () => buffer, waitForLog, stop, exited: () => exited, whenExited: exitPromise };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** The workbench URL that opens `folder`, with an optional development `payload` ([[key, value], ...]). */
export function workbenchUrl(server, folder, payload) {
  const params = [`folder=${encodeURIComponent(folder)}`];
  if (payload) params.push(`payload=${encodeURIComponent(JSON.stringify(payload))}`);
  return `${server.url}/?${params.join('&')}`;
}

/** A path on the server's machine as a URI the web client resolves through the server. */
export function remoteUri(server, absPath) {
  return `vscode-remote://127.0.0.1:${server.port}${absPath}`;
}

/** Extension folders the server has installed (name-version), to check an install really happened. */
export function installedExtensions(server) {
  return readdirSync(server.dirs.extensions).filter((n) => !n.startsWith('.') && n !== 'extensions.json');
}
