#!/usr/bin/env node
// The Runs view's first paint at 10,000 run roots, computed with the core alone (no vscode): what RunsModel and
// RunsTreeProvider.getChildren do for the root and the first expanded group — RunIndex.rescan (discoverRuns),
// runs() sorting, grouping by kind, the group's run nodes — plus the summaries (manifest fields, evidence grade,
// headline metrics) of the first 200 runs shown, read with the same reader the extension passes. Then the
// background summaries of every run that getChildren queues (16 at a time), and the heap each stage keeps.
// References in the same run: a bare readdir walk of the same folders plus reading the 200 runs' manifests and
// JSON files with JSON.parse.
// Usage: node bench/runsView.bench.mjs [--runs 10000] [--repeat 5] [--shown 200] [--clean] [--fresh] [--big]
//   --big    30,000 run roots
//   --clean  remove the generated workspace afterwards (by default it stays in .bench-data/ and is reused:
//            deleting tens of thousands of files takes longer than the bench on a slow disk)
//   --fresh  generate the workspace again even when a matching one is kept
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { flag, numberArg } from './lib/args.mjs';
import { loadCore } from './lib/coreBundle.mjs';
import { walkFolders } from './lib/folderWalk.mjs';
import { collectGarbage, heapUsedMB, procMemory } from './lib/memory.mjs';
import { emitJson, loadLine, printTable } from './lib/report.mjs';
import { prepareRunWorkspace, removeRunWorkspace } from './lib/runWorkspace.mjs';
import { timeAsyncInterleaved } from './lib/stats.mjs';

const RUNS = numberArg('runs', flag('big') ? 30000 : 10000);
const REPEAT = numberArg('repeat', 5);
const SHOWN = numberArg('shown', 200);
const CLEAN = flag('clean');
const TARGET_PAINT_MS = 1000;

const core = await loadCore('runs-view', {
  'src/core/runs/runIndex.ts': ['RunIndex'],
  'src/core/runs/runKinds.ts': ['RUN_KINDS'],
  'src/core/runs/runSummary.ts': ['summarizeRun', 'formatHeadline'],
  'src/core/runs/summaryQueue.ts': ['SummaryQueue'],
  'src/core/manifest/manifestFields.ts': ['parseManifestFile', 'manifestFields'],
  'src/core/diagnostics/evidenceGrade.ts': ['evidenceGrade', 'describeReasons'],
});

/** The ManifestReader src/extension/extension.ts gives RunsTreeProvider. */
const readManifest = (text, fileName, run) => {
  const doc = core.parseManifestFile(text, fileName);
  const grade = core.evidenceGrade(doc, { runKind: run.kind === 'other' ? undefined : run.kind, entries: run.inventory.entries });
  return { ...core.manifestFields(doc), grade: { grade: grade.grade, reasons: core.describeReasons(grade, 'en') } };
};

/** RunsTreeProvider.getChildren(undefined) with grouping by kind and no filter. */
function rootGroups(runs) {
  const groups = new Map();
  for (const run of runs) {
    const entry = groups.get(run.kind) ?? { label: run.kind, kind: run.kind, runs: [] };
    entry.runs.push(run);
    groups.set(run.kind, entry);
  }
  return [...core.RUN_KINDS, 'other'].filter((k) => groups.has(k)).map((key) => ({ type: 'group', key, ...groups.get(key) }));
}

/** Summaries of `wanted` through the provider's queue: every group's runs queued, each expanded group's shown first. */
function summariesOf(groups, wanted) {
  return new Promise((resolve) => {
    const want = new Set(wanted);
    let left = want.size;
    const queue = new core.SummaryQueue(
      (run) => core.summarizeRun(run, readManifest),
      (run) => {
        if (!want.has(run) || --left > 0) return;
        queue.setAll([]); // the rest would go on in the view; here it would load the next round
        resolve(wanted.map((r) => queue.result(r)));
      },
    );
    queue.setAll(groups.flatMap((g) => g.runs));
    for (const g of groups) queue.showVisible(g.runs);
  });
}

/** The description RunsTreeProvider.runItem builds for a run once its summary is known. */
function description(run, s) {
  const parts = [s?.level, s ? core.formatHeadline(s.headline) : undefined].filter((p) => p);
  if (run.inventory.missing.length) parts.push(`missing ${run.inventory.missing.length}`);
  return parts.join(' · ');
}

const ws = await prepareRunWorkspace('runs-view', RUNS, { fresh: flag('fresh') });
const folder = ws.folder;
const rows = [];

