// The one in-memory shape of a run manifest, whether it was read from Markdown or YAML, with exact source ranges.
import type { LineIndex, SourceRange } from '../text/lineIndex';
import { keySpec, type KeySpec, type SectionName } from './manifestSpec';
import { parseValue, type Parsed } from './valueTypes';

export type ManifestFormat = 'markdown' | 'yaml';

export interface ManifestSection {
  /** The heading text (Markdown) or mapping key (YAML), without markup. */
  readonly name: string;
  /** The spec section this name is, or null when it is not one. */
  readonly known: SectionName | null;
  readonly nameRange: SourceRange;
  /** From the heading to the end of the section's last content. */
  readonly range: SourceRange;
}

export interface ManifestEntry {
  readonly key: string;
  /** The key's spec when the key is known (in whatever section it stands). */
  readonly spec: KeySpec | undefined;
  /** Index into `sections`, or -1 for an entry before the first section. */
  readonly sectionIndex: number;
  /** Name of the section the entry stands in, or null before the first section. */
  readonly section: string | null;
  /** The value exactly as written (trimmed), markup included. */
  readonly raw: string;
  /** The value as meant: inline-code backticks and `<url>` brackets removed. */
  readonly text: string;
  /** False for an empty value, a template placeholder (`smoke | quick | full`) or a "nothing" word (N/A, none, TBD). */
  readonly filled: boolean;
  /** The natural-type reading of `text` for a known, filled key; null otherwise. */
  readonly parsed: Parsed | null;
  readonly keyRange: SourceRange;
  /** Range of `text`; an empty range where a value would be inserted when there is none. */
  readonly valueRange: SourceRange;
  /** The whole entry (list item or YAML pair). */
  readonly range: SourceRange;
}

export type ManifestProblemKind =
  /** Markdown: a block in a section that is not a `- key: value` item. YAML: a section that is not a mapping. */
  | 'notEntry'
  /** YAML syntax error (message in `detail`). */
  | 'syntax'
  /** Nesting deeper than a manifest ever needs. */
  | 'tooDeep'
  /** More YAML aliases than a manifest ever needs (alias bombs). */
  | 'tooManyAliases'
  /** Too large to parse at all. */
  | 'tooLarge';

export interface ManifestProblem {
  readonly kind: ManifestProblemKind;
  readonly range: SourceRange;
  readonly detail?: string;
}

export interface ManifestDocument {
  readonly format: ManifestFormat;
  /** Positions of the text that was parsed (BOM included when the text had one). */
  readonly lines: LineIndex;
  /** The level-1 heading of a Markdown manifest, if any. */
  readonly title: { readonly text: string; readonly range: SourceRange } | null;
  readonly sections: readonly ManifestSection[];
  readonly entries: readonly ManifestEntry[];
  readonly problems: readonly ManifestProblem[];
}

/** Longest manifest text either parser accepts (UTF-16 code units); longer text gets one `tooLarge` problem. */
export const MAX_MANIFEST_CHARS = 1024 * 1024;

const NOTHING = /^(?:n\/?a|none|null|nil|tbd|todo|-+|—|\?+|\(\s*(?:none|empty|clean|n\/a)\s*\)|clean|empty|无|暂无|空|待定|待补充)$/i;

/** Removes the markup that wraps a whole value: `code`, <https://url>, **bold**. */
export function unwrapValue(raw: string): { text: string; start: number; end: number } {
  let start = 0;
  let end = raw.length;
  const pairs: [string, string][] = [
    ['``', '``'],
    ['`', '`'],
    ['<', '>'],
    ['**', '**'],
  ];
  // A fenced block or a multi-line value is kept as written.
  if (raw.startsWith('```') || /[\r\n]/.test(raw)) return { text: raw, start, end };
  for (const [open, close] of pairs) {
    const inner = raw.slice(start, end);
    if (inner.length >= open.length + close.length + 1 && inner.startsWith(open) && inner.endsWith(close)) {
      const body = inner.slice(open.length, inner.length - close.length);
      if (open === '<' && !/^[a-z][a-z0-9+.-]*:[^\s<>]*$/i.test(body)) continue;
      if (open === '`' && body.includes('`')) continue;
      start += open.length;
      end -= close.length;
      // `` code `` may pad with one space on each side.
      if (open === '``' && raw[start] === ' ' && raw[end - 1] === ' ' && end - start > 2) {
        start++;
        end--;
      }
      break;
    }
  }
  return { text: raw.slice(start, end), start, end };
}

/** Whether a trimmed value means "not filled": empty, a template placeholder or a "nothing" word. */
export function isUnfilled(spec: KeySpec | undefined, text: string): boolean {
  if (!text) return true;
  if (NOTHING.test(text)) return true;
  // The template writes the allowed values as `smoke | quick | full`.
  if (spec?.values && text.includes('|')) {
    const parts = text.split('|').map((p) => p.trim());
    return parts.length > 1 && parts.every((p) => spec.values!.includes(p));
  }
  return false;
}

/** Builds an entry from the located pieces both parsers find. */
export function makeEntry(args: {
  key: string;
  sectionIndex: number;
  section: string | null;
  raw: string;
  /** Where `raw` starts in the document. */
  rawStart: number;
  /** Overrides the meant value (YAML scalars already carry it). */
  text?: string;
  keyRange: SourceRange;
  range: SourceRange;
  lines: LineIndex;
}): ManifestEntry {
  const spec = keySpec(args.key);
  let text: string;
  let valueRange: SourceRange;
  if (args.text !== undefined) {
    text = args.text;
    valueRange = args.lines.range(args.rawStart, args.rawStart + args.raw.length);
  } else {
    const u = unwrapValue(args.raw);
    text = u.text.trim();
    const lead = u.text.length - u.text.trimStart().length;
    valueRange = args.lines.range(args.rawStart + u.start + lead, args.rawStart + u.start + lead + text.length);
  }
  const filled = !isUnfilled(spec, text);
  return {
    key: args.key,
    spec,
    sectionIndex: args.sectionIndex,
    section: args.section,
    raw: args.raw,
    text,
    filled,
    parsed: spec && filled ? parseValue(spec, text) : null,
    keyRange: args.keyRange,
    valueRange,
    range: args.range,
  };
}

/** The first entry with this key (a duplicate is reported, and the first one is what counts). */
export function findEntry(doc: ManifestDocument, key: string): ManifestEntry | undefined {
  return doc.entries.find((e) => e.key === key);
}

/** The natural value of a key when it is filled and well-typed. */
export function valueOf(doc: ManifestDocument, key: string): unknown {
  const e = findEntry(doc, key);
  return e?.parsed?.ok ? e.parsed.value : undefined;
}

/** The meant text of a filled key, or undefined. */
export function textOf(doc: ManifestDocument, key: string): string | undefined {
  const e = findEntry(doc, key);
  return e?.filled ? e.text : undefined;
}

/** Whether a key is present with a filled value. */
export function isFilled(doc: ManifestDocument, key: string): boolean {
  return findEntry(doc, key)?.filled === true;
}
