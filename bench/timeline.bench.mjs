#!/usr/bin/env node
/* global performance, window */
// The timeline page on a generated 1 M-event msprof trace in headless Chromium: time to the first drawn
// frame (fetch + streamed parse in the worker + model + first paint) against Node's read + JSON.parse of
// the same bytes, draw times of pan/zoom frames (p50/p95/max), and peak memory of both.
// Usage: node bench/timeline.bench.mjs [--events 1000000] [--keep] [--screenshot <file.png>]
//   --keep  keep the generated trace in .bench-data/ (reused when present, shared with trace.bench.mjs)
import * as esbuild from 'esbuild';
import { execFileSync, spawn } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { emitJson, loadLine } from './lib/report.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const self = fileURLToPath(import.meta.url);

if (process.argv[2] === '--json-parse') {
  // Child: the reference, alone in its process so its peak RSS is its own.
  const t0 = performance.now();
  const events = JSON.parse(readFileSync(process.argv[3], 'utf8')).length;
  process.stdout.write(JSON.stringify({ ms: performance.now() - t0, events, rssMB: process.resourceUsage().maxRSS / 1024 }));
  process.exit(0);
}

if (process.argv[2] === '--serve') {
  // Child: a stand-in host page (same CSP as the webview) answering init, the bundle and the trace.
  const [file, webview] = process.argv.slice(3);
  const bytes = statSync(file).size;
  const nonce = `b${Math.random().toString(36).slice(2)}`;
  const init = {
    type: 'init',
    identity: { files: [file] },
    title: 'bench',
    sources: [{ label: 'trace.json', url: '/trace', bytes }],
    locale: 'en',
    canSave: false,
    boundary: { previous: 'ArgMaxV2', next: '^GraphLaunch' },
  };
  const page = `<!DOCTYPE html><html><head><meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'self' 'nonce-${nonce}'; script-src 'nonce-${nonce}'; worker-src blob:; connect-src 'self'">
<link rel="stylesheet" nonce="${nonce}" href="/timeline.css"></head>
<body class="vscode-dark"><div id="app"></div>
<script nonce="${nonce}">
const init = ${JSON.stringify(init)};
window.acquireVsCodeApi = () => ({ postMessage: (m) => { if (m.type === 'ready') setTimeout(() => window.postMessage(init, '*')); }, getState: () => undefined, setState: () => undefined });
</script>
<script nonce="${nonce}" src="/timeline.js"></script></body></html>`;
  const server = createServer((req, res) => {
    if (req.url === '/') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(page);
    } else if (req.url === '/timeline.js' || req.url === '/timeline.css') {
      res.writeHead(200, { 'content-type': req.url.endsWith('.js') ? 'text/javascript' : 'text/css' });
      createReadStream(join(webview, req.url.slice(1))).pipe(res);
    } else if (req.url === '/trace') {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': bytes });
      createReadStream(file, { highWaterMark: 1 << 20 }).pipe(res);
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  server.listen(0, '127.0.0.1', () => process.stdout.write(`http://127.0.0.1:${server.address().port}/\n`));
  process.on('SIGTERM', () => process.exit(0));
  await new Promise(() => undefined);
}

const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const EVENTS = arg('events', 1_000_000);
const keep = process.argv.includes('--keep');

// The generator from the core, and the page bundle exactly as scripts/build.mjs makes it (minified).
const out = join(root, 'out', 'bench');
await esbuild.build({
  absWorkingDir: root,
  stdin: { contents: "export * from './src/core/trace/syntheticTrace';", resolveDir: root, loader: 'ts' },
  outfile: join(out, 'timeline-gen.js'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  logLevel: 'warning',
});
await esbuild.build({
  absWorkingDir: root,
  entryPoints: { timeline: 'src/webview/timeline/main.ts' },
  outdir: join(out, 'webview'),
  bundle: true,
  platform: 'browser',
  format: 'iife',
  target: 'chrome120',
  minify: true,
  loader: { '.css': 'css' },
  logLevel: 'warning',
});
const { writeSyntheticTrace, eventsPerDecodeStep } = createRequire(import.meta.url)(join(out, 'timeline-gen.js'));

const dataDir = join(root, '.bench-data');
mkdirSync(dataDir, { recursive: true });
const DEVICES = 2;
const label = EVENTS % 1_000_000 === 0 ? `${EVENTS / 1_000_000}M` : `${EVENTS}`;
const file = join(dataDir, `trace-${label}.json`);
if (!existsSync(file)) {
  const t0 = performance.now();
  const steps = Math.ceil(EVENTS / (DEVICES * eventsPerDecodeStep()));
  const r = await writeSyntheticTrace(file, { seed: 2026, devices: DEVICES, decodeSteps: steps });
  console.log(`generated ${file.slice(root.length + 1)}: ${r.events} events, ${(r.bytes / 2 ** 20).toFixed(0)} MiB in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
}
const bytes = statSync(file).size;

// The stand-in host runs in its own process: the memory sampler below must not slow the file's delivery.
const serverProc = spawn(process.execPath, [self, '--serve', file, join(out, 'webview')], { stdio: ['ignore', 'pipe', 'inherit'] });
const url = await new Promise((resolve, reject) => {
  serverProc.stdout.once('data', (d) => resolve(String(d).trim()));
  serverProc.once('exit', (code) => reject(new Error(`the page server exited (${code})`)));
});

/** Proportional set size (MiB: shared pages split between their users) of a process and its descendants, from /proc. */
function treePssMB(pid) {
  const children = new Map();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(d));
    } catch {
      /* the process ended */
    }
  }
  let kb = 0;
  const stack = [pid];
  while (stack.length) {
    const p = stack.pop();
    try {
      const m = /Pss:\s+(\d+)/.exec(readFileSync(`/proc/${p}/smaps_rollup`, 'utf8'));
      if (m) kb += Number(m[1]);
    } catch {
      /* gone */
    }
    stack.push(...(children.get(p) ?? []));
  }
  return kb / 1024;
}

const profile = mkdtempSync(join(os.tmpdir(), 'xwf-bench-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  viewport: { width: 1600, height: 1000 },
});
/** The browser process: the one whose command line names our fresh profile and whose parent does not. */
function browserPid() {
  const mine = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      if (readFileSync(`/proc/${d}/cmdline`, 'utf8').includes(profile)) mine.push(Number(d));
    } catch {
      /* gone */
    }
  }
  const set = new Set(mine);
  return mine.find((p) => {
    const stat = readFileSync(`/proc/${p}/stat`, 'utf8');
    return !set.has(Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
  });
}
const results = {};
try {
  const tab = context.pages()[0] ?? (await context.newPage());
  const pid = browserPid();
  const idleMB = pid ? treePssMB(pid) : NaN;
  let peakMB = idleMB;
  const sampler = setInterval(() => {
    if (pid) peakMB = Math.max(peakMB, treePssMB(pid));
  }, 100);
  await tab.goto(url);
  await tab.waitForFunction(() => ['ready', 'failed'].includes(window.xllmTimeline?.phase), undefined, { timeout: 600_000, polling: 50 });
  const probe = await tab.evaluate(() => {
    const p = window.xllmTimeline;
    return { phase: p.phase, firstFrameAt: p.firstFrameAt, events: p.events, slices: p.slices, parseMs: p.parseMs, pushMs: p.pushMs, finishMs: p.finishMs, buildMs: p.buildMs, marks: p.marks };
  });
  if (probe.phase !== 'ready') throw new Error(`the page did not load the trace: ${await tab.locator('.tl-banner').innerText()}`);
  const loadPeakMB = peakMB;
  const shotIndex = process.argv.indexOf('--screenshot');
  if (shotIndex > 0) await tab.screenshot({ path: process.argv[shotIndex + 1] });

  // Pan and zoom like a user: wheel zoom into a decode step and out again, drags both ways, keys.
  const box = await tab.locator('canvas.tl-canvas').boundingBox();
  const before = (await tab.evaluate(() => window.xllmTimeline.frameMs())).length;
  const x = box.x + box.width * 0.6;
  const y = box.y + 300;
  await tab.mouse.move(x, y);
  for (let i = 0; i < 40; i++) {
    await tab.mouse.wheel(0, -200);
    await tab.waitForTimeout(16);
  }
  for (let i = 0; i < 20; i++) {
    await tab.mouse.move(x, y);
    await tab.mouse.down();
    await tab.mouse.move(x + (i % 2 ? 300 : -300), y, { steps: 6 });
    await tab.mouse.up();
  }
  for (let i = 0; i < 40; i++) {
    await tab.mouse.wheel(0, 200);
    await tab.waitForTimeout(16);
  }
  await tab.locator('canvas.tl-canvas').focus();
  for (const key of ['w', 'w', 'w', 'd', 'd', 'a', 's', 's', 'w', 'd', 'd', 'd', '0']) {
    await tab.keyboard.press(key);
    await tab.waitForTimeout(16);
  }
  await tab.waitForTimeout(200);
  const raw = (await tab.evaluate(() => window.xllmTimeline.frameMs())).slice(before);
  const visits = (await tab.evaluate(() => window.xllmTimeline.frameVisits())).slice(before);
  const slowest = raw.map((ms, i) => [ms, visits[i]]).sort((a, b) => b[0] - a[0]).slice(0, 5);
  const frames = [...raw].sort((a, b) => a - b);
  clearInterval(sampler);
  const pct = (q) => frames[Math.min(frames.length - 1, Math.floor(q * (frames.length - 1)))];
  results.page = { ...probe, slowest, maxVisits: Math.max(...visits), idleMB, loadPeakMB, peakMB, frames: frames.length, p50: pct(0.5), p95: pct(0.95), max: frames.at(-1) };
} finally {
  await context.close();
  serverProc.kill();
  rmSync(profile, { recursive: true, force: true });
}

const json = JSON.parse(execFileSync(process.execPath, ['--max-old-space-size=4096', self, '--json-parse', file], { encoding: 'utf8' }));
const p = results.page;
console.log(`\ntimeline page, ${(bytes / 2 ** 20).toFixed(0)} MiB trace, ${p.events.toLocaleString('en-US')} events (${p.slices.toLocaleString('en-US')} slices), headless Chromium (software raster)`);
console.log(`  first drawn frame        ${(p.firstFrameAt / 1000).toFixed(2)} s after navigation (worker: streamed parse ${(p.parseMs / 1000).toFixed(2)} s of which ${(p.pushMs / 1000).toFixed(2)} s parsing, columns ${(p.finishMs / 1000).toFixed(2)} s, model ${(p.buildMs / 1000).toFixed(2)} s)`);
console.log(`  steps (s)                ${Object.entries(p.marks).map(([k, v]) => `${k} ${(v / 1000).toFixed(2)}`).join(', ')}`);
console.log(`  Node read + JSON.parse   ${(json.ms / 1000).toFixed(2)} s (${json.events.toLocaleString('en-US')} objects, no columns, nothing drawn)`);
console.log(`  ratio first frame / JSON.parse  x${(p.firstFrameAt / json.ms).toFixed(2)}`);
console.log(`  pan/zoom draw time       p50 ${p.p50.toFixed(1)} ms, p95 ${p.p95.toFixed(1)} ms, max ${p.max.toFixed(1)} ms over ${p.frames} frames`);
console.log(`  visits per frame         max ${p.maxVisits.toLocaleString('en-US')} (slowest frames: ${p.slowest.map(([ms, v]) => `${ms.toFixed(1)} ms/${v}`).join(', ')})`);
console.log(`  peak memory              Chromium (all processes, PSS) ${p.loadPeakMB.toFixed(0)} MiB while loading, ${p.peakMB.toFixed(0)} MiB overall (idle ${p.idleMB.toFixed(0)} MiB); Node JSON.parse ${json.rssMB.toFixed(0)} MiB`);
console.log(`  ${loadLine()}`);
const FRAME_BUDGET_MS = 16;
emitJson(
  'timeline',
  [
    { name: 'first drawn frame (1 M events)', value: p.firstFrameAt, unit: 'ms', ref: json.ms, refName: 'Node read + JSON.parse', ratio: p.firstFrameAt / json.ms },
    { name: 'pan/zoom draw time p95', value: p.p95, unit: 'ms', target: `< ${FRAME_BUDGET_MS} ms`, met: p.p95 < FRAME_BUDGET_MS },
    { name: 'peak memory, Chromium above idle', value: p.peakMB - p.idleMB, unit: 'MB', ref: json.rssMB, refName: 'Node JSON.parse peak RSS', ratio: (p.peakMB - p.idleMB) / json.rssMB },
  ],
  { events: p.events, bytes },
);
if (!keep) rmSync(file, { force: true });
