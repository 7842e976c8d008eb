// Reads a manifest (Markdown or YAML) into raw text values by section, '' meaning "not filled":
// the narrow view a comparison needs, tolerant of anything a person may have typed.
import { parse as parseYaml } from 'yaml';

/** Section name -> key -> the value as text, trimmed; '' when not filled. */
export type ManifestText = Record<string, Record<string, string>>;

export interface ManifestTextResult {
  readonly values: ManifestText;
  /** What could not be read, with a 1-based line where known. */
  readonly problems: readonly string[];
}

// Words people write for "nothing here"; they mean the same as an empty value.
const NOTHING = /^(?:n\/?a|none|null|nil|tbd|todo|-+|—|\?+|无|暂无|空|待定|待补充)$/i;

/** Strips markup wrapping the whole value (`code`, **bold**, <url>) and normalizes "nothing" words to ''. */
export function cleanValue(raw: string): string {
  let v = raw.trim();
  for (const [open, close] of [['``', '``'], ['`', '`'], ['**', '**'], ['<', '>'], ['"', '"'], ["'", "'"]] as const) {
    if (v.length >= open.length + close.length && v.startsWith(open) && v.endsWith(close)) {
      v = v.slice(open.length, v.length - close.length).trim();
      break;
    }
  }
  return NOTHING.test(v) ? '' : v;
}

function cleanKey(raw: string): string {
  return raw.trim().replace(/^\*\*(.*)\*\*$/, '$1').replace(/^`(.*)`$/, '$1').trim();
}

function readMarkdown(text: string): ManifestTextResult {
  const values: ManifestText = {};
  const problems: string[] = [];
  let section: Record<string, string> | null = null;
  let inFence = false;
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n|\r/);
  lines.forEach((line, i) => {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    if (inFence) return;
    const heading = /^##\s+(.+?)\s*#*\s*$/.exec(line);
    if (heading) {
      section = values[heading[1].trim()] ??= {};
      return;
    }
    const item = /^\s*[-*+]\s+([^:]+?)\s*:(.*)$/.exec(line);
    if (!item) return;
    if (!section) {
      problems.push(`line ${i + 1}: entry before the first section`);
      return;
    }
    section[cleanKey(item[1])] = cleanValue(item[2]);
  });
  return { values, problems };
}

function scalarText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(scalarText).join(',');
  if (typeof value === 'object') return JSON.stringify(value);
  return cleanValue(String(value));
}

function readYaml(text: string): ManifestTextResult {
  let doc: unknown;
  try {
    doc = parseYaml(text, { maxAliasCount: 100 });
  } catch (e) {
    return { values: {}, problems: [(e as Error).message.split('\n')[0]] };
  }
  if (doc === null || doc === undefined) return { values: {}, problems: [] };
  if (typeof doc !== 'object' || Array.isArray(doc)) return { values: {}, problems: ['the document is not a mapping of sections'] };
  const values: ManifestText = {};
  const problems: string[] = [];
  for (const [name, body] of Object.entries(doc as Record<string, unknown>)) {
    if (body === null || body === undefined) {
      values[name] = {};
      continue;
    }
    if (typeof body !== 'object' || Array.isArray(body)) {
      problems.push(`section ${name} is not a mapping`);
      continue;
    }
    values[name] = Object.fromEntries(Object.entries(body as Record<string, unknown>).map(([k, v]) => [k, scalarText(v)]));
  }
  return { values, problems };
}

/** Reads a manifest's text; `yaml` for manifest.yaml / manifest.yml, else Markdown. */
export function readManifestText(text: string, format: 'markdown' | 'yaml'): ManifestTextResult {
  return format === 'yaml' ? readYaml(text) : readMarkdown(text);
}
