// The function or class around a line of source, read with the same line rules as the patch symbols: the
// fallback when no language server gives document symbols (C++ or Python without their extensions).
import { lineSymbols } from './patchSymbols';

export interface EnclosingDefinition {
  readonly name: string;
  readonly kind: 'function' | 'class';
  /** 0-based line of the definition. */
  readonly line: number;
  /** The enclosing class (Python method, `Cls::fn` in C++). */
  readonly scope?: string;
}

/** Lines looked at above the cursor; a definition further up is not "the function the cursor is in". */
const MAX_SCAN = 3000;
const PY_DEF = /^\s*(?:async\s+def|def|class)\s/;

function indentOf(line: string): number {
  let n = 0;
  for (const c of line) {
    if (c === ' ') n++;
    else if (c === '\t') n += 8 - (n % 8);
    else break;
  }
  return n;
}

/** Braces of a line of code with string literals and `//` comments taken out. */
function braceBalance(line: string): number {
  const code = line.replace(/"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`(?:[^`\\]|\\.)*`/g, '').replace(/\/\/.*$/, '');
  let b = 0;
  for (const c of code) {
    if (c === '{') b++;
    else if (c === '}') b--;
  }
  return b;
}

function definitionOn(line: string): { name: string; kind: 'function' | 'class'; scope?: string } | null {
  for (const f of lineSymbols(line, false)) {
    if (f.kind === 'function' || f.kind === 'class') return f.scope ? { name: f.name, kind: f.kind, scope: f.scope } : { name: f.name, kind: f.kind };
  }
  return null;
}

/** The innermost definition whose body holds `line` (0-based), looking at most MAX_SCAN lines up. */
function innermost(lines: readonly string[], line: number, kinds: ReadonlySet<'function' | 'class'>): EnclosingDefinition | null {
  let minIndent = Infinity;
  let balance = 0;
  const stop = Math.max(0, line - MAX_SCAN);
  for (let k = Math.min(line, lines.length - 1); k >= stop; k--) {
    const text = lines[k];
    const blank = text.trim() === '';
    const def = blank ? null : definitionOn(text);
    if (def && kinds.has(def.kind)) {
      const python = PY_DEF.test(text);
      // Python: the body is every following line indented deeper; braces: the block the definition opens is still open.
      const inside = k === line || (python ? indentOf(text) < minIndent : balance + braceBalance(text) > 0);
      if (inside) return { ...def, line: k };
    }
    if (!blank) {
      minIndent = Math.min(minIndent, indentOf(text));
      balance += braceBalance(text);
    }
  }
  return null;
}

const FUNCTIONS = new Set<'function' | 'class'>(['function', 'class']);
const CLASSES = new Set<'function' | 'class'>(['class']);

/** The function (or class) around `line`; a method gets its class as scope. Null outside any definition. */
export function enclosingDefinition(lines: readonly string[], line: number): EnclosingDefinition | null {
  if (line < 0 || line >= lines.length) return null;
  const def = innermost(lines, line, FUNCTIONS);
  if (!def || def.kind === 'class' || def.scope || def.line === 0) return def;
  // Python: the class holds the def line by indentation; braces: the class block is open on the line above.
  const cls = innermost(lines, PY_DEF.test(lines[def.line]) ? def.line : def.line - 1, CLASSES);
  return cls ? { ...def, scope: cls.name } : def;
}
