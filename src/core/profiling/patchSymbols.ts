// The symbols a patch touches (functions, classes, aclnn calls, op registrations, op type names), read from
// unified diff text, so trace events with matching names can be shown as "touched by this patch".

export type PatchSymbolKind = 'function' | 'class' | 'aclnn' | 'op-registration' | 'op-type' | 'call';
/** Where the symbol was seen: the definition around a change (hunk header or a context line above it), or an added / removed line. */
export type PatchSymbolOrigin = 'hunk-header' | 'added' | 'removed';

export interface PatchSymbol {
  readonly name: string;
  readonly kind: PatchSymbolKind;
  /** Path in the patched tree (the `b/` side; the `a/` side for a deleted file). */
  readonly file: string;
  /** 1-based line: in the new file for added lines and hunk headers, in the old file for removed lines. */
  readonly line: number;
  readonly origin: PatchSymbolOrigin;
  /** The class of a qualified C++ definition (`AttentionImpl` for `AttentionImpl::forward`). */
  readonly scope?: string;
}

export interface PatchFileSymbols {
  readonly file: string;
  readonly symbols: readonly PatchSymbol[];
}

/** Names shorter than this match too much of a trace to mean anything. */
export const MIN_SYMBOL_LENGTH = 4;

// Keywords, builtins and common library names that look like calls or definitions but name nothing in the patch.
const NOISE = new Set(
  (
    'if else for while do switch case return break continue goto try catch throw new delete sizeof alignof decltype typeid ' +
    'static_cast dynamic_cast const_cast reinterpret_cast static_assert assert auto const constexpr static inline virtual ' +
    'override final explicit extern public private protected template typename using namespace struct class enum union void ' +
    'bool char short long float double signed unsigned int32_t int64_t uint32_t uint64_t size_t int8_t uint8_t int16_t ' +
    'nullptr true false this self super None True False def lambda with async await yield import from pass elif except ' +
    'finally raise global nonlocal print range len list dict tuple isinstance getattr setattr hasattr str int ' +
    'std torch make_shared make_unique move forward_as_tuple emplace_back push_back size empty data begin end main ' +
    'LOG CHECK CHECK_EQ CHECK_NE CHECK_GT CHECK_GE CHECK_LT CHECK_LE DCHECK VLOG TORCH_CHECK defined include define ' +
    'ifdef ifndef endif pragma'
  ).split(' '),
);

