// JSON shape of `xwf analyze <baseline> --compare <current> --json` (rendered to schemas/cli-analyze-compare.schema.json).
import { z } from 'zod';

const nUs = z.number().nullable();
const sideTotalsSchema = z.object({ count: z.number().int().nonnegative(), total_us: z.number(), avg_us: z.number(), share: z.number() }).nullable();
const diffRowSchema = z.object({
  op_type: z.string(),
  presence: z.enum(['both', 'baseline_only', 'current_only']),
  baseline: sideTotalsSchema,
  current: sideTotalsSchema,
  delta_total_us: z.number(),
  delta_pct: z.number().nullable().describe('delta / baseline total; null when the baseline has no time'),
  delta_avg_us: nUs,
  share_change: z.number(),
});
const tableDiffSchema = z.object({
  baseline_source: z.string(),
  current_source: z.string(),
  baseline_total_us: z.number(),
  current_total_us: z.number(),
  delta_total_us: z.number(),
  delta_pct: z.number().nullable(),
  rows: z.array(diffRowSchema),
});
const statsSchema = z.object({
  pair_count: z.number().int().nonnegative(),
  gap_min_us: nUs,
  gap_median_us: nUs,
  gap_mean_us: nUs,
  gap_p90_us: nUs,
  gap_max_us: nUs,
});
const statsDiffSchema = z.object({
  baseline: statsSchema,
  current: statsSchema,
  delta: z.object({ median_us: nUs, mean_us: nUs, p90_us: nUs, min_us: nUs, max_us: nUs }),
});
const overlapSchema = z
  .object({
    computing_us: z.number(),
    communication_us: z.number(),
    communication_not_overlapped_us: z.number(),
    free_us: z.number(),
    wall_us: z.number(),
    computing_share: z.number(),
    communication_share: z.number(),
    communication_not_overlapped_share: z.number(),
    free_share: z.number(),
  })
  .nullable();
const sideSchema = z.object({ label: z.string().nullable(), status: z.string(), trace_files: z.array(z.string()), events: z.number().int().nonnegative(), devices: z.array(z.number().int()) });

export const profileComparisonSchema = z
  .object({
    baseline: sideSchema,
    current: sideSchema,
    boundary: z.object({ previous: z.string(), next: z.string() }),
    kernel_diff: tableDiffSchema.extend({ baseline_hidden_share: z.number(), current_hidden_share: z.number() }),
    communication_diff: tableDiffSchema,
    overlap: z.object({
      baseline: overlapSchema,
      current: overlapSchema,
      share_change: z
        .object({ computing_share: z.number(), communication_share: z.number(), communication_not_overlapped_share: z.number(), free_share: z.number() })
        .nullable(),
    }),
    gaps: statsDiffSchema.extend({
      by_device: z.array(statsDiffSchema.extend({ device: z.number().int().nullable().describe('null = the host lanes') })),
      histogram: z.object({ edges_us: z.array(z.number()), baseline: z.array(z.number().int()), current: z.array(z.number().int()) }),
    }),
  })
  .strict();
