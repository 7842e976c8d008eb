// zod schema of a structured (YAML) manifest, derived from the key table so the two never drift.
import { z } from 'zod';
import { SECTION_NAMES, keysOf, type SectionName } from '../manifest/manifestSpec';
import { zodForKey } from '../manifest/valueTypes';

function sectionSchema(section: SectionName) {
  const shape: Record<string, z.ZodType> = {};
  for (const spec of keysOf(section)) shape[spec.key] = zodForKey(spec);
  return z.strictObject(shape).nullable().optional().describe(`${section} section`);
}

const sections: Record<string, z.ZodType> = {};
for (const section of SECTION_NAMES) sections[section] = sectionSchema(section);

export const manifestSchema = z
  .strictObject(sections)
  .describe('xLLM run manifest: nine sections of key/value pairs (formats.md section 2).');

export type StructuredManifest = z.infer<typeof manifestSchema>;