const DEF_PY = /^\s*(?:async\s+)?def\s+([A-Za-z_]\w*)\s*\(/;
const CLASS = /^\s*(?:template\s*<[^>]*>\s*)?(?:class|struct)\s+(?:[A-Z_]+\s+)?([A-Za-z_]\w*)\s*(?:[:({]|final\b|$)/;
// `Type name(` / `Type* Ns::name(` / `~Name(`: a return type (or qualifier) before a possibly qualified name.
const DEF_CPP = /^\s*(?:[A-Za-z_][\w:<>,]*[\s*&]+)+((?:[A-Za-z_]\w*::)*~?[A-Za-z_]\w*)\s*\(/;
const CTOR_CPP = /^\s*((?:[A-Za-z_]\w*::)+~?[A-Za-z_]\w*)\s*\(/;
const ACLNN = /\baclnn[A-Z]\w*/g;
const REGISTRATION = /\b(?:REGISTER_\w+|REG_OP|OP_ADD|TORCH_LIBRARY(?:_IMPL|_FRAGMENT)?)\s*\(\s*"?([A-Za-z_]\w*)/g;
// Inside a TORCH_LIBRARY block: m.def("name(Tensor x) -> Tensor") / m.impl("name", ...).
const TORCH_DEF = /\.\s*(?:def|impl)\s*\(\s*"([A-Za-z_]\w*)/g;
// Two or more capitalised humps, optionally with a version suffix: ArgMaxV2, MatMulV2, RotaryPositionEmbedding.
const OP_TYPE = /\b[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+\b/g;
const CALL = /\b([A-Za-z_]\w*)\s*\(/g;
const HUNK = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@ ?(.*)$/;

const RANK: Record<PatchSymbolKind, number> = { function: 5, class: 5, aclnn: 4, 'op-registration': 4, 'op-type': 2, call: 1 };

function keep(name: string): boolean {
  return name.length >= MIN_SYMBOL_LENGTH && !NOISE.has(name) && !/^_+$/.test(name) && !/^[A-Z0-9_]+$/.test(name);
}

/** The last component of a qualified C++ name (`ns::Cls::fn` -> `fn`), destructors keep their `~` off. */
function lastComponent(name: string): string {
  const i = name.lastIndexOf('::');
  return (i >= 0 ? name.slice(i + 2) : name).replace(/^~/, '');
}

type Found = { name: string; kind: PatchSymbolKind; scope?: string };

/** Symbols in one line of code; calls and op type names only on a changed line (a hunk header's context is the enclosing definition). */
export function lineSymbols(code: string, changed: boolean): Found[] {
  const out: Found[] = [];
  const trimmed = code.trim();
  if (!trimmed || trimmed.startsWith('//') || trimmed.startsWith('#include') || trimmed.startsWith('* ') || trimmed.startsWith('/*')) return out;
  const text = trimmed.startsWith('#') && !trimmed.startsWith('#define') ? '' : code;
  if (!text) return out;
  const py = DEF_PY.exec(text);
  if (py) out.push({ name: py[1], kind: 'function' });
  const cls = CLASS.exec(text);
  if (cls) out.push({ name: cls[1], kind: 'class' });
  if (!py && !cls && !/;\s*$/.test(text)) {
    const cpp = DEF_CPP.exec(text) ?? CTOR_CPP.exec(text);
    if (cpp) {
      const lead = text.trimStart().split(/\s+/, 1)[0];
      // `return foo(...)`, `else if (...)`, `new Foo(...)` look like definitions; they are not.
      if (!NOISE.has(lead) || /^(?:static|inline|virtual|const|constexpr|void|bool|auto|int|float|double|explicit|template|unsigned|signed|long|char|extern)$/.test(lead)) {
        const parts = cpp[1].split('::');
        const scope = parts.length > 1 ? parts[parts.length - 2] : undefined;
        out.push(scope ? { name: lastComponent(cpp[1]), kind: 'function', scope } : { name: lastComponent(cpp[1]), kind: 'function' });
      }
    }
  }
  for (const m of text.matchAll(ACLNN)) out.push({ name: m[0].replace(/GetWorkspaceSize$/, ''), kind: 'aclnn' });
  for (const m of text.matchAll(REGISTRATION)) out.push({ name: m[1], kind: 'op-registration' });
  for (const m of text.matchAll(TORCH_DEF)) out.push({ name: m[1], kind: 'op-registration' });
  if (changed) for (const m of text.matchAll(OP_TYPE)) out.push({ name: m[0], kind: 'op-type' });
  if (changed) for (const m of text.matchAll(CALL)) if (!m[1].startsWith('aclnn')) out.push({ name: m[1], kind: 'call' });
  return out.filter((f) => keep(f.name));
}

function pathOf(header: string): string | null {
  let p = header.replace(/\t.*$/, '').trim();
  if (p.startsWith('"') && p.endsWith('"')) p = p.slice(1, -1);
  if (p === '/dev/null') return null;
  return p.replace(/^[ab]\//, '');
}

/** Touched symbols per file of a unified diff (git diff output), deduplicated by name within a file. */
export function patchSymbols(diff: string): PatchFileSymbols[] {
  const files: { file: string; byName: Map<string, PatchSymbol> }[] = [];
  let current: { file: string; byName: Map<string, PatchSymbol> } | null = null;
  let oldLeft = 0;
  let newLeft = 0;
  let oldLine = 0;
  let newLine = 0;
  let oldPath: string | null = null;

  const startFile = (file: string): void => {
    current = files.find((f) => f.file === file) ?? null;
    if (!current) {
      current = { file, byName: new Map() };
      files.push(current);
    }
  };
  const add = (found: Found[], line: number, origin: PatchSymbolOrigin): void => {
    const target = current;
    if (!target) return;
    for (const f of found) {
      const seen = target.byName.get(f.name);
      if (!seen) target.byName.set(f.name, { name: f.name, kind: f.kind, file: target.file, line, origin, ...(f.scope ? { scope: f.scope } : {}) });
      else if (RANK[f.kind] > RANK[seen.kind]) target.byName.set(f.name, { ...seen, kind: f.kind });
    }
  };

  // A definition on a context line of the hunk encloses the changes below it (a short function's own line
  // is context, not the hunk header); a line at column 0 that defines nothing ends it.
  let contextDef: { found: Found[]; line: number } | null = null;
  const touchContextDef = (): void => {
    if (contextDef) add(contextDef.found, contextDef.line, 'hunk-header');
    contextDef = null;
  };

  for (const raw of diff.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (oldLeft > 0 || newLeft > 0) {
      const mark = line[0];
      if ((mark === '+' && newLeft > 0) || (mark === '-' && oldLeft > 0)) touchContextDef();
      if (mark === '+' && newLeft > 0) {
        add(lineSymbols(line.slice(1), true), newLine, 'added');
        newLine++;
        newLeft--;
        continue;
      }
      if (mark === '-' && oldLeft > 0) {
        add(lineSymbols(line.slice(1), true), oldLine, 'removed');
        oldLine++;
        oldLeft--;
        continue;
      }
      if ((mark === ' ' || line === '') && oldLeft > 0 && newLeft > 0) {
        const code = line.slice(1);
        const defs = code.trim() ? lineSymbols(code, false).filter((f) => f.kind === 'function' || f.kind === 'class') : [];
        if (defs.length) contextDef = { found: defs, line: newLine };
        else if (/^\S/.test(code)) contextDef = null;
        oldLine++;
        newLine++;
        oldLeft--;
        newLeft--;
        continue;
      }
      if (mark === '\\') continue;
      // A hunk shorter than its header said: fall through and read the line as a header.
      oldLeft = newLeft = 0;
    }
    if (line.startsWith('diff --git ')) {
      const m = / b\/(.+)$/.exec(line);
      oldPath = null;
      if (m) startFile(m[1]);
      else current = null;
    } else if (line.startsWith('--- ')) {
      oldPath = pathOf(line.slice(4));
    } else if (line.startsWith('+++ ')) {
      const p = pathOf(line.slice(4)) ?? oldPath;
      if (p) startFile(p);
    } else if (line.startsWith('@@ ')) {
      const h = HUNK.exec(line);
      contextDef = null;
      if (!h || !current) continue;
      oldLine = Number(h[1]);
      oldLeft = h[2] === undefined ? 1 : Number(h[2]);
      newLine = Number(h[3]);
      newLeft = h[4] === undefined ? 1 : Number(h[4]);
      if (h[5]) add(lineSymbols(h[5], false), newLine, 'hunk-header');
    }
  }
  return files.filter((f) => f.byName.size > 0).map((f) => ({ file: f.file, symbols: [...f.byName.values()] }));
}

/** All symbols of all files, in file order. */
export function flattenPatchSymbols(files: readonly PatchFileSymbols[]): PatchSymbol[] {
  return files.flatMap((f) => f.symbols);
}
