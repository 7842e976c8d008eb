import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import * as path from 'node:path';
import { readFileSync } from 'node:fs';
import { loadTraceFiles } from '../../../src/core/trace/traceFiles';
import type { TraceColumns } from '../../../src/core/trace/traceColumns';
import { readTable, type OpSummaryRow } from '../../../src/core/profiling/profilingTables';
import { kernelTableFromOpStatistic, kernelTableFromOpSummary, kernelTableFromTrace } from '../../../src/core/profiling/kernelTable';
import { communicationTableFromOpSummary, communicationTableFromTrace } from '../../../src/core/profiling/communicationTable';
import { dispatchRow, dispatchTableFromOpSummary, dispatchTableFromTrace } from '../../../src/core/profiling/dispatchTable';
import { bottleneckHints, overlapFromStepTrace, overlapFromTrace, overlapTimes } from '../../../src/core/profiling/overlapBreakdown';
import { opTypeOfTaskName } from '../../../src/core/profiling/kernelNames';
import { fusePatternsFromTrace } from '../../../src/core/profiling/fusePatterns';
import { memoryTableFromTrace } from '../../../src/core/profiling/memoryTable';
import { SHARED_FIXTURES } from '../../support/paths';

const OUT = (r: number): string => path.join(SHARED_FIXTURES, 'ascend', 'torch_npu-tp2-level1', `rank${r}_ascend_pt`, 'ASCEND_PROFILER_OUTPUT');
const read = (r: number, f: string): string => readFileSync(path.join(OUT(r), f), 'utf8');

