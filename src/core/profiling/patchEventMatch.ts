// Which trace event names a patch touches: each distinct name is split into words once and looked up in
// maps built from the patch symbols, so matching is linear in the names (no regex built from their text).
import type { PatchSymbol } from './patchSymbols';

/**
 * - `op-type`: a whole `_`-separated part of the name is the symbol (`ArgMaxV2` in `aclnnArgMax_ArgMaxV2AiCore_ArgMaxV2`);
 * - `aclnn-api`: the name's aclnn API part is the symbol (`aclnnArgMax`);
 * - `word`: the symbol's exact text on word boundaries (`apply_rotary_pos_emb` in `xllm::apply_rotary_pos_emb`);
 * - `case-folded`: the same words in another case style (`rotary_pos_emb` ~ `RotaryPosEmb`).
 */
export type PatchMatchKind = 'op-type' | 'aclnn-api' | 'word' | 'case-folded';

export interface PatchNameMatch {
  readonly symbol: string;
  readonly symbolKind: PatchSymbol['kind'];
  readonly file: string;
  readonly line: number;
  readonly kind: PatchMatchKind;
}

export interface TouchedName {
  readonly name: string;
  /** Index in TraceColumns.strings. */
  readonly nameId: number;
  /** Events with this name. */
  readonly count: number;
  /** Strongest first. */
  readonly matches: readonly PatchNameMatch[];
}

const KIND_ORDER: Record<PatchMatchKind, number> = { 'op-type': 0, 'aclnn-api': 1, word: 2, 'case-folded': 3 };
/** Symbols of more words than this are not looked for (no real identifier has that many). */
const MAX_WORDS = 12;

interface Word {
  readonly lower: string;
  readonly start: number;
  readonly end: number;
}

const isUpper = (c: number): boolean => c >= 65 && c <= 90;
const isLower = (c: number): boolean => c >= 97 && c <= 122;
const isDigit = (c: number): boolean => c >= 48 && c <= 57;

/** Words of an identifier-ish text: split at every non-alphanumeric and at camel-case humps (`AICore` -> AI, Core). */
export function splitWords(text: string): Word[] {
  const out: Word[] = [];
  let start = -1;
  const flush = (end: number): void => {
    if (start >= 0 && end > start) out.push({ lower: text.slice(start, end).toLowerCase(), start, end });
    start = -1;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const alnum = isUpper(c) || isLower(c) || isDigit(c);
    if (!alnum) {
      flush(i);
      continue;
    }
    if (start < 0) {
      start = i;
      continue;
    }
    const p = text.charCodeAt(i - 1);
    const n = i + 1 < text.length ? text.charCodeAt(i + 1) : 0;
    // lower->Upper (rotaryPos), Upper followed by lower after Uppers (AICore), letter->digit stays joined (V2).
    if (isUpper(c) && (isLower(p) || isDigit(p) || (isUpper(p) && isLower(n)))) {
      flush(i);
      start = i;
    }
  }
  flush(text.length);
  return out;
}

/** True for name positions that start or end an `_`/punctuation-separated part. */
function isPartBoundary(text: string, at: number): boolean {
  if (at <= 0 || at >= text.length) return true;
  const c = text.charCodeAt(at);
  const p = text.charCodeAt(at - 1);
  const alnum = (x: number): boolean => isUpper(x) || isLower(x) || isDigit(x);
  return !alnum(c) || !alnum(p);
}

/** True where an identifier cannot continue across the position (`_` joins, `::`, `@`, space split). */
function isIdentifierBoundary(text: string, at: number): boolean {
  if (at <= 0 || at >= text.length) return true;
  const ident = (x: number): boolean => isUpper(x) || isLower(x) || isDigit(x) || x === 95;
  return !ident(text.charCodeAt(at)) || !ident(text.charCodeAt(at - 1));
}

/**
 * Every module has a `forward`: a one-word function touches a name only when it is the whole name, a
 * namespaced op (`aten::matmul`), or the name also holds its class (`AttentionImpl::forward`) or its file
 * (`qwen3.py(52): forward` in a torch_npu Python trace).
 */
function oneWordFunctionMatches(s: PatchSymbol, name: string): boolean {
  if (name === s.name) return true;
  if (/^\w+::\w+$/.test(name) && name.endsWith(`::${s.name}`)) return true;
  if (s.scope && name.includes(s.scope)) return true;
  const base = s.file.slice(s.file.lastIndexOf('/') + 1);
  return base.length > 0 && name.includes(base);
}

