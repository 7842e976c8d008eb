// `xwf analyze <trace file or profiling folder>`: kernel, communication, dispatch and overlap tables plus
// the decode-step gap summary of a capture; optionally writes the run-root artifacts.
import * as path from 'node:path';
import { BoundaryError, DEFAULT_BOUNDARY, parseBoundary, type Boundary } from '../../core/profiling/gapAnalysis';
import { ProfilingPathError } from '../../core/profiling/profilingOutputs';
import { analyzeProfilingTarget } from '../../core/profiling/profilingTarget';
import { type AnalyzeReport, type AnalyzeResult } from '../../core/profiling/profileReport';
import { problemText } from '../../core/profiling/profilingMessages';
import { ArtifactExistsError, writeAnalysisArtifacts } from '../../core/profiling/analysisArtifacts';
import { compareProfiles } from '../../core/profiling/profileComparison';
import { renderProfileComparisonText } from '../../core/profiling/profileComparisonText';
import { EXIT, EnvironmentError, UsageError, writeJson, type CliCommand, type CliIO } from '../command';

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
const num = (x: number | null): string => (x === null ? '-' : String(x));

function printReport(io: CliIO, r: AnalyzeReport): void {
  const zh = io.locale === 'zh-cn';
  const L = (en: string, cn: string): string => (zh ? cn : en);
  io.out(`${L('events', '事件')}: ${r.events}  ${L('lanes', '泳道')}: ${r.lanes}  ${L('devices', '设备')}: ${r.devices.join(',') || '-'}  ${L('status', '状态')}: ${r.status}\n`);
  const g = r.gap_summary;
  io.out(`\n${L('Decode-step gaps', '解码步间隙')} (${r.boundary.previous} -> ${r.boundary.next}): ${g.prev_count} ${L('previous', '上一边界')}, ${g.next_count} ${L('next', '下一边界')}, ${g.pair_count} ${L('pairs', '对')}\n`);
  io.out(`  min ${num(g.gap_min_us)}  median ${num(g.gap_median_us)}  mean ${num(g.gap_mean_us)}  p90 ${num(g.gap_p90_us)}  max ${num(g.gap_max_us)} (us)\n`);
  for (const d of r.gap_by_device) {
    io.out(`  ${d.device === null ? L('host', '主机') : `${L('device', '设备')} ${d.device}`}: ${d.pair_count} ${L('pairs', '对')}, median ${num(d.gap_median_us)}, p90 ${num(d.gap_p90_us)}\n`);
  }
  if (g.top_host_events.length) io.out(`  ${L('host calls in gaps', '间隙内主机调用')}: ${g.top_host_events.map((e) => `${e.name} x${e.count}`).join(', ')}\n`);
  const k = r.kernel_table;
  io.out(`\n${L('Kernels by OP Type', '按 OP Type 统计的算子')} (${k.source}, ${k.total_us} us):\n`);
  for (const row of k.rows) io.out(`  ${row.op_type.padEnd(32)} ${pct(row.share).padStart(6)}  ${String(row.count).padStart(7)}  avg ${row.avg_us} us  ${row.core_type ?? ''}\n`);
  if (k.hidden_count) io.out(`  ${L(`(${k.hidden_count} under 1% hidden, ${pct(k.hidden_share)})`, `（${k.hidden_count} 个低于 1% 已隐藏，共 ${pct(k.hidden_share)}）`)}\n`);
  const c = r.communication_table;
  if (c.rows.length) {
    io.out(`\n${L('Communication', '通信')} (${c.source}, ${c.total_us} us):\n`);
    for (const row of c.rows) io.out(`  ${row.op_type.padEnd(32)} ${String(row.count).padStart(7)}  total ${row.total_us} us  avg ${row.avg_us} us\n`);
  }
  if (r.dispatch_table.rows.length) {
    io.out(`\n${L('Dispatch per stream', '各流下发效率')} (${r.dispatch_table.source}):\n`);
    for (const d of r.dispatch_table.rows) {
      io.out(`  dev ${d.device} stream ${d.stream}: ${d.task_count} tasks, busy ${d.busy_us} us, wait ${d.avg_wait_us} us, gap ${d.avg_gap_us} us, ${d.launches_per_ms}/ms\n`);
    }
  }
  const o = r.overlap;
  if (o.devices.length) {
    const t = o.total;
    io.out(`\n${L('Overlap', '重叠分析')} (${o.source}): computing ${pct(t.computing_share)}, communication ${pct(t.communication_share)}, not overlapped ${pct(t.communication_not_overlapped_share)}, free ${pct(t.free_share)}\n`);
    for (const h of o.hints) io.out(`  ${L('hint', '提示')}: ${h.kind} (${pct(h.share)} > ${pct(h.threshold)})\n`);
  }
}

