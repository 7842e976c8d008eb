// The timeline page in headless Chromium, hosted by a stand-in for VS Code: a local HTTP server serves
// dist/webview/timeline.js inside a page with the webview's CSP, and a small script answers the host
// protocol (init, args by byte range, save). Loads the sample workspace's msprof trace, zooms with the
// wheel, clicks a slice and checks the details pane against the trace file's own text.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, createReadStream, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type BrowserContext, type Frame, type Page } from 'playwright-core';
import { writeSampleWorkspace } from '../../src/core/sample/sampleWorkspace';
import { isWebviewToHost, type InitMessage } from '../../src/shared/timelineProtocol';
import { REPO_ROOT, SHARED_FIXTURES } from '../support/paths';
import { e2eEnv, openWorkbench, palette, quickOpen, type Workbench } from '../support/workbench';

const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Launch options from the harness (XWF_CHROMIUM) when present, with a fresh profile folder of our own. */
function chromiumOptions(): { executablePath: string; args: string[]; headless: boolean } {
  const fromHarness = process.env.XWF_CHROMIUM ? (JSON.parse(process.env.XWF_CHROMIUM) as { executablePath?: string; args?: string[] }) : {};
  return { executablePath: fromHarness.executablePath ?? '/usr/bin/chromium', args: fromHarness.args ?? CHROMIUM_ARGS, headless: true };
}

// The variables VS Code defines in webviews, with Light Modern / Dark Modern values.
const THEMES: Record<'light' | 'dark', Record<string, string>> = {
  light: {
    'font-family': 'system-ui, -apple-system, "Segoe UI", sans-serif',
    'font-size': '13px',
    'editor-font-family': 'monospace',
    foreground: '#3b3b3b',
    descriptionForeground: '#717171',
    'editor-background': '#ffffff',
    'editorGroup-border': '#e5e5e5',
    'editorGroupHeader-tabsBackground': '#f8f8f8',
    'sideBar-background': '#f8f8f8',
    'sideBarSectionHeader-background': '#f0f0f0',
    'editorWidget-background': '#f8f8f8',
    focusBorder: '#005fb8',
    'input-background': '#ffffff',
    'input-foreground': '#3b3b3b',
    'input-border': '#cecece',
    'button-background': '#005fb8',
    'button-foreground': '#ffffff',
    'button-hoverBackground': '#0258a8',
    'button-secondaryBackground': '#e5e5e5',
    'button-secondaryForeground': '#3b3b3b',
    'editor-selectionBackground': '#add6ff',
    'editorCursor-foreground': '#000000',
    'charts-orange': '#d18616',
    'charts-blue': '#1a85ff',
    'textLink-foreground': '#005fb8',
    errorForeground: '#f85149',
    'inputValidation-warningBackground': '#f6f5d2',
    'inputValidation-warningBorder': '#b89500',
    'panelTitle-activeForeground': '#3b3b3b',
    'panelTitle-activeBorder': '#005fb8',
    'textCodeBlock-background': '#f8f8f8',
    'editorHoverWidget-background': '#f8f8f8',
    'editorHoverWidget-border': '#c8c8c8',
  },
  dark: {
    'font-family': 'system-ui, -apple-system, "Segoe UI", sans-serif',
    'font-size': '13px',
    'editor-font-family': 'monospace',
    foreground: '#cccccc',
    descriptionForeground: '#9d9d9d',
    'editor-background': '#1f1f1f',
    'editorGroup-border': '#2b2b2b',
    'editorGroupHeader-tabsBackground': '#181818',
    'sideBar-background': '#181818',
    'sideBarSectionHeader-background': '#181818',
    'editorWidget-background': '#202020',
    focusBorder: '#0078d4',
    'input-background': '#313131',
    'input-foreground': '#cccccc',
    'input-border': '#3c3c3c',
    'button-background': '#0078d4',
    'button-foreground': '#ffffff',
    'button-hoverBackground': '#026ec1',
    'button-secondaryBackground': '#313131',
    'button-secondaryForeground': '#cccccc',
    'editor-selectionBackground': '#264f78',
    'editorCursor-foreground': '#aeafad',
    'charts-orange': '#d18616',
    'charts-blue': '#3794ff',
    'textLink-foreground': '#4daafc',
    errorForeground: '#f85149',
    'inputValidation-warningBackground': '#352a05',
    'inputValidation-warningBorder': '#b89500',
    'panelTitle-activeForeground': '#cccccc',
    'panelTitle-activeBorder': '#0078d4',
    'textCodeBlock-background': '#2b2b2b',
    'editorHoverWidget-background': '#202020',
    'editorHoverWidget-border': '#454545',
  },
};

interface HarnessTrace {
  readonly file: string;
  readonly label: string;
}

