// End to end: "xLLM: Compare Profiling Timelines" on the sample workspace's two profiling runs (baseline and
// fused RoPE) in the packaged extension, driven through the browser workbench: both timelines load in their
// own workers, a chosen decode step aligns them (checked against the step starts computed here from the same
// trace files), zoom moves both, a clicked slice shows its counterpart, and the kernel diff has rows.
import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { DEFAULT_BOUNDARY } from '../../src/core/profiling/gapAnalysis';
import { parseTraceBytes } from '../../src/core/trace/traceParser';
import { resolveTraceIdentity } from '../../src/extension/timeline/traceTargets';
import { buildRenderModel } from '../../src/webview/timeline/timelineModel';
import { commonStepGroup, stepTableOfModel } from '../../src/webview/timelineCompare/stepAlignment';
import { REPO_ROOT } from '../support/paths';
import { e2eEnv, hoversGone, openWorkbench, palette, webviewFrame, type Workbench } from '../support/workbench';

interface Viewport {
  startNs: number;
  nsPerPx: number;
  widthPx: number;
}

interface CompareProbe {
  phase: string;
  sides: Record<'baseline' | 'current', { phase: string; events: number; slices: number; problems: string[] }>;
  step: number;
  stepCount: number;
  group: number | null;
  tables: string;
  kernelRows: number;
  alignment(): { step: number; baselineOffsetNs: number; currentOffsetNs: number } | null;
  viewports(): Record<'baseline' | 'current', Viewport | null>;
  axisStarts(): Record<'baseline' | 'current', number> | null;
  slicePoint(side: 'baseline' | 'current', name: string): { x: number; y: number } | null;
}

const BASELINE = 'qwen3-32b-decode-baseline';
const CURRENT = 'qwen3-32b-decode-fused-rope';

/** Step starts of a run's trace with the default boundary, computed here from the file (what the page must align at). */
async function stepStarts(runId: string): Promise<Map<number, Float64Array>> {
  const identity = await resolveTraceIdentity(path.join(e2eEnv('XWF_E2E_WORKSPACE'), 'profiling', runId));
  assert.equal(identity.files.length, 1);
  const model = buildRenderModel(parseTraceBytes(readFileSync(identity.files[0]), identity.files[0])).model;
  return new Map(stepTableOfModel(model, DEFAULT_BOUNDARY));
}

const probe = <T>(frame: Frame, f: (p: CompareProbe) => T): Promise<T> => frame.evaluate(f as never) as Promise<T>;

