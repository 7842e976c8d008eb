// The timeline comparison: decode-step alignment (the gap analysis's own pairs), the shared axis, lanes matched
// by name and laid out identically, the counterpart of a selected slice, the host's tables and the protocol guards.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import fc from 'fast-check';
import { compareTablesOf, compareTimelinePair, profilingFolderOf } from '../../../src/extension/timeline/compareTimelinesData';
import { analyzeGaps, BoundaryError } from '../../../src/core/profiling/gapAnalysis';
import { compareProfiles } from '../../../src/core/profiling/profileComparison';
import { analyzeProfile } from '../../../src/core/profiling/profileReport';
import { findProfilingOutputs } from '../../../src/core/profiling/profilingOutputs';
import { FileProfilingSource } from '../../../src/core/profiling/profilingSource';
import { SYNTHETIC_BOUNDARY, writeSyntheticProfTree, writeSyntheticTrace } from '../../../src/core/trace/syntheticTrace';
import { parseTraceBytes } from '../../../src/core/trace/traceParser';
import {
  isCompareTables,
  isCompareTimelinesToHost,
  isCompareTimelinesViewState,
  isHostToCompareTimelines,
  MAX_KERNEL_ROWS,
  type CompareTables,
  type CompareTimelinesToHost,
  type HostToCompareTimelines,
} from '../../../src/shared/timelineCompareProtocol';
import { MAX_ARGS_BYTES } from '../../../src/shared/timelineProtocol';
import { buildRenderModel, trackOfSlice, type RenderModel } from '../../../src/webview/timeline/timelineModel';
import { layoutRows, processKey } from '../../../src/webview/timeline/trackLayout';
import { alignLanes, keyLanes } from '../../../src/webview/timelineCompare/laneAlignment';
import { laneSlicesIn, matchSlice, windowOfStep } from '../../../src/webview/timelineCompare/sliceMatch';
import {
  alignAtStep,
  boundsInTrace,
  clampStep,
  commonStepGroup,
  gapColumnsOfModel,
  mirrorViewport,
  sharedBounds,
  stepAt,
  stepTableOfModel,
  stepTableOfPairs,
  stepViewport,
  stepWindow,
} from '../../../src/webview/timelineCompare/stepAlignment';
import { makeTempDir } from '../../support/tempDir';

/** A small msprof-like trace: metadata, then X events given as [pid, tid, name, start µs, dur µs]. */
function traceText(procs: { pid: number; name: string; sort?: number; threads: { tid: number; name: string }[] }[], events: [number, number, string, number, number][]): string {
  const out: string[] = [];
  for (const p of procs) {
    out.push(JSON.stringify({ name: 'process_name', ph: 'M', pid: p.pid, tid: 0, args: { name: p.name } }));
    if (p.sort !== undefined) out.push(JSON.stringify({ name: 'process_sort_index', ph: 'M', pid: p.pid, tid: 0, args: { sort_index: p.sort } }));
    for (const t of p.threads) out.push(JSON.stringify({ name: 'thread_name', ph: 'M', pid: p.pid, tid: t.tid, args: { name: t.name } }));
  }
  for (const [pid, tid, name, ts, dur] of events) out.push(JSON.stringify({ name, ph: 'X', pid, tid, ts: String(1_000_000 + ts), dur }));
  return `[${out.join(',\n')}]`;
}

const modelOf = (text: string): RenderModel => buildRenderModel(parseTraceBytes(Buffer.from(text), 'msprof_1.json')).model;

/** Layout rows as comparable text: kind, label and height (what must line up between the two sides). */
function rowsText(m: RenderModel): string[] {
  const layout = layoutRows(
    m.lanes.map((l) => ({ id: l.id, device: l.device, pid: l.pid, processName: l.processName, threadName: l.threadName, processSortIndex: l.processSortIndex, threadSortIndex: l.threadSortIndex, depthCount: l.tracks.length, counterCount: l.counters.length })),
    new Set(),
  );
  return layout.rows.map((r) => (r.kind === 'device' ? `device ${r.device} ${r.height}` : r.kind === 'process' ? `process ${r.processName} ${r.height}` : `lane ${m.lanes[r.lane].threadName.replace(/ \(absent\)$/, '')} ${r.height}`));
}

