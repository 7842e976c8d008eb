// xllm_patch_events: the trace event names a patch touches, with event counts (`xwf patch-events --json`).
import { z } from 'zod';
import { patchEventsReportSchema } from '../profiling/patchEventsReport';
import { patchEventsOfTrace, PatchEventsError, readPatchFile } from '../profiling/patchEventsOfTrace';
import { AgentToolError, defineTool, resolveInputPath } from './agentTool';

/** How the report names a diff given as text (the CLI names the file). */
export const INLINE_DIFF_LABEL = '(diff text)';

export const patchEventsInput = z.strictObject({
  trace: z.string().min(1).describe('A profiling run root, a PROF_* / mindstudio_profiler_output / ASCEND_PROFILER_OUTPUT folder, or one trace JSON file.'),
  patch: z.string().min(1).optional().describe('A unified diff file of the change (git diff output, e.g. a run root\'s worktree.diff). Give this or diff, not both.'),
  diff: z.string().min(1).optional().describe('The unified diff text itself, when it is not in a file. Give this or patch, not both.'),
});

export const patchEventsTool = defineTool({
  name: 'xllm_patch_events',
  title: 'Trace events touched by a patch',
  titleZh: '补丁影响的跟踪事件',
  description:
    'List the trace event names of a profiling capture that match the symbols a patch touches (function and class definitions, calls, aclnn APIs, op registrations and op types read from the unified diff), with event counts, the matching symbol, its file and line, and how it matched. Use it to find which kernels or host calls in a timeline a change can affect before reading their times; give the diff as a file (patch) or as text (diff).',
  inputSchema: patchEventsInput,
  outputSchema: patchEventsReportSchema,
  remote: false,
  readOnly: true,
  // A diff given as text has no file for the CLI: it reads the same once saved to one.
  cli: { command: 'patch-events', args: (i) => [i.trace, '--patch', i.patch ?? '<diff file>'] },
  summarize: (o, locale) =>
    locale === 'zh-cn'
      ? `${o.touched.length} 个事件名称（${o.touched_events} 个事件）与补丁的 ${o.files.length} 个文件中的符号匹配`
      : `${o.touched.length} event names (${o.touched_events} events) match symbols in the patch's ${o.files.length} files`,
  async run(input, ctx) {
    const { patch, diff: text } = input;
    if ((patch === undefined) === (text === undefined)) throw new AgentToolError('usage', 'give exactly one of patch (a diff file) or diff (the diff text)');
    try {
      const diff = patch === undefined ? (text ?? '') : await readPatchFile(resolveInputPath(ctx, patch), patch);
      const patchLabel = patch ?? INLINE_DIFF_LABEL;
      return (await patchEventsOfTrace({ diff, patchLabel, target: resolveInputPath(ctx, input.trace), traceLabel: input.trace })).report;
    } catch (e) {
      if (e instanceof PatchEventsError) throw new AgentToolError(e.kind, e.message);
      throw e;
    }
  },
});
