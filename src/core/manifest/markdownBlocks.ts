// The top-level blocks of a Markdown manifest (headings, list items, anything else) with offsets, via mdast.
//
// CommonMark decides the structure (mdast-util-from-markdown). Parsing a 300-line manifest that way
// takes tens of milliseconds, too slow to run on every keystroke, so sections made only of lines
// whose block structure is beyond doubt (`## Heading`, `- key: value`, blank) are read directly;
// any section with another kind of line goes through mdast. A property test checks both agree.
import { fromMarkdown } from 'mdast-util-from-markdown';
import { trimEndOffset as trimEnd } from '../text/lineIndex';

export type Block =
  /** `contentStart`..`contentEnd`: the heading text without `#` marks or setext underline. */
  | { readonly type: 'heading'; readonly depth: number; readonly start: number; readonly end: number; readonly contentStart: number; readonly contentEnd: number }
  /** A list item; `paragraphStart` is where its first paragraph starts, or -1 when it does not start with one. */
  | { readonly type: 'item'; readonly start: number; readonly end: number; readonly paragraphStart: number }
  /** Any other block; `quiet` marks an HTML comment or a thematic break, which are never reported. */
  | { readonly type: 'other'; readonly start: number; readonly end: number; readonly quiet: boolean };

export type BlockEngine = 'auto' | 'mdast';


/** Content of an ATX heading line (`## Name ##`), as offsets. */
export function atxContent(text: string, lineStart: number, lineEnd: number): { start: number; end: number } {
  let s = lineStart;
  while (s < lineEnd && text[s] === ' ') s++;
  while (s < lineEnd && text[s] === '#') s++;
  while (s < lineEnd && (text[s] === ' ' || text[s] === '\t')) s++;
  let e = trimEnd(text, s, lineEnd);
  // An optional closing run of # counts only when preceded by a space or when it is all there is.
  let h = e;
  while (h > s && text[h - 1] === '#') h--;
  if (h < e && (h === s || text[h - 1] === ' ' || text[h - 1] === '\t')) e = trimEnd(text, s, h);
  return { start: s, end: e };
}

const ATX = /^(#{1,6})(?:[ \t]|$)/;
// A bullet whose content is surely a paragraph starting with a key: a letter, `_x`, `**x` or `` `x ``.
const SIMPLE_BULLET = /^[-*+] (?:\p{L}|_[\p{L}\p{N}]|\*\*[\p{L}_]|`[\p{L}_])/u;
const BLANK = /^[ \t]*$/;
// Document-level fences and HTML blocks can hide a heading line, so their presence disables cutting.
const UNSAFE = /^ {0,3}(?:```|~~~|<)/m;

interface Line {
  readonly start: number;
  readonly end: number;
}

function splitLines(text: string, from: number): Line[] {
  const lines: Line[] = [];
  let start = from;
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13) {
      lines.push({ start, end: i });
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
    }
  }
  if (start < text.length) lines.push({ start, end: text.length });
  return lines;
}

/** Blocks of `text[from, to)` parsed by mdast; offsets are made absolute. */
function mdastBlocks(text: string, from: number, to: number): Block[] {
  const root = fromMarkdown(text.slice(from, to));
  const blocks: Block[] = [];
  for (const node of root.children) {
    const start = from + (node.position?.start.offset ?? 0);
    const end = trimEnd(text, start, from + (node.position?.end.offset ?? 0));
    if (node.type === 'heading') {
      let content: { start: number; end: number };
      if (text[start] === '#') {
        content = atxContent(text, start, end);
      } else {
        // Setext: the text before the underline.
        const first = node.children[0]?.position?.start.offset;
        const last = node.children[node.children.length - 1]?.position?.end.offset;
        content = first === undefined || last === undefined ? { start, end: start } : { start: from + first, end: trimEnd(text, from + first, from + last) };
      }
      blocks.push({ type: 'heading', depth: node.depth, start, end, contentStart: content.start, contentEnd: content.end });
    } else if (node.type === 'list') {
      for (const item of node.children) {
        const itemStart = from + (item.position?.start.offset ?? 0);
        const itemEnd = trimEnd(text, itemStart, from + (item.position?.end.offset ?? 0));
        const first = item.children[0];
        const paragraphStart = first?.type === 'paragraph' && first.position?.start.offset !== undefined ? from + first.position.start.offset : -1;
        blocks.push({ type: 'item', start: itemStart, end: itemEnd, paragraphStart });
      }
    } else {
      const quiet = node.type === 'thematicBreak' || (node.type === 'html' && /^\s*<!--[\s\S]*-->\s*$/.test(node.value));
      blocks.push({ type: 'other', start, end, quiet });
    }
  }
  return blocks;
}

/** Blocks of a section's lines when every line is blank, an ATX heading at column 0 or a simple bullet; null otherwise. */
function directBlocks(text: string, lines: readonly Line[]): Block[] | null {
  const blocks: Block[] = [];
  for (const line of lines) {
    const s = text.slice(line.start, line.end);
    if (BLANK.test(s)) continue;
    const atx = ATX.exec(s);
    if (atx) {
      const content = atxContent(text, line.start, line.end);
      blocks.push({ type: 'heading', depth: atx[1].length, start: line.start, end: trimEnd(text, line.start, line.end), contentStart: content.start, contentEnd: content.end });
      continue;
    }
    if (SIMPLE_BULLET.test(s)) {
      blocks.push({ type: 'item', start: line.start, end: trimEnd(text, line.start, line.end), paragraphStart: line.start + 2 });
      continue;
    }
    return null;
  }
  return blocks;
}

/**
 * Top-level blocks of a Markdown text starting at `from` (past a BOM). `engine: 'mdast'` parses the
 * whole text with mdast; `auto` reads plain sections directly and the rest with mdast.
 */
export function markdownBlocks(text: string, from = 0, engine: BlockEngine = 'auto'): Block[] {
  if (engine === 'mdast' || UNSAFE.test(from ? text.slice(from) : text)) return mdastBlocks(text, from, text.length);
  const lines = splitLines(text, from);
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    // A chunk runs from one column-0 ATX heading to the next: nothing else can hold such a line open.
    let j = i + 1;
    while (j < lines.length && !ATX.test(text.slice(lines[j].start, Math.min(lines[j].end, lines[j].start + 8)))) j++;
    const chunk = lines.slice(i, j);
    const direct = directBlocks(text, chunk);
    if (direct) blocks.push(...direct);
    else blocks.push(...mdastBlocks(text, chunk[0].start, j < lines.length ? lines[j].start : text.length));
    i = j;
  }
  return blocks;
}