describe('timeline comparison: decode-step alignment', () => {
  const tmp = makeTempDir('xwf-timeline-compare-');
  let a: RenderModel;
  let b: RenderModel;

  before(async () => {
    const fa = path.join(tmp.dir, 'a_msprof_1.json');
    const fb = path.join(tmp.dir, 'b_msprof_1.json');
    await writeSyntheticTrace(fa, { seed: 3, devices: 2, decodeSteps: 20, stepGapUs: 400 });
    await writeSyntheticTrace(fb, { seed: 4, devices: 2, decodeSteps: 24, stepGapUs: 250 });
    a = modelOf(readFileSync(fa, 'utf8'));
    b = modelOf(readFileSync(fb, 'utf8'));
  });
  after(() => tmp.cleanup());

  it('finds the step starts of the drawn slices exactly where the gap analysis of the parsed columns pairs them', async () => {
    const file = path.join(tmp.dir, 'a_msprof_1.json');
    const cols = parseTraceBytes(readFileSync(file), file);
    const fromColumns = stepTableOfPairs(analyzeGaps(cols, SYNTHETIC_BOUNDARY).pairs);
    const fromModel = stepTableOfModel(a, SYNTHETIC_BOUNDARY);
    assert.deepEqual([...fromModel.keys()].sort(), [...fromColumns.keys()].sort());
    for (const [d, starts] of fromColumns) assert.deepEqual([...fromModel.get(d)!], [...starts], `device ${d}`);
    // 20 decode steps: 19 boundaries between them on each of the two NPUs.
    assert.deepEqual([...fromModel.keys()].sort(), [0, 1]);
    assert.equal(fromModel.get(0)!.length, 19);
    // Every start is a next-boundary slice (GraphLaunch) of that device.
    const graphLaunch = a.names.indexOf('GraphLaunch');
    for (const t of fromModel.get(1)!) {
      let found = false;
      for (let i = 0; i < a.slices.start.length && !found; i++) found = a.slices.name[i] === graphLaunch && a.slices.start[i] === t && a.lanes[a.tracks[trackOfSlice(a, i)].lane].device === 1;
      assert.ok(found, `no GraphLaunch on NPU 1 starts at ${t}`);
    }
    // The adapter hands the gap analysis every slice as a complete event on its lane.
    const gc = gapColumnsOfModel(a);
    assert.equal(gc.count, a.slices.start.length);
    assert.ok(gc.lanes.every((l) => l.host === (l.kind === 'host' || l.kind === 'cann')));
  });

  it('aligns both traces at the start of the same step of the lowest common NPU', () => {
    const ta = stepTableOfModel(a, SYNTHETIC_BOUNDARY);
    const tb = stepTableOfModel(b, SYNTHETIC_BOUNDARY);
    assert.equal(commonStepGroup(ta, tb), 0);
    const al = alignAtStep(ta.get(0)!, tb.get(0)!, 5)!;
    assert.deepEqual(al, { step: 5, baselineOffsetNs: ta.get(0)![4], currentOffsetNs: tb.get(0)![4] });
    // Steps are clamped to those both traces have (19 and 23 boundaries).
    assert.equal(alignAtStep(ta.get(0)!, tb.get(0)!, 99)!.step, 19);
    assert.equal(alignAtStep(ta.get(0)!, tb.get(0)!, -3)!.step, 1);
    assert.equal(alignAtStep(new Float64Array(0), tb.get(0)!, 1), null);
    // An invalid regex is the gap analysis's own error.
    assert.throws(() => stepTableOfModel(a, { previous: '(', next: 'x' }), BoundaryError);
  });

  it('picks the common group: lowest shared NPU, else the host lanes, else nothing', () => {
    const f = (xs: number[]): Float64Array => Float64Array.from(xs);
    assert.equal(commonStepGroup(new Map([[3, f([1])], [1, f([1])]]), new Map([[3, f([2])], [2, f([2])]])), 3);
    assert.equal(commonStepGroup(new Map([[0, f([1])], [-1, f([5])]]), new Map([[1, f([2])], [-1, f([6])]])), -1);
    assert.equal(commonStepGroup(new Map([[0, f([1])]]), new Map([[1, f([2])]])), null);
    assert.equal(commonStepGroup(new Map([[0, f([])]]), new Map([[0, f([2])]])), null);
  });

  it('numbers steps from 1 and gives each its window up to the next step', () => {
    const starts = Float64Array.from([100, 250, 400]);
    assert.equal(stepAt(starts, 50), 0);
    assert.equal(stepAt(starts, 100), 1);
    assert.equal(stepAt(starts, 399), 2);
    assert.equal(stepAt(starts, 1e9), 3);
    assert.deepEqual(stepWindow(starts, 2, 1000), { start: 250, end: 400 });
    assert.deepEqual(stepWindow(starts, 3, 1000), { start: 400, end: 1000 });
    assert.equal(clampStep(Number.NaN, 3), 1);
    assert.equal(clampStep(2.6, 3), 3);
    assert.equal(clampStep(1, 0), 0);
  });

  it('keeps both views on one axis: a mirrored viewport shows the same aligned range, and mirroring back is exact', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e9 }),
        fc.integer({ min: 0, max: 1e9 }),
        fc.integer({ min: -1e6, max: 1e9 }),
        fc.double({ min: 0.1, max: 1e6, noNaN: true }),
        fc.integer({ min: 100, max: 4000 }),
        (offA, offB, start, nsPerPx, width) => {
          const v = { startNs: start, nsPerPx, widthPx: width };
          const m = mirrorViewport(v, offA, offB);
          assert.equal(m.nsPerPx, v.nsPerPx);
          assert.ok(Math.abs(m.startNs - offB - (v.startNs - offA)) < 1e-6);
          const back = mirrorViewport(m, offB, offA);
          assert.ok(Math.abs(back.startNs - v.startNs) < 1e-6);
        },
      ),
    );
    // Shared bounds hold both traces; in each trace's coordinates they cover the whole trace.
    const shared = sharedBounds({ minNs: 0, maxNs: 1000 }, 300, { minNs: 50, maxNs: 5000 }, 2000);
    assert.deepEqual(shared, { minNs: -1950, maxNs: 3000 });
    assert.deepEqual(boundsInTrace(shared, 300), { minNs: -1650, maxNs: 3300 });
    const vp = stepViewport(300, 500, 1000, boundsInTrace(shared, 300));
    assert.ok(vp.startNs < 300 && vp.startNs + vp.nsPerPx * vp.widthPx > 800, JSON.stringify(vp));
  });
});

