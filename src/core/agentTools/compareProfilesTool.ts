// xllm_compare_profiles: a baseline and a current profiling capture side by side (`xwf analyze <baseline> --compare <current> --json`).
import { z } from 'zod';
import { BoundaryError, DEFAULT_BOUNDARY, parseBoundary, type Boundary } from '../profiling/gapAnalysis';
import { compareProfiles } from '../profiling/profileComparison';
import { profileComparisonSchema } from '../profiling/profileComparisonSchema';
import { ProfilingPathError } from '../profiling/profilingOutputs';
import { analyzeProfilingTarget } from '../profiling/profilingTarget';
import { AgentToolError, defineTool, resolveInputPath, type AgentToolContext } from './agentTool';

export const compareProfilesInput = z.strictObject({
  baseline: z.string().min(1).describe('Baseline capture: a profiling run root, a PROF_* / mindstudio_profiler_output / ASCEND_PROFILER_OUTPUT folder, or one trace JSON file.'),
  current: z.string().min(1).describe('Current (patched) capture, in the same forms as baseline.'),
  boundary: z
    .string()
    .min(1)
    .optional()
    .describe(`Decode-step boundary pair "<previous regex>-><next regex>" used on both captures (default "${DEFAULT_BOUNDARY.previous}->${DEFAULT_BOUNDARY.next}").`),
});

const fmtUs = (x: number | null): string => (x === null ? '-' : `${x > 0 ? '+' : ''}${x}`);

async function analyzeInput(ctx: AgentToolContext, given: string, boundary: Boundary | undefined) {
  try {
    return (await analyzeProfilingTarget(resolveInputPath(ctx, given), boundary)).result;
  } catch (e) {
    if (e instanceof ProfilingPathError) throw new AgentToolError('environment', e.message);
    throw e;
  }
}

export const compareProfilesTool = defineTool({
  name: 'xllm_compare_profiles',
  title: 'Compare profiling captures',
  titleZh: '对比性能采集',
  description:
    'Compare a baseline and a current Ascend profiling capture: kernel time by OP Type and communication per op with deltas (both, baseline-only, current-only rows), the computing/communication/free overlap shares and their change, and decode-step gap statistics (overall, per device, histogram). Use it to see where a patch moved device or host time; profiling numbers are diagnosis, never the before/after performance result (use xllm_compare_runs for that).',
  inputSchema: compareProfilesInput,
  outputSchema: profileComparisonSchema,
  remote: false,
  readOnly: true,
  cli: { command: 'analyze', args: (i) => [i.baseline, '--compare', i.current, ...(i.boundary ? ['--boundary', i.boundary] : [])] },
  summarize: (o, locale) =>
    locale === 'zh-cn'
      ? `算子时间变化 ${o.kernel_diff.delta_total_us} us，解码步间隙中位变化 ${fmtUs(o.gaps.delta.median_us)} us（${o.baseline.status} → ${o.current.status}）`
      : `kernel time ${o.kernel_diff.delta_total_us > 0 ? '+' : ''}${o.kernel_diff.delta_total_us} us, decode-step gap median ${fmtUs(o.gaps.delta.median_us)} us (${o.baseline.status} -> ${o.current.status})`,
  async run(input, ctx) {
    let boundary: Boundary | undefined;
    try {
      boundary = input.boundary === undefined ? undefined : parseBoundary(input.boundary);
    } catch (e) {
      if (e instanceof BoundaryError) throw new AgentToolError('usage', e.message);
      throw e;
    }
    const baseline = await analyzeInput(ctx, input.baseline, boundary);
    const current = await analyzeInput(ctx, input.current, boundary);
    return compareProfiles(baseline, current, { baseline: input.baseline, current: input.current });
  },
});
