#!/usr/bin/env node
// Indexing a workspace of 5,000 run roots for the cross-file rules (RunIndex.rescan + loadRunRecords), incremental
// updates against a full rescan, one manifest checked with the full context, and the language server's memory at
// that size (spawned from out/bench/server.js, driven over LSP stdio like the extension's client).
// References in the same run: a bare readdir walk of the same folders, reading + line-splitting the same manifests,
// and the RSS of a bare `node -e` process (plus the server on an empty folder).
// Usage: node bench/runsIndex.bench.mjs [--runs 5000] [--repeat 3] [--updates 100] [--clean] [--fresh] [--no-server] [--dist] [--big]
//   --dist   run dist/server.js (from node scripts/build.mjs) instead of a bundle built into out/bench/
//   --big    20,000 run roots
//   --clean  remove the generated workspace afterwards (by default it stays in .bench-data/ and is reused:
//            deleting tens of thousands of files takes longer than the bench on a slow disk)
//   --fresh  generate the workspace again even when a matching one is kept
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import * as os from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { flag, numberArg } from './lib/args.mjs';
import { buildServer, loadCore, REPO_ROOT } from './lib/coreBundle.mjs';
import { walkFolders } from './lib/folderWalk.mjs';
import { bareNodeMemory, LspSession } from './lib/lspSession.mjs';
import { collectGarbage, heapUsedMB } from './lib/memory.mjs';
import { emitJson, formatValue, loadLine, printTable } from './lib/report.mjs';
import { prepareRunWorkspace, removeRunWorkspace } from './lib/runWorkspace.mjs';
import { summarize, timeAsyncInterleaved } from './lib/stats.mjs';

const RUNS = numberArg('runs', flag('big') ? 20000 : 5000);
const REPEAT = numberArg('repeat', 3);
const UPDATES = numberArg('updates', 100);
const CLEAN = flag('clean');
const TARGET_INDEX_MS = 2000;
const TARGET_RSS_MB = 150;

const core = await loadCore('runs-index', {
  'src/core/runs/runIndex.ts': ['RunIndex'],
  'src/core/diagnostics/runContext.ts': ['loadRunContext'],
  'src/core/runs/runRecords.ts': ['loadRunRecords', 'RunRecords'],
  'src/core/diagnostics/validateManifest.ts': ['validateManifestDocument', 'parseManifest'],
  'src/core/manifest/manifestModel.ts': ['textOf'],
});
// The server bundle is built the way scripts/build.mjs builds it, into out/bench/ (dist/ belongs to the build); --dist uses dist/server.js.
const serverJs = flag('no-server') ? null : flag('dist') ? join(REPO_ROOT, 'dist', 'server.js') : await buildServer();
if (serverJs && !existsSync(serverJs)) {
  console.error(`${serverJs} does not exist: run node scripts/build.mjs first, or leave out --dist`);
  process.exit(3);
}

const ws = await prepareRunWorkspace('runs-index', RUNS, { fresh: flag('fresh') });
const folder = ws.folder;
const rows = [];
const fmt = (ms) => formatValue(ms, 'ms');

