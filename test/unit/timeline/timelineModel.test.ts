import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { writeSyntheticTrace } from '../../../src/core/trace/syntheticTrace';
import { parseTraceBytes } from '../../../src/core/trace/traceParser';
import type { TraceColumns } from '../../../src/core/trace/traceColumns';
import { analysesOfTrace, gapsOfTrace } from '../../../src/webview/timeline/analysesView';
import { FlowIndex } from '../../../src/webview/timeline/flowLinks';
import { aggregateRange, findSlices, matchNames, stepMatch } from '../../../src/webview/timeline/sliceQueries';
import { buildRenderModel, trackOfSlice, type RenderModel } from '../../../src/webview/timeline/timelineModel';
import { TimelineWorker } from '../../../src/webview/timeline/timelineWorker';
import type { FromWorker } from '../../../src/webview/timeline/workerProtocol';
import { makeTempDir } from '../../support/tempDir';

describe('timeline render model (worker side)', () => {
  let cols: TraceColumns;
  let model: RenderModel;
  let modelRow: Uint32Array;
  let bytes: Buffer;
  const tmp = makeTempDir('xwf-timeline-model-');

  before(async () => {
    const file = path.join(tmp.dir, 'msprof_1.json');
    await writeSyntheticTrace(file, { seed: 3, devices: 2, decodeSteps: 40 });
    bytes = readFileSync(file);
    cols = parseTraceBytes(bytes, file, 1 << 16);
    ({ model, row: modelRow } = buildRenderModel(cols));
  });
  after(() => tmp.cleanup());

  it('sends the page only the names slices use, each slice naming the string its row has', () => {
    assert.equal(model.names[0], '');
    assert.ok(model.names.length < cols.strings.length, `${model.names.length} slice names of ${cols.strings.length} strings (flow events name one each)`);
    assert.equal(new Set(model.names).size, model.names.length);
    for (let i = 0; i < modelRow.length; i++) assert.equal(model.names[model.slices.name[i]], cols.strings[cols.name[modelRow[i]]]);
  });

  it('puts every slice row in exactly one track, sorted and without overlaps', () => {
    const seen = new Uint8Array(cols.count);
    const { start, dur } = model.slices;
    const row = modelRow;
    for (const [ti, t] of model.tracks.entries()) {
      for (let i = t.offset; i < t.offset + t.count; i++) {
        assert.equal(trackOfSlice(model, i), ti);
        assert.equal(cols.lane[row[i]], t.lane);
        assert.equal(start[i], cols.startNs[row[i]]);
        assert.equal(seen[row[i]], 0);
        seen[row[i]] = 1;
        if (i > t.offset) assert.ok(start[i] >= start[i - 1] + dur[i - 1], `overlap in track ${ti} at ${i}`);
      }
    }
    let slices = 0;
    for (let r = 0; r < cols.count; r++) if (String.fromCharCode(cols.phase[r]) === 'X') slices++;
    assert.equal(model.slices.start.length, slices);
    assert.equal([...seen].filter(Boolean).length, slices);
    // Overlapping X events on a hardware stream land on a second depth instead of hiding each other.
    const hw = model.lanes.filter((l) => l.kind === 'hardware' && l.threadName === 'Stream 2');
    assert.ok(hw.length === 2 && hw.every((l) => l.tracks.length >= 2));
    assert.ok(model.minNs <= 0 && model.maxNs > model.minNs);
  });

  it('keeps counter series sorted, per lane and args key', () => {
    const names = model.counters.map((c) => c.name).sort();
    assert.ok(names.includes('AI Core Freq MHz'));
    assert.ok(names.includes('APP/HBM KB'));
    for (const c of model.counters) {
      for (let i = c.offset + 1; i < c.offset + c.count; i++) assert.ok(model.samples.start[i] >= model.samples.start[i - 1]);
      const lane = model.lanes[c.lane];
      assert.equal(lane.kind, 'counter');
      assert.ok(c.max >= c.min);
    }
  });

  it('binds flows to slices and keeps 64-bit ids exact', () => {
    const flows = new FlowIndex(cols, { ...model, slices: { row: modelRow } });
    const launch = model.names.indexOf('GraphLaunch');
    const slice = model.slices.name.indexOf(launch);
    const facts = flows.facts(slice);
    assert.ok(facts);
    assert.equal(facts.phase, 'X');
    assert.ok(facts.argsOffset > 0 && facts.argsLength > 0);
    const args = bytes.subarray(facts.argsOffset, facts.argsOffset + facts.argsLength).toString('utf8');
    assert.match(args, /"Task Type": "MODEL_EXECUTE"/);
    assert.ok(facts.arrows.length >= 2, `${facts.arrows.length} arrows`);
    for (const a of facts.arrows) {
      assert.equal(a.to.slice, slice);
      assert.ok(a.from.slice >= 0);
      assert.match(model.names[model.slices.name[a.from.slice]], /^AscendCL@aclmdlRIExecuteAsync$/);
    }
    const asyncId = facts.arrows.find((a) => a.cat === 'async_npu')?.id ?? '';
    assert.match(asyncId, /^\d{19}$/);
    assert.ok(BigInt(asyncId) > BigInt(Number.MAX_SAFE_INTEGER));
  });

  it('aggregates a range by name exactly like a brute-force scan', () => {
    const t0 = model.minNs + (model.maxNs - model.minNs) * 0.3;
    const t1 = model.minNs + (model.maxNs - model.minNs) * 0.45;
    const all = model.tracks.map((_, i) => i);
    const agg = aggregateRange(model, all, t1, t0);
    const brute = new Map<string, { count: number; total: number }>();
    const { start, dur, name } = model.slices;
    for (let i = 0; i < start.length; i++) {
      if (start[i] > t1 || start[i] + dur[i] < t0) continue;
      const n = model.names[name[i]];
      const e = brute.get(n) ?? { count: 0, total: 0 };
      e.count++;
      e.total += dur[i];
      brute.set(n, e);
    }
    assert.equal(agg.rows.length, brute.size);
    for (const r of agg.rows) {
      assert.equal(r.count, brute.get(r.name)?.count);
      assert.equal(r.totalNs, brute.get(r.name)?.total);
      assert.equal(r.avgNs, r.totalNs / r.count);
    }
    for (let k = 1; k < agg.rows.length; k++) assert.ok(agg.rows[k - 1].totalNs >= agg.rows[k].totalNs);
  });

  it('searches names by text or /regex/ and steps through matches in time order', () => {
    const flags = matchNames(model.names, 'argmax');
    assert.ok(flags);
    const hits = findSlices(model, flags);
    assert.equal(hits.length, 80);
    for (let k = 1; k < hits.length; k++) assert.ok(model.slices.start[hits[k]] >= model.slices.start[hits[k - 1]]);
    assert.equal(stepMatch(model, hits, -1, 1), 0);
    assert.equal(stepMatch(model, hits, hits[hits.length - 1], 1), 0);
    assert.equal(stepMatch(model, hits, hits[0], -1), hits.length - 1);
    const re = matchNames(model.names, '/^GraphLaunch$/');
    assert.ok(re);
    assert.equal(findSlices(model, re).length, 80);
    assert.equal(matchNames(model.names, '/[/'), null);
    assert.equal(matchNames(model.names, '   '), null);
  });

  it('computes the core analyses (kernels, communication, dispatch, overlap, gaps) as tables', async () => {
    const { analyses, gaps } = await analysesOfTrace(cols, { previous: 'ArgMaxV2', next: '^GraphLaunch' }, 'en');
    const byId = new Map(analyses.tables.map((t) => [t.id, t]));
    assert.deepEqual([...byId.keys()], ['kernels', 'communication', 'dispatch', 'overlap']);
    assert.ok(byId.get('kernels')!.rows.some((r) => r[0] === 'MatMulV2'));
    assert.ok(byId.get('communication')!.rows.some((r) => String(r[0]).startsWith('hcom_allReduce')));
    assert.equal(byId.get('dispatch')!.rows.length, 6);
    assert.ok(byId.get('overlap')!.hints.length >= 1);
    const all = gaps.table!.rows.at(-1)!;
    assert.equal(all[0], 'All');
    assert.equal(all[3], 78); // 40 steps on 2 devices: 39 pairs each
    assert.deepEqual(gaps.problems, []);
    const none = gapsOfTrace(cols, { previous: 'NoSuchKernel', next: '^GraphLaunch' }, 'zh-cn');
    assert.equal(none.problems.length, 1);
    assert.match(none.problems[0], /NoSuchKernel/);
    assert.match(gapsOfTrace(cols, { previous: '(', next: 'x' }, 'en').error ?? '', /not a valid regular expression/);
  });

  it('runs the whole worker protocol from chunks to details', async () => {
    const out: FromWorker[] = [];
    const w = new TimelineWorker((m) => out.push(m));
    w.handle({ type: 'open', files: ['msprof_1.json'], locale: 'en' });
    for (let i = 0; i < bytes.length; i += 100_000) {
      const chunk = bytes.subarray(i, i + 100_000);
      w.handle({ type: 'chunk', source: 0, bytes: chunk.buffer.slice(chunk.byteOffset, chunk.byteOffset + chunk.length) as ArrayBuffer });
    }
    w.handle({ type: 'end', source: 0 });
    w.handle({ type: 'finish', boundary: { previous: 'ArgMaxV2', next: '^GraphLaunch' } });
    const progress = out.filter((m) => m.type === 'progress');
    assert.equal(progress.at(-1)?.type === 'progress' && progress.at(-1)!.bytes, bytes.length);
    const m = out.find((x) => x.type === 'model');
    assert.ok(m && m.type === 'model');
    assert.equal(m.model.slices.start.length, model.slices.start.length);
    w.handle({ type: 'facts', requestId: 7, slice: 0 });
    assert.ok(out.some((x) => x.type === 'facts' && x.requestId === 7 && x.facts?.slice === 0));
    await new Promise((r) => setTimeout(r, 50));
    assert.ok(out.some((x) => x.type === 'analyses'));
    assert.ok(out.some((x) => x.type === 'gaps' && x.requestId === 0));
    w.handle({ type: 'chunk', source: 9, bytes: new ArrayBuffer(1) });
    assert.equal(out.at(-1)?.type, 'failed');
  });
});

