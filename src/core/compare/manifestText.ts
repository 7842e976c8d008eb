// A manifest (Markdown or YAML) as raw text values by section, '' meaning "not filled": the narrow view a
// comparison needs, read through the manifest parsers so every face agrees on what a value is.
import type { ManifestDocument } from '../manifest/manifestModel';
import { parseMarkdownManifest } from '../manifest/markdownManifest';
import { parseYamlManifest } from '../manifest/yamlManifest';

/** Section name -> key -> the value as meant (markup removed), trimmed; '' when not filled. */
export type ManifestText = Record<string, Record<string, string>>;

export interface ManifestTextResult {
  readonly values: ManifestText;
  readonly document: ManifestDocument;
  /** What could not be read, each with its 1-based line. */
  readonly problems: readonly string[];
}

const PROBLEM_TEXT: Record<ManifestDocument['problems'][number]['kind'], string> = {
  notEntry: 'not a `- key: value` entry',
  syntax: 'YAML syntax error',
  tooDeep: 'nested deeper than a manifest ever is',
  tooManyAliases: 'too many YAML aliases',
  tooLarge: 'too large to read',
};

/** The text values of a parsed manifest; the first of duplicate keys counts, as in the diagnostics. */
export function manifestTextOf(doc: ManifestDocument): ManifestText {
  const values: ManifestText = {};
  for (const s of doc.sections) values[s.name] ??= {};
  for (const e of doc.entries) {
    if (e.section === null) continue;
    const section = (values[e.section] ??= {});
    if (!(e.key in section)) section[e.key] = e.filled ? e.text : '';
  }
  return values;
}

/** Reads a manifest's text; `yaml` for manifest.yaml / manifest.yml, else Markdown. */
export function readManifestText(text: string, format: 'markdown' | 'yaml'): ManifestTextResult {
  const document = format === 'yaml' ? parseYamlManifest(text) : parseMarkdownManifest(text);
  // Stray prose in a Markdown section is harmless to a comparison; only problems that lose values are reported.
  const problems = document.problems
    .filter((p) => p.kind !== 'notEntry')
    .map((p) => `line ${p.range.start.line + 1}: ${PROBLEM_TEXT[p.kind]}${p.detail ? ` (${p.detail.split('\n')[0]})` : ''}`);
  return { values: manifestTextOf(document), document, problems };
}