try {
  console.log(loadLine());
  console.log(`workspace: ${RUNS.toLocaleString('en-US')} run roots (${Object.entries(ws.kinds).map(([k, n]) => `${k} ${n}`).join(', ')}), ${ws.files.toLocaleString('en-US')} files, ${ws.generated ? 'just written' : 'kept from an earlier run'}`);

  // 1. Full index: discovery, then the manifests the cross-file rules read.
  let index;
  let manifests;
  const t = await timeAsyncInterleaved(
    {
      floorWalk: () => walkFolders(folder),
      rescan: async () => {
        index = new core.RunIndex(folder);
        await index.rescan();
      },
      floorManifests: async () => {
        let lines = 0;
        for (const run of index.runs()) if (run.manifestPath) lines += (await readFile(run.manifestPath, 'utf8')).split('\n').length;
        return lines;
      },
      loadManifests: async () => {
        manifests = await core.loadRunRecords(index.runs());
      },
    },
    // A warm-up round only for a kept workspace (cold page cache); a fresh one is warm from being written.
    { warmup: ws.generated ? 0 : 1, repeat: REPEAT },
  );
  const found = index.runs().length;
  if (found !== RUNS) throw new Error(`discovery found ${found} run roots, expected ${RUNS} (problems: ${index.problems().slice(0, 3).map((p) => p.message).join('; ')})`);
  const indexMs = t.rescan.p50 + t.loadManifests.p50;
  const indexCpuMs = t.rescan.cpu.p50 + t.loadManifests.cpu.p50;
  const floorMs = t.floorWalk.p50 + t.floorManifests.p50;
  rows.push(
    { name: `index ${RUNS} runs for cross-file rules (rescan + loadRunRecords)`, value: indexMs, unit: 'ms', ratio: indexMs / floorMs, refName: 'readdir walk + read/split manifests', target: `< ${TARGET_INDEX_MS} ms`, met: indexMs < TARGET_INDEX_MS, cpu: indexCpuMs, note: `medians of ${REPEAT}; process CPU ${fmt(indexCpuMs)}` },
    { name: '  RunIndex.rescan (discovery)', value: t.rescan.p50, unit: 'ms', ratio: t.rescan.p50 / t.floorWalk.p50, refName: 'readdir walk of the same folders', cpu: t.rescan.cpu.p50, note: `max ${fmt(t.rescan.max)}; CPU ${fmt(t.rescan.cpu.p50)}` },
    { name: '  loadRunRecords (read + parse all, keep records)', value: t.loadManifests.p50, unit: 'ms', ratio: t.loadManifests.p50 / t.floorManifests.p50, refName: 'read + split the same manifests', cpu: t.loadManifests.cpu.p50, note: `max ${fmt(t.loadManifests.max)}; CPU ${fmt(t.loadManifests.cpu.p50)}; ${manifests.size} ids` },
    { name: 'reference: readdir walk (depth 3)', value: t.floorWalk.p50, unit: 'ms' },
    { name: 'reference: read + split each manifest', value: t.floorManifests.p50, unit: 'ms' },
  );
  collectGarbage();
  rows.push({ name: 'heap used with the index and all run records', value: heapUsedMB(), unit: 'MB' });

  // 2. One manifest checked with the full context, as the server does on open (context from disk, rules).
  const withBaseline = index.runs().find((r) => r.manifestPath?.endsWith('.md') && r.kind === 'perf' && /^- baseline_run_id: *[^\s<]/m.test(readFileSync(r.manifestPath, 'utf8')));
  const openRun = withBaseline ?? index.runs().find((r) => r.manifestPath?.endsWith('.md'));
  const validateOnce = async () => {
    const context = await core.loadRunContext(openRun.root, { kind: openRun.kind, runs: manifests });
    const text = readFileSync(openRun.manifestPath, 'utf8');
    return core.validateManifestDocument(core.parseManifest(text, openRun.manifestPath), { fileName: openRun.manifestPath, context });
  };
  const v = await timeAsyncInterleaved({ validate: validateOnce }, { warmup: 3, repeat: 30 });
  rows.push({ name: 'validate one manifest with its run context', value: v.validate.p50, unit: 'ms', note: `p95 ${fmt(v.validate.p95)}; ${(await validateOnce()).length} diagnostics` });

  // 3. Incremental updates against the full rescan.
  const perfRuns = index.runs().filter((r) => r.kind === 'perf' && r.inventory.entries.includes('metrics.json'));
  const changed = [];
  for (let k = 0; k < UPDATES; k++) {
    const run = perfRuns[Math.floor((k * perfRuns.length) / UPDATES)];
    const file = join(run.root, 'metrics.json');
    writeFileSync(file, readFileSync(file)); // rewritten in place, as collect does
    const t0 = performance.now();
    const did = await index.update(file);
    changed.push(performance.now() - t0);
    if (!did) throw new Error(`update(${file}) reported no change`);
  }
  const created = [];
  const removed = [];
  const scratch = join(folder, 'runs', 'perf');
  for (let k = 0; k < 20; k++) {
    const dir = join(scratch, `bench-new-run-${k}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'manifest.md'), `# Run Manifest\n\n## Identity\n\n- run_id: bench-new-run-${k}\n- level: smoke\n`);
    let t0 = performance.now();
    if (!(await index.update(join(dir, 'manifest.md')))) throw new Error('a new run root was not picked up');
    created.push(performance.now() - t0);
    rmSync(dir, { recursive: true, force: true });
    t0 = performance.now();
    if (!(await index.update(dir))) throw new Error('a deleted run root was not dropped');
    removed.push(performance.now() - t0);
  }
  const outside = [];
  for (let k = 0; k < 20; k++) {
    const file = join(folder, 'code', 'xllm', 'xllm', 'core', `module_${k}`, `kernel_${k}.cpp`);
    writeFileSync(file, `// kernel ${k}, edited\n`);
    const t0 = performance.now();
    await index.update(file);
    outside.push(performance.now() - t0);
  }
  if (index.runs().length !== RUNS) throw new Error(`after the updates the index holds ${index.runs().length} runs, expected ${RUNS}`);
  const u = summarize(changed);
  const c = summarize(created);
  const d = summarize(removed);
  const o = summarize(outside);
  // What the server does next: the records re-read only the run whose manifest changed.
  const records = new core.RunRecords();
  await records.sync(index.runs());
  const resynced = [];
  for (let k = 0; k < 20; k++) {
    const run = perfRuns[Math.floor((k * perfRuns.length) / 20)];
    writeFileSync(run.manifestPath, readFileSync(run.manifestPath));
    const t0 = performance.now();
    await index.update(run.manifestPath);
    if (!(await records.sync(index.runs(), run.manifestPath))) throw new Error('a changed manifest was not read again');
    resynced.push(performance.now() - t0);
  }
  const r = { reload: summarize(resynced) };
  rows.push(
    { name: 'RunIndex.update: a file changed in a run root', value: u.p50, unit: 'ms', ratio: u.p50 / t.rescan.p50, refName: 'full rescan', note: `p95 ${fmt(u.p95)} over ${u.n} runs` },
    { name: 'RunIndex.update: a new run root', value: c.p50, unit: 'ms', ratio: c.p50 / t.rescan.p50, refName: 'full rescan', note: `p95 ${fmt(c.p95)} over ${c.n}` },
    { name: 'RunIndex.update: a run root deleted', value: d.p50, unit: 'ms', ratio: d.p50 / t.rescan.p50, refName: 'full rescan', note: `p95 ${fmt(d.p95)} over ${d.n}` },
    { name: 'RunIndex.update: a file outside any run', value: o.p50, unit: 'ms', ratio: o.p50 / t.rescan.p50, refName: 'full rescan', note: `p95 ${fmt(o.p95)} over ${o.n}` },
    { name: 'server after a manifest changed: index + that run\'s record', value: r.reload.p50, unit: 'ms', ratio: r.reload.p50 / t.rescan.p50, refName: 'full rescan', note: `RunIndex.update + RunRecords.sync; p95 ${fmt(r.reload.p95)} over ${r.reload.n}` },
  );

  // 4. The language server's memory at this size.
  if (serverJs) {
    const bare = await bareNodeMemory();
    const empty = mkdtempSync(join(os.tmpdir(), 'xwf-bench-empty-'));
    let emptyMem;
    try {
      const s0 = await LspSession.start(serverJs, empty);
      await s0.whenReady();
      emptyMem = s0.memory();
      await s0.stop();
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }

    const session = await LspSession.start(serverJs, folder);
    try {
      const ready = await session.whenReady();
      if (ready.runCount !== RUNS) throw new Error(`server indexed ${ready.runCount} runs, expected ${RUNS}`);
      const afterIndex = session.memory();
      const text = readFileSync(openRun.manifestPath, 'utf8');
      const t0 = performance.now();
      const opened = session.open(openRun.manifestPath, text);
      const diags = await opened.diagnostics;
      const diagMs = performance.now() - t0;
      const afterDiagnostics = session.memory();
      const lines = text.split('\n');
      const line = lines.findIndex((l) => l.startsWith('- model_name:'));
      const position = { line, character: lines[line].length };
      // The first completion starts collecting other runs' values in the background; ask until they arrive.
      const t1 = performance.now();
      let items = [];
      for (let k = 0; k < 300; k++) {
        items = await session.request('textDocument/completion', { textDocument: { uri: opened.uri }, position });
        if (items.some((i) => i.detail === 'used in other runs')) break;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      const valuesMs = performance.now() - t1;
      const t2 = performance.now();
      await session.request('textDocument/completion', { textDocument: { uri: opened.uri }, position });
      const completionMs = performance.now() - t2;
      const t3 = performance.now();
      const hover = await session.request('textDocument/hover', { textDocument: { uri: opened.uri }, position: { line, character: 4 } });
      const hoverMs = performance.now() - t3;
      if (!hover) throw new Error('no hover on model_name');
      const afterAll = session.memory();
      rows.push(
        { name: `server: ready (indexed ${ready.runCount} runs) after spawn`, value: ready.atMs, unit: 'ms' },
        { name: 'server: first diagnostics of an opened manifest', value: diagMs, unit: 'ms', note: `${diags.length} diagnostics; includes the 200 ms debounce and reading ${RUNS} run records` },
        { name: 'server: until completion offers other runs\' values', value: valuesMs, unit: 'ms', note: `${items.length} items` },
        { name: 'server: completion round trip (values ready)', value: completionMs, unit: 'ms' },
        { name: 'server: hover round trip', value: hoverMs, unit: 'ms' },
        { name: 'server RSS after indexing', value: afterIndex.rssMB, unit: 'MB', ratio: afterIndex.rssMB / bare.rssMB, refName: 'bare node -e' },
        { name: 'server RSS after first diagnostics', value: afterDiagnostics.rssMB, unit: 'MB', ratio: afterDiagnostics.rssMB / bare.rssMB, refName: 'bare node -e' },
        { name: 'server RSS after completion + hover', value: afterAll.rssMB, unit: 'MB', ratio: afterAll.rssMB / bare.rssMB, refName: 'bare node -e', target: `< ${TARGET_RSS_MB} MB`, met: afterAll.rssMB < TARGET_RSS_MB },
        { name: 'server peak RSS (VmHWM)', value: afterAll.hwmMB, unit: 'MB', ratio: afterAll.hwmMB / bare.rssMB, refName: 'bare node -e', target: `< ${TARGET_RSS_MB} MB`, met: afterAll.hwmMB < TARGET_RSS_MB },
        { name: 'reference: server RSS on an empty folder', value: emptyMem.rssMB, unit: 'MB', ratio: emptyMem.rssMB / bare.rssMB, refName: 'bare node -e' },
        { name: 'reference: bare node -e RSS', value: bare.rssMB, unit: 'MB' },
      );
    } finally {
      await session.stop();
    }
  }

  printTable(`run index at ${RUNS.toLocaleString('en-US')} run roots (ratios: value / reference measured in this run)`, rows);
  emitJson('runsIndex', rows.map(({ note: _note, ...row }) => row), { runs: RUNS, repeat: REPEAT });
} finally {
  if (CLEAN) removeRunWorkspace(folder);
}
