// A run's manifest as filled values by key (Markdown or YAML), the input metrics.json takes its stable fields from.
import { promises as fs } from 'node:fs';
import { parseManifestFile } from '../manifest/manifestFields';
import type { RunRoot } from '../runs/runRoot';
import type { ManifestValues } from './metricsJson';

/** The folder name stands in for a missing run_id; the first of a duplicate key counts. */
export async function runManifestValues(run: Pick<RunRoot, 'manifestPath' | 'runId'>): Promise<ManifestValues> {
  const values: Record<string, unknown> = {};
  const text = run.manifestPath ? await fs.readFile(run.manifestPath, 'utf8').catch(() => null) : null;
  if (text !== null && run.manifestPath) {
    for (const e of parseManifestFile(text, run.manifestPath).entries) {
      if (e.filled && !(e.key in values)) values[e.key] = e.parsed?.ok ? e.parsed.value : e.text;
    }
  }
  values.run_id ??= run.runId;
  return values;
}
