// End to end: a weak manifest's problems, the manifest form, and the comparison panel with its chart,
// in the packaged extension driven through the browser workbench.
import * as assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import * as path from 'node:path';
import type { Page } from 'playwright-core';
import { REPO_ROOT } from '../support/paths';
import { ACTIVITY_ITEM, RUNS_PANE, hoversGone, openWorkbench, palette, quickOpen, webviewFrame, type Workbench } from '../support/workbench';

describe('manifest problems, form and comparison in the browser workbench', function () {
  this.timeout(180_000);
  const screenshots = process.env.XWF_E2E_SCREENSHOTS || path.join(REPO_ROOT, 'test-results');
  let wb: Workbench;
  let page: Page;

  before(async () => {
    wb = await openWorkbench('xwf-e2e-manifest-');
    page = wb.page;
    mkdirSync(screenshots, { recursive: true });
    await page.click(ACTIVITY_ITEM);
    await page.mouse.move(900, 300);
    await page.waitForSelector(`${RUNS_PANE} .monaco-list-row`, { timeout: 60_000 });
  });

  after(async () => {
    await wb?.close();
  });

  it('shows the problems of a smoke manifest with their codes in the Problems panel', async () => {
    await quickOpen(page, 'runs/perf/qwen3-32b-tp4-smoke/manifest.md');
    await page.keyboard.press('Control+Shift+M');
    const marker = page.locator('.markers-panel .monaco-list-row', { hasText: 'XWF303' }).first();
    await marker.waitFor({ state: 'visible', timeout: 60_000 });
    const text = (await page.locator('.markers-panel').innerText()).replace(/\u00a0/g, ' ');
    assert.match(text, /XWF301/);
    assert.match(text, /warmup/);
    await page.mouse.move(900, 300);
    await hoversGone(page);
    await page.screenshot({ path: path.join(screenshots, 'e2e-manifest-problems.png') });
  });

  it('opens the Run Manifest Form with the evidence grade and the findings beside their fields', async () => {
    await palette(page, 'xLLM: Open Manifest Form');
    const form = await webviewFrame(page, '#app fieldset');
    const banner = (await form.locator('.banner').innerText()).trim();
    assert.match(banner, /Debug result, not formal evidence/);
    const warmup = form.locator('.row', { has: form.locator('label', { hasText: /^warmup_num$/ }) });
    assert.match(await warmup.locator('.diag').first().innerText(), /XWF303/);
    assert.equal(await form.locator('select[data-key="level"]').inputValue(), 'smoke');
    await page.screenshot({ path: path.join(screenshots, 'e2e-manifest-form.png') });
  });

  it('compares the baseline and the patched run in a panel with a verdict, tables and a chart', async () => {
    // Nothing left open that could take focus while the two-step pick runs.
    await palette(page, 'View: Close All Editors');
    await page.locator('.tabs-container .tab').first().waitFor({ state: 'detached', timeout: 30_000 });
    await palette(page, 'xLLM: Compare Runs...');
    const pick = (label: string) => page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first();
    await pick('qwen3-32b-tp4-baseline').waitFor({ timeout: 30_000 });
    for (const label of ['qwen3-32b-tp4-baseline', 'qwen3-32b-tp4-fused-rope']) await pick(label).locator('input[type="checkbox"], .monaco-checkbox, .quick-input-list-checkbox').first().click();
    await page.locator('.quick-input-widget input').press('Enter');
    await page.locator('.quick-input-widget input[placeholder="Which run is the baseline?"]').waitFor({ state: 'visible', timeout: 30_000 });
    await pick('qwen3-32b-tp4-baseline').click();
    const panel = await webviewFrame(page, '.verdict');
    const verdict = (await panel.locator('.verdict h2').innerText()).trim();
    assert.match(verdict, /(PASS|FAIL)$/);
    await panel.locator('.uplot canvas').first().waitFor({ state: 'visible', timeout: 30_000 });
    assert.ok((await panel.locator('table.fairness tr').count()) > 5);
    assert.ok((await panel.locator('table.metrics td.num.better, table.metrics td.num.worse').count()) > 0, 'deltas are colored by direction');
    await page.mouse.move(900, 300);
    await hoversGone(page);
    await page.screenshot({ path: path.join(screenshots, 'e2e-compare.png') });
  });
});