/** Serves the page, the bundle and the trace files (with byte ranges, like the host's args reads). */
async function startHarness(traces: readonly HarnessTrace[], theme: 'light' | 'dark', locale: 'en' | 'zh-cn' = 'en'): Promise<{ url: string; close(): Promise<void> }> {
  const dist = path.join(REPO_ROOT, 'dist', 'webview');
  const nonce = 'h4rn3ss' + Math.random().toString(36).slice(2);
  const init: InitMessage = {
    type: 'init',
    identity: { files: traces.map((t) => t.file) },
    title: traces.map((t) => t.label).join(', '),
    sources: traces.map((t, i) => ({ label: t.label, url: `/trace/${i}`, bytes: statSync(t.file).size })),
    locale,
    canSave: false,
    boundary: { previous: 'ArgMaxV2', next: '^GraphLaunch' },
  };
  const vars = Object.entries(THEMES[theme])
    .map(([k, v]) => `--vscode-${k}: ${v};`)
    .join(' ');
  const page = `<!DOCTYPE html>
<html lang="${locale}"><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src 'self' data:; style-src 'self' 'nonce-${nonce}'; script-src 'nonce-${nonce}'; worker-src blob:; connect-src 'self'">
<link rel="stylesheet" nonce="${nonce}" href="/dist/timeline.css">
<style nonce="${nonce}">body { ${vars} }</style>
<title>timeline harness</title></head>
<body class="vscode-${theme}"><div id="app" role="main"></div>
<script type="application/json" id="init">${JSON.stringify(init).replace(/</g, '\\u003c')}</script>
<script nonce="${nonce}">
(() => {
  const init = JSON.parse(document.getElementById('init').textContent);
  const log = (window.hostLog = []);
  const reply = (m) => window.postMessage(m, '*');
  async function handle(m) {
    if (m.type === 'ready') reply(init);
    else if (m.type === 'readArgs') {
      const r = await fetch('/trace/' + m.source, { headers: { Range: 'bytes=' + m.offset + '-' + (m.offset + m.length - 1) } });
      reply(r.status === 206 ? { type: 'args', requestId: m.requestId, text: await r.text() } : { type: 'args', requestId: m.requestId, error: 'HTTP ' + r.status });
    } else if (m.type === 'saveAnalysis') reply({ type: 'saveResult', requestId: m.requestId, status: 'cancelled', files: [] });
  }
  window.acquireVsCodeApi = () => ({
    postMessage: (m) => { log.push(m); setTimeout(() => handle(m)); },
    getState: () => window.hostState,
    setState: (s) => { window.hostState = s; },
  });
})();
</script>
<script nonce="${nonce}" src="/dist/timeline.js"></script>
</body></html>`;
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const traceMatch = /^\/trace\/(\d+)$/.exec(url.pathname);
    if (url.pathname === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(page);
    } else if (/^\/dist\/timeline\.(js|css)(\.map)?$/.test(url.pathname)) {
      const file = path.join(dist, path.basename(url.pathname));
      res.writeHead(200, { 'content-type': url.pathname.endsWith('.js') ? 'text/javascript' : url.pathname.endsWith('.css') ? 'text/css' : 'application/json' });
      createReadStream(file).pipe(res);
    } else if (traceMatch && traces[Number(traceMatch[1])]) {
      const file = traces[Number(traceMatch[1])].file;
      const size = statSync(file).size;
      const range = /^bytes=(\d+)-(\d+)$/.exec(req.headers.range ?? '');
      if (range) {
        const a = Number(range[1]);
        const b = Math.min(size - 1, Number(range[2]));
        res.writeHead(206, { 'content-type': 'application/json', 'content-range': `bytes ${a}-${b}/${size}`, 'content-length': b - a + 1 });
        createReadStream(file, { start: a, end: b }).pipe(res);
      } else {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': size });
        createReadStream(file).pipe(res);
      }
    } else if (url.pathname === '/favicon.ico') {
      res.writeHead(204);
      res.end();
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise((resolve) => {
        // Chromium keeps connections alive: close them, or server.close() waits for them.
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

interface Probe {
  phase: string;
  events: number;
  slices: number;
  problems: string[];
  viewport(): { startNs: number; nsPerPx: number; widthPx: number } | null;
  slicePoint(name: string): { x: number; y: number } | null;
}

async function waitReady(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const p = (window as unknown as { xllmTimeline?: Probe }).xllmTimeline;
    return p && (p.phase === 'ready' || p.phase === 'failed');
  }, undefined, { timeout: 60_000 });
  const phase = await page.evaluate(() => (window as unknown as { xllmTimeline: Probe }).xllmTimeline.phase);
  assert.equal(phase, 'ready', await page.locator('.tl-banner').innerText().catch(() => 'no banner'));
}

const nsPerPx = (page: Page): Promise<number> => page.evaluate(() => (window as unknown as { xllmTimeline: Probe }).xllmTimeline.viewport()!.nsPerPx);

/** Zooms with the mouse wheel over the given x until `name` is drawn wide enough to click; returns its point. */
async function zoomUntilClickable(page: Page, name: string, x: number, y: number): Promise<{ x: number; y: number }> {
  for (let i = 0; i < 60; i++) {
    const p = await page.evaluate((n) => (window as unknown as { xllmTimeline: Probe }).xllmTimeline.slicePoint(n), name);
    if (p) return p;
    await page.mouse.move(x, y);
    await page.mouse.wheel(0, -240);
    await page.waitForTimeout(30);
  }
  throw new Error(`${name} never became wide enough to click`);
}

/** The `ts` and `dur` texts of the X event named `name` whose ts is `ts` (as the file spells them). */
function eventInFile(file: string, name: string, ts: string): { ts: string; dur: string } | null {
  const text = readFileSync(file, 'utf8');
  const escaped = ts.replace(/\./g, '\\.');
  const re = new RegExp(`\\{"name": "${name}", "pid": \\d+, "tid": \\d+, "ts": "(${escaped})", "dur": ([\\d.]+)`);
  const m = re.exec(text);
  return m ? { ts: m[1], dur: m[2] } : null;
}

/** µs text with up to 3 decimals ("3.9", "27.512") as integer ns. */
const usTextToNs = (t: string): number => {
  const [i, f = ''] = t.split('.');
  return Number(i) * 1000 + Number((f + '000').slice(0, 3));
};


/** The webview document of a timeline (nested iframes), once its script has started. */
async function timelineFrameOf(page: Page): Promise<Frame> {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    for (const f of page.frames()) {
      const phase = await f.evaluate(() => (window as unknown as { xllmTimeline?: Probe }).xllmTimeline?.phase ?? null).catch(() => null);
      if (phase) return f;
    }
    await page.waitForTimeout(250);
  }
  throw new Error('no timeline webview appeared');
}

/** Hooks of a stand-in-host suite: a temp folder, the sample workspace's msprof trace and a fresh Chromium. */
function standInBrowser(tmpPrefix: string, viewport: { width: number; height: number }): { tmp: string; traceFile: string; context: BrowserContext } {
  const state = {} as { tmp: string; traceFile: string; context: BrowserContext };
  let profileDir = '';
  before(async () => {
    state.tmp = mkdtempSync(path.join(os.tmpdir(), tmpPrefix));
    const ws = process.env.XWF_E2E_WORKSPACE ?? path.join(state.tmp, 'ws');
    if (!process.env.XWF_E2E_WORKSPACE) await writeSampleWorkspace(ws);
    const prof = path.join(ws, 'profiling', 'qwen3-32b-decode-baseline');
    const found = findFile(prof, /^msprof_\d+\.json$/);
    assert.ok(found, `no msprof_*.json under ${prof}`);
    state.traceFile = found;
    profileDir = mkdtempSync(path.join(os.tmpdir(), 'xwf-chromium-'));
    state.context = await chromium.launchPersistentContext(profileDir, { ...chromiumOptions(), viewport });
  });
  after(async () => {
    await state.context?.close();
    if (profileDir) rmSync(profileDir, { recursive: true, force: true });
    if (state.tmp) rmSync(state.tmp, { recursive: true, force: true });
  });
  return state;
}

describe('Timeline page (headless Chromium, stand-in host)', function () {
  this.timeout(180_000);
  const shots = process.env.XWF_E2E_SCREENSHOTS || path.join(REPO_ROOT, 'test-results');
  const host = standInBrowser('xwf-timeline-e2e-', { width: 1400, height: 860 });
  before(() => mkdirSync(shots, { recursive: true }));

  for (const theme of ['light', 'dark'] as const) {
    it(`loads the sample trace, zooms with the wheel and shows exact details of a clicked slice (${theme})`, async () => {
      const harness = await startHarness([{ file: host.traceFile, label: path.basename(host.traceFile) }], theme);
      const page = await host.context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      try {
        await page.goto(harness.url);
        await waitReady(page);
        const probe = await page.evaluate(() => {
          const p = (window as unknown as { xllmTimeline: Probe }).xllmTimeline;
          return { events: p.events, slices: p.slices, problems: p.problems };
        });
        assert.ok(probe.events > 1000, `only ${probe.events} events`);
        assert.deepEqual(probe.problems, []);

        const canvas = await page.locator('canvas.tl-canvas').boundingBox();
        assert.ok(canvas);
        const before = await nsPerPx(page);
        const name = 'aclnnArgMax_ArgMaxV2AiVector_ArgMaxV2';
        const point = await zoomUntilClickable(page, name, canvas.x + canvas.width * 0.55, canvas.y + 200);
        const after = await nsPerPx(page);
        assert.ok(after < before / 10, `wheel zoom did not zoom in (${before} -> ${after} ns/px)`);

        await page.mouse.click(point.x, point.y);
        await page.locator('.tl-details .tl-start').waitFor();
        assert.equal(await page.locator('.tl-details .tl-name').innerText(), name);
        const start = (await page.locator('.tl-details .tl-start').innerText()).replace(/ µs$/, '');
        const duration = await page.locator('.tl-details .tl-duration').innerText();
        assert.match(start, /^\d{16}\.\d{3}$/);
        const inFile = eventInFile(host.traceFile, name, start);
        assert.ok(inFile, `no ${name} event with ts "${start}" in the file`);
        assert.equal(start, inFile.ts);
        assert.equal(usTextToNs(duration.replace(/ µs$/, '')), usTextToNs(inFile.dur));
        // Args are read on demand through the host (a byte range of the file).
        await page.locator('.tl-args-table').waitFor();
        assert.match(await page.locator('.tl-args-table').innerText(), /Task Type\s+KERNEL_AIVEC/);

        await page.mouse.move(canvas.x + 5, canvas.y + 5);
        await page.screenshot({ path: path.join(shots, theme === 'light' ? 'timeline.png' : 'timeline-dark.png') });
        const log = await page.evaluate(() => (window as unknown as { hostLog: unknown[] }).hostLog);
        for (const m of log) assert.ok(isWebviewToHost(m), `invalid message to the host: ${JSON.stringify(m)}`);
        assert.ok(log.some((m) => (m as { type: string }).type === 'loaded'));
        assert.deepEqual(
          await page.evaluate(() => (window as unknown as { hostState: unknown }).hostState),
          { identity: { files: [host.traceFile] } },
        );
        assert.deepEqual(errors, []);
      } finally {
        await page.close();
        await harness.close();
      }
    });
  }

  it('finds slices by name, aggregates a shift-dragged range and shows the analyses', async () => {
    const harness = await startHarness([{ file: host.traceFile, label: path.basename(host.traceFile) }], 'light');
    const page = await host.context.newPage();
    try {
      await page.goto(harness.url);
      await waitReady(page);
      await page.locator('.tl-search-input').fill('GraphLaunch');
      await page.locator('.tl-search-input').press('Enter');
      await page.locator('.tl-details .tl-name').waitFor();
      assert.equal(await page.locator('.tl-details .tl-name').innerText(), 'GraphLaunch');
      assert.match(await page.locator('.tl-search-count').innerText(), /^1 of \d+/);
      await page.locator('.tl-search-input').press('Enter');
      await page.waitForFunction(() => /^2 of/.test(document.querySelector('.tl-search-count')?.textContent ?? ''));
      // A flow arrives at the graph launch task from the host.
      await page.locator('.tl-flows').waitFor();

      const canvas = (await page.locator('canvas.tl-canvas').boundingBox())!;
      await page.locator('canvas.tl-canvas').focus();
      await page.keyboard.press('0');
      await page.keyboard.down('Shift');
      await page.mouse.move(canvas.x + 400, canvas.y + 150);
      await page.mouse.down();
      await page.mouse.move(canvas.x + 700, canvas.y + 150, { steps: 5 });
      await page.mouse.up();
      await page.keyboard.up('Shift');
      await page.locator('.tl-range-table').waitFor();
      const rangeText = await page.locator('.tl-range-table').innerText();
      assert.match(rangeText, /MatMulV2/);

      await page.getByRole('button', { name: 'Analyses' }).click();
      await page.locator('table[data-table="kernels"]').waitFor();
      assert.match(await page.locator('table[data-table="kernels"]').innerText(), /MatMulV2/);
      await page.getByRole('tab', { name: 'Decode gaps' }).click();
      await page.locator('table[data-table="gaps"]').waitFor();
      const gaps = await page.locator('table[data-table="gaps"]').innerText();
      assert.match(gaps, /All\s+\d+\s+\d+\s+\d+/);
      await page.screenshot({ path: path.join(shots, 'timeline-analyses.png') });
    } finally {
      await page.close();
      await harness.close();
    }
  });

  it('loads a truncated file up to the damage and says where it stopped', async () => {
    const full = readFileSync(host.traceFile);
    const cut = Math.floor(full.length * 0.6);
    const truncated = path.join(host.tmp, 'msprof_truncated.json');
    writeFileSync(truncated, full.subarray(0, cut));
    const harness = await startHarness([{ file: truncated, label: 'msprof_truncated.json' }], 'dark', 'zh-cn');
    const page = await host.context.newPage();
    try {
      await page.goto(harness.url);
      await waitReady(page);
      const banner = await page.locator('.tl-banner').innerText();
      assert.match(banner, /msprof_truncated\.json/);
      const m = /第 ([\d,]+) 字节（第 ([\d,]+) 行）/.exec(banner);
      assert.ok(m, banner);
      const offset = Number(m[1].replace(/,/g, ''));
      assert.ok(offset > cut * 0.9 && offset <= cut, `stopped at ${offset}, file has ${cut} bytes`);
      const events = await page.evaluate(() => (window as unknown as { xllmTimeline: Probe }).xllmTimeline.events);
      assert.ok(events > 1000);
      await page.screenshot({ path: path.join(shots, 'timeline-truncated.png') });
    } finally {
      await page.close();
      await harness.close();
    }
  });
});

function findFile(dir: string, re: RegExp): string | null {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) {
      const f = findFile(p, re);
      if (f) return f;
    } else if (re.test(e.name)) return p;
  }
  return null;
}

