// The top-level blocks of a Markdown manifest (headings, list items, anything else) with offsets, via mdast.
//
// CommonMark decides the structure (mdast-util-from-markdown). Parsing a 300-line manifest that way
// takes tens of milliseconds, too slow for every keystroke, so the text is cut at column-0 ATX
// headings: a section made only of `## Heading`, `- key: value` items (with their indented
// continuation lines) and blank lines is read directly; any other section goes through mdast alone. Only a document-level fence or HTML block can keep
// a column-0 heading line from being a heading, so when such a block is still open at the end of its
// section, mdast reads everything from there to the end. A property test checks both readings agree.
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
// Two columns or more (a tab counts as four): inside a `- ` item.
const CONTINUATION = /^(?: {2}| ?\t)/;
const SETEXT_LIKE = /^[ \t]*(?:=+|-+)[ \t]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;

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

/** Whether a fenced code block (source `code`) lacks its closing fence. */
function fenceUnclosed(code: string): boolean {
  const open = FENCE.exec(code);
  if (!open) return false; // indented code ends at any column-0 line
  const lines = code.split(/\r\n|\r|\n/);
  const close = /^ {0,3}(`+|~+)[ \t]*$/.exec(lines[lines.length - 1]);
  return lines.length < 2 || !close || close[1][0] !== open[1][0] || close[1].length < open[1].length;
}

/**
 * Blocks of `text[from, to)` parsed by mdast, offsets made absolute. `openTail` says the last block
 * is a fence or HTML block that may run on past `to`, so the cut at `to` cannot be trusted.
 */
function mdastBlocks(text: string, from: number, to: number): { blocks: Block[]; openTail: boolean } {
  const root = fromMarkdown(text.slice(from, to));
  const blocks: Block[] = [];
  let openTail = false;
  const contentEnd = trimEnd(text, from, to);
  for (const node of root.children) {
    const start = from + (node.position?.start.offset ?? 0);
    const rawEnd = from + (node.position?.end.offset ?? 0);
    const end = trimEnd(text, start, rawEnd);
    if (node.type === 'heading') {
      let content: { start: number; end: number };
      if (text[start] === '#') {
        content = atxContent(text, start, rawEnd);
      } else {
        // Setext: the text before the underline.
        const first = node.children[0]?.position?.start.offset;
        const last = node.children[node.children.length - 1]?.position?.end.offset;
        content = first === undefined || last === undefined ? { start, end: start } : { start: from + first, end: trimEnd(text, from + first, from + last) };
      }
      blocks.push({ type: 'heading', depth: node.depth, start, end, contentStart: content.start, contentEnd: content.end });
    } else if (node.type === 'list') {
      node.children.forEach((item, k) => {
        const itemStart = from + (item.position?.start.offset ?? 0);
        // micromark can end an item with an unclosed fence inside the next item's marker: clamp it.
        const next = node.children[k + 1]?.position?.start.offset;
        const itemEnd = trimEnd(text, itemStart, Math.min(from + (item.position?.end.offset ?? 0), next === undefined ? Infinity : from + next));
        const first = item.children[0];
        const paragraphStart = first?.type === 'paragraph' && first.position?.start.offset !== undefined ? from + first.position.start.offset : -1;
        blocks.push({ type: 'item', start: itemStart, end: itemEnd, paragraphStart });
      });
    } else {
      const comment = node.type === 'html' && /^\s*<!--[\s\S]*-->\s*$/.test(node.value);
      const quiet = node.type === 'thematicBreak' || comment;
      blocks.push({ type: 'other', start, end, quiet });
      if (end >= contentEnd) {
        if (node.type === 'code') openTail = fenceUnclosed(text.slice(start, rawEnd));
        else if (node.type === 'html') openTail = !comment;
      }
    }
  }
  return { blocks, openTail };
}

/**
 * Blocks of a section read directly, or null when a line needs CommonMark. Accepted lines: blank,
 * an ATX heading at column 0, a simple bullet at column 0, and, inside such a bullet's item, lines
 * indented by two or more columns (continuations, nested lists, fenced code: all stay in the item).
 */
function directBlocks(text: string, lines: readonly Line[]): Block[] | null {
  const blocks: Block[] = [];
  let item: { start: number; end: number; paragraphStart: number } | null = null;
  const close = () => {
    if (item) blocks.push({ type: 'item', ...item });
    item = null;
  };
  for (const line of lines) {
    const s = text.slice(line.start, line.end);
    if (BLANK.test(s)) continue;
    const atx = ATX.exec(s);
    if (atx) {
      close();
      const content = atxContent(text, line.start, line.end);
      blocks.push({ type: 'heading', depth: atx[1].length, start: line.start, end: trimEnd(text, line.start, line.end), contentStart: content.start, contentEnd: content.end });
      continue;
    }
    if (SIMPLE_BULLET.test(s)) {
      close();
      item = { start: line.start, end: trimEnd(text, line.start, line.end), paragraphStart: line.start + 2 };
      continue;
    }
    // Indented at least as far as the item's content: inside the item whatever it is, except a
    // setext underline, which would turn the item's first paragraph into a heading.
    if (item && CONTINUATION.test(s) && !SETEXT_LIKE.test(s)) {
      item.end = trimEnd(text, line.start, line.end);
      continue;
    }
    return null;
  }
  close();
  return blocks;
}

/**
 * Top-level blocks of a Markdown text starting at `from` (past a BOM). `engine: 'mdast'` parses the
 * whole text with mdast; `auto` reads plain sections directly and the rest with mdast.
 */
export function markdownBlocks(text: string, from = 0, engine: BlockEngine = 'auto'): Block[] {
  if (engine === 'mdast') return mdastBlocks(text, from, text.length).blocks;
  const lines = splitLines(text, from);
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    // A chunk runs from one column-0 ATX heading to the next.
    let j = i + 1;
    while (j < lines.length && !ATX.test(text.slice(lines[j].start, Math.min(lines[j].end, lines[j].start + 8)))) j++;
    const chunk = lines.slice(i, j);
    const direct = directBlocks(text, chunk);
    if (direct) {
      blocks.push(...direct);
    } else {
      const parsed = mdastBlocks(text, chunk[0].start, j < lines.length ? lines[j].start : text.length);
      // A fence or HTML block left open may swallow the next heading line: read the rest in one go.
      if (parsed.openTail && j < lines.length) {
        blocks.push(...mdastBlocks(text, chunk[0].start, text.length).blocks);
        break;
      }
      blocks.push(...parsed.blocks);
    }
    i = j;
  }
  return blocks;
}
