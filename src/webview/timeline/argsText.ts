// Pretty-prints an event's `args` JSON without parsing its numbers, so 64-bit ids and long decimals
// are shown exactly as the file has them.

type Token = { kind: 'punct'; text: string } | { kind: 'value'; text: string };

function tokenize(text: string): Token[] | null {
  const out: Token[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (c === ' ' || c === '\n' || c === '\r' || c === '\t') {
      i++;
    } else if ('{}[],:'.includes(c)) {
      out.push({ kind: 'punct', text: c });
      i++;
    } else if (c === '"') {
      let j = i + 1;
      while (j < n && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      if (j >= n) return null;
      out.push({ kind: 'value', text: text.slice(i, j + 1) });
      i = j + 1;
    } else {
      let j = i;
      while (j < n && !' \n\r\t{}[],:"'.includes(text[j])) j++;
      out.push({ kind: 'value', text: text.slice(i, j) });
      i = j;
    }
  }
  return out;
}

/** Indented JSON text with every value token copied verbatim; the input unchanged when it is not JSON-shaped. */
export function prettyArgs(text: string, indent = '  '): string {
  const tokens = tokenize(text);
  if (!tokens) return text;
  let depth = 0;
  let out = '';
  const nl = (): string => `\n${indent.repeat(depth)}`;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    if (t.kind === 'value') {
      out += t.text;
      continue;
    }
    switch (t.text) {
      case '{':
      case '[': {
        const close = t.text === '{' ? '}' : ']';
        if (tokens[k + 1]?.text === close) {
          out += t.text + close;
          k++;
        } else {
          depth++;
          out += t.text + nl();
        }
        break;
      }
      case '}':
      case ']':
        depth--;
        if (depth < 0) return text;
        out += nl() + t.text;
        break;
      case ',':
        out += `,${nl()}`;
        break;
      case ':':
        out += ': ';
        break;
    }
  }
  return depth === 0 ? out : text;
}

/** Top-level `"key": value` pairs of an args object as text, values verbatim (strings unquoted). */
export function argsEntries(text: string): [string, string][] | null {
  const tokens = tokenize(text);
  if (!tokens || tokens[0]?.text !== '{') return null;
  const entries: [string, string][] = [];
  let depth = 0;
  let key: string | null = null;
  let value = '';
  const unquote = (s: string): string => {
    if (!s.startsWith('"')) return s;
    try {
      return JSON.parse(s) as string;
    } catch {
      return s.slice(1, -1);
    }
  };
  for (let k = 1; k < tokens.length; k++) {
    const t = tokens[k];
    if (depth === 0 && t.kind === 'punct' && (t.text === ',' || t.text === '}')) {
      if (key !== null) entries.push([key, value.startsWith('"') && !value.includes('",') ? unquote(value) : value]);
      key = null;
      value = '';
      if (t.text === '}') break;
      continue;
    }
    if (depth === 0 && key === null) {
      if (t.kind === 'value') key = unquote(t.text);
      continue;
    }
    if (depth === 0 && t.kind === 'punct' && t.text === ':' && value === '') continue;
    if (t.kind === 'punct' && (t.text === '{' || t.text === '[')) depth++;
    if (t.kind === 'punct' && (t.text === '}' || t.text === ']')) depth--;
    value += t.kind === 'punct' && t.text === ',' ? ', ' : t.kind === 'punct' && t.text === ':' ? ': ' : t.text;
  }
  return entries;
}
