#!/usr/bin/env node
// `npm run demo`: try the extension on the sample workspace.
//  1. installs missing npm dependencies, builds (production) and packages the .vsix (scripts/package.mjs);
//  2. generates the sample workspace into .sample-workspace/ (`node dist/cli.js sample-workspace`) unless it
//     is already there (--fresh regenerates it);
//  3. with VS Code desktop (`code` on PATH): opens it in development mode on the sample workspace;
//     otherwise: starts the VS Code server on 127.0.0.1 with the packaged extension installed and prints
//     the URL to open, until Ctrl-C.
// --check: start the server, load the workbench in headless Chromium, verify the Runs view lists runs, stop
// (exit 0 when it does). --port <n>: fixed server port. --fresh: regenerate .sample-workspace/.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launchChromium } from '../test/harness/browser.mjs';
import { run, which } from '../test/harness/proc.mjs';
import { generateSampleWorkspace, listRunFolders } from '../test/harness/sampleWorkspace.mjs';
import { ensureNodeModules } from '../test/harness/setup.mjs';
import { startServer, workbenchUrl } from '../test/harness/vscodeServer.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const check = args.includes('--check');
const portIndex = args.indexOf('--port');
const port = portIndex >= 0 ? Number(args[portIndex + 1]) : 0;
const log = (m) => console.log(m);

if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`[demo] --port expects a port number (0-65535), got ${args[portIndex + 1]}`);
  process.exit(2);
}

async function sampleWorkspace() {
  const folder = join(root, '.sample-workspace');
  if (args.includes('--fresh')) rmSync(folder, { recursive: true, force: true });
  if (existsSync(folder) && readdirSync(folder).length > 0) {
    log(`[demo] reusing ${folder} (${listRunFolders(folder).length} runs; --fresh regenerates it)`);
    return folder;
  }
  const runs = await generateSampleWorkspace(folder);
  log(`[demo] sample workspace with ${runs.length} runs in ${folder}`);
  return folder;
}

/** Opens the workbench headless and reads the Runs view; resolves with the run rows it shows. */
async function checkRunsView(url) {
  const browser = await launchChromium();
  try {
    const { page } = browser;
    await page.goto(url);
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    await page.click('a.action-label[aria-label^="xLLM"]', { timeout: 60_000 });
    const rows = '.pane:has(.pane-header[aria-label^="Runs"]) .monaco-list-row[aria-level="2"]';
    await page.waitForSelector(rows, { timeout: 60_000 });
    return await page.$$eval(rows, (els) => els.map((e) => e.querySelector('.label-name')?.textContent?.trim() ?? ''));
  } finally {
    await browser.close();
  }
}

async function main() {
  await ensureNodeModules(log);
  await run(process.execPath, [join(root, 'scripts', 'package.mjs')], { cwd: root, label: 'npm run package' });
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const vsix = join(root, `${pkg.name}-${pkg.version}.vsix`);
  const workspace = await sampleWorkspace();

  const code = which('code');
  if (code && !check) {
    // Development mode runs dist/ straight from the repository: rebuild it with source maps for debugging.
    await run(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, label: 'build' });
    log(`[demo] opening VS Code: code --extensionDevelopmentPath=${root} ${workspace}`);
    const child = spawn(code, [`--extensionDevelopmentPath=${root}`, workspace], { stdio: 'inherit' });
    child.on('close', (status) => process.exit(status ?? 0));
    return;
  }

  const server = await startServer({ label: 'demo', install: [vsix], port, log });
  const url = workbenchUrl(server, workspace);
  if (check) {
    try {
      const runs = await checkRunsView(url);
      log(`[demo] the Runs view lists ${runs.length} runs: ${runs.join(', ')}`);
      if (runs.length === 0) throw new Error('the Runs view shows no runs');
    } finally {
      await server.stop();
    }
    log('[demo] check passed');
    return;
  }
  log('');
  log(`  Open ${url}`);
  log(`  (from another machine: ssh -L ${server.port}:127.0.0.1:${server.port} <this host>, then open the same URL)`);
  log('  Press Ctrl-C to stop the server.');
  log('');
  const { code: exitCode, signal } = await server.whenExited;
  await server.stop();
  throw new Error(`the VS Code server stopped (${signal ?? `code ${exitCode}`}); see ${server.logPath}`);
}

main().catch((err) => {
  console.error(`[demo] ${err.message}`);
  process.exit(1);
});