// Inside the real workbench (run by test/harness/runE2e.mjs: XWF_E2E_URL opens the sample workspace with the
// packaged extension installed): the command opens the timeline beside the editor, the page loads the trace
// through the webview resource URL and a clicked slice gets its args from the extension host.
describe('Timeline in the browser workbench', function () {
  this.timeout(240_000);
  const shots = process.env.XWF_E2E_SCREENSHOTS || path.join(REPO_ROOT, 'test-results');
  let context: BrowserContext;
  let page: Page;
  let profileDir: string;

  function env(name: string): string {
    const value = process.env[name];
    if (!value) throw new Error(`${name} is not set: run this tier with node test/harness/runE2e.mjs`);
    return value;
  }

  before(async () => {
    const url = env('XWF_E2E_URL');
    profileDir = mkdtempSync(path.join(os.tmpdir(), 'xwf-chromium-'));
    context = await chromium.launchPersistentContext(profileDir, { ...chromiumOptions(), viewport: { width: 1600, height: 1000 } });
    page = context.pages()[0] ?? (await context.newPage());
    await page.goto(url);
    await page.waitForSelector('.monaco-workbench', { timeout: 90_000 });
  });

  after(async () => {
    await context?.close();
    if (profileDir) rmSync(profileDir, { recursive: true, force: true });
  });

  /** The webview document of the timeline (nested iframes), once its script has started. */
  function timelineFrame(): Promise<Frame> {
    return timelineFrameOf(page);
  }

  it('opens a profiling run from the command palette, draws it and reads args through the extension host', async () => {
    const runId = 'qwen3-32b-decode-baseline';
    // The workbench may still be starting the extension host, and the Runs model indexes the workspace
    // after activation: retry the command until the run is offered.
    let picked = false;
    const deadline = Date.now() + 150_000;
    while (!picked && Date.now() < deadline) {
      try {
        await page.keyboard.press('F1');
        const input = page.locator('.quick-input-widget input');
        await input.waitFor({ state: 'visible', timeout: 10_000 });
        await input.fill('>xLLM: Open Profiling Timeline');
        await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Open Profiling Timeline' }).first().waitFor({ timeout: 10_000 });
        await input.press('Enter');
        const row = page.locator('.quick-input-list .monaco-list-row', { hasText: runId }).first();
        await row.waitFor({ timeout: 5_000 });
        await row.click();
        picked = true;
      } catch {
        await page.keyboard.press('Escape');
        await page.waitForTimeout(1_000);
      }
    }
    assert.ok(picked, `${runId} was never offered by the timeline command`);
    const frame = await timelineFrame();
    await frame.waitForFunction(() => ['ready', 'failed'].includes((window as unknown as { xllmTimeline: Probe }).xllmTimeline.phase), undefined, { timeout: 90_000 });
    const probe = await frame.evaluate(() => {
      const p = (window as unknown as { xllmTimeline: Probe }).xllmTimeline;
      return { phase: p.phase, events: p.events, problems: p.problems };
    });
    assert.equal(probe.phase, 'ready');
    assert.ok(probe.events > 1000, `${probe.events} events`);
    assert.deepEqual(probe.problems, []);
    // The panel sits beside the editor area with the run id as its title.
    await page.locator('.tabs-container .tab', { hasText: runId }).first().waitFor({ timeout: 30_000 });

    const canvas = frame.locator('canvas.tl-canvas');
    const box = await canvas.boundingBox();
    assert.ok(box);
    const name = 'GraphLaunch';
    let point: { x: number; y: number } | null = null;
    for (let i = 0; i < 60 && !point; i++) {
      point = await frame.evaluate((n) => (window as unknown as { xllmTimeline: Probe }).xllmTimeline.slicePoint(n), name);
      if (!point) {
        await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5);
        await page.mouse.wheel(0, -240);
        await page.waitForTimeout(40);
      }
    }
    assert.ok(point, `${name} never became wide enough to click`);
    // slicePoint is in the webview's coordinates; the canvas box is in the page's.
    const local = await canvas.evaluate((c, p) => {
      const r = c.getBoundingClientRect();
      return { x: p.x - r.left, y: p.y - r.top };
    }, point);
    await canvas.click({ position: local });
    await frame.locator('.tl-details .tl-name').waitFor({ timeout: 30_000 });
    assert.equal(await frame.locator('.tl-details .tl-name').innerText(), name);
    assert.match(await frame.locator('.tl-details .tl-start').innerText(), /^\d{16}\.\d{3} µs$/);
    await frame.locator('.tl-args-table').waitFor({ timeout: 30_000 });
    assert.match(await frame.locator('.tl-args-table').innerText(), /Task Type\s+MODEL_EXECUTE/);
    mkdirSync(shots, { recursive: true });
    await page.screenshot({ path: path.join(shots, 'e2e-timeline.png') });
  });

  it('restores the timeline after a reload from the trace identity the page saved', async () => {
    // Reload Window shuts the workbench down properly (a browser reload may not save the editor state).
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.waitFor({ state: 'visible', timeout: 30_000 });
    await input.fill('>Developer: Reload Window');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'Reload Window' }).first().waitFor({ timeout: 30_000 });
    await Promise.all([page.waitForEvent('load', { timeout: 90_000 }), input.press('Enter')]);
    await page.waitForSelector('.monaco-workbench', { timeout: 90_000 });
    await page.locator('.tabs-container .tab', { hasText: 'qwen3-32b-decode-baseline' }).first().waitFor({ timeout: 60_000 });
    const frame = await timelineFrame();
    await frame.waitForFunction(() => ['ready', 'failed'].includes((window as unknown as { xllmTimeline: Probe }).xllmTimeline.phase), undefined, { timeout: 90_000 });
    const restored = await frame.evaluate(() => {
      const p = (window as unknown as { xllmTimeline: Probe }).xllmTimeline;
      return { phase: p.phase, events: p.events };
    });
    assert.equal(restored.phase, 'ready');
    assert.ok(restored.events > 1000);
  });

  it('reopens a trace file in the "xLLM Timeline" custom editor', async () => {
    const readyFrames = async (): Promise<number> => {
      let n = 0;
      for (const f of page.frames()) if ((await f.evaluate(() => (window as unknown as { xllmTimeline?: Probe }).xllmTimeline?.phase ?? null).catch(() => null)) === 'ready') n++;
      return n;
    };
    const before = await readyFrames();
    await quickOpen(page, 'msprof_20261101103000.json');
    // The palette helper waits for the widget and retries while the editor is still opening.
    await palette(page, 'View: Reopen Editor With...');
    await page.locator('.quick-input-list .monaco-list-row', { hasText: 'xLLM Timeline' }).first().click();
    const deadline = Date.now() + 90_000;
    while ((await readyFrames()) <= before && Date.now() < deadline) await page.waitForTimeout(500);
    assert.equal(await readyFrames(), before + 1);
    await page.screenshot({ path: path.join(shots, 'e2e-timeline-editor.png') });
  });
});

