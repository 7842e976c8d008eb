// xllm_analyze_trace: kernel, communication, dispatch, overlap and decode-step gap tables of a capture (`xwf analyze --json`).
import * as path from 'node:path';
import { z } from 'zod';
import { analyzeReportSchema } from '../profiling/analyzeReportSchema';
import { BoundaryError, DEFAULT_BOUNDARY, parseBoundary } from '../profiling/gapAnalysis';
import { analyzeProfile } from '../profiling/profileReport';
import { findProfilingOutputs, ProfilingPathError } from '../profiling/profilingOutputs';
import { FileProfilingSource } from '../profiling/profilingSource';
import { AgentToolError, defineTool, resolveInputPath } from './agentTool';

export const analyzeTraceInput = z.strictObject({
  target: z.string().min(1).describe('A profiling run root, a PROF_* / mindstudio_profiler_output / ASCEND_PROFILER_OUTPUT folder, or one trace JSON file.'),
  boundary: z
    .string()
    .min(1)
    .optional()
    .describe(`Decode-step boundary pair "<previous regex>-><next regex>" (default "${DEFAULT_BOUNDARY.previous}->${DEFAULT_BOUNDARY.next}").`),
});

export const analyzeTraceTool = defineTool({
  name: 'xllm_analyze_trace',
  title: 'Analyze a profiling capture',
  titleZh: '分析性能采集',
  description:
    'Analyze an Ascend msprof / torch_npu profiling capture (every rank, sliced traces, CSV exports): kernel time by OP Type, communication, dispatch efficiency per stream, computing/communication/free overlap with bottleneck hints (host-, compute- or communication-bound), and decode-step gaps between boundary kernels with the host calls inside them. Use it to explain a bottleneck; profiling numbers are diagnosis, never the before/after performance result. status INCONCLUSIVE means the capture is incomplete.',
  inputSchema: analyzeTraceInput,
  outputSchema: analyzeReportSchema,
  remote: false,
  readOnly: true,
  cli: { command: 'analyze', args: (i) => [i.target, ...(i.boundary ? ['--boundary', i.boundary] : [])] },
  summarize: (o, locale) =>
    locale === 'zh-cn'
      ? `${o.status}：${o.events} 个事件，${o.gap_summary.pair_count} 个解码步间隙，中位 ${o.gap_summary.gap_median_us ?? '-'} us`
      : `${o.status}: ${o.events} events, ${o.gap_summary.pair_count} decode-step gaps, median ${o.gap_summary.gap_median_us ?? '-'} us`,
  async run(input, ctx) {
    let boundary;
    try {
      boundary = input.boundary === undefined ? undefined : parseBoundary(input.boundary);
    } catch (e) {
      if (e instanceof BoundaryError) throw new AgentToolError('usage', e.message);
      throw e;
    }
    const target = resolveInputPath(ctx, input.target);
    let outputs;
    try {
      outputs = await findProfilingOutputs(target);
    } catch (e) {
      if (e instanceof ProfilingPathError) throw new AgentToolError('environment', e.message);
      throw e;
    }
    // Paths in the report are relative to the folder given (or the trace file's folder), as in the CLI.
    const base = outputs.length && outputs[0].traceFiles[0] === target ? path.dirname(target) : target;
    const relativeTo = (f: string): string => path.relative(base, f).split(path.sep).join('/') || path.basename(f);
    return (await analyzeProfile(new FileProfilingSource(outputs), { boundary, relativeTo })).report;
  },
});
