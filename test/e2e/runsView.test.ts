// End to end: the packaged extension installed in a real VS Code server, driven through the browser
// workbench like a user would. Started by test/harness/runE2e.mjs, which provides through the environment:
// XWF_E2E_URL (workbench URL opening the sample workspace), XWF_E2E_WORKSPACE (its folder),
// XWF_CHROMIUM (Chromium launch options as JSON) and optionally XWF_E2E_SCREENSHOTS (folder for PNGs).
import * as assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { discoverRuns } from '../../src/core/runs/runDiscovery';
import { RUN_KINDS } from '../../src/core/runs/runKinds';
import { REPO_ROOT } from '../support/paths';

function env(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run this tier with node test/harness/runE2e.mjs`);
  return value;
}

interface ChromiumOptions {
  userDataDir: string;
  executablePath: string;
  headless: boolean;
  args: string[];
  viewport: { width: number; height: number };
}

interface Row {
  level: number;
  label: string;
  description: string;
}

const ACTIVITY_ITEM = 'a.action-label[aria-label^="xLLM"]';
const RUNS_PANE = '.pane:has(.pane-header[aria-label^="Runs"])';

/** Rows of the Runs tree as rendered: depth, label and description. */
async function readRows(page: Page): Promise<Row[]> {
  return page.$$eval(`${RUNS_PANE} .monaco-list-row`, (rows) =>
    rows.map((r) => ({
      level: Number(r.getAttribute('aria-level')),
      label: r.querySelector('.label-name')?.textContent?.trim() ?? '',
      description: r.querySelector('.label-description')?.textContent?.trim() ?? '',
    })),
  );
}

/** Waits until no hover is shown (they cover what a screenshot should show). */
async function hoversGone(page: Page): Promise<void> {
  await page.locator('.workbench-hover-container').first().waitFor({ state: 'hidden', timeout: 10_000 });
}

describe('Runs view in the browser workbench', function () {
  this.timeout(120_000);
  const screenshots = process.env.XWF_E2E_SCREENSHOTS || path.join(REPO_ROOT, 'test-results');
  let context: BrowserContext;
  let page: Page;
  /** kind -> run ids, as the core finds them in the workspace on disk. */
  let expected: Map<string, string[]>;

  before(async () => {
    const { runs } = await discoverRuns(env('XWF_E2E_WORKSPACE'));
    expected = new Map();
    for (const run of runs) expected.set(run.kind, [...(expected.get(run.kind) ?? []), run.runId]);
    assert.ok(runs.length >= 4, `the sample workspace holds only ${runs.length} runs`);
    const { userDataDir, ...options } = JSON.parse(env('XWF_CHROMIUM')) as ChromiumOptions;
    context = await chromium.launchPersistentContext(userDataDir, options);
    page = context.pages()[0] ?? (await context.newPage());
    await page.goto(env('XWF_E2E_URL'));
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  });

  after(async () => {
    await context?.close();
  });

  it('shows the xLLM container in the activity bar', async () => {
    const item = page.locator(ACTIVITY_ITEM);
    await item.waitFor({ state: 'visible', timeout: 60_000 });
    assert.match((await item.getAttribute('aria-label')) ?? '', /^xLLM/);
  });

  it('lists every sample run under its kind in the Runs view', async () => {
    await page.click(ACTIVITY_ITEM);
    await page.mouse.move(900, 500); // away from the activity bar, so its hover does not cover the view
    await page.waitForSelector(RUNS_PANE, { timeout: 30_000 });
    const total = [...expected.values()].reduce((n, ids) => n + ids.length, 0);
    // Rows render once the extension has activated and indexed the workspace.
    await page.waitForFunction(
      ({ pane, count }) => document.querySelectorAll(`${pane} .monaco-list-row[aria-level="2"]`).length >= count,
      { pane: RUNS_PANE, count: total },
      { timeout: 60_000 },
    );
    await hoversGone(page);
    mkdirSync(screenshots, { recursive: true });
    await page.screenshot({ path: path.join(screenshots, 'e2e-runs-view.png') });

    const rows = await readRows(page);
    const shown = new Map<string, string[]>();
    let group = '';
    for (const row of rows) {
      if (row.level === 1) {
        group = row.label;
        shown.set(group, []);
        assert.equal(row.description, String(expected.get(group)?.length ?? 0), `count shown for group ${group}`);
      } else if (row.level === 2) {
        shown.get(group)?.push(row.label);
      }
    }
    const order = (m: Map<string, string[]>) => RUN_KINDS.filter((k) => m.has(k)).map((k) => [k, [...(m.get(k) ?? [])].sort()]);
    assert.deepEqual([...shown.keys()], order(expected).map(([k]) => k), 'groups in kind order');
    assert.deepEqual(order(shown), order(expected));
  });

  it('shows the number of runs on the activity-bar badge', async () => {
    const total = [...expected.values()].reduce((n, ids) => n + ids.length, 0);
    const badge = page.locator(`li.action-item:has(${ACTIVITY_ITEM}) .badge-content`);
    await badge.waitFor({ state: 'visible', timeout: 30_000 });
    assert.equal((await badge.textContent())?.trim(), String(total));
  });

  it('opens a run manifest when its row is clicked', async () => {
    const runId = expected.get('perf')?.[0];
    assert.ok(runId, 'no perf run in the sample workspace');
    const exact = new RegExp(`^${runId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
    const row = page.locator(`${RUNS_PANE} .monaco-list-row[aria-level="2"]`).filter({ has: page.locator('.label-name', { hasText: exact }) });
    // Rows re-render while run summaries load in the background; click once this run's summary is shown.
    await row.locator('.label-description', { hasText: /TTFT/ }).waitFor({ state: 'visible', timeout: 30_000 });
    const tab = page.locator('.tabs-container .tab', { hasText: 'manifest.md' });
    // A click that lands while a neighbouring row re-renders can be lost; a person would click again.
    for (let attempt = 0; attempt < 3 && !(await tab.isVisible()); attempt++) {
      await row.click();
      await tab.waitFor({ state: 'visible', timeout: 10_000 }).catch(() => undefined);
    }
    await tab.waitFor({ state: 'visible', timeout: 10_000 });
    await page.waitForSelector('.editor-container .monaco-editor .view-lines', { timeout: 30_000 });
    const editor = page.locator('.editor-container .monaco-editor .view-lines');
    // Monaco renders spaces as non-breaking spaces.
    const text = (await editor.innerText()).replace(/\u00a0/g, ' ');
    assert.ok(text.includes(`run_id: ${runId}`), `the editor does not show the manifest of ${runId}:\n${text.slice(0, 400)}`);
    await page.mouse.move(900, 500);
    await hoversGone(page);
    await page.screenshot({ path: path.join(screenshots, 'e2e-manifest.png') });
  });
});