try {
  console.log(loadLine());
  console.log(`workspace: ${RUNS.toLocaleString('en-US')} run roots (${Object.entries(ws.kinds).map(([k, n]) => `${k} ${n}`).join(', ')}), ${ws.files.toLocaleString('en-US')} files, ${ws.generated ? 'just written' : 'kept from an earlier run'}`);

  let stages;
  let shown;
  let lastIndex;
  const firstPaint = async () => {
    const t0 = performance.now();
    const index = new core.RunIndex(folder);
    await index.rescan();
    const t1 = performance.now();
    const runs = index.runs();
    const groups = rootGroups(runs);
    // Every group is created expanded: VS Code asks for each group's run nodes right away.
    const nodes = groups.map((g) => g.runs.map((run) => ({ type: 'run', run })));
    const t2 = performance.now();
    shown = nodes[0].slice(0, SHOWN).map((n) => n.run);
    // As RunsTreeProvider does: a bounded queue of every run in display order, the expanded groups' runs first.
    const summaries = await summariesOf(groups, shown);
    const labels = shown.map((run, k) => description(run, summaries[k]));
    const t3 = performance.now();
    if (runs.length !== RUNS || labels.length !== Math.min(SHOWN, nodes[0].length)) throw new Error(`found ${runs.length} runs, expected ${RUNS}`);
    lastIndex = index;
    stages = { total: t3 - t0, discovery: t1 - t0, grouping: t2 - t1, summaries: t3 - t2, groups: groups.length, nodes: nodes.reduce((n, g) => n + g.length, 0), errors: summaries.filter((s) => s.errors.length).length };
  };
  const reference = async () => {
    await walkFolders(folder);
    for (const run of shown) {
      if (run.manifestPath) (await readFile(run.manifestPath, 'utf8')).split('\n');
      for (const name of ['metrics.json', 'score.json', 'analysis.json']) {
        if (run.inventory.entries.includes(name)) {
          try {
            JSON.parse(await readFile(join(run.root, name), 'utf8'));
          } catch {
            // A cut-off file is part of the workspace; the reference skips it as summarizeRun reports it.
          }
        }
      }
    }
  };
  const rounds = [];
  const t = await timeAsyncInterleaved(
    {
      firstPaint: async () => {
        await firstPaint();
        rounds.push(stages);
      },
      reference,
    },
    // A warm-up round only for a kept workspace (cold page cache); a fresh one is warm from being written.
    { warmup: ws.generated ? 0 : 1, repeat: REPEAT },
  );
  // The stages of the median round, so they add up to the figure above them.
  const timed = rounds.slice(-REPEAT); // not the warm-up round
  const mid = [...timed].sort((a, b) => a.total - b.total)[Math.floor(timed.length / 2)];
  rows.push(
    { name: `first paint: discovery + grouping + ${SHOWN} summaries`, value: t.firstPaint.p50, unit: 'ms', ratio: t.firstPaint.p50 / t.reference.p50, refName: `readdir walk + reading the ${SHOWN} runs' files`, target: `< ${TARGET_PAINT_MS} ms`, met: t.firstPaint.p50 < TARGET_PAINT_MS, cpu: t.firstPaint.cpu.p50, note: `median of ${REPEAT}, max ${Math.round(t.firstPaint.max)} ms; process CPU ${Math.round(t.firstPaint.cpu.p50)} ms` },
    { name: '  RunIndex.rescan (discoverRuns)', value: mid.discovery, unit: 'ms', note: 'stages of the median round' },
    { name: `  runs() sort + group by kind + ${mid.nodes} run nodes`, value: mid.grouping, unit: 'ms', note: `${mid.groups} groups` },
    { name: `  summaries of the first ${SHOWN} runs shown`, value: mid.summaries, unit: 'ms', note: `${mid.errors} with unreadable files` },
    { name: 'reference: readdir walk + read/parse shown files', value: t.reference.p50, unit: 'ms' },
  );

  // Heap kept by the view's model after the first paint.
  const keep = lastIndex;
  collectGarbage();
  const heapIndex = heapUsedMB();

  // RunsTreeProvider.getChildren queues a summary for every run (16 in flight); the view repaints as they land.
  const all = keep.runs();
  const t0 = performance.now();
  let peakHeap = 0;
  const sampler = setInterval(() => (peakHeap = Math.max(peakHeap, heapUsedMB())), 20);
  const summaries = await summariesOf(rootGroups(all), all);
  clearInterval(sampler);
  const allMs = performance.now() - t0;
  collectGarbage();
  const heapAll = heapUsedMB();
  const mem = procMemory(process.pid);
  rows.push(
    { name: `heap used: index of ${RUNS} runs (after GC)`, value: heapIndex, unit: 'MB' },
    { name: `background summaries of all ${RUNS} runs`, value: allMs, unit: 'ms', ratio: allMs / t.firstPaint.p50, refName: 'first paint', note: `${summaries.filter((s) => s.errors.length).length} with unreadable files` },
    { name: `heap used: index + ${RUNS} summaries (after GC)`, value: heapAll, unit: 'MB', note: `peak while summarizing ${peakHeap.toFixed(0)} MB` },
    { name: 'bench process peak RSS (VmHWM)', value: mem?.hwmMB ?? NaN, unit: 'MB' },
  );
  if (summaries.length !== keep.runs().length) throw new Error('summaries lost');

  printTable(`Runs view at ${RUNS.toLocaleString('en-US')} run roots (ratios: value / reference measured in this run)`, rows);
  emitJson('runsView', rows.map(({ note: _note, ...row }) => row), { runs: RUNS, repeat: REPEAT, shown: SHOWN });
} finally {
  if (CLEAN) removeRunWorkspace(folder);
}
