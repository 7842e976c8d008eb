// Integration tier: the bundled mocha suite (out/test/integration/tests.js) runs inside a real VS Code
// extension host with the extension loaded in development mode and a generated sample workspace open.
//  - VS Code desktop available (`code` on PATH, or XWF_VSCODE_EXECUTABLE): @vscode/test-electron's runTests.
//  - Otherwise: the cached VS Code server; headless Chromium opens the workbench with a `payload` that names
//    extensionDevelopmentPath and extensionTestsPath; the server log line
//    "Extension Host Process exited with code: N" ends the run.
// Either way out/test/integration/index.js writes the results JSON that this runner prints and counts.
// Usage: node test/harness/runIntegration.mjs   (after node scripts/build.mjs --tests)
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from './browser.mjs';
import { crashedResults } from './mochaTier.mjs';
import { onCleanup, which } from './proc.mjs';
import { tempSampleWorkspace } from './sampleWorkspace.mjs';
import { QUIET_SETTINGS, REPO_ROOT, remoteUri, startServer, workbenchUrl } from './vscodeServer.mjs';

const TESTS_DIR = join(REPO_ROOT, 'out', 'test', 'integration');
const DEFAULT_RESULTS = join(REPO_ROOT, 'test-results', 'integration.json');

/**
 * The VS Code desktop executable to use, or null: XWF_VSCODE_EXECUTABLE, else the app behind `code`.
 * Desktop VS Code needs a display on Linux; without one the server path runs instead.
 */
export function desktopExecutable(log = () => {}) {
  const explicit = process.env.XWF_VSCODE_EXECUTABLE;
  if (explicit) {
    if (!existsSync(explicit)) throw new Error(`XWF_VSCODE_EXECUTABLE=${explicit} does not exist`);
    return explicit;
  }
  const cli = which('code');
  if (!cli) return null;
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    log(`[harness] integration: ${cli} found but there is no display; using the VS Code server instead`);
    return null;
  }
  // `code` is a launcher script (…/bin/code); the executable test-electron must start sits one level up.
  const real = realpathSync(cli);
  const candidates = [join(dirname(dirname(real)), 'code'), join(dirname(dirname(real)), 'Code'), join(dirname(dirname(dirname(real))), 'MacOS', 'Electron')];
  const found = candidates.find((c) => c !== real && existsSync(c)) ?? null;
  if (!found) log(`[harness] integration: no VS Code executable next to ${real}; using the VS Code server instead (set XWF_VSCODE_EXECUTABLE to choose one)`);
  return found;
}

function readResults(path, why) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return crashedResults('integration', why);
  }
}

async function runWithDesktop(executable, workspace, resultsPath, log) {
  const { runTests } = await import('@vscode/test-electron');
  const userData = mkdtempSync(join(tmpdir(), 'xwf-desktop-'));
  const off = onCleanup(() => rmSync(userData, { recursive: true, force: true }));
  mkdirSync(join(userData, 'ud', 'User'), { recursive: true });
  writeFileSync(join(userData, 'ud', 'User', 'settings.json'), `${JSON.stringify(QUIET_SETTINGS, null, 2)}\n`);
  log(`[harness] integration: VS Code desktop ${executable}`);
  try {
    // runTests adds --extensionDevelopmentPath, --extensionTestsPath, --disable-workspace-trust and friends.
    const code = await runTests({
      vscodeExecutablePath: executable,
      extensionDevelopmentPath: REPO_ROOT,
      extensionTestsPath: join(TESTS_DIR, 'index.js'),
      extensionTestsEnv: { XWF_TEST_RESULTS: resultsPath },
      launchArgs: [workspace, '--disable-extensions', '--user-data-dir', join(userData, 'ud'), '--extensions-dir', join(userData, 'exts')],
    }).catch((err) => {
      log(`[harness] integration: ${err?.message ?? err}`);
      return typeof err?.code === 'number' ? err.code : 1;
    });
    log(`[harness] integration: VS Code desktop exited with code ${code}`);
    const results = readResults(resultsPath, `VS Code desktop exited with code ${code} without writing ${resultsPath}`);
    if (code !== 0 && results.stats.failures === 0) {
      results.tests.push({ title: 'extension test run verdict', state: 'failed', durationMs: 0, error: { message: `VS Code exited with code ${code}` } });
      results.stats.failures += 1;
      results.stats.tests += 1;
    }
    return results;
  } finally {
    off();
    rmSync(userData, { recursive: true, force: true });
  }
}

