// The few manifest fields list views need, read through the real parsers.
import type { ManifestFields } from '../runs/runSummary';
import { textOf, type ManifestDocument } from './manifestModel';
import { parseMarkdownManifest } from './markdownManifest';
import { parseYamlManifest } from './yamlManifest';

export function parseManifestFile(text: string, fileName: string): ManifestDocument {
  return /\.ya?ml$/i.test(fileName) ? parseYamlManifest(text) : parseMarkdownManifest(text);
}

export function manifestFields(doc: ManifestDocument): ManifestFields {
  return {
    level: textOf(doc, 'level'),
    conclusionStatus: textOf(doc, 'conclusion_status'),
    model: textOf(doc, 'model_name'),
    commit: textOf(doc, 'commit'),
  };
}
