// score.json of an accuracy run.
import { z } from 'zod';

export const ACCURACY_LEVELS = ['L1', 'L2', 'L3', 'L4', 'L5'] as const;

export const scoreSchema = z
  .looseObject({
    run_id: z.string(),
    dataset: z.string().nullable(),
    subsets: z.array(z.string()),
    limit: z.number().int().nonnegative().nullable(),
    num_total: z.number().int().nonnegative().nullable(),
    num_correct: z.number().int().nonnegative().nullable(),
    score: z.number().min(0).max(1).nullable(),
    failed_case_count: z.number().int().nonnegative().nullable(),
    status: z.string().describe('pass, fail, inconclusive, ...'),
    level: z.enum(ACCURACY_LEVELS).optional(),
  })
  .describe('Accuracy score of one run (formats.md section 3).');
export type Score = z.infer<typeof scoreSchema>;