// Expected numbers: a small Python script (csv/json modules, Decimal sums) over the same fixture files, run once.
describe('profiling analyses on the fixture capture', () => {
  let trace: TraceColumns;
  before(async () => {
    trace = await loadTraceFiles([0, 1].map((r) => path.join(OUT(r), 'trace_view.json')));
  });

  it('kernel table from op_statistic of both ranks: grouped by OP Type, rows under 1% hidden but counted', () => {
    const rows = [0, 1].flatMap((r) => readTable('op_statistic', 'op_statistic.csv', read(r, 'op_statistic.csv'), r).rows);
    const k = kernelTableFromOpStatistic(rows);
    assert.equal(k.source, 'op_statistic');
    assert.equal(k.total_us, 17752.044);
    assert.equal(k.rows.length, 15);
    assert.equal(k.hidden_count, 18);
    assert.equal(k.hidden_total_us, 609.127);
    assert.equal(k.hidden_share, 0.034313);
    assert.deepEqual(k.rows[0], { op_type: 'ForeachAddList', core_type: 'AI_VECTOR_CORE', count: 6, total_us: 3913.218, avg_us: 652.203, share: 0.220438 });
    assert.deepEqual(
      k.rows.slice(1, 3).map((r) => [r.op_type, r.count, r.total_us, r.share]),
      [
        ['TransData', 114, 2839.216, 0.159937],
        ['MatMulV2', 16, 1869.057, 0.105287],
      ],
    );
    assert.ok(k.rows.every((r) => r.share >= 0.01));
  });

  it('kernel table from kernel_details keeps the uniquely named collectives together', () => {
    const rows = readTable('op_summary', 'kernel_details.csv', read(0, 'kernel_details.csv'), 0).rows;
    const k = kernelTableFromOpSummary(rows);
    assert.equal(k.total_us, 114865.613);
    assert.deepEqual(k.rows[0], { op_type: 'hcom_allReduce_', core_type: 'HCCL', count: 4, total_us: 105991.876, avg_us: 26497.969, share: 0.922747 });
  });

  it('groups by OP Type: 10 distinct hcom calls at 27% survive the 1% cutoff', () => {
    const row = (opName: string, opType: string, durUs: number): OpSummaryRow => ({
      device: 0, stepId: null, modelId: null, taskId: null, streamId: 2, opName, opType, taskType: null, coreType: null, start: null, durUs, waitUs: null, blockNum: null,
    });
    const rows = [row('mm', 'MatMulV2', 730), ...Array.from({ length: 10 }, (_, i) => row(`hcom_allReduce__58${i}_0_1`, 'hcom_allReduce_', 27))];
    const k = kernelTableFromOpSummary(rows);
    assert.deepEqual(k.rows.map((r) => [r.op_type, r.count, r.share]), [['MatMulV2', 1, 0.73], ['hcom_allReduce_', 10, 0.27]]);
    assert.equal(k.hidden_count, 0);
    const noType = kernelTableFromOpSummary(rows.map((r) => ({ ...r, opType: null })));
    assert.equal(noType.rows.find((r) => r.op_type === 'hcom_allReduce_')?.count, 10, 'OP Type falls back to the name pattern');
  });

  it('derives OP Types from device task names', () => {
    assert.equal(opTypeOfTaskName('aclnnArgMax_ArgMaxV2AiCore_ArgMaxV2'), 'ArgMaxV2');
    assert.equal(opTypeOfTaskName('aclnnMatmul_MatMulV2AiCore_MatMulV2'), 'MatMulV2');
    assert.equal(opTypeOfTaskName('hcom_allReduce__586_0_1'), 'hcom_allReduce_');
    assert.equal(opTypeOfTaskName('trans_TransData_0'), 'trans_TransData');
    assert.equal(opTypeOfTaskName('MEMCPY_ASYNC'), 'MEMCPY_ASYNC');
    const k = kernelTableFromTrace(trace);
    assert.equal(k.source, 'trace');
    // Kernels only: stream sync (Notify Wait, EVENT_WAIT), copies and profiler marks are left out.
    assert.equal(k.rows[0].op_type, 'ForeachAddList');
    // ...so the kernel time equals the Computing time of the Overlap Analysis lanes (8873.756 + 8878.295 µs).
    assert.ok(Math.abs(k.total_us - 17752.051) < 0.01, String(k.total_us));
    assert.ok(k.rows.some((r) => r.op_type === 'TransData'));
    assert.ok(!k.rows.some((r) => /Notify|EVENT_|MEMCPY|SDMA/.test(r.op_type)));
  });

  it('communication table from the HCCL group lanes of both ranks', () => {
    const c = communicationTableFromTrace(trace);
    assert.deepEqual(c.rows, [{ op_type: 'hcom_allReduce_', count: 8, total_us: 206367.163, avg_us: 25795.895, min_us: 2280.146, max_us: 79089.52, share: 1 }]);
    const fromCsv = communicationTableFromOpSummary(readTable('op_summary', 'k.csv', read(0, 'kernel_details.csv'), 0).rows);
    assert.deepEqual(fromCsv.rows.map((r) => [r.op_type, r.count, r.total_us]), [['hcom_allReduce_', 4, 105991.876]]);
  });

  it('dispatch efficiency per stream', () => {
    const d = dispatchTableFromTrace(trace);
    assert.deepEqual(
      d.rows.map((r) => `${r.device}:${r.stream}`),
      ['0:0', '0:2', '0:3', '0:4', '1:0', '1:2', '1:3', '1:4'],
    );
    assert.deepEqual(d.rows[1], { device: 0, stream: 2, task_count: 219, busy_us: 101426.846, avg_wait_us: 182.282, avg_gap_us: 182.282, launches_per_ms: 1.551 });
    const csv = dispatchTableFromOpSummary(readTable('op_summary', 'k.csv', read(0, 'kernel_details.csv'), 0).rows);
    assert.equal(csv.source, 'op_summary');
    assert.ok(csv.rows.length >= 2);
  });

  it('computes busy, wait, gap and launch rate by hand', () => {
    // tasks (µs): [0,10] [12,20] [20,25] [40,50] -> idle 2, 0, 15; busy 33; span 50 µs
    const r = dispatchRow(0, 7, Float64Array.from([40e3, 0, 12e3, 20e3]), Float64Array.from([10e3, 10e3, 8e3, 5e3]));
    assert.deepEqual(r, { device: 0, stream: 7, task_count: 4, busy_us: 33, avg_wait_us: 5.667, avg_gap_us: 8.5, launches_per_ms: 80 });
    // an overlapping task extends the busy interval instead of adding to it
    assert.equal(dispatchRow(0, 0, Float64Array.from([0, 5e3]), Float64Array.from([10e3, 10e3])).busy_us, 15);
  });

  it('gives the same row for tasks in any order as for the same tasks sorted by start', () => {
    // Unordered streams take a sweep over separately sorted starts and ends; sorted ones a single pass.
    const task = fc.tuple(fc.integer({ min: 0, max: 2000 }), fc.integer({ min: -5, max: 300 }));
    fc.assert(
      fc.property(fc.array(task, { minLength: 1, maxLength: 60 }), (tasks) => {
        const byStart = [...tasks].sort((a, b) => a[0] - b[0]);
        const ordered = dispatchRow(0, 1, Float64Array.from(byStart, (t) => t[0] * 1e3), Float64Array.from(byStart, (t) => t[1] * 1e3));
        const shuffled = dispatchRow(0, 1, Float64Array.from(tasks, (t) => t[0] * 1e3), Float64Array.from(tasks, (t) => t[1] * 1e3));
        assert.deepEqual(shuffled, ordered);
      }),
      { numRuns: 300 },
    );
  });

  it('overlap breakdown from the Overlap Analysis lanes equals step_trace_time', () => {
    const o = overlapFromTrace(trace);
    assert.equal(o.source, 'trace');
    assert.deepEqual(
      o.devices.map((d) => [d.device, d.computing_us, d.communication_us, d.communication_not_overlapped_us, d.free_us]),
      [
        [0, 8873.756, 105991.878, 101963.203, 25744.05],
        [1, 8878.295, 100375.286, 96359.047, 26675.274],
      ],
    );
    const rows = [0, 1].flatMap((r) => readTable('step_trace_time', 's.csv', read(r, 'step_trace_time.csv'), r).rows);
    const s = overlapFromStepTrace(rows);
    assert.equal(s.source, 'step_trace_time');
    assert.deepEqual(s.total, o.total);
    assert.deepEqual(o.hints.map((h) => h.kind), ['communication-bound']);
    assert.equal(o.total.wall_us, 268493.625);
    assert.equal(o.total.free_share, 0.195235); // 52419.324 / 268493.625
  });

  it('bottleneck hints use strict thresholds: idle > 20%, compute > 85%, communication > 10%', () => {
    assert.deepEqual(bottleneckHints(overlapTimes(80, 0, 0, 20)).map((h) => h.kind), []);
    assert.deepEqual(bottleneckHints(overlapTimes(79, 0, 0, 21)).map((h) => h.kind), ['host-bound']);
    assert.deepEqual(bottleneckHints(overlapTimes(86, 0, 0, 14)).map((h) => h.kind), ['compute-bound']);
    assert.deepEqual(bottleneckHints(overlapTimes(85, 10, 5, 10)).map((h) => h.kind), []);
    assert.deepEqual(bottleneckHints(overlapTimes(80, 11, 0, 20)).map((h) => h.kind), ['communication-bound']);
    assert.deepEqual(bottleneckHints(overlapTimes(0, 0, 0, 0)), []);
  });

  it('fuse patterns and memory counters for the five tables', () => {
    const f = fusePatternsFromTrace(trace);
    assert.ok(f.length > 0);
    assert.ok(f.every((p) => p.count > 0 && p.avg_gap_us <= 5));
    const m = memoryTableFromTrace(trace);
    const series = [...new Set(m.map((r) => `${r.device}:${r.counter}:${r.unit}`))];
    assert.equal(series.length, 12);
    for (const s of ['0:APP/HBM:KB', '1:APP/DDR:KB', '1:Device/Memory:KB']) assert.ok(series.includes(s), s);
    const hbm0 = m.find((r) => r.device === 0 && r.counter === 'APP/HBM');
    assert.ok(hbm0 && hbm0.max >= hbm0.min && hbm0.samples > 1);
  });
});
