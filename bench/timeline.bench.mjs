#!/usr/bin/env node
/* global performance, window, document, requestAnimationFrame */
// The timeline page on generated msprof traces in headless Chromium, side by side with its references:
//   - 1 M events, repeated and interleaved: our page (time to the first drawn frame, peak memory), the
//     same file in speedscope (the npm package's static build opened with #profileURL=, same Chromium),
//     and Node's read + JSON.parse of the same bytes (the time reference);
//   - pan/zoom draw times (p50/p95/max) at 1 M and 5 M events; the 5 M trace (beyond JSON.parse's reach)
//     loaded once;
//   - the page with a 1,000-event trace: what the page costs before any trace data.
// Memory is the private memory (USS) of every Chromium process (browser, renderer, GPU, network...) above
// the same browser idle on a blank tab just before navigation (read once the fresh browser has settled),
// sampled every 100 ms; PSS is shown beside
// it (it also moves when other browsers on the machine start or stop, which shares pages differently).
// Usage: node bench/timeline.bench.mjs [--repeat 3] [--events 1000000] [--no-big] [--no-speedscope] [--keep]
//        [--threads] [--screenshot <file.png>]
//   --no-big    skip the 5 M-event trace     --keep     keep generated traces in .bench-data/ (reused when present)
//   --threads   print the CPU time of each Chromium thread during our first 1 M load
import * as esbuild from 'esbuild';
import { execFileSync, spawn } from 'node:child_process';
import { createReadStream, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import * as os from 'node:os';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { flag, numberArg, stringArg } from './lib/args.mjs';
import { cpuDelta, treePss, treeThreadCpu } from './lib/procTree.mjs';
import { emitJson, loadLine, printTable } from './lib/report.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const self = fileURLToPath(import.meta.url);
const SPEEDSCOPE_DIR = join(root, 'node_modules', 'speedscope', 'dist', 'release');

if (process.argv[2] === '--json-parse') {
  // Child: the reference, alone in its process so its peak RSS is its own.
  const t0 = performance.now();
  let events = 0;
  let error = null;
  try {
    events = JSON.parse(readFileSync(process.argv[3], 'utf8')).length;
  } catch (e) {
    error = e.message;
  }
  process.stdout.write(JSON.stringify({ ms: performance.now() - t0, events, error, rssMB: process.resourceUsage().maxRSS / 1024 }));
  process.exit(0);
}

if (process.argv[2] === '--serve') {
  // Child: a stand-in host page (same CSP as the webview) answering init, the bundle and the trace, and
  // speedscope's static build under /speedscope/.
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
  const types = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm', '.woff2': 'font/woff2', '.png': 'image/png', '.json': 'application/json' };
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split(/[?#]/)[0];
    if (path === '/') {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end(page);
    } else if (path === '/timeline.js' || path === '/timeline.css') {
      res.writeHead(200, { 'content-type': types[extname(path)] });
      createReadStream(join(webview, path.slice(1))).pipe(res);
    } else if (path === '/trace') {
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': bytes });
      createReadStream(file, { highWaterMark: 1 << 20 }).pipe(res);
    } else if (path.startsWith('/speedscope/') && !path.includes('..') && existsSync(join(SPEEDSCOPE_DIR, path.slice(12) || 'index.html'))) {
      const f = join(SPEEDSCOPE_DIR, path.slice(12) || 'index.html');
      res.writeHead(200, { 'content-type': types[extname(f)] ?? 'application/octet-stream' });
      createReadStream(f).pipe(res);
    } else {
      res.writeHead(404);
      res.end();
    }
  });
  server.listen(0, '127.0.0.1', () => process.stdout.write(`http://127.0.0.1:${server.address().port}/\n`));
  process.on('SIGTERM', () => process.exit(0));
  await new Promise(() => undefined);
}

const EVENTS = numberArg('events', 1_000_000);
const REPEAT = numberArg('repeat', 3);
const BIG = !flag('no-big');
const SPEEDSCOPE = !flag('no-speedscope') && existsSync(join(SPEEDSCOPE_DIR, 'index.html'));
const keep = flag('keep');
const screenshot = stringArg('screenshot', '');

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
const generated = [];
async function traceOf(events) {
  const label = events % 1_000_000 === 0 ? `${events / 1_000_000}M` : `${events}`;
  const file = join(dataDir, `trace-${label}.json`);
  if (!existsSync(file)) {
    const t0 = performance.now();
    const steps = Math.max(1, Math.ceil(events / (DEVICES * eventsPerDecodeStep())));
    const r = await writeSyntheticTrace(file, { seed: 2026, devices: DEVICES, decodeSteps: steps });
    console.log(`generated ${file.slice(root.length + 1)}: ${r.events} events, ${(r.bytes / 2 ** 20).toFixed(0)} MiB in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    if (events >= 100_000) generated.push(file);
  }
  return file;
}

/** A fresh headless Chromium with its own profile, and the page server for one trace file. */
async function withBrowser(file, fn) {
  const serverProc = spawn(process.execPath, [self, '--serve', file, join(out, 'webview')], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve, reject) => {
    serverProc.stdout.once('data', (d) => resolve(String(d).trim()));
    serverProc.once('exit', (code) => reject(new Error(`the page server exited (${code})`)));
  });
  const profile = mkdtempSync(join(os.tmpdir(), 'xwf-bench-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    // SwiftShader gives speedscope its WebGL; our page draws with Canvas 2D either way.
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--enable-unsafe-swiftshader', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    viewport: { width: 1600, height: 1000 },
  });
  try {
    const tab = context.pages()[0] ?? (await context.newPage());
    return await fn({ tab, url, pid: browserPid(profile) });
  } finally {
    await context.close();
    serverProc.kill();
    rmSync(profile, { recursive: true, force: true });
  }
}

/** The browser process: the one whose command line names our fresh profile and whose parent does not. */
function browserPid(profile) {
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

/**
 * Samples the tree's USS and PSS every 100 ms until stopped; idle is read once before, after the fresh
 * browser has settled (its blank tab's renderer still grows by ~25 MiB in the first second after launch,
 * which an early reading would count as the page's).
 */
async function memorySampler(pid) {
  let idle = treePss(pid);
  for (let waited = 0; waited < 5000; waited += 250) {
    await new Promise((r) => setTimeout(r, 250));
    const now = treePss(pid);
    const settled = Math.abs(now.ussMB - idle.ussMB) < 1;
    idle = now;
    if (settled) break;
  }
  let peak = idle;
  let peakUss = idle.ussMB;
  const sample = () => {
    const now = treePss(pid);
    if (now.mb > peak.mb) peak = now;
    if (now.ussMB > peakUss) peakUss = now.ussMB;
  };
  const timer = setInterval(sample, 100);
  return {
    stop() {
      clearInterval(timer);
      sample();
      return {
        idleMB: idle.mb,
        peakMB: peak.mb,
        // The judged figure: private memory above idle (PSS also moves with other browsers on the machine).
        aboveMB: peakUss - idle.ussMB,
        pssAboveMB: peak.mb - idle.mb,
        byKind: Object.fromEntries(Object.entries(peak.byKind).map(([k, v]) => [k, Math.round(v - (idle.byKind[k] ?? 0))])),
      };
    },
  };
}

/** Our page: load, first drawn frame and memory; optionally pan/zoom like a user and time the frames. */
async function runOurs(file, { panZoom = false, threads = false } = {}) {
  return withBrowser(file, async ({ tab, url, pid }) => {
    const mem = await memorySampler(pid);
    const cpu0 = threads ? treeThreadCpu(pid) : null;
    await tab.goto(url);
    await tab.waitForFunction(() => ['ready', 'failed'].includes(window.xllmTimeline?.phase), undefined, { timeout: 900_000, polling: 50 });
    const probe = await tab.evaluate(() => {
      const p = window.xllmTimeline;
      return { phase: p.phase, firstFrameAt: p.firstFrameAt, events: p.events, slices: p.slices, parseMs: p.parseMs, pushMs: p.pushMs, finishMs: p.finishMs, buildMs: p.buildMs, marks: p.marks };
    });
    if (probe.phase !== 'ready') throw new Error(`the page did not load the trace: ${await tab.locator('.tl-banner').innerText()}`);
    // Let the analyses computed after the first frame finish inside the memory window.
    await tab.waitForTimeout(1500);
    const load = mem.stop();
    const threadCpu = cpu0 ? cpuDelta(cpu0, treeThreadCpu(pid)) : null;
    if (screenshot && panZoom) await tab.screenshot({ path: screenshot });
    let frames = null;
    if (panZoom) frames = await panAndZoom(tab);
    return { ...probe, ...load, threadCpu, frames };
  });
}

/** Wheel zoom into a decode step and out again, drags both ways, keys; the page's own frame times. */
async function panAndZoom(tab) {
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
  const sorted = [...raw].sort((a, b) => a - b);
  const pct = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * (sorted.length - 1)))];
  return { count: sorted.length, p50: pct(0.5), p95: pct(0.95), max: sorted.at(-1), maxVisits: Math.max(...visits) };
}

/** speedscope's static build on the same file: time until its first frame after import, or until it gives up. */
async function runSpeedscope(file) {
  return withBrowser(file, async ({ tab, url, pid }) => {
    const mem = await memorySampler(pid);
    await tab.goto(`${url}speedscope/index.html#profileURL=${encodeURIComponent('/trace')}&title=trace`);
    const outcome = await tab.waitForFunction(
      () => (document.title !== 'speedscope' && document.title !== '' ? 'loaded' : /Something went wrong/.test(document.body?.innerText ?? '') ? 'failed' : false),
      undefined,
      { timeout: 600_000, polling: 50 },
    );
    const status = await outcome.jsonValue();
    // Two animation frames after the title changes: the flame chart has been drawn.
    const at = await tab.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now())))));
    await tab.waitForTimeout(500);
    return { status, ms: at, ...mem.stop() };
  });
}

