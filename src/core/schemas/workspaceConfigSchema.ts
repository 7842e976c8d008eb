// The xLLM developer workspace's config.json (template config.example.json).
import { z } from 'zod';

const gitRef = z.looseObject({ url: z.string().nullable().optional(), branch: z.string().nullable().optional(), commit: z.string().nullable().optional() });
const concurrency = z.array(z.number().int().positive());

export const workspaceConfigSchema = z
  .looseObject({
    code: z
      .looseObject({
        xllm: z
          .looseObject({ path: z.string().nullable().optional(), origin: gitRef.optional(), upstream: gitRef.optional() })
          .optional(),
      })
      .optional(),
    xllm_config: z
      .looseObject({
        model: z.string().nullable().optional(),
        model_id: z.string().nullable().optional(),
        max_memory_utilization: z.number().min(0).max(1).default(0.8).optional(),
        max_seqs_per_batch: z.number().int().positive().default(1024).optional(),
        max_tokens_per_chunk_for_prefill: z.number().int().default(-1).optional(),
        max_tokens_per_batch: z.number().int().positive().default(10240).optional(),
        tp_size: z.number().int().positive().default(1).optional(),
        draft_model: z.string().nullable().optional(),
        num_speculative_tokens: z.number().int().nonnegative().default(0).optional(),
      })
      .optional(),
    xllm_config_comments: z.record(z.string(), z.unknown()).optional(),
    tests: z
      .looseObject({
        smoke: z.looseObject({ prompt: z.string().optional(), temperature: z.number().optional(), concurrency: concurrency.optional() }).optional(),
        quick: z
          .looseObject({
            datasets: z.array(z.string()).optional(),
            num_questions: z.number().int().positive().optional(),
            concurrency: concurrency.optional(),
            sampling: z
              .looseObject({ temperature: z.number().optional(), top_p: z.number().optional(), top_k: z.number().int().optional() })
              .optional(),
          })
          .optional(),
        full: z
          .looseObject({
            models: z.array(z.string()).optional(),
            datasets: z.array(z.string()).optional(),
            max_test_time_hours: z.number().positive().optional(),
          })
          .optional(),
      })
      .optional(),
  })
  .describe('xLLM developer workspace configuration (formats.md section 3).');
export type WorkspaceConfig = z.infer<typeof workspaceConfigSchema>;
