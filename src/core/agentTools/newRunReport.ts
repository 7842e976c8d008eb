// The JSON shape `xwf new-run --json` prints, shared with the agent tool and its schema file.
import { z } from 'zod';
import { RUN_KINDS } from '../runs/runKinds';

export const newRunReportSchema = z.object({
  run_id: z.string(),
  kind: z.enum(RUN_KINDS),
  root: z.string().describe('Absolute path of the created run root.'),
  manifest: z.string().describe('Absolute path of the prefilled manifest.'),
  git_problem: z.string().nullable().describe('Why the Code section was not filled from git, or null.'),
});
