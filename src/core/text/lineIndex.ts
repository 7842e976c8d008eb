// Offset <-> line/character conversion in UTF-16 code units, the unit LSP positions use.

export interface Position {
  /** 0-based line. */
  readonly line: number;
  /** 0-based UTF-16 code unit within the line. */
  readonly character: number;
}

export interface Range {
  readonly start: Position;
  readonly end: Position;
}

/** A range that also carries its offsets into the text, so edits need no second conversion. */
export interface SourceRange extends Range {
  readonly startOffset: number;
  readonly endOffset: number;
}

/** Line starts of a text; `\n`, `\r\n` and a lone `\r` all end a line, as in LSP. */
export class LineIndex {
  private readonly starts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13 /* \r */) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      } else if (c === 10 /* \n */) {
        starts.push(i + 1);
      }
    }
    this.starts = starts;
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** Offset of the first character of a line (clamped). */
  lineStart(line: number): number {
    if (line <= 0) return 0;
    if (line >= this.starts.length) return this.text.length;
    return this.starts[line];
  }

  /** Offset just past the last character of a line, before its line break. */
  lineEnd(line: number): number {
    if (line < 0) return 0;
    if (line >= this.starts.length - 1) return this.text.length;
    let end = this.starts[line + 1];
    if (end > 0 && this.text.charCodeAt(end - 1) === 10) end--;
    if (end > 0 && this.text.charCodeAt(end - 1) === 13) end--;
    return Math.max(end, this.starts[line]);
  }

  /** Text of one line without its line break. */
  lineText(line: number): string {
    return this.text.slice(this.lineStart(line), this.lineEnd(line));
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid] <= o) lo = mid;
      else hi = mid - 1;
    }
    // An offset between \r and \n belongs to the end of the line, not inside the break.
    return { line: lo, character: Math.min(o, this.lineEnd(lo)) - this.starts[lo] };
  }

  offsetAt(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.starts.length) return this.text.length;
    const start = this.starts[position.line];
    return Math.min(start + Math.max(0, position.character), this.lineEnd(position.line));
  }

  range(startOffset: number, endOffset: number): SourceRange {
    const s = Math.max(0, Math.min(startOffset, this.text.length));
    const e = Math.max(s, Math.min(endOffset, this.text.length));
    return { start: this.positionAt(s), end: this.positionAt(e), startOffset: s, endOffset: e };
  }

  /** Range of a whole line without its break. */
  lineRange(line: number): SourceRange {
    return this.range(this.lineStart(line), this.lineEnd(line));
  }
}

/** Offset of the end of `text[start, end)` once trailing whitespace is dropped. */
export function trimEndOffset(text: string, start: number, end: number): number {
  let e = end;
  while (e > start && /\s/.test(text[e - 1])) e--;
  return e;
}
