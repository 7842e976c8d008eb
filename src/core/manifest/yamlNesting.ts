// A linear pre-scan that refuses YAML nested deeper than a manifest ever is, before the recursive parser sees it.

/** Sections hold keys that hold values: a handful of levels; 64 leaves room for any real extra_body. */
export const MAX_YAML_DEPTH = 64;

/**
 * Offset where the nesting of flow brackets or block indentation first exceeds `limit`, or -1.
 * Brackets inside quoted strings are counted too: over-counting can only refuse absurd input,
 * while under-counting could let a stack-exhausting document through.
 */
export function excessiveYamlNesting(text: string, limit = MAX_YAML_DEPTH): number {
  let flow = 0;
  const indents: number[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    // Start of a line: measure indentation and compact `- ` / `? ` markers.
    let indent = 0;
    while (i < n && text[i] === ' ') {
      indent++;
      i++;
    }
    let markers = 0;
    while (i < n && (text[i] === '-' || text[i] === '?') && (text[i + 1] === ' ' || text[i + 1] === '\t')) {
      markers++;
      i += 2;
      while (i < n && (text[i] === ' ' || text[i] === '\t')) i++;
    }
    const blank = i >= n || text[i] === '\n' || text[i] === '\r' || text[i] === '#';
    if (!blank && flow === 0) {
      while (indents.length && indents[indents.length - 1] >= indent) indents.pop();
      indents.push(indent);
      if (indents.length + markers > limit) return i;
    } else if (markers > limit) {
      return i;
    }
    // Rest of the line: flow brackets.
    while (i < n && text[i] !== '\n' && text[i] !== '\r') {
      const c = text[i];
      if (c === '[' || c === '{') {
        if (++flow > limit) return i;
      } else if ((c === ']' || c === '}') && flow > 0) {
        flow--;
      }
      i++;
    }
    while (i < n && (text[i] === '\n' || text[i] === '\r')) i++;
  }
  return -1;
}
