// Driving the browser workbench in e2e tests: a private profile per test file, quick open, palette commands,
// webview frames. Waits on the DOM, never on fixed sleeps.
import { mkdtempSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type BrowserContext, type Frame, type Page } from 'playwright-core';

export function e2eEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run this tier with node test/harness/runE2e.mjs`);
  return value;
}

export const ACTIVITY_ITEM = 'a.action-label[aria-label^="xLLM"]';
export const RUNS_PANE = '.pane:has(.pane-header[aria-label^="Runs"])';

export interface Workbench {
  readonly page: Page;
  close(): Promise<void>;
}

/** Opens the workbench in a profile of its own, so editors one test opens are not restored in the next. */
export async function openWorkbench(prefix: string): Promise<Workbench> {
  const { userDataDir: _shared, ...options } = JSON.parse(e2eEnv('XWF_CHROMIUM')) as { userDataDir: string; executablePath: string; headless: boolean; args: string[]; viewport: { width: number; height: number } };
  const profile = mkdtempSync(path.join(os.tmpdir(), prefix));
  const context: BrowserContext = await chromium.launchPersistentContext(profile, options);
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(e2eEnv('XWF_E2E_URL'));
  await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
  return {
    page,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Waits until no hover is shown (they cover what a screenshot should show). */
export async function hoversGone(page: Page): Promise<void> {
  await page.locator('.workbench-hover-container').first().waitFor({ state: 'hidden', timeout: 10_000 });
}

/** Opens a workspace file through Quick Open and waits for its tab. */
export async function quickOpen(page: Page, relative: string): Promise<void> {
  const name = path.basename(relative);
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill(relative);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ timeout: 15_000 });
  await input.press('Enter');
  await page.locator('.tabs-container .tab', { hasText: name }).first().waitFor({ state: 'visible', timeout: 30_000 });
}

/** Runs a palette command by title, retrying while the extension host is still starting. */
export async function palette(page: Page, title: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    try {
      await page.keyboard.press('F1');
      const input = page.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible', timeout: 10_000 });
      await input.fill(`>${title}`);
      // Click the row with exactly this title: Enter would take the best fuzzy match, which may be another command.
      const exact = new RegExp(`^${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
      const row = page.locator('.quick-input-list .monaco-list-row', { has: page.locator('.label-name', { hasText: exact }) }).first();
      await row.waitFor({ timeout: 10_000 });
      await row.click();
      return;
    } catch (e) {
      await page.keyboard.press('Escape');
      if (Date.now() > deadline) throw e;
      await page.waitForTimeout(1_000);
    }
  }
}

/** The webview frame whose document has `selector` (webviews are nested iframes). */
export async function webviewFrame(page: Page, selector: string, timeoutMs = 60_000): Promise<Frame> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    for (const frame of page.frames()) {
      if (await frame.$(selector).catch(() => null)) return frame;
    }
    if (Date.now() > deadline) throw new Error(`no webview frame shows ${selector} within ${timeoutMs} ms`);
    await page.waitForEvent('framenavigated', { timeout: 2_000 }).catch(() => undefined);
  }
}