// ---- the fixture capture and the patch beside a source file, in the browser workbench ----

/** A small checkout: `main` has two op launchers; the branch `feat` (tracking main) changes aclnnMuls in a commit. */
const OPS_BASE = [
  '// Host-side launchers of the NPU ops the model calls.',
  'function aclnnMuls(x, scale) {',
  "  return launch('aclnnMuls', [x], { scale });",
  '}',
  '',
  'function aclnnInplaceCopy(dst, src) {',
  "  return launch('aclnnInplaceCopy', [dst, src], {});",
  '}',
  '',
  'function launch(op, inputs, attrs) {',
  '  return { op, inputs, attrs };',
  '}',
  '',
  'module.exports = { aclnnMuls, aclnnInplaceCopy };',
  '',
].join('\n');
const OPS_PATCHED = OPS_BASE.replace("  return launch('aclnnMuls', [x], { scale });", "  const factor = Number(scale);\n  return launch('aclnnMuls', [x], { scale: factor });");
const FIXTURE_RUN = 'torch_npu-tp2-level1';

interface FixtureEvent {
  readonly name: string;
  readonly ts: string;
  readonly dur: number;
}

/** The X events of every rank's trace_view.json, as the files spell them (ts stays a string). */
function fixtureEvents(root: string): FixtureEvent[] {
  const out: FixtureEvent[] = [];
  for (const rank of readdirSync(root).filter((d) => d.endsWith('_ascend_pt'))) {
    const events = JSON.parse(readFileSync(path.join(root, rank, 'ASCEND_PROFILER_OUTPUT', 'trace_view.json'), 'utf8')) as { ph?: string; name?: string; ts?: string; dur?: number }[];
    for (const e of events) if (e.ph === 'X' && typeof e.name === 'string') out.push({ name: e.name, ts: String(e.ts), dur: Number(e.dur) });
  }
  return out;
}

