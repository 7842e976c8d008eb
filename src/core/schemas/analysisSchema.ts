// Pipeline analysis.json written next to a profiling capture.
import { z } from 'zod';

export const ANALYSIS_SCHEMA_ID = 'xllm-npu-pipeline-analysis/v1';

export const gapSummarySchema = z.object({
  prev_count: z.number().int().nonnegative(),
  next_count: z.number().int().nonnegative(),
  pair_count: z.number().int().nonnegative(),
  gap_min_us: z.number().nullable(),
  gap_median_us: z.number().nullable(),
  gap_mean_us: z.number().nullable(),
  gap_p90_us: z.number().nullable(),
  gap_max_us: z.number().nullable(),
  top_host_events: z.array(z.object({ name: z.string(), count: z.number().int().nonnegative() })),
});
export type GapSummary = z.infer<typeof gapSummarySchema>;

export const analysisSchema = z
  .looseObject({
    schema: z.literal(ANALYSIS_SCHEMA_ID),
    status: z.enum(['OK', 'INCONCLUSIVE']),
    run_id: z.string(),
    framework: z.string().nullable(),
    workload: z.string().nullable(),
    trace: z.string().describe('Trace file(s) analysed, relative to the run root.'),
    boundary: z.object({ previous: z.string(), next: z.string() }),
    event_count: z.number().int().nonnegative(),
    gap_summary: gapSummarySchema,
    reasons: z.array(z.string()).optional(),
  })
  .describe('Decode-step gap analysis of a profiling run (formats.md section 3).');
export type Analysis = z.infer<typeof analysisSchema>;
