// The JSON shape of a discovery result, shared by `xwf runs --json`, agent tools and the schema files.
import { z } from 'zod';
import type { DiscoveryResult } from './runDiscovery';
import { RUN_KINDS } from './runKinds';

export const runsReportSchema = z.object({
  folder: z.string(),
  count: z.number().int().nonnegative(),
  runs: z.array(
    z.object({
      kind: z.enum([...RUN_KINDS, 'other']),
      run_id: z.string(),
      root: z.string().describe('Absolute path of the run root.'),
      relative_path: z.string().describe('Path relative to the scanned folder.'),
      manifest: z.string().nullable().describe('Absolute path of the manifest, or null.'),
      matched_by: z.enum(['conventional', 'glob']),
      missing: z.array(z.string()).describe('Required artifacts that are absent.'),
      entries: z.array(z.string()).describe('Top-level entries; folders end with a slash.'),
    }),
  ),
  problems: z.array(z.object({ path: z.string(), message: z.string() })),
});
export type RunsReport = z.infer<typeof runsReportSchema>;

export function toRunsReport(result: DiscoveryResult): RunsReport {
  return {
    folder: result.folder,
    count: result.runs.length,
    runs: result.runs.map((r) => ({
      kind: r.kind,
      run_id: r.runId,
      root: r.root,
      relative_path: r.relativePath,
      manifest: r.manifestPath,
      matched_by: r.matchedBy,
      missing: [...r.inventory.missing],
      entries: [...r.inventory.entries],
    })),
    problems: result.problems.map((p) => ({ path: p.path, message: p.message })),
  };
}
