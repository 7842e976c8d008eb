// The JSON shape of PR-ready evidence: the checklist of formats.md section 4 answered from the runs.
import { z } from 'zod';
import { VERDICTS } from './comparisonSchema';

const command = z.object({
  text: z.string(),
  source: z.string().describe('Where the command came from (a file relative to the run root, or the manifest key).'),
  reconstructed: z.boolean().describe('Rebuilt from recorded settings (benchmark_args.json) rather than saved verbatim.'),
});
export type EvidenceCommand = z.infer<typeof command>;

const setup = z.object({
  run_id: z.string(),
  model_name: z.string().nullable(),
  model_path: z.string().nullable(),
  tokenizer_path: z.string().nullable(),
  dtype: z.string().nullable(),
  quantization: z.string().nullable(),
  npu_model: z.string().nullable(),
  device_count: z.number().int().nullable(),
  devices: z.string().nullable(),
  framework: z.string().nullable(),
  commit: z.string().nullable(),
  branch: z.string().nullable(),
});
export type EvidenceSetup = z.infer<typeof setup>;

const hygiene = z.object({
  warmup_num: z.number().nullable(),
  gate_present: z.boolean(),
  gate_verdict: z.enum(['pass', 'fail', 'incomplete']).nullable(),
  clean: z.boolean().nullable().describe('true when the gate passed, false when it failed, null when not shown.'),
});
export type EvidenceHygiene = z.infer<typeof hygiene>;

const link = z.object({ label: z.string(), link: z.string().describe('Relative to the report location.') });

export const prEvidenceSchema = z
  .object({
    schema: z.literal('xllm-pr-evidence/v1'),
    baseline_run_id: z.string(),
    current_run_id: z.string(),
    verdict: z.enum(VERDICTS),
    gain_allowed: z.boolean(),
    gain_withheld_message: z.string().nullable(),
    setup: z.object({ baseline: setup, current: setup }),
    commands: z.object({
      launch: z.object({ baseline: command.nullable(), current: command.nullable() }),
      benchmark: z.object({ baseline: z.array(command), current: z.array(command) }),
    }),
    warmup_clean: z.object({ baseline: hygiene, current: hygiene }),
    profiling: z.object({
      compared_runs_profiled: z.array(z.string()).describe('Compared runs that are profiling runs or had a profiler attached.'),
      diagnosis_runs: z.array(z.object({ run_id: z.string(), link: z.string() })),
      diagnosis_only: z.boolean().describe('No profiler touched the compared numbers.'),
    }),
    accuracy: z.object({
      runs: z.array(
        z.object({
          run_id: z.string(),
          level: z.string().nullable(),
          dataset: z.string().nullable(),
          score: z.number().nullable(),
          num_correct: z.number().nullable(),
          num_total: z.number().nullable(),
          failed_case_count: z.number().nullable(),
          status: z.string().nullable(),
          failed_cases: z.string().nullable().describe('Link to failed_cases.jsonl.'),
        }),
      ),
      highest_level: z.string().nullable(),
    }),
    patch: z.object({
      baseline_commit: z.string().nullable(),
      current_commit: z.string().nullable(),
      base_commit: z.string().nullable(),
      branch: z.string().nullable(),
      purpose: z.string().nullable(),
      git_status_short: z.string().nullable(),
      diff_files: z.array(link),
    }),
    risks: z.array(z.string()),
    artifacts: z.array(z.object({ run_id: z.string(), role: z.enum(['baseline', 'current', 'accuracy', 'profiling']), items: z.array(link) })),
    markdown: z.string(),
  })
  .describe('PR-ready evidence of a comparison (formats.md section 4), with its Markdown.');
export type PrEvidence = z.infer<typeof prEvidenceSchema>;