interface PatchProbeView {
  state: string;
  touched: { name: string; count: number }[];
  highlighted: number;
  cursor: string | null;
  cursorHighlighted: number;
  lastOpen: string | null;
}

type FullProbe = Probe & { patch(): PatchProbeView | null; selectedPoint(): { x: number; y: number } | null };

describe('Timeline beside a source file and its patch (browser workbench)', function () {
  this.timeout(300_000);
  const shots = process.env.XWF_E2E_SCREENSHOTS || path.join(REPO_ROOT, 'test-results');
  let wb: Workbench;
  let page: Page;
  let workspace: string;
  let capture: string;
  let repo: string;

  const gitIn = (cwd: string, ...args: string[]): string =>
    execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' } }).trim();

  before(async () => {
    workspace = e2eEnv('XWF_E2E_WORKSPACE');
    // The real torch_npu capture becomes a profiling run of the workspace (the Runs model finds it at activation).
    capture = path.join(workspace, 'profiling', FIXTURE_RUN);
    cpSync(path.join(SHARED_FIXTURES, 'ascend', FIXTURE_RUN), capture, { recursive: true });
    repo = path.join(workspace, 'xllm');
    mkdirSync(path.join(repo, 'ops'), { recursive: true });
    gitIn(repo, 'init', '-q', '-b', 'main');
    writeFileSync(path.join(repo, 'ops', 'npu_ops.js'), OPS_BASE);
    gitIn(repo, 'add', '.');
    gitIn(repo, 'commit', '-qm', 'base');
    gitIn(repo, 'checkout', '-qb', 'feat');
    gitIn(repo, 'branch', '-q', '--set-upstream-to', 'main');
    writeFileSync(path.join(repo, 'ops', 'npu_ops.js'), OPS_PATCHED);
    // Committed: only a diff against the base (not against HEAD) shows it.
    gitIn(repo, 'commit', '-qam', 'aclnnMuls: scale as a number');
    mkdirSync(shots, { recursive: true });
    wb = await openWorkbench('xwf-chromium-patch-');
    page = wb.page;
    // The Explorer would take a third of the width the source and the timeline share.
    await palette(page, 'View: Toggle Primary Side Bar Visibility');
  });

  after(async () => {
    await wb?.close();
    if (capture) rmSync(capture, { recursive: true, force: true });
    if (repo) rmSync(repo, { recursive: true, force: true });
  });

  function timelineFrame(): Promise<Frame> {
    return timelineFrameOf(page);
  }

  /** The source file in the first column, the fixture's timeline beside it (opened once, reused after). */
  async function sourceAndTimeline(): Promise<Frame> {
    // Quick Open opens in the active group: make it the first, or the source would cover an open timeline.
    await palette(page, 'View: Focus First Editor Group');
    await quickOpen(page, 'xllm/ops/npu_ops.js');
    const open = page.locator('.tabs-container .tab', { hasText: FIXTURE_RUN });
    if (!(await open.count())) {
      const deadline = Date.now() + 150_000;
      for (;;) {
        await palette(page, 'xLLM: Open Profiling Timeline');
        const row = page.locator('.quick-input-list .monaco-list-row', { hasText: FIXTURE_RUN }).first();
        try {
          await row.waitFor({ timeout: 5_000 });
          await row.click();
          break;
        } catch (e) {
          // The Runs model may still be indexing the workspace: ask again.
          await page.keyboard.press('Escape');
          if (Date.now() > deadline) throw e;
          await page.waitForTimeout(1_000);
        }
      }
    }
    await open.first().waitFor({ timeout: 30_000 });
    await open.first().click();
    const frame = await timelineFrame();
    await frame.waitForFunction(() => ['ready', 'failed'].includes((window as unknown as { xllmTimeline: Probe }).xllmTimeline.phase), undefined, { timeout: 90_000 });
    assert.equal(await frame.evaluate(() => (window as unknown as { xllmTimeline: Probe }).xllmTimeline.phase), 'ready');
    return frame;
  }

  /** Page coordinates of a point the page reported in the webview's coordinates. */
  async function toPage(frame: Frame, p: { x: number; y: number }): Promise<{ x: number; y: number }> {
    const canvas = frame.locator('canvas.tl-canvas');
    const box = (await canvas.boundingBox())!;
    const local = await canvas.evaluate((c, q) => {
      const r = c.getBoundingClientRect();
      return { x: q.x - r.left, y: q.y - r.top };
    }, p);
    return { x: box.x + local.x, y: box.y + local.y };
  }

  it('opens the fixture capture beside a source file, zooms with the wheel and shows the exact start and duration of a clicked slice', async () => {
    const frame = await sourceAndTimeline();
    // Two columns: the source on the left, the timeline on the right.
    assert.equal(await page.locator('.editor-group-container').count(), 2);
    const probe = await frame.evaluate(() => {
      const p = (window as unknown as { xllmTimeline: Probe }).xllmTimeline;
      return { events: p.events, problems: p.problems };
    });
    const events = fixtureEvents(capture);
    assert.ok(probe.events >= events.length, `${probe.events} events drawn, the files have ${events.length} X events`);
    assert.deepEqual(probe.problems, []);

    const name = 'aclnnAddmm_MatMulCommon_MatMulV2';
    // Find selects the first match and brings it into view; the wheel then zooms in over it until it can be clicked.
    await frame.locator('.tl-search-input').fill(name);
    await frame.locator('.tl-search-input').press('Enter');
    await frame.locator('.tl-details .tl-name').waitFor();
    const before = await frame.evaluate(() => (window as unknown as { xllmTimeline: Probe }).xllmTimeline.viewport()!.nsPerPx);
    let point: { x: number; y: number } | null = null;
    for (let i = 0; i < 80 && !point; i++) {
      point = await frame.evaluate((n) => (window as unknown as { xllmTimeline: Probe }).xllmTimeline.slicePoint(n), name);
      if (point) break;
      const at = await frame.evaluate(() => (window as unknown as { xllmTimeline: FullProbe }).xllmTimeline.selectedPoint());
      assert.ok(at, 'the found slice is on screen');
      const p = await toPage(frame, at);
      await page.mouse.move(p.x, p.y);
      await page.mouse.wheel(0, -240);
      await page.waitForTimeout(40);
    }
    assert.ok(point, `${name} never became wide enough to click`);
    const after = await frame.evaluate(() => (window as unknown as { xllmTimeline: Probe }).xllmTimeline.viewport()!.nsPerPx);
    assert.ok(after < before / 10, `the wheel did not zoom in (${before} -> ${after} ns/px)`);
    const click = await toPage(frame, point);
    await page.mouse.click(click.x, click.y);
    await frame.waitForFunction((n) => document.querySelector('.tl-details .tl-name')?.textContent === n, name);
    const start = (await frame.locator('.tl-details .tl-start').innerText()).replace(/ µs$/, '');
    const duration = (await frame.locator('.tl-details .tl-duration').innerText()).replace(/ µs$/, '');
    assert.match(start, /^\d{16}\.\d{3}$/);
    const inFile = events.find((e) => e.name === name && e.ts === start);
    assert.ok(inFile, `no ${name} event with ts "${start}" in the capture (have: ${events.filter((e) => e.name === name).map((e) => e.ts).join(', ')})`);
    // The pane shows µs to 6 decimals; torch_npu writes more (346.56690625).
    assert.match(duration, /^\d+\.\d{3}(\d{3})?$/);
    assert.ok(Math.abs(Number(duration) - inFile.dur) <= 5e-7 + 1e-9, `duration ${duration} µs, the file says ${inFile.dur}`);
    await frame.locator('.tl-args-table').waitFor({ timeout: 30_000 });
    await page.mouse.move(5, 5);
    await page.screenshot({ path: path.join(shots, 'e2e-timeline-fixture.png') });
  });

  it('lists and outlines the events the checkout\'s patch touches, opens their source beside the timeline and follows the cursor', async () => {
    const frame = await sourceAndTimeline();
    const events = fixtureEvents(capture);
    const countOf = (pred: (n: string) => boolean): number => events.filter((e) => pred(e.name)).length;
    // (1)-(3): the patch (a commit on feat, against the merge-base with main) touches aclnnMuls.
    await frame.waitForFunction(() => ((window as unknown as { xllmTimeline: FullProbe }).xllmTimeline.patch()?.touched.length ?? 0) > 0, undefined, { timeout: 60_000 });
    const patch = (await frame.evaluate(() => (window as unknown as { xllmTimeline: FullProbe }).xllmTimeline.patch()))!;
    assert.equal(patch.state, 'ready');
    const touched = patch.touched.map((t) => t.name).sort();
    assert.deepEqual(touched, ['AscendCL@aclnnMuls', 'Dequeue@aclnnMuls', 'aclnnMuls', 'aclnnMuls_MulAiCore_Mul']);
    for (const t of patch.touched) assert.equal(t.count, countOf((n) => n === t.name), t.name);
    assert.equal(patch.highlighted, countOf((n) => n.includes('aclnnMuls')));
    assert.equal(patch.highlighted, 144);
    const rows = frame.locator('.tl-patch-row');
    assert.equal(await rows.count(), 4);
    assert.match(await frame.locator('.tl-patch-source').innerText(), /^xllm against main @ [0-9a-f]{8}$/);
    assert.match(await frame.locator('.tl-patch-row[data-name="aclnnMuls_MulAiCore_Mul"]').innerText(), /aclnnMuls_MulAiCore_Mul\s*36 · /);

    // (5): the cursor in aclnnInplaceCopy (not in the patch) tints its events.
    await page.locator('.editor-group-container').first().locator('.view-line', { hasText: "launch('aclnnInplaceCopy'" }).click();
    await frame.waitForFunction(() => (window as unknown as { xllmTimeline: FullProbe }).xllmTimeline.patch()?.cursor === 'aclnnInplaceCopy', undefined, { timeout: 30_000 });
    const cursor = (await frame.evaluate(() => (window as unknown as { xllmTimeline: FullProbe }).xllmTimeline.patch()))!;
    assert.equal(cursor.cursorHighlighted, countOf((n) => n.includes('aclnnInplaceCopy')));
    assert.match(await frame.locator('.tl-patch-cursor').innerText(), /aclnnInplaceCopy/);

    // (4): a touched row selects its first event; its name in the details opens the definition in the source column.
    await frame.locator('.tl-patch-row[data-name="aclnnMuls_MulAiCore_Mul"] .tl-patch-name').click();
    await frame.waitForFunction(() => document.querySelector('.tl-details .tl-name')?.textContent === 'aclnnMuls_MulAiCore_Mul');
    assert.match(await frame.locator('.tl-patch-row[data-name="aclnnMuls_MulAiCore_Mul"] .tl-patch-position').innerText(), /^1\/36$/);
    assert.match(await frame.locator('.tl-details .tl-touched').innerText(), /aclnnMuls \(ops\/npu_ops\.js:\d+\)/);
    await frame.locator('.tl-details .tl-symbol-link').click();
    await frame.waitForFunction(() => (window as unknown as { xllmTimeline: FullProbe }).xllmTimeline.patch()?.lastOpen != null, undefined, { timeout: 60_000 });
    const opened = (await frame.evaluate(() => (window as unknown as { xllmTimeline: FullProbe }).xllmTimeline.patch()))!.lastOpen;
    assert.equal(opened, 'opened xllm/ops/npu_ops.js:2');
    // The editor in the first column has the cursor on the definition, which in turn becomes the cursor's function.
    await page.locator('.statusbar-item', { hasText: /^Ln 2, Col \d+$/ }).first().waitFor({ timeout: 15_000 });
    await frame.waitForFunction(() => (window as unknown as { xllmTimeline: FullProbe }).xllmTimeline.patch()?.cursor === 'aclnnMuls', undefined, { timeout: 30_000 });
    assert.equal(await page.locator('.editor-group-container').count(), 2);
    await page.mouse.move(5, 5);
    await page.screenshot({ path: path.join(shots, 'e2e-timeline-patch.png') });
  });
});

