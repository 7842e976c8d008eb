// A strict JSON parser that keeps the offsets of every key and value, so schema errors point at exact text.

export type JsonNode =
  | { readonly kind: 'object'; readonly start: number; readonly end: number; readonly properties: readonly JsonProperty[] }
  | { readonly kind: 'array'; readonly start: number; readonly end: number; readonly items: readonly JsonNode[] }
  | { readonly kind: 'string'; readonly start: number; readonly end: number; readonly value: string }
  | { readonly kind: 'number'; readonly start: number; readonly end: number; readonly value: number }
  | { readonly kind: 'boolean'; readonly start: number; readonly end: number; readonly value: boolean }
  | { readonly kind: 'null'; readonly start: number; readonly end: number; readonly value: null };

export interface JsonProperty {
  readonly key: string;
  readonly keyStart: number;
  readonly keyEnd: number;
  readonly value: JsonNode;
}

export type JsonSyntaxError = 'unexpectedEnd' | 'unexpectedCharacter' | 'invalidString' | 'invalidNumber' | 'tooDeep' | 'trailingContent';

export type JsonParseResult =
  | { readonly ok: true; readonly root: JsonNode; readonly value: unknown }
  | { readonly ok: false; readonly error: JsonSyntaxError; readonly offset: number };

/** Artifacts nest a few levels; deeper input is refused rather than risking the stack. */
export const DEFAULT_MAX_JSON_DEPTH = 128;

class Failure {
  constructor(readonly error: JsonSyntaxError, readonly offset: number) {}
}

const ESCAPES = new Map([['"', '"'], ['\\', '\\'], ['/', '/'], ['b', '\b'], ['f', '\f'], ['n', '\n'], ['r', '\r'], ['t', '\t']]);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

export function parseJsonWithPositions(text: string, options: { maxDepth?: number } = {}): JsonParseResult {
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_JSON_DEPTH;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;

  const skip = () => {
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 32 || c === 9 || c === 10 || c === 13) i++;
      else return;
    }
  };

  const fail = (error: JsonSyntaxError, at = i): never => {
    throw new Failure(i >= text.length && error === 'unexpectedCharacter' ? 'unexpectedEnd' : error, Math.min(at, text.length));
  };

  const readString = (): string => {
    const start = i;
    i++; // opening quote
    let out = '';
    let chunk = i;
    for (;;) {
      if (i >= text.length) fail('unexpectedEnd', start);
      const c = text.charCodeAt(i);
      if (c === 34) {
        out += text.slice(chunk, i);
        i++;
        return out;
      }
      if (c < 32) fail('invalidString');
      if (c === 92) {
        out += text.slice(chunk, i);
        const e = text[i + 1];
        const unescaped = e === undefined ? undefined : ESCAPES.get(e);
        if (unescaped !== undefined) {
          out += unescaped;
          i += 2;
        } else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
          out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
          i += 6;
        } else {
          fail('invalidString');
        }
        chunk = i;
        continue;
      }
      i++;
    }
  };

  const readValue = (depth: number): { node: JsonNode; value: unknown } => {
    skip();
    if (depth > maxDepth) fail('tooDeep');
    const start = i;
    const c = text[i];
    if (c === '{') {
      i++;
      const properties: JsonProperty[] = [];
      const value: Record<string, unknown> = {};
      skip();
      if (text[i] === '}') {
        i++;
        return { node: { kind: 'object', start, end: i, properties }, value };
      }
      for (;;) {
        skip();
        if (text[i] !== '"') fail('unexpectedCharacter');
        const keyStart = i;
        const key = readString();
        const keyEnd = i;
        skip();
        if (text[i] !== ':') fail('unexpectedCharacter');
        i++;
        const child = readValue(depth + 1);
        properties.push({ key, keyStart, keyEnd, value: child.node });
        // defineProperty so a "__proto__" key stays data, as JSON.parse keeps it.
        Object.defineProperty(value, key, { value: child.value, enumerable: true, writable: true, configurable: true });
        skip();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return { node: { kind: 'object', start, end: i, properties }, value };
        }
        fail('unexpectedCharacter');
      }
    }
    if (c === '[') {
      i++;
      const items: JsonNode[] = [];
      const value: unknown[] = [];
      skip();
      if (text[i] === ']') {
        i++;
        return { node: { kind: 'array', start, end: i, items }, value };
      }
      for (;;) {
        const child = readValue(depth + 1);
        items.push(child.node);
        value.push(child.value);
        skip();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return { node: { kind: 'array', start, end: i, items }, value };
        }
        fail('unexpectedCharacter');
      }
    }
    if (c === '"') {
      const s = readString();
      return { node: { kind: 'string', start, end: i, value: s }, value: s };
    }
    for (const [word, v] of [['true', true], ['false', false], ['null', null]] as const) {
      if (text.startsWith(word, i)) {
        i += word.length;
        const node: JsonNode = v === null ? { kind: 'null', start, end: i, value: null } : { kind: 'boolean', start, end: i, value: v };
        return { node, value: v };
      }
    }
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(text);
      if (!m || m[0] === '-') fail('invalidNumber');
      i += m![0].length;
      const n = Number(m![0]);
      return { node: { kind: 'number', start, end: i, value: n }, value: n };
    }
    return fail('unexpectedCharacter');
  };

  try {
    const { node, value } = readValue(0);
    skip();
    if (i < text.length) fail('trailingContent');
    return { ok: true, root: node, value };
  } catch (e) {
    if (e instanceof Failure) return { ok: false, error: e.error, offset: e.offset };
    throw e;
  }
}

/**
 * The node at a path (object keys and array indexes), or the deepest node on the way with the
 * property whose value it is; `missing` says the path did not resolve completely.
 */
export function nodeAtPath(root: JsonNode, path: readonly PropertyKey[]): { node: JsonNode; property?: JsonProperty; missing: boolean } {
  let node = root;
  let property: JsonProperty | undefined;
  for (const step of path) {
    if (node.kind === 'object') {
      // Duplicate keys: the last one wins, as in JSON.parse.
      const p = [...node.properties].reverse().find((q) => q.key === String(step));
      if (!p) return { node, property, missing: true };
      property = p;
      node = p.value;
    } else if (node.kind === 'array' && typeof step === 'number' && step < node.items.length) {
      property = undefined;
      node = node.items[step];
    } else {
      return { node, property, missing: true };
    }
  }
  return { node, property, missing: false };
}
