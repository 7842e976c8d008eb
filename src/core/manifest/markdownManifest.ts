// Reads manifest.md: level-2 headings are sections, `- key: value` list items are entries, everything with exact ranges.
import { LineIndex } from '../text/lineIndex';
import { isSectionName } from './manifestSpec';
import { markdownBlocks, type BlockEngine } from './markdownBlocks';
import { makeEntry, MAX_MANIFEST_CHARS, type ManifestDocument, type ManifestEntry, type ManifestProblem, type ManifestSection } from './manifestModel';

/**
 * `key: value` at the start of an item's paragraph. The key may be wrapped in `**` or backticks
 * (`**run_id:** x`, `` `run_id`: x ``); a full-width colon (：) is accepted as Chinese input methods type it.
 */
const KEY = /^(\*\*|__|`)?([\p{L}_][\p{L}\p{N}_ ()./-]*?)[ \t]*(?:\1[ \t]*[:：]|[:：][ \t]*\1)/u;

/** Markup that may wrap a whole heading: `## **Identity**`. */
function unwrapName(text: string, start: number, end: number): { name: string; start: number; end: number } {
  let s = start;
  let e = end;
  while (s < e && /[*_`]/.test(text[s])) s++;
  while (e > s && /[*_`]/.test(text[e - 1])) e--;
  while (s < e && /\s/.test(text[s])) s++;
  while (e > s && /\s/.test(text[e - 1])) e--;
  return { name: text.slice(s, e), start: s, end: e };
}

export interface MarkdownManifestOptions {
  /** `mdast` forces CommonMark parsing of the whole text (tests compare it with the default). */
  readonly engine?: BlockEngine;
}

export function parseMarkdownManifest(text: string, options: MarkdownManifestOptions = {}): ManifestDocument {
  const lines = new LineIndex(text);
  if (text.length > MAX_MANIFEST_CHARS) {
    return { format: 'markdown', lines, title: null, sections: [], entries: [], problems: [{ kind: 'tooLarge', range: lines.range(0, 0), detail: String(text.length) }] };
  }
  const from = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const blocks = markdownBlocks(text, from, options.engine ?? 'auto');

  let title: ManifestDocument['title'] = null;
  const sections: { name: string; known: ManifestSection['known']; nameStart: number; nameEnd: number; start: number; end: number }[] = [];
  const entries: ManifestEntry[] = [];
  const problems: ManifestProblem[] = [];
  const current = () => sections[sections.length - 1];
  const extend = (end: number) => {
    const s = current();
    if (s && end > s.end) s.end = end;
  };

  for (const block of blocks) {
    if (block.type === 'heading') {
      if (block.depth === 2) {
        const n = unwrapName(text, block.contentStart, block.contentEnd);
        sections.push({ name: n.name, known: isSectionName(n.name) ? n.name : null, nameStart: n.start, nameEnd: n.end, start: block.start, end: block.end });
      } else if (block.depth === 1 && !title && !sections.length) {
        const n = unwrapName(text, block.contentStart, block.contentEnd);
        title = { text: n.name, range: lines.range(n.start, n.end) };
      } else if (current()) {
        problems.push({ kind: 'notEntry', range: lines.range(block.start, block.end) });
        extend(block.end);
      }
      continue;
    }
    if (block.type === 'other') {
      if (current() && !block.quiet) problems.push({ kind: 'notEntry', range: lines.range(block.start, block.end) });
      extend(block.end);
      continue;
    }
    const sectionIndex = sections.length - 1;
    const match = block.paragraphStart >= 0 ? KEY.exec(text.slice(block.paragraphStart, lineEndFrom(text, block.paragraphStart, block.end))) : null;
    if (!match) {
      if (current()) problems.push({ kind: 'notEntry', range: lines.range(block.start, block.end) });
      extend(block.end);
      continue;
    }
    const keyStart = block.paragraphStart + (match[1]?.length ?? 0);
    const key = match[2];
    const valueFrom = block.paragraphStart + match[0].length;
    const rawText = text.slice(valueFrom, block.end);
    const raw = rawText.trim();
    const rawStart = valueFrom + (rawText.length - rawText.trimStart().length);
    entries.push(
      makeEntry({
        key,
        sectionIndex,
        section: current()?.name ?? null,
        raw,
        rawStart,
        keyRange: lines.range(keyStart, keyStart + key.length),
        range: lines.range(block.start, block.end),
        lines,
      }),
    );
    extend(block.end);
  }

  return {
    format: 'markdown',
    lines,
    title,
    sections: sections.map((s) => ({ name: s.name, known: s.known, nameRange: lines.range(s.nameStart, s.nameEnd), range: lines.range(s.start, s.end) })),
    entries,
    problems,
  };
}

function lineEndFrom(text: string, start: number, limit: number): number {
  for (let i = start; i < limit; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) return i;
  }
  return limit;
}