describe('Compare Profiling Timelines in the browser workbench', function () {
  this.timeout(240_000);
  const shots = process.env.XWF_E2E_SCREENSHOTS || path.join(REPO_ROOT, 'test-results');
  let wb: Workbench;
  let page: Page;

  before(async () => {
    wb = await openWorkbench('xwf-e2e-timeline-compare-');
    page = wb.page;
    mkdirSync(shots, { recursive: true });
    // Two timelines and their tables need the width: the explorer stays closed.
    await palette(page, 'View: Close Primary Side Bar');
  });

  after(async () => {
    await wb?.close();
  });

  /** The comparison webview, once both sides are drawn and the tables arrived. */
  async function compareFrame(): Promise<Frame> {
    const frame = await webviewFrame(page, '.tlc-app', 120_000);
    await frame.waitForFunction(
      () => {
        const p = (window as unknown as { xllmTimelineCompare?: { phase: string; tables: string } }).xllmTimelineCompare;
        return !!p && (p.phase === 'failed' || (p.phase === 'ready' && p.tables !== 'pending'));
      },
      undefined,
      { timeout: 120_000 },
    );
    return frame;
  }

  it('aligns the baseline and the current run at a chosen decode step, moves both together and diffs their kernels', async () => {
    await palette(page, 'xLLM: Compare Profiling Timelines');
    const pick = (label: string) => page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first();
    await pick(BASELINE).waitFor({ timeout: 60_000 });
    for (const label of [BASELINE, CURRENT]) await pick(label).locator('input[type="checkbox"], .monaco-checkbox, .quick-input-list-checkbox').first().click();
    await page.locator('.quick-input-widget input').press('Enter');
    await page.locator('.quick-input-widget input[placeholder="Which run is the baseline?"]').waitFor({ state: 'visible', timeout: 30_000 });
    await pick(BASELINE).click();

    const frame = await compareFrame();
    const loaded = await probe(frame, () => {
      const p = (window as unknown as { xllmTimelineCompare: CompareProbe }).xllmTimelineCompare;
      return { phase: p.phase, sides: p.sides, tables: p.tables, stepCount: p.stepCount, group: p.group };
    });
    assert.equal(loaded.phase, 'ready');
    assert.equal(loaded.tables, 'ready');
    for (const side of ['baseline', 'current'] as const) {
      assert.equal(loaded.sides[side].phase, 'ready');
      assert.ok(loaded.sides[side].events > 1000, `${side}: ${loaded.sides[side].events} events`);
      assert.deepEqual(loaded.sides[side].problems, []);
    }
    // The panel is titled with both run ids and labels its two lanes.
    await page.locator('.tabs-container .tab', { hasText: `${BASELINE} ↔ ${CURRENT}` }).first().waitFor({ timeout: 30_000 });
    assert.match(await frame.locator('.tlc-side-baseline .tlc-side-label').innerText(), new RegExp(`Baseline · ${BASELINE}`));
    assert.match(await frame.locator('.tlc-side-current .tlc-side-label').innerText(), new RegExp(`Current · ${CURRENT}`));

    // Choose step 12: both views must put the start of step 12 (of the same NPU) at 0 of one shared axis.
    const [sb, sc] = await Promise.all([stepStarts(BASELINE), stepStarts(CURRENT)]);
    const group = commonStepGroup(sb, sc);
    assert.equal(loaded.group, group);
    assert.ok(group !== null && loaded.stepCount === Math.min(sb.get(group)!.length, sc.get(group)!.length) && loaded.stepCount > 20, `${loaded.stepCount} steps`);
    const input = frame.locator('.tlc-step-input');
    await input.fill('12');
    await input.press('Enter');
    await frame.waitForFunction(() => (window as unknown as { xllmTimelineCompare: CompareProbe }).xllmTimelineCompare.step === 12);
    const aligned = await probe(frame, () => {
      const p = (window as unknown as { xllmTimelineCompare: CompareProbe }).xllmTimelineCompare;
      return { alignment: p.alignment(), viewports: p.viewports(), axis: p.axisStarts() };
    });
    assert.deepEqual(aligned.alignment, { step: 12, baselineOffsetNs: sb.get(group!)![11], currentOffsetNs: sc.get(group!)![11] });
    assert.notEqual(aligned.alignment!.baselineOffsetNs, aligned.alignment!.currentOffsetNs, 'the two traces start step 12 at different times');
    const isAligned = (a: { viewports: Record<string, Viewport | null>; axis: Record<string, number> | null }): void => {
      assert.ok(a.axis && Math.abs(a.axis.baseline - a.axis.current) < 1e-3, `axis starts ${JSON.stringify(a.axis)}`);
      assert.equal(a.viewports.baseline!.nsPerPx, a.viewports.current!.nsPerPx);
    };
    isAligned(aligned);
    // The step is in view: its start is right of the left edge, inside the visible range.
    assert.ok(aligned.axis!.baseline < 0 && aligned.axis!.baseline + aligned.viewports.baseline!.nsPerPx * aligned.viewports.baseline!.widthPx > 0);
    assert.match(await frame.locator('.tlc-note').innerText(), /step 12 on NPU 0/);

    // Zoom with the wheel over the current timeline: the baseline follows.
    const canvas = frame.locator('.tlc-side-current canvas.tl-canvas');
    const box = (await canvas.boundingBox())!;
    await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.5);
    for (let i = 0; i < 4; i++) await page.mouse.wheel(0, -200);
    await frame.waitForFunction((before) => (window as unknown as { xllmTimelineCompare: CompareProbe }).xllmTimelineCompare.viewports().baseline!.nsPerPx < before * 0.8, aligned.viewports.baseline!.nsPerPx);
    const zoomed = await probe(frame, () => {
      const p = (window as unknown as { xllmTimelineCompare: CompareProbe }).xllmTimelineCompare;
      return { viewports: p.viewports(), axis: p.axisStarts() };
    });
    isAligned(zoomed);

    // Lanes line up: the same rows in both, scrolled together, folded together (pids differ between the runs).
    const heights = (): Promise<number[]> => frame.evaluate(() => ['baseline', 'current'].map((s) => document.querySelector(`.tlc-side-${s} .tl-scroller`)!.scrollHeight));
    const [hb, hc] = await heights();
    assert.equal(hb, hc);
    await frame.locator('.tlc-side-baseline .tl-scroller').evaluate((el) => {
      el.scrollTop = 120;
    });
    await frame.waitForFunction(() => document.querySelector('.tlc-side-current .tl-scroller')!.scrollTop === 120);
    await frame.locator('.tlc-side-baseline .tl-scroller').evaluate((el) => {
      el.scrollTop = 0;
    });
    await frame.waitForFunction(() => document.querySelector('.tlc-side-current .tl-scroller')!.scrollTop === 0);
    // The first row under the ruler is the Host group header: folding it in the current run folds it in the baseline.
    await canvas.click({ position: { x: 60, y: 26 + 13 } });
    await frame.waitForFunction((before) => document.querySelector('.tlc-side-baseline .tl-scroller')!.scrollHeight < before, hb);
    const [fb, fc] = await heights();
    assert.equal(fb, fc);
    await canvas.click({ position: { x: 60, y: 26 + 13 } });
    await frame.waitForFunction((before) => document.querySelector('.tlc-side-baseline .tl-scroller')!.scrollHeight === before, hb);

    // Back to the whole step, then select a host launch call in the baseline: its counterpart in the current run is selected too.
    await frame.locator('.tlc-step-input').fill('12');
    await frame.locator('.tlc-step-input').press('Enter');
    await frame.getByRole('button', { name: 'Show the aligned step' }).click();
    const name = 'AscendCL@aclmdlRIExecuteAsync';
    const point = await frame.evaluate((n) => (window as unknown as { xllmTimelineCompare: CompareProbe }).xllmTimelineCompare.slicePoint('baseline', n), name);
    assert.ok(point, `${name} is not drawn wide enough to click`);
    const base = frame.locator('.tlc-side-baseline canvas.tl-canvas');
    const local = await base.evaluate((c, p) => {
      const r = c.getBoundingClientRect();
      return { x: p.x - r.left, y: p.y - r.top };
    }, point);
    await base.click({ position: local });
    await frame.locator('.tlc-match .tlc-match-delta').waitFor({ timeout: 30_000 });
    assert.equal(await frame.locator('.tlc-match .tlc-match-name').innerText(), name);
    assert.match(await frame.locator('.tlc-match .tlc-match-delta').innerText(), /^Δ Duration: [+−]?\d+\.\d{3} µs/);
    assert.equal(await frame.locator('.tlc-details[data-side="baseline"] .tl-name').innerText(), name);

    // N moves to the next step from the keyboard (the focused canvas keeps WASD).
    await base.focus();
    await page.keyboard.press('n');
    await frame.waitForFunction(() => (window as unknown as { xllmTimelineCompare: CompareProbe }).xllmTimelineCompare.step === 13);
    await page.keyboard.press('p');
    await frame.waitForFunction(() => (window as unknown as { xllmTimelineCompare: CompareProbe }).xllmTimelineCompare.step === 12);

    // The kernel table as a diff, largest change first, and both gap distributions.
    const rows = frame.locator('table[data-table="kernel-diff"] tbody tr');
    assert.ok((await rows.count()) >= 5, `${await rows.count()} kernel diff rows`);
    assert.match(await frame.locator('table[data-table="kernel-diff"]').innerText(), /MatMulV2/);
    assert.equal(await rows.count(), await probe(frame, () => (window as unknown as { xllmTimelineCompare: CompareProbe }).xllmTimelineCompare.kernelRows));
    const gaps = await frame.locator('table[data-table="gap-distributions"]').innerText();
    assert.match(gaps, /median/);
    assert.ok((await frame.locator('[data-chart="gap-histogram"] .tlc-bucket').count()) >= 5);

    await page.mouse.move(5, 5);
    await hoversGone(page).catch(() => undefined);
    await page.screenshot({ path: path.join(shots, 'e2e-timeline-compare.png') });
  });

  it('restores the comparison after a reload from the two trace identities the page saved', async () => {
    await palette(page, 'Developer: Reload Window');
    await page.waitForEvent('load', { timeout: 90_000 }).catch(() => undefined);
    await page.waitForSelector('.monaco-workbench', { timeout: 90_000 });
    await page.locator('.tabs-container .tab', { hasText: `${BASELINE} ↔ ${CURRENT}` }).first().waitFor({ timeout: 90_000 });
    const frame = await compareFrame();
    const restored = await probe(frame, () => {
      const p = (window as unknown as { xllmTimelineCompare: CompareProbe }).xllmTimelineCompare;
      return { phase: p.phase, baseline: p.sides.baseline.events, current: p.sides.current.events, rows: p.kernelRows };
    });
    assert.equal(restored.phase, 'ready');
    assert.ok(restored.baseline > 1000 && restored.current > 1000);
    assert.ok(restored.rows > 0);
  });
});