async function runWithServer(workspace, resultsPath, log, timeoutMs) {
  const server = await startServer({ label: 'integration', env: { XWF_TEST_RESULTS: resultsPath }, log });
  let browser;
  try {
    const payload = [
      ['extensionDevelopmentPath', remoteUri(server, REPO_ROOT)],
      ['extensionTestsPath', remoteUri(server, join(TESTS_DIR, 'index.js'))],
    ];
    browser = await launchChromium();
    const { page } = browser;
    const consoleLines = [];
    page.on('console', (m) => consoleLines.push(`[${m.type()}] ${m.text()}`));
    // The web workbench reports the test run's verdict (and its logs) to window.codeAutomationExit when the
    // page defines it; the extension host process itself is then stopped and exits 0 whatever the verdict.
    let verdict;
    const automationExit = new Promise((res) => {
      verdict = res;
    });
    await page.exposeFunction('codeAutomationExit', (code, logs) => verdict({ code: Number(code), logs: Array.isArray(logs) ? logs : [] }));
    const exitLine = server.waitForLog(/Extension Host Process exited with code: (\d+)/, timeoutMs, 'the extension host to finish the suite');
    exitLine.catch(() => {}); // raced below; avoid an unhandled rejection while the page loads
    await page.goto(workbenchUrl(server, workspace, payload));
    let outcome = await Promise.race([automationExit, exitLine.then((m) => ({ hostExit: Number(m[1]) }))]);
    if (outcome.hostExit !== undefined) {
      // The host ended first: give the page a moment to deliver the verdict it was sent.
      outcome = await Promise.race([automationExit, new Promise((res) => setTimeout(() => res(outcome), 10_000))]);
    }
    const code = outcome.code ?? outcome.hostExit;
    log(`[harness] integration: ${outcome.code !== undefined ? 'the workbench reported' : 'the extension host exited with'} code ${code}`);
    const results = readResults(resultsPath, `the extension host finished (code ${code}) without writing results; see ${server.logPath}`);
    if (code !== 0 && results.stats.failures === 0) {
      results.tests.push({ title: 'extension test run verdict', state: 'failed', durationMs: 0, error: { message: `exit code ${code}; see ${server.logPath}` } });
      results.stats.failures += 1;
      results.stats.tests += 1;
    }
    if (results.stats.failures > 0) {
      const logDir = join(dirname(server.logPath), 'integration-workbench');
      rmSync(logDir, { recursive: true, force: true });
      for (const l of outcome.logs ?? []) {
        if (typeof l?.relativePath !== 'string' || l.relativePath.includes('..')) continue;
        mkdirSync(dirname(join(logDir, l.relativePath)), { recursive: true });
        writeFileSync(join(logDir, l.relativePath), String(l.contents ?? ''));
      }
      if (outcome.logs?.length) log(`[harness] workbench logs saved under ${logDir}`);
      const errors = consoleLines.filter((l) => l.startsWith('[error]') && !/404|serviceWorker|ENOTFOUND|ERR_NAME_NOT_RESOLVED/.test(l));
      if (errors.length) log(`[harness] browser console errors:\n  ${errors.slice(-10).map((e) => e.split('\n').slice(0, 6).join('\n    ')).join('\n  ')}`);
    }
    return results;
  } catch (err) {
    return crashedResults('integration', err?.message ?? String(err));
  } finally {
    await browser?.close();
    await server.stop();
  }
}

/** Prints a results object the way mocha's spec reporter would, compactly. */
export function printResults(results, log = (m) => console.log(m)) {
  for (const t of results.tests) {
    const mark = t.state === 'passed' ? '  ✔' : t.state === 'pending' ? '  -' : '  ✖';
    log(`${mark} ${t.title}${t.state === 'passed' ? ` (${t.durationMs}ms)` : ''}`);
    if (t.error) log(`      ${String(t.error.stack ?? t.error.message).split('\n').slice(0, 8).join('\n      ')}`);
  }
}

/** Runs the tier; resolves with the results (never rejects: a broken tier is one failed entry). */
export async function runIntegration({ resultsPath = DEFAULT_RESULTS, log = (m) => console.log(m), timeoutMs = 5 * 60_000 } = {}) {
  rmSync(resultsPath, { force: true });
  for (const f of ['index.js', 'tests.js']) {
    if (!existsSync(join(TESTS_DIR, f))) return crashedResults('integration', `${join(TESTS_DIR, f)} is missing: run node scripts/build.mjs --tests`);
  }
  let workspace;
  try {
    workspace = await tempSampleWorkspace('xwf-integration-');
    log(`[harness] integration: sample workspace with ${workspace.runs.length} runs in ${workspace.folder}`);
    const desktop = desktopExecutable(log);
    const results = desktop ? await runWithDesktop(desktop, workspace.folder, resultsPath, log) : await runWithServer(workspace.folder, resultsPath, log, timeoutMs);
    printResults(results, log);
    return results;
  } catch (err) {
    return crashedResults('integration', err?.message ?? String(err));
  } finally {
    workspace?.remove();
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const results = await runIntegration();
  console.log(`integration: ${results.stats.passes} passed, ${results.stats.failures} failed`);
  process.exit(results.stats.failures > 0 || results.stats.pending > 0 ? 1 : 0);
}