/** The patch's symbols, indexed once; `match(name)` is then cheap enough to call for every distinct trace name. */
export class PatchNameMatcher {
  private readonly byWords = new Map<string, PatchSymbol[]>();
  private maxWords = 0;

  constructor(symbols: readonly PatchSymbol[]) {
    for (const s of symbols) {
      const words = splitWords(s.name);
      if (!words.length || words.length > MAX_WORDS) continue;
      const key = words.map((w) => w.lower).join(' ');
      const list = this.byWords.get(key);
      if (list) {
        if (!list.some((o) => o.name === s.name && o.file === s.file)) list.push(s);
      } else this.byWords.set(key, [s]);
      this.maxWords = Math.max(this.maxWords, words.length);
    }
  }

  get empty(): boolean {
    return this.byWords.size === 0;
  }

  /** The symbols touching one event name, strongest match first; empty when none. */
  match(name: string): PatchNameMatch[] {
    if (this.byWords.size === 0 || !name) return [];
    const words = splitWords(name);
    const found = new Map<PatchSymbol, PatchMatchKind>();
    for (let i = 0; i < words.length; i++) {
      let key = '';
      for (let n = 1; n <= this.maxWords && i + n <= words.length; n++) {
        key = n === 1 ? words[i].lower : `${key} ${words[i + n - 1].lower}`;
        const symbols = this.byWords.get(key);
        if (!symbols) continue;
        const start = words[i].start;
        const end = words[i + n - 1].end;
        const text = name.slice(start, end);
        const wholePart = isPartBoundary(name, start) && isPartBoundary(name, end);
        const wholeIdentifier = isIdentifierBoundary(name, start) && isIdentifierBoundary(name, end);
        for (const s of symbols) {
          const kind = this.kindOf(s, text, wholePart, wholeIdentifier, n, name);
          if (kind === null) continue;
          const prev = found.get(s);
          if (prev === undefined || KIND_ORDER[kind] < KIND_ORDER[prev]) found.set(s, kind);
        }
      }
    }
    const out: PatchNameMatch[] = [];
    for (const [s, kind] of found) out.push({ symbol: s.name, symbolKind: s.kind, file: s.file, line: s.line, kind });
    return out.sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || b.symbol.length - a.symbol.length || a.symbol.localeCompare(b.symbol));
  }

  private kindOf(s: PatchSymbol, text: string, wholePart: boolean, wholeIdentifier: boolean, wordCount: number, name: string): PatchMatchKind | null {
    const exact = text === s.name;
    if (s.kind === 'aclnn') {
      // aclnnArgMax must not touch aclnnArgMaxWithValue: the API name ends where the part ends.
      return exact && wholePart ? 'aclnn-api' : null;
    }
    // A one-word symbol (`forward`, `Cast`) only matches a whole part, spelled the same: never inside a longer word.
    // Op types sit between `_` in kernel names; a function must be a whole identifier (`init` is not `_init_weights`).
    if (wordCount === 1) {
      if (!exact) return null;
      if (s.kind === 'op-type' || s.kind === 'op-registration') return wholePart ? 'op-type' : null;
      return wholeIdentifier && oneWordFunctionMatches(s, name) ? 'word' : null;
    }
    if (exact && wholePart && (s.kind === 'op-type' || s.kind === 'op-registration' || s.kind === 'class')) return 'op-type';
    // Words inside an aclnn name (aclnnApplyRotaryPosEmb) or a camel compound are a case-folded match.
    if (exact && wholePart) return 'word';
    return 'case-folded';
  }
}

export interface NameColumns {
  readonly count: number;
  readonly name: Uint32Array | Uint16Array | Uint8Array;
  readonly strings: readonly string[];
}

/** Events per string id, one pass over the name column. */
export function nameCounts(columns: NameColumns): Uint32Array {
  const counts = new Uint32Array(columns.strings.length);
  const n = Math.min(columns.count, columns.name.length);
  for (let i = 0; i < n; i++) counts[columns.name[i]]++;
  return counts;
}

/** Trace names touched by the patch with their event counts, most events first; names without events are left out. */
export function touchedNames(symbols: readonly PatchSymbol[], columns: NameColumns): TouchedName[] {
  const matcher = new PatchNameMatcher(symbols);
  if (matcher.empty) return [];
  const counts = nameCounts(columns);
  const out: TouchedName[] = [];
  for (let id = 1; id < columns.strings.length; id++) {
    if (counts[id] === 0) continue;
    const name = columns.strings[id];
    const matches = matcher.match(name);
    if (matches.length) out.push({ name, nameId: id, count: counts[id], matches });
  }
  return out.sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
}
