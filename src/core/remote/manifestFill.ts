// Fills the run's copy of the manifest with what the runner observed, editing in place so nothing else changes.
import { applyEdits, planFieldEdit } from '../manifest/manifestEdits';
import type { ManifestDocument } from '../manifest/manifestModel';
import { keySpec } from '../manifest/manifestSpec';
import { parseManifestFile } from '../manifest/manifestFields';

export type FillValues = Readonly<Record<string, string | number | boolean | null | undefined>>;

/** Returns the manifest text with each given key set (null/undefined skipped); keys unknown to the spec are an error. */
export function fillManifest(text: string, fileName: string, values: FillValues): string {
  let current = text;
  for (const [key, value] of Object.entries(values)) {
    if (value === null || value === undefined) continue;
    const spec = keySpec(key);
    if (!spec) throw new Error(`unknown manifest key ${key}`);
    // Re-parse after each edit: offsets of later entries move.
    const doc: ManifestDocument = parseManifestFile(current, fileName);
    current = applyEdits(current, [planFieldEdit(doc, spec.section, key, String(value))]);
  }
  return current;
}
