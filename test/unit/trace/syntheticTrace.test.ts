import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { eventsPerDecodeStep, SYNTHETIC_BOUNDARY, writeSyntheticProfTree, writeSyntheticTrace } from '../../../src/core/trace/syntheticTrace';
import { loadTraceFiles } from '../../../src/core/trace/traceFiles';
import { analyzeGaps } from '../../../src/core/profiling/gapAnalysis';
import { readTable } from '../../../src/core/profiling/profilingTables';
import { makeTempDir } from '../../support/tempDir';

interface RawEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts?: string;
  dur?: number;
  id?: unknown;
  cat?: string;
  args?: Record<string, unknown>;
}

describe('synthetic msprof trace', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = makeTempDir()));
  afterEach(() => cleanup());

  const sha = (f: string): string => createHash('sha256').update(readFileSync(f)).digest('hex');

  it('is deterministic for a seed and streams the announced number of events', async () => {
    const a = path.join(dir, 'a.json');
    const b = path.join(dir, 'b.json');
    const c = path.join(dir, 'c.json');
    const ra = await writeSyntheticTrace(a, { seed: 5, devices: 2, decodeSteps: 7 });
    await writeSyntheticTrace(b, { seed: 5, devices: 2, decodeSteps: 7 });
    await writeSyntheticTrace(c, { seed: 6, devices: 2, decodeSteps: 7 });
    assert.equal(sha(a), sha(b));
    assert.notEqual(sha(a), sha(c));
    // 30 metadata events and one first counter per device, then a fixed count per device per step.
    assert.equal(ra.events, 2 * 31 + 7 * 2 * eventsPerDecodeStep());
    assert.equal(ra.bytes, readFileSync(a).length);
    assert.deepEqual(readdirSync(dir).sort(), ['a.json', 'b.json', 'c.json'], 'no temp files left behind');
  });

  it('looks like a real capture: metadata, packed pids, string ts, big flow ids, overlaps', async () => {
    const f = path.join(dir, 't.json');
    await writeSyntheticTrace(f, { seed: 3, devices: 2, decodeSteps: 40, hostPid: 3096504 });
    const text = readFileSync(f, 'utf8');
    const events = JSON.parse(text) as RawEvent[];
    const procs = new Set(events.filter((e) => e.ph === 'M' && e.name === 'process_name').map((e) => `${e.pid}:${String(e.args?.name)}`));
    for (const d of [0, 1]) {
      assert.ok(procs.has(`${3096504 * 1024 + 13 * 32 + d}:Ascend Hardware`));
      assert.ok(procs.has(`${3096504 * 1024 + 7 * 32 + d}:CANN`));
      assert.ok(procs.has(`${3096504 * 1024 + 15 * 32 + d}:HCCL`));
      assert.ok(procs.has(`${3096504 * 1024 + 23 * 32 + d}:Overlap Analysis`));
    }
    const threads = new Set(events.filter((e) => e.name === 'thread_name').map((e) => String(e.args?.name)));
    for (const t of ['Stream 2', 'Plane 0', 'Group 2_tp Communication', 'Computing', 'Free']) assert.ok(threads.has(t), t);
    assert.ok([...threads].some((t) => /^Thread \d+$/.test(t)));
    const timed = events.filter((e) => e.ph !== 'M');
    assert.ok(timed.every((e) => typeof e.ts === 'string' && /^17\d{14}\.\d{3}$/.test(e.ts)));
    assert.ok(events.some((e) => e.ph === 'C' && e.name === 'AI Core Freq'));
    assert.ok(events.some((e) => e.ph === 'C' && e.name === 'APP/HBM'));
    assert.ok(events.some((e) => e.name === 'aclnnArgMax_ArgMaxV2AiVector_ArgMaxV2'));
    assert.ok(events.some((e) => e.name === 'aclnnMatmul_MatMulV2AiCore_MatMulV2'));
    assert.ok(events.some((e) => /^hcom_allReduce__\d+_0_1$/.test(e.name)));
    // async_npu ids are integers above 2^53 in the text; HostToDevice ids are strings.
    const idText = /"cat": "async_npu", "id": (\d+)/.exec(text)?.[1] ?? '';
    assert.ok(BigInt(idText) > 2n ** 53n);
    assert.ok(events.some((e) => e.cat === 'HostToDevice' && typeof e.id === 'string'));
    // Some X events overlap the previous one on the compute stream.
    const stream = timed.filter((e) => e.ph === 'X' && e.tid === 2 && e.pid === 3096504 * 1024 + 13 * 32);
    let overlaps = 0;
    for (let i = 1; i < stream.length; i++) {
      const prevEnd = Number(stream[i - 1].ts) * 1000 + (stream[i - 1].dur ?? 0) * 1000;
      if (Number(stream[i].ts) * 1000 < prevEnd - 50) overlaps++;
    }
    assert.ok(overlaps > 0);
  });

  it('every decode step ends with ArgMaxV2, then a gap, then the next graph launch', async () => {
    const f = path.join(dir, 't.json');
    await writeSyntheticTrace(f, { seed: 9, devices: 3, decodeSteps: 25, stepGapUs: 200 });
    const trace = await loadTraceFiles([f]);
    const g = analyzeGaps(trace, SYNTHETIC_BOUNDARY);
    assert.equal(g.summary.prev_count, 75);
    assert.equal(g.summary.next_count, 75);
    assert.equal(g.summary.pair_count, 3 * 24);
    assert.ok(g.summary.gap_min_us! >= 100 && g.summary.gap_max_us! <= 300, JSON.stringify(g.summary));
    assert.ok(Math.abs(g.summary.gap_mean_us! - 200) < 25);
    const names = g.summary.top_host_events.map((e) => e.name);
    for (const n of ['AscendCL@aclmdlRIExecuteAsync', 'AscendCL@aclrtMemcpyAsync', 'AscendCL@aclrtMemcpy']) assert.ok(names.includes(n), n);
  });

  it('writes a PROF_ tree whose CSV exports agree with the trace', async () => {
    const r = await writeSyntheticProfTree(dir, { seed: 4, devices: 2, decodeSteps: 12, stamp: '20260523203844' });
    assert.equal(path.basename(r.profDir), 'PROF_100004_20260523203844');
    const out = path.join(r.profDir, 'mindstudio_profiler_output');
    assert.deepEqual(readdirSync(out).sort(), [
      'api_statistic_20260523203844.csv',
      'communication_statistic_20260523203844.csv',
      'msprof_20260523203844.json',
      'op_statistic_20260523203844.csv',
      'op_summary_20260523203844.csv',
      'task_time_20260523203844.csv',
    ]);
    const csv = (k: string) => readFileSync(path.join(out, `${k}_20260523203844.csv`), 'utf8');
    const stat = readTable('op_statistic', 'op_statistic.csv', csv('op_statistic'));
    const summary = readTable('op_summary', 'op_summary.csv', csv('op_summary'));
    const tasks = readTable('task_time', 'task_time.csv', csv('task_time'));
    const comm = readTable('communication_statistic', 'c.csv', csv('communication_statistic'));
    const api = readTable('api_statistic', 'a.csv', csv('api_statistic'));
    for (const t of [stat, summary, tasks, comm, api]) assert.deepEqual(t.problems, []);
    // Device-0 MatMulV2 time in op_statistic = the sum of its kernels in the trace.
    const trace = JSON.parse(readFileSync(r.traceFile, 'utf8')) as RawEvent[];
    const dev0 = 2891304 * 1024 + 13 * 32;
    const matmulUs = trace.filter((e) => e.pid === dev0 && e.name.endsWith('_MatMulV2')).reduce((s, e) => s + (e.dur ?? 0), 0);
    const row = stat.rows.find((x) => x.device === 0 && x.opType === 'MatMulV2');
    assert.ok(row && Math.abs(row.totalUs! - matmulUs) < 0.01, `${row?.totalUs} vs ${matmulUs}`);
    const kernels0 = trace.filter((e) => e.pid === dev0 && e.ph === 'X').length;
    assert.equal(tasks.rows.filter((x) => x.device === 0).length, kernels0);
    assert.equal(summary.rows.length, tasks.rows.length);
    assert.equal(comm.rows.find((x) => x.device === 1)?.count, 12);
    assert.equal(api.rows.find((x) => x.device === 0 && x.apiName === 'aclmdlRIExecuteAsync')?.count, 12);
    // Start times keep their ns digits (and the trailing tab msprof writes).
    assert.match(csv('op_summary').split('\n')[1], /,17\d{14}\.\d{3}\t,/);
    assert.equal(summary.rows[0].start?.us, Math.floor(Number(summary.rows[0].start?.us)));
    assert.equal(summary.rows[0].modelId, null, 'Model ID 4294967295 means none');
  });
});