describe('timeline comparison: lanes matched by name', () => {
  // Baseline: NPU 0 streams 2 and 3, a host process; current: streams 2 and 5 (Stream 2 deeper), other pids.
  const base = modelOf(
    traceText(
      [
        { pid: 100 << 10, name: 'Ascend Hardware', sort: 10, threads: [{ tid: 2, name: 'Stream 2' }, { tid: 3, name: 'Stream 3' }] },
        { pid: 5001, name: 'CANN', sort: 1, threads: [{ tid: 7, name: 'Thread 7' }] },
      ],
      [
        [100 << 10, 2, 'MatMulV2', 0, 10],
        [100 << 10, 2, 'MatMulV2', 20, 10],
        [100 << 10, 3, 'Add', 5, 3],
        [5001, 7, 'aclnnMatmul', 0, 2],
      ],
    ),
  );
  const cur = modelOf(
    traceText(
      [
        { pid: 200 << 10, name: 'Ascend Hardware', sort: 10, threads: [{ tid: 2, name: 'Stream 2' }, { tid: 5, name: 'Stream 5' }] },
        { pid: 6001, name: 'CANN', sort: 1, threads: [{ tid: 9, name: 'Thread 7' }] },
      ],
      [
        [200 << 10, 2, 'MatMulV2', 0, 10],
        [200 << 10, 2, 'RmsNorm', 2, 4],
        [200 << 10, 2, 'MatMulV2', 20, 12],
        [200 << 10, 5, 'Add', 5, 3],
        [6001, 9, 'aclnnMatmul', 1, 2],
      ],
    ),
  );

  it('gives both sides the same rows in the same order with the same heights', () => {
    const aligned = alignLanes(base, cur, '(absent)');
    const rb = rowsText(aligned.baseline);
    const rc = rowsText(aligned.current);
    assert.deepEqual(rb, rc);
    assert.deepEqual(
      rb.filter((r) => r.startsWith('lane')).map((r) => r.split(' ').slice(1, 3).join(' ')),
      ['Thread 7', 'Stream 2', 'Stream 3', 'Stream 5'],
    );
    // Stream 2 is two slices deep in the current trace: the baseline's row grows to match.
    const s2 = aligned.baseline.lanes.find((l) => l.threadName === 'Stream 2')!;
    assert.equal(s2.tracks.length, 2);
    assert.equal(aligned.baseline.tracks[s2.tracks[1]].count, 0);
    // Lanes one side lacks are empty stand-ins marked as such.
    assert.ok(aligned.baseline.lanes.some((l) => l.threadName === 'Stream 5 (absent)' && l.sliceCount === 0));
    assert.ok(aligned.current.lanes.some((l) => l.threadName === 'Stream 3 (absent)'));
  });

  it('keeps real lane ids (slices still point at them) and maps each lane to the same-named one', () => {
    const aligned = alignLanes(base, cur, '(absent)');
    for (let i = 0; i < base.lanes.length; i++) assert.equal(aligned.baseline.lanes[i].id, i);
    for (const l of keyLanes(base)) {
      const other = aligned.current.lanes[aligned.toCurrent[l.lane.id]];
      assert.equal(other.threadName.replace(' (absent)', ''), l.lane.threadName);
      assert.equal(other.processName, l.lane.processName);
      assert.equal(aligned.toBaseline[other.id], l.lane.id);
    }
  });

  it('maps a folded process of one side to the same process of the other (pids differ between runs)', () => {
    const aligned = alignLanes(base, cur, '(absent)');
    const hwBase = aligned.baseline.lanes.find((l) => l.threadName === 'Stream 2')!;
    const hwCur = aligned.current.lanes.find((l) => l.threadName === 'Stream 2')!;
    assert.notEqual(hwBase.pid, hwCur.pid);
    assert.deepEqual(aligned.mapCollapsed([processKey(0, hwBase.pid), 'd:-1'], 'baseline'), [processKey(0, hwCur.pid), 'd:-1']);
    assert.deepEqual(aligned.mapCollapsed([processKey(0, hwCur.pid)], 'current'), [processKey(0, hwBase.pid)]);
  });
});

