// The JSON shape of a run comparison: what `xwf compare --json` prints and every face renders from.
import { z } from 'zod';
import { RUN_KINDS } from '../runs/runKinds';

export const VERDICTS = ['PASS', 'FAIL', 'INCONCLUSIVE', 'SMOKE_ONLY'] as const;
export type Verdict = (typeof VERDICTS)[number];

/** What a reason does to the verdict: the strongest present wins, in this order; `note` only informs. */
export const REASON_EFFECTS = ['SMOKE_ONLY', 'INCONCLUSIVE', 'FAIL', 'note'] as const;
export type ReasonEffect = (typeof REASON_EFFECTS)[number];

export const REASON_CODES = [
  'manifest_missing',
  'manifest_unreadable',
  'metrics_missing',
  'metrics_invalid',
  'score_missing',
  'raw_logs_missing',
  'gate_missing',
  'gate_failed',
  'gate_incomplete',
  'warmup_missing',
  'smoke_level',
  'profiling_run',
  'profiling_attached',
  'kind_mismatch',
  'kind_unsupported',
  'fairness_difference',
  'fairness_unknown',
  'experiment_not_declared',
  'dirty_without_diff',
  'not_formal',
  'no_common_level',
  'metric_missing',
  'out_of_tolerance',
  'requests_failed',
  'speculative_counters_missing',
] as const;
export type ReasonCode = (typeof REASON_CODES)[number];

export const RUN_ROLES = ['baseline', 'current'] as const;
export type RunRole = (typeof RUN_ROLES)[number];

export const reasonSchema = z.object({
  code: z.enum(REASON_CODES),
  effect: z.enum(REASON_EFFECTS),
  run: z.enum(RUN_ROLES).nullable().describe('The run the reason is about; null when it is about the pair.'),
  args: z.array(z.union([z.string(), z.number()])).describe('Message arguments after the run label.'),
  message_en: z.string(),
  message_zh: z.string(),
});
export type VerdictReason = z.infer<typeof reasonSchema>;

export const FAIRNESS_GROUPS = ['devices', 'code', 'model', 'workload', 'sampling', 'service', 'startup'] as const;
export type FairnessGroup = (typeof FAIRNESS_GROUPS)[number];

export const fairnessRowSchema = z.object({
  group: z.enum(FAIRNESS_GROUPS),
  field: z.string().describe('Stable id: a manifest key, `quantization`, `startup_command`, `startup:<flag>` or `startup_env:<NAME>`.'),
  label: z.string(),
  baseline: z.string().describe("The baseline's value as written; '' when not recorded."),
  current: z.string(),
  equal: z.boolean().describe('Equal after normalization (0 = 0.0, flag order, spacing).'),
  allowed: z.boolean().describe('The declared experiment parameter: a difference here is the point of the comparison.'),
  status: z.enum(['equal', 'allowed', 'different', 'unknown']).describe('unknown: recorded in neither run.'),
  required: z.boolean().describe('Fairness cannot be shown when a required field is unknown.'),
});
export type FairnessRow = z.infer<typeof fairnessRowSchema>;

export const METRIC_IDS = ['ttft', 'tpot', 'itl', 'e2e', 'output_tps', 'total_tps', 'request_throughput', 'request_output_tps', 'accuracy'] as const;
export type MetricId = (typeof METRIC_IDS)[number];
export const STATS = ['avg', 'p50', 'p90', 'p99', 'score'] as const;
export type Stat = (typeof STATS)[number];

export const metricRowSchema = z.object({
  level: z.string().describe('Key of the level (see levels[]).'),
  metric: z.enum(METRIC_IDS),
  stat: z.enum(STATS).describe('avg of a system throughput is its measured value over the run.'),
  unit: z.enum(['ms', 'tok/s', 'req/s', 'score']),
  better: z.enum(['lower', 'higher']),
  baseline: z.number().nullable(),
  current: z.number().nullable(),
  delta: z.number().nullable().describe('current - baseline; null when either is unknown or when no gain may be shown.'),
  delta_pct: z.number().nullable().describe('Percentage change against the baseline; null when either is unknown or no gain may be shown.'),
  limit: z.number().nullable().describe('The tolerance bound the current value is held to.'),
  status: z.enum(['pass', 'fail', 'missing', 'withheld']).describe('withheld: the comparison is not formal, so no judgement is shown.'),
  gating: z.boolean().describe('Whether this row decides PASS/FAIL.'),
});
export type MetricRow = z.infer<typeof metricRowSchema>;

export const levelSchema = z.object({
  key: z.string(),
  label_en: z.string(),
  label_zh: z.string(),
  concurrency: z.number().nullable(),
  request_rate: z.number().nullable(),
  in_baseline: z.boolean(),
  in_current: z.boolean(),
});
export type ComparisonLevel = z.infer<typeof levelSchema>;

export const gateSummarySchema = z.object({
  present: z.boolean().describe('Whether env/ (the precheck snapshots) exists in the run root.'),
  verdict: z.enum(['pass', 'fail', 'incomplete']).nullable().describe('Null when the snapshots were not evaluated.'),
  reasons: z.array(z.string()),
});

export const runSummarySchema = z.object({
  run_id: z.string(),
  kind: z.enum([...RUN_KINDS, 'other']),
  root: z.string().describe('The run root as it was given (relative paths stay relative).'),
  manifest: z.string().nullable(),
  level: z.string().nullable(),
  framework: z.string().nullable(),
  commit: z.string().nullable(),
  model: z.string().nullable(),
  warmup_num: z.number().nullable(),
  gate: gateSummarySchema,
  profiling: z.boolean().describe('A profiling run, or profiling attached while measuring.'),
});
export type RunSummary = z.infer<typeof runSummarySchema>;

export const toleranceSchema = z.object({
  throughput: z.number().positive().describe('Throughput passes when current >= throughput x baseline.'),
  latency: z.number().positive().describe('Latency passes when current <= latency x baseline.'),
  accuracy: z.number().min(0).max(1).describe('Accuracy passes when current >= baseline - accuracy.'),
});
export type Tolerances = z.infer<typeof toleranceSchema>;

export const comparisonSchema = z
  .object({
    schema: z.literal('xllm-compare/v1'),
    baseline: runSummarySchema,
    current: runSummarySchema,
    experiment: z.object({ field: z.string().nullable(), source: z.enum(['option', 'fairness_notes', 'none']) }),
    tolerances: toleranceSchema,
    fairness: z.object({
      fair: z.boolean().describe('No field differs besides the experiment, and every required field is known.'),
      rows: z.array(fairnessRowSchema),
      differences: z.array(z.string()).describe('Labels of the rows that differ and are not the experiment.'),
      unknown: z.array(z.string()).describe('Labels of required rows recorded in neither run.'),
    }),
    levels: z.array(levelSchema),
    metrics: z.array(metricRowSchema),
    verdict: z.enum(VERDICTS),
    reasons: z.array(reasonSchema),
    gain: z.object({
      allowed: z.boolean().describe('A percentage gain may be shown only for a formal PASS or FAIL.'),
      withheld_because: z.array(z.enum(REASON_CODES)),
      message_en: z.string().nullable(),
      message_zh: z.string().nullable(),
    }),
  })
  .describe('Comparison of a baseline and a current run: fairness, metrics against tolerance, verdict (formats.md section 4).');
export type Comparison = z.infer<typeof comparisonSchema>;
