import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import * as path from 'node:path';
import type { CliIO } from '../../../src/cli/command';
import { runCli } from '../../../src/cli/main';
import { analyzeProfile } from '../../../src/core/profiling/profileReport';
import { analyzeReportSchema } from '../../../src/core/profiling/analyzeReportSchema';
import { findProfilingOutputs } from '../../../src/core/profiling/profilingOutputs';
import { FileProfilingSource, type ProfilingSource } from '../../../src/core/profiling/profilingSource';
import { ArtifactExistsError, writeAnalysisArtifacts, ARTIFACT_FILES } from '../../../src/core/profiling/analysisArtifacts';
import { analysisSchema } from '../../../src/core/schemas/analysisSchema';
import { writeSyntheticProfTree, SYNTHETIC_BOUNDARY } from '../../../src/core/trace/syntheticTrace';
import type { TableKind } from '../../../src/core/profiling/profilingTables';
import { makeTempDir, writeTree } from '../../support/tempDir';
import { SHARED_FIXTURES } from '../../support/paths';

const CAPTURE = path.join(SHARED_FIXTURES, 'ascend', 'torch_npu-tp2-level1');

function io(cwd: string, locale: CliIO['locale'] = 'en') {
  const out: string[] = [];
  const err: string[] = [];
  const value: CliIO = { out: (t) => out.push(t), err: (t) => err.push(t), locale, cwd, env: {} };
  return { io: value, out: () => out.join(''), err: () => err.join('') };
}

/** Records which tables an analysis asked for. */
function spying(src: FileProfilingSource): { src: ProfilingSource; asked: TableKind[] } {
  const asked: TableKind[] = [];
  return {
    asked,
    src: {
      outputs: src.outputs,
      trace: () => src.trace(),
      has: (k) => src.has(k),
      table: (k) => {
        asked.push(k);
        return src.table(k);
      },
    },
  };
}