/** Analyses one trace file or profiling folder; a missing or unreadable path is an environment error. */
async function analyzeTarget(cwd: string, arg: string, boundary: Boundary | undefined): Promise<{ result: AnalyzeResult; base: string }> {
  try {
    return await analyzeProfilingTarget(path.resolve(cwd, arg), boundary);
  } catch (e) {
    if (e instanceof ProfilingPathError) throw new EnvironmentError(e.message);
    throw e;
  }
}

export const analyzeCommand: CliCommand = {
  name: 'analyze',
  summary: {
    en: 'Analyse a profiling trace or capture folder: kernel, communication, dispatch, overlap and decode-step gap tables',
    zh: '分析性能采集的跟踪文件或目录：算子、通信、下发、重叠与解码步间隙',
  },
  usage:
    'analyze <trace file or profiling folder> [--boundary "<prev regex>-><next regex>"] [--json] [--out <folder> [--force]] | analyze <baseline> --compare <current> [--boundary ...] [--json]',
  examples: [
    'xwf analyze profiling/run1',
    'xwf analyze profiling/run1/PROF_000001_20260523203844/mindstudio_profiler_output/msprof_20260523203844.json --json',
    'xwf analyze profiling/run1 --boundary "ArgMaxV2->^GraphLaunch" --out profiling/run1',
    'xwf analyze profiling/baseline --compare profiling/fused-rope',
  ],
  options: {
    boundary: { type: 'string' },
    json: { type: 'boolean' },
    out: { type: 'string' },
    force: { type: 'boolean' },
    'run-id': { type: 'string' },
    framework: { type: 'string' },
    compare: { type: 'string' },
  },
  optionHelp: {
    boundary: `decode-step boundary pair, previous->next regex (default "${DEFAULT_BOUNDARY.previous}->${DEFAULT_BOUNDARY.next}")`,
    json: 'print JSON (schema: schemas/cli-analyze.schema.json)',
    out: 'write analysis.json, bubble-table.csv, stage-table.csv, rank-skew-table.csv, five_tables.md, timeline_notes.md here',
    force: 'replace those files when they exist',
    'run-id': 'run_id recorded in the artifacts (default: the folder name)',
    framework: 'framework recorded in the artifacts (xllm, vllm-ascend, sglang)',
    compare: 'compare the first capture (baseline) with this one (current): kernel and communication diffs, overlap, gap distributions (JSON schema: schemas/cli-analyze-compare.schema.json)',
  },
  async run({ positionals, values, io }) {
    if (positionals.length !== 1) throw new UsageError('expected exactly one trace file or profiling folder');
    let boundary: Boundary | undefined;
    if (typeof values.boundary === 'string') {
      try {
        boundary = parseBoundary(values.boundary);
      } catch (e) {
        if (e instanceof BoundaryError) throw new UsageError(e.message);
        throw e;
      }
    }
    if (typeof values.compare === 'string') {
      if (typeof values.out === 'string') throw new UsageError('--out cannot be combined with --compare');
      const baseline = await analyzeTarget(io.cwd, positionals[0], boundary);
      const current = await analyzeTarget(io.cwd, values.compare, boundary);
      const comparison = compareProfiles(baseline.result, current.result, { baseline: positionals[0], current: values.compare });
      if (values.json) writeJson(io, comparison);
      else io.out(renderProfileComparisonText(comparison, io.locale));
      for (const [side, r] of [['baseline', baseline.result], ['current', current.result]] as const) {
        for (const p of r.problems) io.err(`${side}: ${problemText(io.locale, p)}\n`);
      }
      return EXIT.ok;
    }
    const { result, base } = await analyzeTarget(io.cwd, positionals[0], boundary);
    if (typeof values.out === 'string') {
      const dir = path.resolve(io.cwd, values.out);
      const meta = {
        run_id: typeof values['run-id'] === 'string' ? values['run-id'] : path.basename(base),
        framework: typeof values.framework === 'string' ? values.framework : null,
        workload: null,
      };
      try {
        await writeAnalysisArtifacts(dir, result, meta, { overwrite: values.force === true });
      } catch (e) {
        if (e instanceof ArtifactExistsError) {
          throw new EnvironmentError(io.locale === 'zh-cn' ? `将覆盖已有文件（加 --force 以替换）：${e.files.join(', ')}` : `${e.message} (add --force to replace them)`);
        }
        throw new EnvironmentError((e as Error).message);
      }
    }
    if (values.json) writeJson(io, result.report);
    else printReport(io, result.report);
    for (const p of result.problems) io.err(`${problemText(io.locale, p)}\n`);
    return EXIT.ok;
  },
};
