// request_config.json of an accuracy run: what was sent to the service.
import { z } from 'zod';

export const requestConfigSchema = z
  .looseObject({
    api_url: z.string(),
    model: z.string(),
    temperature: z.number().min(0).nullable(),
    top_p: z.number().min(0).max(1).nullable(),
    top_k: z.number().int().nullable(),
    max_tokens: z.number().int().positive().nullable(),
    stream: z.boolean().nullable(),
    seed: z.number().int().nullable(),
    extra_body: z.record(z.string(), z.unknown()).nullable(),
  })
  .describe('Request and generation configuration of an accuracy run (formats.md section 3).');
export type RequestConfig = z.infer<typeof requestConfigSchema>;
