// JSON shape of `xwf analyze --json` (rendered to schemas/cli-analyze.schema.json).
import { z } from 'zod';
import { gapSummarySchema } from '../schemas/analysisSchema';

const us = z.number();
const share = z.number().min(0).max(1);
const nullableUs = z.number().nullable();

const overlapTimesSchema = z.object({
  computing_us: us,
  communication_us: us,
  communication_not_overlapped_us: us,
  free_us: us,
  wall_us: us,
  computing_share: share,
  communication_share: share,
  communication_not_overlapped_share: share,
  free_share: share,
});

const gapStatsSchema = z.object({
  pair_count: z.number().int().nonnegative(),
  gap_min_us: nullableUs,
  gap_median_us: nullableUs,
  gap_mean_us: nullableUs,
  gap_p90_us: nullableUs,
  gap_max_us: nullableUs,
});

export const analyzeReportSchema = z
  .object({
    status: z.enum(['OK', 'INCONCLUSIVE']),
    trace_files: z.array(z.string()),
    events: z.number().int().nonnegative().describe('Trace events read, metadata included.'),
    devices: z.array(z.number().int()),
    lanes: z.number().int().nonnegative(),
    boundary: z.object({ previous: z.string(), next: z.string() }),
    kernel_table: z.object({
      source: z.enum(['op_statistic', 'op_summary', 'trace', 'none']),
      total_us: us,
      rows: z.array(
        z.object({ op_type: z.string(), core_type: z.string().nullable(), count: z.number().int().nonnegative(), total_us: us, avg_us: us, share }),
      ),
      hidden_count: z.number().int().nonnegative().describe('OP Types under 1% of device time, not listed.'),
      hidden_share: share,
      hidden_total_us: us,
    }),
    communication_table: z.object({
      source: z.enum(['communication_statistic', 'trace', 'op_summary', 'none']),
      total_us: us,
      rows: z.array(
        z.object({ op_type: z.string(), count: z.number().int().nonnegative(), total_us: us, avg_us: us, min_us: nullableUs, max_us: nullableUs, share }),
      ),
    }),
    dispatch_table: z.object({
      source: z.enum(['trace', 'task_time', 'op_summary', 'none']),
      rows: z.array(
        z.object({
          device: z.number().int(),
          stream: z.number().int(),
          task_count: z.number().int().nonnegative(),
          busy_us: us,
          avg_wait_us: us,
          avg_gap_us: us,
          launches_per_ms: z.number(),
        }),
      ),
    }),
    overlap: z.object({
      source: z.enum(['trace', 'step_trace_time', 'none']),
      devices: z.array(overlapTimesSchema.extend({ device: z.number().int() })),
      total: overlapTimesSchema,
      hints: z.array(z.object({ kind: z.enum(['host-bound', 'compute-bound', 'communication-bound']), share, threshold: share })),
    }),
    gap_summary: gapSummarySchema,
    gap_by_device: z.array(
      gapStatsSchema.extend({
        device: z.number().int().nullable().describe('null = the host lanes'),
        prev_count: z.number().int().nonnegative(),
        next_count: z.number().int().nonnegative(),
      }),
    ),
    sources: z.array(
      z.object({
        file: z.string(),
        bytes: z.number().int().nonnegative(),
        events: z.number().int().nonnegative(),
        complete: z.boolean(),
        error: z.object({ code: z.string(), offset: z.number().int().nonnegative(), line: z.number().int().positive(), message: z.string() }).optional(),
      }),
    ),
    problems: z.array(z.object({ code: z.string(), message: z.string() })),
  })
  .describe('Profiling analysis of a trace file or capture folder (xwf analyze --json).');

export type AnalyzeReportJson = z.infer<typeof analyzeReportSchema>;
