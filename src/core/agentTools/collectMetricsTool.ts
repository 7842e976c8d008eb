// xllm_collect_metrics: benchmark results under a folder, normalized and ranked (`xwf collect --json`).
import { z } from 'zod';
import { collectMetrics, FolderNotFoundError } from '../metrics/metricsCollector';
import { collectReportSchema } from '../schemas/metricsSchema';
import { AgentToolError, defineTool, resolveInputPath } from './agentTool';

export const collectMetricsInput = z.strictObject({
  folder: z.string().min(1).describe('Folder holding benchmark output (a run root, its evalscope/ folder, or a whole workspace).'),
  sla_ttft_ms: z.number().positive().optional().describe('SLA on p99 TTFT in milliseconds; passing records rank first.'),
  sla_tpot_ms: z.number().positive().optional().describe('SLA on p99 TPOT in milliseconds; passing records rank first.'),
});

export const collectMetricsOutput = z.object({
  folder: z.string().describe('Absolute path of the collected folder; record and problem paths are relative to it.'),
  records: collectReportSchema,
  problems: z
    .array(
      z.object({
        file: z.string(),
        severity: z.enum(['error', 'warning']),
        code: z.string(),
        args: z.array(z.union([z.string(), z.number()])),
        message: z.string(),
      }),
    )
    .describe('Files that could not be read fully (half-written JSON, missing percentiles, unknown units).'),
});

export const collectMetricsTool = defineTool({
  name: 'xllm_collect_metrics',
  title: 'Collect benchmark metrics',
  titleZh: '采集压测指标',
  description:
    'Read every evalscope / vLLM bench / SGLang bench_serving result under a folder, normalize units to milliseconds and rank the records (SLA pass first, then request throughput, output tokens/s, lower p50 TTFT and TPOT). Use it to get TTFT/TPOT/ITL/throughput numbers with their percentiles instead of parsing benchmark files yourself. Read-only: it never writes metrics.json.',
  inputSchema: collectMetricsInput,
  outputSchema: collectMetricsOutput,
  remote: false,
  readOnly: true,
  cli: {
    command: 'collect',
    args: (i) => [
      i.folder,
      ...(i.sla_ttft_ms === undefined ? [] : ['--sla-ttft-ms', String(i.sla_ttft_ms)]),
      ...(i.sla_tpot_ms === undefined ? [] : ['--sla-tpot-ms', String(i.sla_tpot_ms)]),
    ],
    json: (o) => o.records,
  },
  summarize: (o, locale) =>
    locale === 'zh-cn' ? `${o.records.length} 个压测结果，${o.problems.length} 个问题` : `${o.records.length} benchmark record(s), ${o.problems.length} problem(s)`,
  async run(input, ctx) {
    try {
      const result = await collectMetrics(resolveInputPath(ctx, input.folder), { slaTtftMs: input.sla_ttft_ms, slaTpotMs: input.sla_tpot_ms, locale: ctx.locale });
      return { folder: result.folder, records: result.records, problems: result.problems.map((p) => ({ ...p, args: [...p.args] })) };
    } catch (e) {
      if (e instanceof FolderNotFoundError) throw new AgentToolError('environment', e.message);
      throw e;
    }
  },
});
