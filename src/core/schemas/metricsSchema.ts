// metrics.json: the workflow's stable names plus the optional percentile-aware benchmark records.
import { z } from 'zod';
import { FRAMEWORKS, LEVELS } from '../manifest/manifestSpec';

const num = z.number().nullable();
const int = z.number().int().nullable();

/** Percentiles of one metric, keyed `p50`, `p99`, `min`, `max`, ... (milliseconds or tok/s as the metric says). */
export const percentileMapSchema = z.record(z.string().regex(/^(p\d+(\.\d+)?|min|max)$/), z.number());

export const BENCHMARK_TOOLS = ['evalscope', 'vllm', 'sglang'] as const;
export type BenchmarkTool = (typeof BENCHMARK_TOOLS)[number];

/** One benchmark run (one concurrency or rate level) normalized from any supported client. */
export const benchmarkRecordSchema = z.object({
  source: z.object({
    tool: z.enum(BENCHMARK_TOOLS),
    version: z.string().nullable(),
    version_source: z
      .enum(['args', 'keys', 'file'])
      .nullable()
      .optional()
      .describe('Where the version came from: benchmark_args.json, inferred from the key set, or a field of the result file.'),
    file: z.string().describe('Path of the summary file, relative to the folder that was collected.'),
    index: z.number().int().nonnegative().optional().describe('0-based position of the result object in a file holding several (appended JSONL).'),
  }),
  concurrency: int,
  request_rate: num.optional().describe('Configured request rate (req/s); null when unlimited.'),
  measured_concurrency: num.optional().describe('Average in-flight requests measured by the client (SGLang).'),
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
  request_goodput: num.optional(),
  avg_input_tokens: num.optional(),
  avg_output_tokens: num.optional(),
  percentiles: z.record(z.string(), percentileMapSchema),
  speculative: z
    .object({
      decoded_tok_per_iter: num,
      accept_rate: num.describe('Fraction 0-1.'),
      accept_length: num.optional(),
    })
    .optional(),
  workload: z
    .object({
      model: z.string().nullable(),
      number: int,
      warmup: int,
      stream: z.boolean().nullable(),
      input_tokens: int,
      output_tokens: int,
      temperature: num,
      top_p: num,
      top_k: int,
    })
    .partial()
    .optional()
    .describe('Client settings found beside the result (evalscope benchmark_args.json, vLLM/SGLang result fields).'),
  sla: z.object({ pass: z.boolean(), reasons: z.array(z.string()) }).optional(),
});
export type BenchmarkRecord = z.infer<typeof benchmarkRecordSchema>;

/** Output of `xwf collect --json`: the records found under a folder, best first (formats.md section 4). */
export const collectReportSchema = z.array(benchmarkRecordSchema).describe('Benchmark records found under the folder, ranked best first.');

/** The stable metrics.json names of formats.md section 3, in order. */
export const STABLE_METRICS_KEYS = [
  'run_id',
  'framework',
  'model',
  'commit',
  'level',
  'input_tokens',
  'output_tokens',
  'parallel',
  'number',
  'warmup_num',
  'stream',
  'temperature',
  'top_p',
  'top_k',
  'ttft_ms',
  'tpot_ms',
  'itl_ms',
  'output_tps',
  'request_throughput',
  'success',
  'total',
  'speculative_num_accepted_tokens_delta',
  'speculative_num_draft_tokens_delta',
  'server_accept_rate',
  'evalscope_decoded_tok_per_iter',
  'evalscope_spec_accept_rate',
] as const;
export type StableMetricsKey = (typeof STABLE_METRICS_KEYS)[number];

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
    headline: z
      .object({ file: z.string(), index: z.number().int().optional(), reason: z.string() })
      .nullable()
      .optional()
      .describe('Which benchmark record the top-level latency and throughput values come from, and why.'),
    collector: z
      .object({
        tool: z.string(),
        written: z
          .record(z.string(), z.string())
          .describe('Fingerprint of each stable value as the collector last wrote it; a value that no longer matches was edited by hand.'),
      })
      .optional(),
  })
  .describe('Normalized performance metrics of one run (formats.md section 3). Unknown values are null.');
export type Metrics = z.infer<typeof metricsSchema>;