describe('profiling folders and the analyze report', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = makeTempDir()));
  afterEach(() => cleanup());

  it('finds both ranks of the torch_npu capture with their rank ids and tables', async () => {
    const outs = await findProfilingOutputs(CAPTURE);
    assert.deepEqual(
      outs.map((o) => [path.relative(CAPTURE, o.dir), o.rank, o.traceFiles.map((f) => path.basename(f)), Object.keys(o.tables).sort()]),
      [0, 1].map((r) => [
        `rank${r}_ascend_pt/ASCEND_PROFILER_OUTPUT`,
        r,
        ['trace_view.json'],
        ['api_statistic', 'op_statistic', 'op_summary', 'step_trace_time'],
      ]),
    );
  });

  it('analyses the whole capture as one, never reading op_summary when op_statistic exists', async () => {
    const { src, asked } = spying(new FileProfilingSource(await findProfilingOutputs(CAPTURE)));
    const r = await analyzeProfile(src, { boundary: { previous: 'TransData', next: 'Conv2D' } });
    analyzeReportSchema.parse(r.report);
    assert.ok(!asked.includes('op_summary'), asked.join(','));
    assert.equal(r.report.events, 20081);
    assert.deepEqual(r.report.devices, [0, 1]);
    assert.equal(r.report.lanes, 62);
    assert.equal(r.report.kernel_table.source, 'op_statistic');
    assert.equal(r.report.communication_table.source, 'trace');
    assert.equal(r.report.dispatch_table.source, 'trace');
    assert.equal(r.report.overlap.source, 'trace');
    assert.equal(r.report.gap_summary.pair_count, 40);
    assert.equal(r.report.status, 'OK');
    assert.deepEqual(r.report.problems, []);
  });

  it('falls back to op_summary and then the trace when tables are missing or renamed', async () => {
    const rank0 = path.join(CAPTURE, 'rank0_ascend_pt', 'ASCEND_PROFILER_OUTPUT');
    writeTree(dir, {
      'out/trace_view.json': readFileSync(path.join(rank0, 'trace_view.json'), 'utf8'),
      'out/op_statistic.csv': 'Kind,Core Type,Count,Total Time(us)\nMatMulV2,AI_CORE,1,5\n',
      'out/kernel_details.csv': readFileSync(path.join(rank0, 'kernel_details.csv'), 'utf8'),
    });
    const { src, asked } = spying(new FileProfilingSource(await findProfilingOutputs(dir)));
    const r = await analyzeProfile(src);
    assert.equal(r.report.kernel_table.source, 'op_summary');
    assert.equal(r.report.kernel_table.rows[0].op_type, 'hcom_allReduce_');
    assert.equal(asked.filter((k) => k === 'op_summary').length, 1);
    assert.ok(r.problems.some((p) => p.code === 'csvMissingColumn' && p.message.includes('"OP Type" not found')));
    assert.ok(r.problems.some((p) => p.code === 'noBoundaryEvents'));
    assert.equal(r.report.status, 'INCONCLUSIVE');
  });

  it('reports a truncated trace with where it stopped, and still analyses what loaded', async () => {
    const full = readFileSync(path.join(CAPTURE, 'rank0_ascend_pt', 'ASCEND_PROFILER_OUTPUT', 'trace_view.json'));
    writeFileSync(path.join(dir, 'trace_view.json'), full.subarray(0, 1_500_000));
    const r = await analyzeProfile(new FileProfilingSource(await findProfilingOutputs(path.join(dir, 'trace_view.json'))));
    const s = r.report.sources[0];
    assert.equal(s.complete, false);
    assert.equal(s.error?.code, 'truncated');
    assert.ok(s.events > 5000 && s.events < 10112);
    assert.ok(s.error!.offset < 1_500_000 && s.error!.line >= 1);
    const p = r.problems.find((x) => x.code === 'traceTruncated');
    assert.equal(p?.message, `${path.join(dir, 'trace_view.json')}: truncated at byte ${s.error!.offset} (line ${s.error!.line}); loaded the ${s.events} events before it`);
    assert.equal(r.report.status, 'INCONCLUSIVE');
    assert.ok(r.report.kernel_table.rows.length > 0);
  });

  it('writes the run-root artifacts atomically and never overwrites without being told', async () => {
    await writeSyntheticProfTree(dir, { seed: 2, devices: 2, decodeSteps: 30, stamp: '20260101000000' });
    const r = await analyzeProfile(new FileProfilingSource(await findProfilingOutputs(dir)), { boundary: SYNTHETIC_BOUNDARY, relativeTo: (f) => path.relative(dir, f) });
    assert.equal(r.report.status, 'OK');
    assert.equal(r.report.gap_summary.pair_count, 58);
    assert.equal(r.report.kernel_table.source, 'op_statistic');
    assert.equal(r.report.communication_table.source, 'communication_statistic');
    const meta = { run_id: 'decode-bs1', framework: 'xllm', workload: 'synthetic' };
    const written = await writeAnalysisArtifacts(dir, r, meta);
    assert.deepEqual(written.map((f) => path.basename(f)), [...ARTIFACT_FILES]);
    const analysis = analysisSchema.parse(JSON.parse(readFileSync(path.join(dir, 'analysis.json'), 'utf8')));
    assert.equal(analysis.schema, 'xllm-npu-pipeline-analysis/v1');
    assert.equal(analysis.event_count, r.report.events);
    assert.deepEqual(analysis.boundary, SYNTHETIC_BOUNDARY);
    assert.match(analysis.trace, /^PROF_100002_20260101000000\/mindstudio_profiler_output\/msprof_20260101000000\.json$/);
    const bubble = readFileSync(path.join(dir, 'bubble-table.csv'), 'utf8').trimEnd().split('\n');
    assert.equal(bubble[0], 'run_id,framework,boundary,pair_count,gap_min_us,gap_median_us,gap_mean_us,gap_p90_us,gap_max_us,top_host_events,status');
    assert.match(bubble[1], /^decode-bs1,xllm,ArgMaxV2->\^GraphLaunch,58,[\d.]+,[\d.]+,[\d.]+,[\d.]+,[\d.]+,AscendCL@\w+:\d+;.*,OK$/);
    assert.equal(readFileSync(path.join(dir, 'stage-table.csv'), 'utf8').split('\n').length, 4);
    assert.match(readFileSync(path.join(dir, 'rank-skew-table.csv'), 'utf8'), /^device,pair_count,gap_median_us,.*\n0,29,.*\n1,29,/);
    const md = readFileSync(path.join(dir, 'five_tables.md'), 'utf8');
    for (const h of ['## 1. Kernels', '## 2. Communication', '## 3. Fuse patterns', '## 4. Dispatch', '## 5. Memory']) assert.ok(md.includes(h), h);
    assert.match(md, /\| MatMulV2 \| AI_CORE \|/);
    assert.match(readFileSync(path.join(dir, 'timeline_notes.md'), 'utf8'), /boundary: `ArgMaxV2` -> `\^GraphLaunch` \(60 previous, 60 next, 58 pairs\)/);
    await assert.rejects(writeAnalysisArtifacts(dir, r, meta), ArtifactExistsError);
    await writeAnalysisArtifacts(dir, r, { ...meta, run_id: 'again' }, { overwrite: true });
    assert.match(readFileSync(path.join(dir, 'bubble-table.csv'), 'utf8'), /\nagain,/);
    assert.ok(!readdirSync(dir).some((f) => f.endsWith('.tmp')));
  });
});

