// `xwf patch-events <trace file or profiling folder> --patch <diff file>`: the trace event names whose
// names match the symbols a patch touches, with event counts (the timeline's "touched by this patch").
import * as path from 'node:path';
import { type PatchEventsReport } from '../../core/profiling/patchEventsReport';
import { patchEventsOfTrace, PatchEventsError, readPatchFile } from '../../core/profiling/patchEventsOfTrace';
import { EXIT, EnvironmentError, UsageError, writeJson, type CliCommand, type CliIO } from '../command';

function printReport(io: CliIO, r: PatchEventsReport): void {
  const zh = io.locale === 'zh-cn';
  const L = (en: string, cn: string): string => (zh ? cn : en);
  const symbolCount = r.files.reduce((n, f) => n + f.symbols.length, 0);
  io.out(`${L('patch', '补丁')}: ${r.patch}  ${L('files', '文件')}: ${r.files.length}  ${L('symbols', '符号')}: ${symbolCount}\n`);
  io.out(`${L('trace', '跟踪')}: ${r.trace}  ${L('events', '事件')}: ${r.events}  ${L('distinct names', '不同名称')}: ${r.distinct_names}\n`);
  if (!r.touched.length) {
    io.out(`\n${L('No trace event names match the symbols this patch touches.', '没有跟踪事件名称与该补丁涉及的符号匹配。')}\n`);
    return;
  }
  io.out(`\n${L('Touched by this patch', '受该补丁影响')} (${r.touched.length} ${L('names', '个名称')}, ${r.touched_events} ${L('events', '个事件')}):\n`);
  for (const t of r.touched) {
    const m = t.matches[0];
    const more = t.matches.length > 1 ? ` (+${t.matches.length - 1})` : '';
    io.out(`  ${String(t.count).padStart(7)}  ${t.name}  <- ${m.symbol} [${m.kind}] ${m.file}:${m.line}${more}\n`);
  }
}

export const patchEventsCommand: CliCommand = {
  name: 'patch-events',
  summary: {
    en: 'List the trace event names that match symbols a patch touches (functions, classes, aclnn and op names), with counts',
    zh: '列出与补丁涉及的符号（函数、类、aclnn 与算子名）匹配的跟踪事件名称及次数',
  },
  usage: 'patch-events <trace file or profiling folder> --patch <diff file> [--json]',
  examples: [
    'git -C /workspace/xllm diff origin/main > rope.diff && xwf patch-events profiling/run1 --patch rope.diff',
    'xwf patch-events profiling/run1/PROF_000001_20260523203844/mindstudio_profiler_output/msprof_20260523203844.json --patch runs/perf/run1/worktree.diff --json',
  ],
  options: {
    patch: { type: 'string' },
    json: { type: 'boolean' },
  },
  optionHelp: {
    patch: 'unified diff of the change (git diff output)',
    json: 'print JSON (schema: schemas/cli-patch-events.schema.json)',
  },
  async run({ positionals, values, io }) {
    if (positionals.length !== 1) throw new UsageError('expected exactly one trace file or profiling folder');
    if (typeof values.patch !== 'string' || !values.patch) throw new UsageError('--patch <diff file> is required');
    let result;
    try {
      const diff = await readPatchFile(path.resolve(io.cwd, values.patch), values.patch);
      result = await patchEventsOfTrace({ diff, patchLabel: values.patch, target: path.resolve(io.cwd, positionals[0]), traceLabel: positionals[0] });
    } catch (e) {
      if (e instanceof PatchEventsError) throw e.kind === 'usage' ? new UsageError(e.message) : new EnvironmentError(e.message);
      throw e;
    }
    const { report, traceProblems } = result;
    if (values.json) writeJson(io, report);
    else printReport(io, report);
    for (const line of traceProblems) io.err(`${line}\n`);
    return EXIT.ok;
  },
};