describe('timeline comparison: the counterpart of a selected slice', () => {
  const tmp = makeTempDir('xwf-timeline-compare-match-');
  let a: RenderModel;
  let b: RenderModel;

  before(async () => {
    const fa = path.join(tmp.dir, 'a.json');
    const fb = path.join(tmp.dir, 'b.json');
    await writeSyntheticTrace(fa, { seed: 11, devices: 2, decodeSteps: 12 });
    await writeSyntheticTrace(fb, { seed: 12, devices: 2, decodeSteps: 12, stepGapUs: 150 });
    a = modelOf(readFileSync(fa, 'utf8'));
    b = modelOf(readFileSync(fb, 'utf8'));
  });
  after(() => tmp.cleanup());

  it('finds the same occurrence of the same name in the same step on the lane of the same name', () => {
    const aligned = alignLanes(a, b, '(absent)');
    const sa = stepTableOfModel(aligned.baseline, SYNTHETIC_BOUNDARY).get(0)!;
    const sb = stepTableOfModel(aligned.current, SYNTHETIC_BOUNDARY).get(0)!;
    const name = aligned.baseline.names.indexOf(aligned.baseline.names.find((n) => /MatMulV2$/.test(n))!);
    // The third MatMul of step 5 on the first lane that has one.
    const w = windowOfStep(aligned.baseline, sa, 5);
    const lane = aligned.baseline.lanes.find((l) => laneSlicesIn(aligned.baseline, l.id, name, w.start, w.end).length >= 3)!;
    const third = laneSlicesIn(aligned.baseline, lane.id, name, w.start, w.end)[2];
    const m = matchSlice(aligned.baseline, sa, third, aligned.current, sb, aligned.toCurrent);
    assert.equal(m.step, 5);
    assert.equal(m.exact, true);
    assert.equal(aligned.current.names[aligned.current.slices.name[m.slice]], aligned.baseline.names[name]);
    const wb = windowOfStep(aligned.current, sb, 5);
    assert.ok(aligned.current.slices.start[m.slice] >= wb.start && aligned.current.slices.start[m.slice] < wb.end);
    const toLane = aligned.current.tracks[trackOfSlice(aligned.current, m.slice)].lane;
    assert.equal(toLane, aligned.toCurrent[lane.id]);
    assert.equal(laneSlicesIn(aligned.current, toLane, aligned.current.names.indexOf(aligned.baseline.names[name]), wb.start, wb.end).indexOf(m.slice), 2);
    // And back again.
    const back = matchSlice(aligned.current, sb, m.slice, aligned.baseline, sa, aligned.toBaseline);
    assert.equal(back.slice, third);
  });

  it('answers -1 for a name the other trace does not have', () => {
    const aligned = alignLanes(a, b, '(absent)');
    const sa = stepTableOfModel(aligned.baseline, SYNTHETIC_BOUNDARY).get(0)!;
    const sb = stepTableOfModel(aligned.current, SYNTHETIC_BOUNDARY).get(0)!;
    const renamed: RenderModel = { ...aligned.current, names: aligned.current.names.map((n) => `${n}_x`) };
    assert.equal(matchSlice(aligned.baseline, sa, 0, renamed, sb, aligned.toCurrent).slice, -1);
  });
});

