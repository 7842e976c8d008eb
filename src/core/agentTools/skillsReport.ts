// The JSON shape `xwf skills install --json` prints, shared with its schema file.
import { z } from 'zod';
import { SKILL_AGENTS } from './skillFiles';

export const skillsReportSchema = z.object({
  dir: z.string().describe('Absolute path of the project folder.'),
  dry_run: z.boolean(),
  files: z.array(
    z.object({
      agent: z.enum(SKILL_AGENTS),
      path: z.string().describe('Relative to the project folder.'),
      action: z
        .enum(['create', 'update', 'unchanged', 'append', 'edited', 'foreign'])
        .describe('edited: generated, then changed by hand; foreign: not written by xwf. Both are replaced only with --force.'),
      written: z.boolean(),
      diff: z.string().describe('Unified diff from the current file to the generated one; empty when unchanged.'),
    }),
  ),
});
export type SkillsReport = z.infer<typeof skillsReportSchema>;
