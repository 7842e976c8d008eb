// End to end: a remote benchmark from the command palette of the packaged extension in the browser workbench,
// against a real sshd on 127.0.0.1 whose PATH holds the NPU host stand-ins. Screenshots: the run in progress
// (notification with percent, streamed output) and the finished run in the Runs view.
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { freePort, killLeftoverJobs, writePerfManifest } from '../remote/remoteFixtures';
import { startSshd, type TestSshd } from '../remote/sshd';
import { REPO_ROOT } from '../support/paths';
import { palette, quickOpen } from '../support/workbench';

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run this tier with node test/harness/runE2e.mjs`);
  return value;
}

const RUN_ID = 'e2e-remote-bench';
const ACTIVITY_ITEM = 'a.action-label[aria-label^="xLLM"]';
const RUNS_PANE = '.pane:has(.pane-header[aria-label^="Runs"])';
const HOSTS_PANE = '.pane:has(.pane-header[aria-label^="Remote Hosts"])';

/** Waits until no hover is shown (they cover what a screenshot should show). */
async function hoversGone(page: Page): Promise<void> {
  await page.locator('.workbench-hover-container').first().waitFor({ state: 'hidden', timeout: 10_000 });
}

describe('remote benchmark in the browser workbench', function () {
  this.timeout(300_000);
  const screenshots = process.env.XWF_E2E_SCREENSHOTS || path.join(REPO_ROOT, 'test-results');
  let sshd: TestSshd;
  let context: BrowserContext;
  let page: Page;
  let workspace: string;
  let profile: string;
  let settingsBefore: string | null = null;
  const settingsFile = () => path.join(workspace, '.vscode', 'settings.json');

  before(async () => {
    workspace = env('XWF_E2E_WORKSPACE');
    sshd = await startSshd({ env: { XWF_STANDIN_TTFT_MS: '15', XWF_STANDIN_TPOT_MS: '4', XWF_STANDIN_STARTUP_MS: '300' } });
    // A prepared run root as New Run leaves it; the workload is long enough to be seen in progress.
    const root = path.join(workspace, 'runs', 'perf', RUN_ID);
    mkdirSync(root, { recursive: true });
    renameSync(writePerfManifest(root, { runId: RUN_ID, port: await freePort(), number: 160, parallel: 1, outputTokens: 32 }), path.join(root, 'manifest.md'));
    settingsBefore = existsSync(settingsFile()) ? readFileSync(settingsFile(), 'utf8') : null;
    const settings = settingsBefore ? (JSON.parse(settingsBefore) as Record<string, unknown>) : {};
    mkdirSync(path.dirname(settingsFile()), { recursive: true });
    writeFileSync(settingsFile(), JSON.stringify({ ...settings, 'xllm.remote.hosts': [sshd.host()], 'xllm.remote.sshConfigFile': sshd.sshConfig, 'xllm.remote.includeSshConfigHosts': false }, null, 2));

    // A profile of our own: editors and panels this test opens must not be restored in the next test's window.
    const { userDataDir: _shared, ...options } = JSON.parse(env('XWF_CHROMIUM')) as { userDataDir: string; executablePath: string; headless: boolean; args: string[]; viewport: { width: number; height: number } };
    profile = mkdtempSync(path.join(os.tmpdir(), 'xwf-e2e-remote-'));
    context = await chromium.launchPersistentContext(profile, options);
    page = context.pages()[0] ?? (await context.newPage());
    await page.goto(env('XWF_E2E_URL'));
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  });

  after(async () => {
    await context?.close();
    if (sshd) killLeftoverJobs(sshd.workDir);
    await sshd?.stop();
    if (workspace) {
      rmSync(path.join(workspace, 'runs', 'perf', RUN_ID), { recursive: true, force: true });
      rmSync(path.join(workspace, '.xwf'), { recursive: true, force: true });
      if (settingsBefore === null) rmSync(settingsFile(), { force: true });
      else writeFileSync(settingsFile(), settingsBefore);
    }
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it('runs a manifest on the remote host with progress and streamed output, then lists the run', async () => {
    await page.click(ACTIVITY_ITEM);
    await page.mouse.move(900, 300); // away from the activity bar, so its hover does not cover the view
    await page.waitForSelector(RUNS_PANE, { timeout: 60_000 });
    await quickOpen(page, `runs/perf/${RUN_ID}/manifest.md`);
    await palette(page, 'xLLM: Run Benchmark on Remote Host...');

    // The notification names the run and shows the workload's percent; the run's output channel streams evalscope.
    const toast = page.locator('.notification-toast', { hasText: `Remote benchmark ${RUN_ID} on test-npu` });
    await toast.waitFor({ state: 'visible', timeout: 60_000 });
    await page.waitForFunction(
      (id) => [...document.querySelectorAll('.notification-toast')].some((t) => t.textContent?.includes(id) && /\b([1-9]\d)% ·/.test(t.textContent ?? '')),
      RUN_ID,
      { timeout: 120_000 },
    );
    const output = page.locator('.panel .monaco-editor .view-lines');
    await page.waitForFunction(() => /Processing:/.test(document.querySelector('.panel .monaco-editor .view-lines')?.textContent ?? ''), undefined, { timeout: 30_000 });
    mkdirSync(screenshots, { recursive: true });
    await page.mouse.move(900, 300);
    await hoversGone(page);
    await page.screenshot({ path: path.join(screenshots, 'e2e-remote-progress.png') });
    // The editor renders only the visible lines: the latest evalscope progress lines.
    assert.match((await output.innerText()).replace(/\u00a0/g, ' '), /Processing:\s+\d+%\|.*\d+\/160/);

    const done = page.locator('.notification-toast', { hasText: `Remote run ${RUN_ID} completed` });
    await done.waitFor({ state: 'visible', timeout: 180_000 });
    // The finished run under perf in the Runs view, and the host's gate verdict in Remote Hosts.
    const row = page.locator(`${RUNS_PANE} .monaco-list-row`).filter({ has: page.locator('.label-name', { hasText: new RegExp(`^${RUN_ID}$`) }) });
    await row.waitFor({ state: 'visible', timeout: 30_000 });
    await page.locator(`${HOSTS_PANE} .monaco-list-row`, { hasText: 'test-npu' }).filter({ hasText: 'gate pass' }).waitFor({ state: 'visible', timeout: 30_000 });
    await page.mouse.move(900, 300);
    await hoversGone(page);
    await page.screenshot({ path: path.join(screenshots, 'e2e-remote-done.png') });
    const root = path.join(workspace, 'runs', 'perf', RUN_ID);
    for (const f of ['metrics.json', 'report.md', 'env/gate-verdict.json']) assert.ok(existsSync(path.join(root, f)), `${f} is missing`);
    assert.equal(JSON.parse(readFileSync(path.join(root, 'metrics.json'), 'utf8')).success, 160);
  });
});