describe('timeline comparison: tables from the core comparison', () => {
  const tmp = makeTempDir('xwf-timeline-compare-tables-');
  let baseRoot: string;
  let curRoot: string;

  before(async function () {
    this.timeout(60_000);
    baseRoot = path.join(tmp.dir, 'profiling', 'base');
    curRoot = path.join(tmp.dir, 'profiling', 'cur');
    await writeSyntheticProfTree(baseRoot, { seed: 5, devices: 2, decodeSteps: 16, stepGapUs: 400, stamp: '20261101103000' });
    await writeSyntheticProfTree(curRoot, { seed: 6, devices: 2, decodeSteps: 16, stepGapUs: 200, stamp: '20261102103000' });
  });
  after(() => tmp.cleanup());

  it('reduces the core comparison: kernel rows by |delta|, both gap distributions, shared buckets', async () => {
    const pair = { baseline: { label: 'base', identity: { files: [path.join(baseRoot, 'x.json')], runRoot: baseRoot } }, current: { label: 'cur', identity: { files: [path.join(curRoot, 'y.json')], runRoot: curRoot } } };
    const tables = await compareTimelinePair(pair, SYNTHETIC_BOUNDARY, 'en');
    assert.ok(isCompareTables(tables));
    assert.ok(tables.kernel.rows.length > 3);
    const deltas = tables.kernel.rows.map((r) => Math.abs(r.deltaUs));
    assert.deepEqual(deltas, [...deltas].sort((x, y) => y - x));
    // The same numbers as the core comparison of the same captures.
    const analyze = async (root: string) => analyzeProfile(new FileProfilingSource(await findProfilingOutputs(root)), { boundary: SYNTHETIC_BOUNDARY });
    const core = compareProfiles(await analyze(baseRoot), await analyze(curRoot));
    assert.equal(tables.gaps.baseline.medianUs, core.gaps.baseline.gap_median_us);
    assert.equal(tables.gaps.current.pairs, core.gaps.current.pair_count);
    assert.ok(tables.gaps.current.medianUs! < tables.gaps.baseline.medianUs!, 'the current capture has the shorter gap');
    assert.deepEqual(tables.gaps.histogram.edgesUs, core.gaps.histogram.edges_us);
    assert.equal(tables.kernel.rows[0].opType, core.kernel_diff.rows[0].op_type);
    assert.equal(tables.kernel.rows[0].baseline?.count, core.kernel_diff.rows[0].baseline?.count);
    assert.equal(profilingFolderOf({ files: ['/x/PROF_1/a.json'] }), '/x/PROF_1');
  });

  it('keeps the largest changes when there are too many op types, and says how many were left out', () => {
    const row = (i: number) => ({ op_type: `Op${i}`, presence: 'both' as const, baseline: { count: 1, total_us: 10, avg_us: 10, share: 0.1 }, current: { count: 1, total_us: 10 + i, avg_us: 10 + i, share: 0.1 }, delta_total_us: i, delta_pct: i / 10, delta_avg_us: i, share_change: 0 });
    const n = MAX_KERNEL_ROWS + 25;
    const stats = { pair_count: 0, gap_min_us: null, gap_median_us: null, gap_mean_us: null, gap_p90_us: null, gap_max_us: null };
    const diff = { baseline: stats, current: stats, delta: { median_us: null, mean_us: null, p90_us: null, min_us: null, max_us: null } };
    const side = { label: null, status: 'OK', trace_files: [], events: 0, devices: [] };
    const t = compareTablesOf({
      baseline: side,
      current: side,
      boundary: { previous: 'a', next: 'b' },
      kernel_diff: { baseline_source: 'op_statistic', current_source: 'op_statistic', baseline_total_us: 1, current_total_us: 2, delta_total_us: 1, delta_pct: 1, rows: Array.from({ length: n }, (_, i) => row(n - i)), baseline_hidden_share: 0, current_hidden_share: 0 },
      communication_diff: { baseline_source: '', current_source: '', baseline_total_us: 0, current_total_us: 0, delta_total_us: 0, delta_pct: null, rows: [] },
      overlap: { baseline: null, current: null, share_change: null },
      gaps: { ...diff, by_device: [], histogram: { edges_us: [], baseline: [], current: [] } },
    });
    assert.equal(t.kernel.rows.length, MAX_KERNEL_ROWS);
    assert.equal(t.kernel.omitted, 25);
    assert.equal(t.kernel.rows[0].opType, `Op${n}`);
    assert.ok(isCompareTables(t));
  });

  it('refuses an empty or invalid boundary with the reason', async () => {
    const pair = { baseline: { label: 'base', identity: { files: ['a.json'], runRoot: baseRoot } }, current: { label: 'cur', identity: { files: ['b.json'], runRoot: curRoot } } };
    await assert.rejects(compareTimelinePair(pair, { previous: ' ', next: 'x' }, 'en'), /previous boundary is empty/);
    await assert.rejects(compareTimelinePair(pair, { previous: 'ArgMax(', next: 'x' }, 'en'), (e: Error) => e instanceof BoundaryError && /not a valid regular expression/.test(e.message));
  });
});