describe('xwf analyze', () => {
  let dir: string;
  let cleanup: () => void;
  beforeEach(() => ({ dir, cleanup } = makeTempDir()));
  afterEach(() => cleanup());

  it('prints JSON of the published shape for the fixture capture', async () => {
    const t = io(SHARED_FIXTURES);
    assert.equal(await runCli(['analyze', 'ascend/torch_npu-tp2-level1', '--json', '--boundary', 'ReluGrad->MaxPool'], t.io), 0);
    const r = analyzeReportSchema.parse(JSON.parse(t.out()));
    assert.equal(r.events, 20081);
    assert.deepEqual(r.devices, [0, 1]);
    assert.deepEqual(r.trace_files, ['rank0_ascend_pt/ASCEND_PROFILER_OUTPUT/trace_view.json', 'rank1_ascend_pt/ASCEND_PROFILER_OUTPUT/trace_view.json']);
    assert.deepEqual(r.boundary, { previous: 'ReluGrad', next: 'MaxPool' });
    assert.equal(r.gap_summary.pair_count, 6);
    assert.equal(r.gap_summary.gap_median_us, 1645.792688);
    assert.equal(t.err(), '');
  });

  it('prints a readable summary and writes artifacts with --out', async () => {
    await writeSyntheticProfTree(dir, { seed: 8, devices: 1, decodeSteps: 10, stamp: '20260101000000' });
    const t = io(dir, 'zh-cn');
    assert.equal(await runCli(['analyze', '.', '--boundary', 'ArgMaxV2->^GraphLaunch', '--out', '.', '--run-id', 'r1'], t.io), 0);
    assert.match(t.out(), /解码步间隙 \(ArgMaxV2 -> \^GraphLaunch\): 10 上一边界, 10 下一边界, 9 对/);
    assert.match(t.out(), /MatMulV2/);
    assert.ok(existsSync(path.join(dir, 'analysis.json')));
    const again = io(dir);
    assert.equal(await runCli(['analyze', '.', '--out', '.'], again.io), 3);
    assert.match(again.err(), /would overwrite .*analysis\.json.*--force/);
  });

  it('exits 2 on a bad boundary and 3 on a missing path', async () => {
    const bad = io(dir);
    assert.equal(await runCli(['analyze', '.', '--boundary', 'ArgMaxV2->(GraphLaunch'], bad.io), 2);
    assert.match(bad.err(), /next boundary \/\(GraphLaunch\/ is not a valid regular expression/);
    assert.equal(await runCli(['analyze', '.', '--boundary', 'no-arrow'], io(dir).io), 2);
    const missing = io(dir);
    assert.equal(await runCli(['analyze', 'nope'], missing.io), 3);
    assert.match(missing.err(), /nope: no such file or folder/);
    assert.equal(await runCli(['analyze'], io(dir).io), 2);
  });

  it('analyses the tables beside a CSV export given alone', async () => {
    const t = io(CAPTURE);
    assert.equal(await runCli(['analyze', 'rank1_ascend_pt/ASCEND_PROFILER_OUTPUT/op_statistic.csv', '--json'], t.io), 0);
    const r = analyzeReportSchema.parse(JSON.parse(t.out()));
    assert.deepEqual(r.trace_files, []);
    assert.equal(r.kernel_table.source, 'op_statistic');
    assert.equal(r.kernel_table.rows[0].op_type, 'ForeachAddList');
    assert.equal(r.dispatch_table.source, 'op_summary');
    assert.equal(r.overlap.source, 'step_trace_time');
    assert.deepEqual(r.devices, [1]);
    assert.match(t.err(), /no trace file/);
  });

  it('warns (in the user language) about an empty folder instead of failing', async () => {
    const t = io(dir, 'zh-cn');
    assert.equal(await runCli(['analyze', '.', '--json'], t.io), 0);
    const r = analyzeReportSchema.parse(JSON.parse(t.out()));
    assert.equal(r.status, 'INCONCLUSIVE');
    assert.ok(r.problems.some((p) => p.code === 'noTrace'));
    assert.match(t.err(), /未找到跟踪文件/);
  });
});
