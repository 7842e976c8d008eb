// Renders a manifest in the template's Markdown form: every section and key in order, unfilled ones empty.
import { SECTION_NAMES, keysOf, type SectionName } from './manifestSpec';

export type ManifestScalar = string | number | boolean | null | undefined;
export type ManifestValues = Partial<Record<SectionName, Record<string, ManifestScalar>>>;

function renderValue(v: ManifestScalar): string {
  if (v === null || v === undefined) return '';
  // A value must stay on one bullet line: newlines would end the entry.
  return String(v).replace(/\r?\n/g, ' ');
}

export function renderManifestMarkdown(values: ManifestValues, eol = '\n'): string {
  const lines = ['# Run Manifest', ''];
  for (const section of SECTION_NAMES) {
    lines.push(`## ${section}`, '');
    const given = values[section] ?? {};
    for (const spec of keysOf(section)) {
      const v = renderValue(given[spec.key]);
      lines.push(v ? `- ${spec.key}: ${v}` : `- ${spec.key}:`);
    }
    lines.push('');
  }
  return lines.join(eol);
}