describe('timeline comparison protocol guards', () => {
  const identity = { files: ['/w/profiling/a/PROF_1/msprof_1.json'], runRoot: '/w/profiling/a' };
  const side = { label: 'a', identity, sources: [{ label: 'PROF_1/msprof_1.json', url: 'https://file+.vscode-resource/x.json', bytes: 10 }] };
  const tables: CompareTables = {
    boundary: { previous: 'ArgMaxV2', next: '^GraphLaunch' },
    kernel: { baselineSource: 'op_statistic', currentSource: 'op_statistic', baselineTotalUs: 10, currentTotalUs: 9, rows: [{ opType: 'MatMulV2', baseline: { count: 3, totalUs: 5 }, current: null, deltaUs: -5 }], omitted: 0 },
    gaps: {
      baseline: { pairs: 2, minUs: 1, medianUs: 2, meanUs: 2, p90Us: 3, maxUs: 3 },
      current: { pairs: 0, minUs: null, medianUs: null, meanUs: null, p90Us: null, maxUs: null },
      histogram: { edgesUs: [1, 2, 3], baseline: [1, 1], current: [0, 0] },
    },
    problems: [],
  };

  it('accepts every well-formed message in both directions', () => {
    const toPage: HostToCompareTimelines[] = [
      { type: 'init', baseline: side, current: { ...side, label: 'b' }, locale: 'zh-cn', boundary: { previous: 'a', next: 'b' } },
      { type: 'tables', requestId: 1, tables },
      { type: 'tables', requestId: 2, error: 'no trace' },
      { type: 'args', requestId: 3, text: '{}' },
    ];
    for (const m of toPage) assert.ok(isHostToCompareTimelines(m), JSON.stringify(m));
    const toHost: CompareTimelinesToHost[] = [
      { type: 'ready' },
      { type: 'readArgs', requestId: 1, side: 'current', source: 0, offset: 5, length: 10 },
      { type: 'compare', requestId: 2, boundary: { previous: 'a', next: 'b' } },
      { type: 'loaded', side: 'baseline', events: 10, slices: 8, problems: [] },
    ];
    for (const m of toHost) assert.ok(isCompareTimelinesToHost(m), JSON.stringify(m));
  });

  it('rejects messages of the wrong direction, shape or size', () => {
    assert.equal(isCompareTimelinesToHost({ type: 'init' }), false);
    assert.equal(isHostToCompareTimelines({ type: 'ready' }), false);
    assert.equal(isCompareTimelinesToHost({ type: 'readArgs', requestId: 1, side: 'other', source: 0, offset: 0, length: 1 }), false);
    assert.equal(isCompareTimelinesToHost({ type: 'readArgs', requestId: 1, side: 'baseline', source: 0, offset: 0, length: MAX_ARGS_BYTES + 1 }), false);
    assert.equal(isCompareTimelinesToHost({ type: 'compare', requestId: 1, boundary: { previous: 'a' } }), false);
    assert.equal(isCompareTimelinesToHost({ type: 'loaded', side: 'current', events: -1, slices: 0, problems: [] }), false);
    assert.equal(isHostToCompareTimelines({ type: 'tables', requestId: 1 }), false);
    assert.equal(isHostToCompareTimelines({ type: 'tables', requestId: 1, tables, error: 'x' }), false);
    assert.equal(isHostToCompareTimelines({ type: 'init', baseline: side, current: { ...side, sources: [] }, locale: 'en', boundary: { previous: 'a', next: 'b' } }), false);
    assert.equal(isHostToCompareTimelines({ type: 'init', baseline: side, current: side, locale: 'fr', boundary: { previous: 'a', next: 'b' } }), false);
    // Tables: counts must match the buckets, edges ascend, numbers are finite, a row has at least one side.
    assert.equal(isCompareTables({ ...tables, gaps: { ...tables.gaps, histogram: { edgesUs: [1, 2, 3], baseline: [1], current: [0, 0] } } }), false);
    assert.equal(isCompareTables({ ...tables, gaps: { ...tables.gaps, histogram: { edgesUs: [3, 2, 1], baseline: [1, 1], current: [0, 0] } } }), false);
    assert.equal(isCompareTables({ ...tables, kernel: { ...tables.kernel, rows: [{ opType: 'x', baseline: null, current: null, deltaUs: 0 }] } }), false);
    assert.equal(isCompareTables({ ...tables, kernel: { ...tables.kernel, baselineTotalUs: Number.NaN } }), false);
    assert.equal(isCompareTables({ ...tables, kernel: { ...tables.kernel, rows: Array.from({ length: MAX_KERNEL_ROWS + 1 }, () => tables.kernel.rows[0]) } }), false);
  });

  it('never throws and never accepts arbitrary values', () => {
    fc.assert(
      fc.property(fc.anything(), (v) => {
        const a = isHostToCompareTimelines(v);
        const b = isCompareTimelinesToHost(v);
        if (a || b) assert.equal(typeof (v as { type: unknown }).type, 'string');
        isCompareTables(v);
        isCompareTimelinesViewState(v);
      }),
      { numRuns: 500 },
    );
  });

  it('restores only a state holding the two trace identities', () => {
    assert.ok(isCompareTimelinesViewState({ baseline: identity, current: { files: ['/w/b.json'] } }));
    assert.equal(isCompareTimelinesViewState({ baseline: identity }), false);
    assert.equal(isCompareTimelinesViewState({ baseline: identity, current: { files: [] } }), false);
    assert.equal(isCompareTimelinesViewState({ identity }), false);
  });
});