describe('timeline render model of the real 2-rank torch_npu capture', () => {
  it('loads both ranks into one timeline with a device group each and flows within their category', async () => {
    const { resolveTraceIdentity } = await import('../../../src/extension/timeline/traceTargets');
    const { SHARED_FIXTURES } = await import('../../support/paths');
    const identity = await resolveTraceIdentity(path.join(SHARED_FIXTURES, 'ascend', 'torch_npu-tp2-level1'));
    assert.deepEqual(
      identity.files.map((f) => path.relative(SHARED_FIXTURES, f).split(path.sep).join('/')),
      ['ascend/torch_npu-tp2-level1/rank0_ascend_pt/ASCEND_PROFILER_OUTPUT/trace_view.json', 'ascend/torch_npu-tp2-level1/rank1_ascend_pt/ASCEND_PROFILER_OUTPUT/trace_view.json'],
    );
    const { TraceBuilder } = await import('../../../src/core/trace/traceParser');
    const b = new TraceBuilder();
    for (const f of identity.files) {
      const p = b.addSource(f);
      p.push(readFileSync(f));
      p.end();
    }
    const real = b.finish();
    const { model: m, row: realRow } = buildRenderModel(real);
    const devices = new Set(m.lanes.filter((l) => l.tracks.length || l.counters.length).map((l) => l.device));
    assert.deepEqual([...devices].sort(), [-1, 0, 1]);
    assert.ok(real.sources.every((s) => s.complete));
    const flows = new FlowIndex(real, { ...m, slices: { row: realRow } });
    let checked = 0;
    for (let s = 0; s < m.slices.start.length && checked < 50; s++) {
      const arrows = flows.arrowsFor(s);
      for (const a of arrows) {
        // Both ends of an arrow carry the same category and id.
        assert.ok(a.id.length > 0 && a.cat.length > 0);
        assert.ok(a.from.t <= a.to.t);
        checked++;
      }
    }
    assert.ok(checked >= 10, `${checked} arrows checked`);
  });
});
