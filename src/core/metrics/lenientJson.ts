// Parses JSON written by Python benchmark clients: bare NaN/Infinity become null, and a failure says where and why.

export type JsonFailureKind = 'empty' | 'incomplete' | 'invalid';

export interface JsonFailure {
  readonly kind: JsonFailureKind;
  /** 1-based position in the file's text. */
  readonly line: number;
  readonly column: number;
  readonly detail: string;
}

export type JsonResult =
  | { readonly ok: true; readonly value: unknown; /** Paths (`a.b`, `[2].c`) of NaN/Infinity values now null. */ readonly nonFinite: readonly string[] }
  | { readonly ok: false; readonly failure: JsonFailure };

/** One JSON value of a multi-object file (JSONL or appended results), with its 1-based first line. */
export interface JsonDocument {
  readonly line: number;
  readonly result: JsonResult;
}

// A marker no real value contains (a NUL is not allowed unescaped in JSON text, and tools never emit it).
const NON_FINITE = '\u0000nonfinite:';

function lineColumn(text: string, offset: number, baseLine = 1): { line: number; column: number } {
  let line = baseLine;
  let lineStart = 0;
  const end = Math.min(offset, text.length);
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: end - lineStart + 1 };
}

/** Rewrites bare NaN / Infinity / -Infinity tokens outside strings as marker strings; null when there are none. */
function quoteNonFinite(text: string): string | null {
  let out = '';
  let last = 0;
  let inString = false;
  let changed = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \ */) i++;
      else if (c === 34 /* " */) inString = false;
      continue;
    }
    if (c === 34) {
      inString = true;
      continue;
    }
    let token: string | null = null;
    if (c === 78 /* N */ && text.startsWith('NaN', i)) token = 'NaN';
    else if (c === 73 /* I */ && text.startsWith('Infinity', i)) token = 'Infinity';
    else if (c === 45 /* - */ && text.startsWith('-Infinity', i)) token = '-Infinity';
    if (token) {
      out += text.slice(last, i) + JSON.stringify(NON_FINITE + token);
      i += token.length - 1;
      last = i + 1;
      changed = true;
    }
  }
  return changed ? out + text.slice(last) : null;
}

/** Replaces marker strings with null in place and returns their paths. */
function nullNonFinite(value: unknown, path: string, found: string[]): unknown {
  if (typeof value === 'string') {
    if (value.startsWith(NON_FINITE)) {
      found.push(path || '(root)');
      return null;
    }
    return value;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = nullNonFinite(value[i], `${path}[${i}]`, found);
    return value;
  }
  if (value && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    for (const key of Object.keys(obj)) obj[key] = nullNonFinite(obj[key], path ? `${path}.${key}` : key, found);
  }
  return value;
}

/** Offset of the first syntax error of a text JSON.parse rejected (a small validator: failures only). */
function firstErrorOffset(text: string): { offset: number; expected: string } {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i])) i++;
  };
  const fail = (expected: string): never => {
    throw { offset: i, expected };
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail('a property name in double quotes');
        string();
        ws();
        if (text[i] !== ':') fail("':' after a property name");
        i++;
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') {
          i++;
          return;
        } else fail("',' or '}' after a property value");
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      for (;;) {
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') {
          i++;
          return;
        } else fail("',' or ']' after an array element");
      }
    }
    if (c === '"') return string();
    for (const word of ['true', 'false', 'null', 'NaN', 'Infinity', '-Infinity']) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return;
      }
    }
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (m && m[0] && m[0] !== '-') {
      i += m[0].length;
      return;
    }
    fail('a value');
  };
  const string = (): void => {
    i++;
    while (i < text.length) {
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return;
      }
      if (c === 92) {
        const esc = text[i + 1];
        if (esc === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) i += 6;
        else if (esc !== undefined && '"\\/bfnrt'.includes(esc)) i += 2;
        else if (i + 1 >= text.length || (esc === 'u' && i + 6 > text.length)) i = text.length;
        else fail('a valid escape sequence');
      } else if (c < 32) fail('no control character inside a string');
      else i++;
    }
    fail('a closing double quote');
  };
  try {
    value();
    ws();
    if (i < text.length) fail('the end of the text');
  } catch (e) {
    if (e && typeof e === 'object' && 'offset' in e) return e as { offset: number; expected: string };
    return { offset: 0, expected: 'valid JSON (nesting too deep to locate the error)' }; // stack overflow on absurd nesting

  }
  return { offset: text.length, expected: 'valid JSON' };
}

function describeFailure(text: string, baseLine: number): JsonFailure {
  const { offset, expected } = firstErrorOffset(text);
  const { line, column } = lineColumn(text, offset, baseLine);
  // A benchmark that is still running leaves a file that simply stops: the first error is at its very end.
  const incomplete = offset >= text.trimEnd().length;
  const found = offset < text.length ? JSON.stringify(text.slice(offset, offset + 12)) : 'the end of the file';
  return { kind: incomplete ? 'incomplete' : 'invalid', line, column, detail: `expected ${expected}, found ${found}` };
}

/** Parses one JSON text. `baseLine` offsets reported lines when the text is one line of a larger file. */
export function parseJsonText(raw: string, baseLine = 1): JsonResult {
  const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  if (!text.trim()) return { ok: false, failure: { kind: 'empty', line: baseLine, column: 1, detail: 'empty' } };
  try {
    return { ok: true, value: JSON.parse(text), nonFinite: [] };
  } catch {
    const quoted = quoteNonFinite(text);
    if (quoted !== null) {
      try {
        const found: string[] = [];
        const value = nullNonFinite(JSON.parse(quoted), '', found);
        return { ok: true, value, nonFinite: found };
      } catch {
        // fall through: report the error of the original text
      }
    }
    return { ok: false, failure: describeFailure(text, baseLine) };
  }
}

/**
 * Parses a file that holds one JSON value, or several appended one per line (SGLang JSONL, vLLM
 * `--append-result`). A pretty-printed single value is never split into lines.
 */
export function parseJsonDocuments(raw: string): JsonDocument[] {
  const whole = parseJsonText(raw);
  if (whole.ok) return [{ line: 1, result: whole }];
  const lines = raw.split('\n');
  const starts: number[] = [];
  for (let i = 0; i < lines.length; i++) if (lines[i].trim()) starts.push(i);
  const oneObjectPerLine = starts.length > 1 && starts.every((i) => lines[i].trimStart().startsWith('{'));
  if (!oneObjectPerLine) return [{ line: 1, result: whole }];
  return starts.map((i) => ({ line: i + 1, result: parseJsonText(lines[i], i + 1) }));
}
