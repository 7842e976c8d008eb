// metrics.json: the workflow's stable names plus the optional percentile-aware benchmark records.
import { z } from 'zod';
import { FRAMEWORKS, LEVELS } from '../manifest/manifestSpec';

const num = z.number().nullable();
const int = z.number().int().nullable();

/** Percentiles of one metric, keyed `p50`, `p99`, `min`, `max`, ... (milliseconds or tok/s as the metric says). */
export const percentileMapSchema = z.record(z.string().regex(/^(p\d+(\.\d+)?|min|max)$/), z.number());

/** One benchmark run (one concurrency or rate level) normalized from any supported client. */
export const benchmarkRecordSchema = z.object({
  source: z.object({
    tool: z.enum(['evalscope', 'vllm', 'sglang']),
    version: z.string().nullable(),
    file: z.string().describe('Path of the summary file, relative to the folder that was collected.'),
  }),
  concurrency: int,
  request_rate: num.optional(),
  total: int,
  success: int,
  failed: int,
  duration_s: num.optional(),
  ttft_ms: num,
  tpot_ms: num,
  itl_ms: num,
  e2e_ms: num,
  output_tps: num,
  total_tps: num,
  request_throughput: num,
  avg_input_tokens: num.optional(),
  avg_output_tokens: num.optional(),
  percentiles: z.record(z.string(), percentileMapSchema),
  speculative: z
    .object({
      decoded_tok_per_iter: num,
      accept_rate: num,
      accept_length: num.optional(),
    })
    .optional(),
  sla: z.object({ pass: z.boolean(), reasons: z.array(z.string()) }).optional(),
});
export type BenchmarkRecord = z.infer<typeof benchmarkRecordSchema>;

export const metricsSchema = z
  .looseObject({
    run_id: z.string().nullable(),
    framework: z.enum(FRAMEWORKS).nullable(),
    model: z.string().nullable(),
    commit: z.string().nullable(),
    level: z.enum(LEVELS).nullable(),
    input_tokens: int,
    output_tokens: int,
    parallel: int,
    number: int,
    warmup_num: int,
    stream: z.boolean().nullable(),
    temperature: num,
    top_p: num,
    top_k: int,
    ttft_ms: num,
    tpot_ms: num,
    itl_ms: num,
    output_tps: num,
    request_throughput: num,
    success: int,
    total: int,
    speculative_num_accepted_tokens_delta: int,
    speculative_num_draft_tokens_delta: int,
    server_accept_rate: num,
    evalscope_decoded_tok_per_iter: num,
    evalscope_spec_accept_rate: num,
    benchmarks: z.array(benchmarkRecordSchema).optional(),
  })
  .describe('Normalized performance metrics of one run (formats.md section 3). Unknown values are null.');
export type Metrics = z.infer<typeof metricsSchema>;