function jsonParse(file) {
  return JSON.parse(execFileSync(process.execPath, ['--max-old-space-size=8192', self, '--json-parse', file], { encoding: 'utf8' }));
}

const median = (xs) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : NaN;
};
const secs = (ms) => `${(ms / 1000).toFixed(2)} s`;

const startLoad = loadLine();
const file1 = await traceOf(EVENTS);
const bytes1 = statSync(file1).size;
const tiny = await traceOf(1000);

// The page with a tiny trace: its fixed cost (renderer, worker, canvas) above the idle browser.
const empty = await runOurs(tiny);

const rounds = [];
for (let r = 0; r < REPEAT; r++) {
  const ours = await runOurs(file1, { panZoom: r === 0, threads: r === 0 && flag('threads') });
  const ss = SPEEDSCOPE ? await runSpeedscope(file1) : null;
  const ref = jsonParse(file1);
  rounds.push({ ours, ss, ref });
  console.log(
    `round ${r + 1}: ours ${secs(ours.firstFrameAt)} (+${ours.aboveMB.toFixed(0)} MiB), ` +
      `${ss ? `speedscope ${ss.status} at ${secs(ss.ms)} (+${ss.aboveMB.toFixed(0)} MiB), ` : ''}JSON.parse ${secs(ref.ms)} (${ref.rssMB.toFixed(0)} MiB RSS)`,
  );
}
const first = rounds[0].ours;
if (first.threadCpu) console.log(`  CPU per thread during our load (ms): ${first.threadCpu.map(([k, v]) => `${k} ${v}`).join(', ')}`);

