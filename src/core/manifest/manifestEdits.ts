// Text edits that set or add manifest values in place, keeping template order, line endings and the rest untouched.
import type { ManifestDocument } from './manifestModel';
import { SECTION_NAMES, isSectionName, keysOf, type SectionName } from './manifestSpec';

export interface TextEdit {
  readonly startOffset: number;
  readonly endOffset: number;
  readonly newText: string;
}

function eolOf(text: string): string {
  return /\r\n/.test(text) ? '\r\n' : '\n';
}

/** One-line Markdown value; YAML values quoted when the plain form would change meaning. */
export function formatValue(format: ManifestDocument['format'], value: string): string {
  const oneLine = value.replace(/\r?\n/g, ' ').trim();
  if (format === 'markdown') return oneLine;
  if (oneLine === '') return '';
  const plainSafe = /^[^\s#:'"{}[\],&*!|>%@`-][^#:]*$/.test(oneLine) && !/\s$/.test(oneLine);
  return plainSafe ? oneLine : JSON.stringify(oneLine);
}

/** Edit that sets `key` in `section` to `value`: replaces the value if present, else inserts in template order. */
export function planFieldEdit(doc: ManifestDocument, section: SectionName, key: string, value: string): TextEdit {
  const text = doc.lines.text;
  const eol = eolOf(text);
  const v = formatValue(doc.format, value);
  const existing = doc.entries.find((e) => e.key === key);
  if (existing) {
    // An empty value range sits right after the colon; keep one space between.
    const needsSpace = existing.valueRange.startOffset === existing.valueRange.endOffset && text[existing.valueRange.startOffset - 1] === ':';
    return { startOffset: existing.valueRange.startOffset, endOffset: existing.valueRange.endOffset, newText: needsSpace && v ? ` ${v}` : v };
  }
  const line = doc.format === 'markdown' ? `- ${key}:${v ? ' ' + v : ''}` : `  ${/[^\w.-]/.test(key) ? JSON.stringify(key) : key}:${v ? ' ' + v : ''}`;
  return insertEntryLines(doc, section, [line], eol);
}

/** Adds keys (already formatted lines) to a section, creating the section at its template position. */
export function insertEntryLines(doc: ManifestDocument, section: SectionName, lines: readonly string[], eol = eolOf(doc.lines.text)): TextEdit {
  const text = doc.lines.text;
  const sectionIndex = doc.sections.findIndex((s) => s.known === section);
  if (sectionIndex >= 0) {
    const order = keysOf(section).map((k) => k.key);
    const entries = doc.entries.filter((e) => e.sectionIndex === sectionIndex);
    // Insert after the last entry that comes before the new key in template order (or after the heading).
    const newKey = /^\s*(?:- )?"?([^":]+)"?:/.exec(lines[0])?.[1] ?? '';
    const rank = order.indexOf(newKey);
    const before = entries.filter((e) => order.indexOf(e.key) !== -1 && order.indexOf(e.key) < rank);
    const after = entries.filter((e) => order.indexOf(e.key) > rank);
    if (!before.length && after.length && rank !== -1) {
      // Goes first among the entries: put it on the line before the first later key.
      const at = doc.lines.lineStart(after[0].range.start.line);
      return { startOffset: at, endOffset: at, newText: lines.join(eol) + eol };
    }
    const anchor = before.length ? before[before.length - 1].range : entries.length ? entries[entries.length - 1].range : doc.sections[sectionIndex].nameRange;
    const at = doc.lines.lineEnd(anchor.end.line);
    const blankAfterHeading = anchor === doc.sections[sectionIndex].nameRange && doc.format === 'markdown';
    return { startOffset: at, endOffset: at, newText: (blankAfterHeading ? eol : '') + lines.map((l) => eol + l).join('') };
  }
  // New section: before the first present section that follows it in template order, else at the end.
  const rank = SECTION_NAMES.indexOf(section);
  const next = doc.sections.find((s) => s.known && isSectionName(s.known) && SECTION_NAMES.indexOf(s.known) > rank);
  const header = doc.format === 'markdown' ? `## ${section}${eol}${eol}` : `${section}:${eol}`;
  const block = header + lines.join(eol) + eol + (doc.format === 'markdown' ? eol : '');
  if (next) {
    const at = doc.lines.lineStart(next.nameRange.start.line);
    return { startOffset: at, endOffset: at, newText: block };
  }
  const needsBreak = text.length > 0 && !text.endsWith('\n');
  const gap = text.length === 0 || /\n\s*\n$/.test(text) || doc.format === 'yaml' ? '' : eol;
  return { startOffset: text.length, endOffset: text.length, newText: (needsBreak ? eol : '') + gap + block };
}

/** Applies non-overlapping edits to a text; inserts at one offset keep their array order, as LSP clients do. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  let out = text;
  const order = edits.map((e, i) => ({ e, i })).sort((a, b) => b.e.startOffset - a.e.startOffset || b.i - a.i);
  for (const { e } of order) out = out.slice(0, e.startOffset) + e.newText + out.slice(e.endOffset);
  return out;
}

/** The one edit that turns `before` into `after` (common prefix and suffix kept), so a batch of changes undoes in one step. */
export function minimalEdit(before: string, after: string): TextEdit {
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before.charCodeAt(endBefore - 1) === after.charCodeAt(endAfter - 1)) {
    endBefore--;
    endAfter--;
  }
  return { startOffset: start, endOffset: endBefore, newText: after.slice(start, endAfter) };
}

/** Sets several fields one after another (each against the text the previous one produced). */
export function setFields(text: string, parse: (text: string) => ManifestDocument, fields: readonly { section: SectionName; key: string; value: string }[]): string {
  let out = text;
  for (const f of fields) out = applyEdits(out, [planFieldEdit(parse(out), f.section, f.key, f.value)]);
  return out;
}