// The patch list, the highlights and their keyboard use, with the host's patch and cursor messages posted
// by the stand-in host (light and dark, wide enough to see the outlines).
describe('Timeline page with a patch and a cursor (headless Chromium, stand-in host)', function () {
  this.timeout(180_000);
  const shots = process.env.XWF_E2E_SCREENSHOTS || path.join(REPO_ROOT, 'test-results');
  const host = standInBrowser('xwf-timeline-patch-', { width: 1600, height: 900 });
  before(() => mkdirSync(shots, { recursive: true }));

  for (const theme of ['light', 'dark'] as const) {
    it(`lists the touched names, steps through them by keyboard and draws both highlights (${theme})`, async () => {
      const harness = await startHarness([{ file: host.traceFile, label: path.basename(host.traceFile) }], theme);
      const page = await host.context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      try {
        await page.goto(harness.url);
        await waitReady(page);
        await page.evaluate(() => {
          window.postMessage(
            {
              type: 'patch',
              state: 'ready',
              repo: 'xllm',
              base: 'upstream/main @ 0123abcd',
              files: 2,
              symbols: [
                { name: 'aclnnApplyRotaryPosEmb', kind: 'aclnn', file: 'xllm/core/kernels/npu/rope.cpp', line: 44, origin: 'added' },
                { name: 'RmsNorm', kind: 'op-type', file: 'xllm/core/layers/rms_norm.cpp', line: 12, origin: 'added' },
                { name: 'launch', kind: 'call', file: 'xllm/core/kernels/npu/rope.cpp', line: 45, origin: 'added' },
              ],
            },
            '*',
          );
          window.postMessage({ type: 'cursor', symbol: { name: 'SwiGlu', kind: 'class', file: 'xllm/core/layers/swiglu.cpp', line: 8 } }, '*');
        });
        await page.locator('.tl-patch-row').first().waitFor();
        const probe = await page.evaluate(() => (window as unknown as { xllmTimeline: FullProbe }).xllmTimeline.patch());
        assert.ok(probe);
        assert.deepEqual(probe.touched.map((t) => t.name).sort(), ['aclnnApplyRotaryPosEmb_RotaryPositionEmbeddingAiVector_RotaryPositionEmbedding', 'aclnnRmsNorm_RmsNormAiVector_RmsNorm']);
        assert.equal(probe.highlighted, probe.touched.reduce((n, t) => n + t.count, 0));
        assert.equal(probe.cursor, 'SwiGlu');
        assert.ok(probe.cursorHighlighted > 0);
        assert.equal(await page.locator('.tl-patch-source').innerText(), 'xllm against upstream/main @ 0123abcd');

        // Keyboard: the first name holds the focus stop; Down moves, Enter steps forward, Shift+Enter back (wrapping).
        const names = page.locator('.tl-patch-name');
        await names.first().focus();
        await page.keyboard.press('ArrowDown');
        const second = await names.nth(1).innerText();
        assert.equal(await page.evaluate(() => document.activeElement?.textContent), second);
        await page.keyboard.press('Enter');
        await page.waitForFunction((n) => document.querySelector('.tl-details .tl-name')?.textContent === n, second);
        const total = probe.touched.find((t) => t.name === second)!.count;
        assert.equal(await page.locator('.tl-patch-row').nth(1).locator('.tl-patch-position').innerText(), `1/${total}`);
        await page.keyboard.press('Enter');
        assert.equal(await page.locator('.tl-patch-row').nth(1).locator('.tl-patch-position').innerText(), `2/${total}`);
        await page.keyboard.press('Shift+Enter');
        await page.keyboard.press('Shift+Enter');
        assert.equal(await page.locator('.tl-patch-row').nth(1).locator('.tl-patch-position').innerText(), `${total}/${total}`);
        assert.match(await page.locator('.tl-details .tl-touched').innerText(), /\((xllm\/core\/kernels\/npu\/rope\.cpp:44|xllm\/core\/layers\/rms_norm\.cpp:12)\)/);

        // The first touched event, then the wheel out over it: a decode step or two of kernels, outlined and tinted.
        await names.first().focus();
        await page.keyboard.press('Enter');
        const at = (await page.evaluate(() => (window as unknown as { xllmTimeline: FullProbe }).xllmTimeline.selectedPoint()))!;
        for (let i = 0; i < 8; i++) {
          await page.mouse.move(at.x, at.y);
          await page.mouse.wheel(0, 240);
        }
        const canvas = (await page.locator('canvas.tl-canvas').boundingBox())!;
        await page.mouse.move(canvas.x + 5, canvas.y + 5);
        await page.waitForTimeout(100);
        await page.screenshot({ path: path.join(shots, theme === 'light' ? 'timeline-patch.png' : 'timeline-patch-dark.png') });
        const log = await page.evaluate(() => (window as unknown as { hostLog: unknown[] }).hostLog);
        for (const m of log) assert.ok(isWebviewToHost(m), `invalid message to the host: ${JSON.stringify(m)}`);
        assert.deepEqual(errors, []);
      } finally {
        await page.close();
        await harness.close();
      }
    });
  }
});