let big = null;
if (BIG) {
  const file5 = await traceOf(5 * EVENTS);
  const bytes5 = statSync(file5).size;
  const ours = await runOurs(file5, { panZoom: true });
  const ref = jsonParse(file5);
  big = { bytes: bytes5, ours, ref };
  console.log(`5x: ours ${secs(ours.firstFrameAt)} (+${ours.aboveMB.toFixed(0)} MiB), JSON.parse ${ref.error ? `fails: ${ref.error.slice(0, 70)}` : secs(ref.ms)}`);
}

const oursMs = median(rounds.map((r) => r.ours.firstFrameAt));
const refMs = median(rounds.map((r) => r.ref.ms));
const ratios = rounds.map((r) => r.ours.firstFrameAt / r.ref.ms);
const oursMB = median(rounds.map((r) => r.ours.aboveMB));
const halfFileMB = bytes1 / 2 / 2 ** 20;
const ssLoaded = rounds.filter((r) => r.ss?.status === 'loaded');
const label = `${(EVENTS / 1e6).toFixed(EVENTS % 1e6 ? 1 : 0)} M`;
const pf = first.frames;
const rows = [
  {
    name: `first drawn frame (${label} events), median of ${REPEAT}`,
    value: oursMs,
    unit: 'ms',
    ref: refMs,
    refName: 'Node read + JSON.parse',
    ratio: oursMs / refMs,
    note: `rounds ${ratios.map((x) => `x${x.toFixed(2)}`).join(', ')}`,
    target: '<= JSON.parse',
    met: oursMs <= refMs,
  },
  { name: '  worker: streamed parse / of it parsing / columns / model (first round)', value: first.parseMs, unit: 'ms', note: `${secs(first.pushMs)} / ${secs(first.finishMs)} / ${secs(first.buildMs)}` },
  {
    name: `peak memory above idle (${label}, private), median`,
    value: oursMB,
    unit: 'MB',
    ref: bytes1 / 2 ** 20,
    refName: 'file size',
    ratio: oursMB / (bytes1 / 2 ** 20),
    pss: median(rounds.map((r) => r.ours.pssAboveMB)),
    target: `< ${halfFileMB.toFixed(0)} MB (half the file)`,
    met: oursMB < halfFileMB,
  },
  { name: '  of it the page with a 1,000-event trace', value: empty.aboveMB, unit: 'MB' },
  { name: '  above that page: the trace itself', value: oursMB - empty.aboveMB, unit: 'MB', ref: bytes1 / 2 ** 20, refName: 'file size', ratio: (oursMB - empty.aboveMB) / (bytes1 / 2 ** 20) },
  { name: '  Node JSON.parse peak RSS (for scale)', value: median(rounds.map((r) => r.ref.rssMB)), unit: 'MB' },
  { name: `pan/zoom draw time p95 (${label})`, value: pf.p95, unit: 'ms', p50: pf.p50, max: pf.max, note: `${pf.count} frames`, target: '< 16 ms', met: pf.p95 < 16 },
];
if (SPEEDSCOPE) {
  const ssMs = median(rounds.map((r) => r.ss.ms));
  const ssMB = median(rounds.map((r) => r.ss.aboveMB));
  const status = ssLoaded.length === rounds.length ? 'drawn' : ssLoaded.length ? `drawn ${ssLoaded.length}/${rounds.length}` : 'fails (error page)';
  rows.push(
    { name: `speedscope 1.25 on the same file: ${status === 'drawn' ? 'first drawn frame' : `time until it ${status}`}`, value: ssMs, unit: 'ms', ref: oursMs, refName: 'ours', ratio: ssMs / oursMs, note: status },
    { name: 'speedscope peak memory above idle (private)', value: ssMB, unit: 'MB', ref: oursMB, refName: 'ours', ratio: ssMB / oursMB, pss: median(rounds.map((r) => r.ss.pssAboveMB)) },
  );
}
if (big) {
  const b = big;
  const big5 = `${((5 * EVENTS) / 1e6).toFixed(0)} M`;
  rows.push(
    { name: `${big5} events (${(b.bytes / 2 ** 20).toFixed(0)} MiB): first drawn frame`, value: b.ours.firstFrameAt, unit: 'ms', note: `${b.ours.events.toLocaleString('en-US')} events; ${b.ref.error ? `JSON.parse fails: ${b.ref.error.slice(0, 60)}` : `JSON.parse ${secs(b.ref.ms)}`}` },
    { name: `${big5}: peak memory above idle (private)`, pss: b.ours.pssAboveMB, value: b.ours.aboveMB, unit: 'MB', ref: b.bytes / 2 ** 20, refName: 'file size', ratio: b.ours.aboveMB / (b.bytes / 2 ** 20), target: `< ${(b.bytes / 2 / 2 ** 20).toFixed(0)} MB (half the file)`, met: b.ours.aboveMB < b.bytes / 2 / 2 ** 20 },
    { name: `${big5}: pan/zoom draw time p95`, value: b.ours.frames.p95, unit: 'ms', p50: b.ours.frames.p50, max: b.ours.frames.max, note: `${b.ours.frames.count} frames`, target: '< 16 ms', met: b.ours.frames.p95 < 16 },
  );
}

console.log(`\ntimeline page, ${(bytes1 / 2 ** 20).toFixed(0)} MiB trace, ${first.events.toLocaleString('en-US')} events (${first.slices.toLocaleString('en-US')} slices), headless Chromium (software raster)`);
console.log(`  steps of the first round (s after navigation): ${Object.entries(first.marks).map(([k, v]) => `${k} ${(v / 1000).toFixed(2)}`).join(', ')}`);
console.log(`  first-frame ratios per round: ${ratios.map((x) => `x${x.toFixed(2)}`).join(', ')}`);
console.log(`  peak memory by process kind above idle (first round, MiB): ${JSON.stringify(first.byKind)}`);
console.log(`  ${startLoad.replace('machine: ', 'at start: ')}`);
console.log(`  ${loadLine().replace('machine: ', 'at end:   ')}`);
printTable('timeline (ratios: value / reference measured in the same run)', rows);
emitJson('timeline', rows, { events: first.events, bytes: bytes1, repeat: REPEAT });
if (!keep) for (const f of generated) rmSync(f, { force: true });
