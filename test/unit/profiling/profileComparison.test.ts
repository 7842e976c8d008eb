import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { runCli } from '../../../src/cli/main';
import { analyzeProfile, type AnalyzeResult } from '../../../src/core/profiling/profileReport';
import { findProfilingOutputs } from '../../../src/core/profiling/profilingOutputs';
import { FileProfilingSource } from '../../../src/core/profiling/profilingSource';
import { compareProfiles, gapHistogram, gapValuesUs, type ProfileComparison } from '../../../src/core/profiling/profileComparison';
import { profileComparisonSchema } from '../../../src/core/profiling/profileComparisonSchema';
import { renderProfileComparisonMarkdown, renderProfileComparisonText } from '../../../src/core/profiling/profileComparisonText';
import { writeSampleWorkspace } from '../../../src/core/sample/sampleWorkspace';
import { captureIO } from '../../support/captureIO';
import { makeTempDir } from '../../support/tempDir';

const BASE = 'profiling/qwen3-32b-decode-baseline';
const FUSED = 'profiling/qwen3-32b-decode-fused-rope';

describe('profile comparison (baseline vs current capture)', () => {
  let ws: string;
  let cleanup: () => void;
  let base: AnalyzeResult;
  let fused: AnalyzeResult;
  let cmp: ProfileComparison;

  before(async function () {
    this.timeout(60_000);
    ({ dir: ws, cleanup } = makeTempDir());
    await writeSampleWorkspace(ws);
    const analyze = async (rel: string) => analyzeProfile(new FileProfilingSource(await findProfilingOutputs(path.join(ws, rel))));
    base = await analyze(BASE);
    fused = await analyze(FUSED);
    cmp = compareProfiles(base, fused, { baseline: BASE, current: FUSED });
  });
  after(() => cleanup());

  it('shows the fused run with a lower median decode-step gap, overall and on every device', () => {
    const g = cmp.gaps;
    assert.ok(g.baseline.pair_count > 0 && g.current.pair_count > 0);
    assert.ok(g.current.gap_median_us! < g.baseline.gap_median_us!, `${g.current.gap_median_us} vs ${g.baseline.gap_median_us}`);
    assert.equal(g.delta.median_us, Math.round((g.current.gap_median_us! - g.baseline.gap_median_us!) * 1e6) / 1e6);
    assert.ok(g.delta.median_us! < 0);
    assert.deepEqual(
      g.by_device.map((d) => d.device),
      base.report.gap_by_device.map((d) => d.device),
    );
    for (const d of g.by_device) assert.ok(d.delta.median_us! < 0, `device ${d.device}`);
  });

  it('diffs the kernel table per OP Type with ArgMaxV2 on both sides', () => {
    const row = cmp.kernel_diff.rows.find((r) => r.op_type === 'ArgMaxV2');
    assert.ok(row, cmp.kernel_diff.rows.map((r) => r.op_type).join(','));
    assert.equal(row.presence, 'both');
    const b = base.report.kernel_table.rows.find((r) => r.op_type === 'ArgMaxV2')!;
    const c = fused.report.kernel_table.rows.find((r) => r.op_type === 'ArgMaxV2')!;
    assert.equal(row.baseline?.count, b.count);
    assert.equal(row.current?.count, c.count);
    assert.equal(row.delta_total_us, Math.round((c.total_us - b.total_us) * 1000) / 1000);
    // Every op type of either side appears exactly once.
    const names = cmp.kernel_diff.rows.map((r) => r.op_type);
    assert.equal(new Set(names).size, names.length);
    assert.deepEqual(new Set(names), new Set([...base.report.kernel_table.rows, ...fused.report.kernel_table.rows].map((r) => r.op_type)));
    assert.equal(cmp.kernel_diff.delta_total_us, Math.round((fused.report.kernel_table.total_us - base.report.kernel_table.total_us) * 1000) / 1000);
  });

  it('marks op types present on one side only', () => {
    const drop = (r: AnalyzeResult, op: string): AnalyzeResult => ({
      ...r,
      report: { ...r.report, kernel_table: { ...r.report.kernel_table, rows: r.report.kernel_table.rows.filter((x) => x.op_type !== op) } },
    });
    const c = compareProfiles(drop(base, 'SwiGlu'), drop(fused, 'ArgMaxV2'));
    const swi = c.kernel_diff.rows.find((r) => r.op_type === 'SwiGlu')!;
    const arg = c.kernel_diff.rows.find((r) => r.op_type === 'ArgMaxV2')!;
    assert.equal(swi.presence, 'current_only');
    assert.equal(swi.baseline, null);
    assert.equal(swi.delta_pct, null);
    assert.equal(swi.delta_total_us, swi.current!.total_us);
    assert.equal(arg.presence, 'baseline_only');
    assert.equal(arg.delta_total_us, -arg.baseline!.total_us);
    assert.match(renderProfileComparisonText(c), /SwiGlu \(current only\)/);
    assert.match(renderProfileComparisonMarkdown(c), /ArgMaxV2 \(baseline only\)/);
  });

  it('counts both gap distributions on the same bucket edges', () => {
    const h = cmp.gaps.histogram;
    assert.equal(h.edges_us.length, h.baseline.length + 1);
    assert.equal(h.baseline.length, h.current.length);
    assert.equal(h.baseline.reduce((a, b) => a + b, 0), cmp.gaps.baseline.pair_count);
    assert.equal(h.current.reduce((a, b) => a + b, 0), cmp.gaps.current.pair_count);
    const lo = Math.min(cmp.gaps.baseline.gap_min_us!, cmp.gaps.current.gap_min_us!);
    const hi = Math.max(cmp.gaps.baseline.gap_max_us!, cmp.gaps.current.gap_max_us!);
    assert.ok(Math.abs(h.edges_us[0] - lo) < 0.01 && Math.abs(h.edges_us[h.edges_us.length - 1] - hi) < 0.01);
    for (let i = 1; i < h.edges_us.length; i++) assert.ok(h.edges_us[i] > h.edges_us[i - 1]);
    assert.equal(gapValuesUs(base.gaps).length, cmp.gaps.baseline.pair_count);
  });

  it('buckets equal values and empty sides without dividing by zero', () => {
    assert.deepEqual(gapHistogram(new Float64Array(0), new Float64Array(0)), { edges_us: [], baseline: [], current: [] });
    const h = gapHistogram(Float64Array.from([5, 5]), new Float64Array(0), 2);
    assert.deepEqual(h, { edges_us: [5, 5.5, 6], baseline: [2, 0], current: [0, 0] });
  });

  it('puts overlap shares side by side with their change', () => {
    const o = cmp.overlap;
    assert.ok(o.baseline && o.current && o.share_change);
    assert.equal(o.share_change.free_share, Math.round((o.current.free_share - o.baseline.free_share) * 1e6) / 1e6);
  });

  it('matches its JSON schema and renders Markdown with every section', () => {
    const parsed = profileComparisonSchema.safeParse(JSON.parse(JSON.stringify(cmp)));
    assert.ok(parsed.success, parsed.error?.message);
    const md = renderProfileComparisonMarkdown(cmp);
    assert.match(md, /^# Profiling comparison\n/);
    for (const h of ['## Kernels by OP Type', '## Communication', '## Overlap shares', '## Decode-step gaps', '## Median gap per device', '## Gap distribution']) {
      assert.ok(md.includes(h), h);
    }
    assert.ok(md.includes(`Baseline: ${BASE}`));
    assert.match(md, /\| ArgMaxV2 \|/);
    const zh = renderProfileComparisonMarkdown(cmp, 'zh-cn');
    assert.match(zh, /^# 性能采集对比\n/);
  });

  it('xwf analyze --compare prints the comparison as text and as schema-valid JSON', async () => {
    const io = captureIO(ws);
    assert.equal(await runCli(['analyze', BASE, '--compare', FUSED], io), 0, io.stderr());
    assert.match(io.stdout(), /Decode-step gaps/);
    assert.match(io.stdout(), /ArgMaxV2/);
    const j = captureIO(ws);
    assert.equal(await runCli(['analyze', BASE, '--compare', FUSED, '--json'], j), 0, j.stderr());
    const out = profileComparisonSchema.parse(JSON.parse(j.stdout()));
    assert.equal(out.gaps.delta.median_us, cmp.gaps.delta.median_us);
    assert.equal(out.baseline.label, BASE);
  });

  it('xwf analyze --compare exits 2 for a bad boundary or --out, 3 for a missing path', async () => {
    for (const args of [
      ['analyze', BASE, '--compare', FUSED, '--boundary', 'ArgMaxV2'],
      ['analyze', BASE, '--compare', FUSED, '--boundary', '(->x'],
      ['analyze', BASE, '--compare', FUSED, '--out', 'x'],
    ]) {
      const io = captureIO(ws);
      assert.equal(await runCli(args, io), 2, args.join(' '));
    }
    for (const args of [
      ['analyze', BASE, '--compare', 'profiling/nope'],
      ['analyze', 'profiling/nope', '--compare', FUSED],
    ]) {
      const io = captureIO(ws);
      assert.equal(await runCli(args, io), 3, args.join(' '));
      assert.match(io.stderr(), /nope/);
    }
  });
});
