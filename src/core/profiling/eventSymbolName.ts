// What to look up in the source for a trace event name: the decorations the trace adds around a symbol
// (`AscendCL@`, `Dequeue@`, kernel `aclnn<Api>_<Impl>_<OpType>`, `aten::`, torch_npu's `file.py(52): fn`)
// taken off, most specific identifier first.

export interface EventSymbolQuery {
  /** Identifiers to search for, most specific first (no duplicates). */
  readonly queries: readonly string[];
  /** The source file the event names (`qwen3.py` of `models/qwen3.py(52): forward`), when it names one. */
  readonly file?: string;
}

const IDENT = /^~?[A-Za-z_][A-Za-z0-9_]*$/;
// Runtime and task-queue prefixes in torch_npu / msprof names: `AscendCL@aclnnMuls`, `Dequeue@aclnnMuls`, `Node@launch`.
const AT_PREFIX = /^[A-Za-z][\w ]*@(.+)$/;
const KERNEL = /^(aclnn[A-Z]\w*?)_\w+?_([A-Za-z]\w*)$/;
const PY_FRAME = /^(?:.*\/)?([\w.-]+\.py)\(\d+\):\s*(.+)$/;

/** The last component of a qualified name (`torch::autograd::AccumulateGrad`, `pkg.mod.fn`), and its qualifier's last component. */
function lastComponent(name: string): { name: string; scope?: string } {
  const parts = name.split(/::|\./).filter(Boolean);
  if (parts.length <= 1) return { name };
  return { name: parts[parts.length - 1], scope: parts[parts.length - 2] };
}

/** Identifiers of an event name to search the workspace for; empty when the name holds none (`<built-in function len>`). */
export function eventSymbolQuery(eventName: string): EventSymbolQuery {
  const out: string[] = [];
  let file: string | undefined;
  const add = (q: string | undefined): void => {
    if (q && IDENT.test(q) && q.length >= 2 && !out.includes(q)) out.push(q);
  };
  let name = eventName.trim();
  if (name.startsWith('<')) return { queries: [] };
  // `autograd::engine::evaluate_function: torch::autograd::AccumulateGrad`: the part after the label is the symbol.
  const py = PY_FRAME.exec(name);
  if (py) {
    file = py[1];
    name = py[2].trim();
  } else if (/^[\w:]+:\s+\S/.test(name)) name = name.slice(name.search(/:\s+\S/) + 1).trim();
  for (let i = 0; i < 3; i++) {
    const at = AT_PREFIX.exec(name);
    if (!at) break;
    name = at[1].trim();
  }
  if (name.startsWith('<')) return file ? { queries: [], file } : { queries: [] };
  const kernel = KERNEL.exec(name);
  if (kernel) {
    add(kernel[1]);
    add(kernel[2]);
    // aclnnAddmm's op type MatMulV2 is registered as MatMul too: the version suffix is the op's revision.
    add(kernel[2].replace(/V\d+$/, ''));
  } else {
    const last = lastComponent(name.replace(/\(.*$/, '').trim());
    add(last.name);
  }
  return file ? { queries: out, file } : { queries: out };
}

/** A language server's symbol name reduced to its identifier: `forward(x)` -> forward, `Cls::fn` -> fn, `def fn` -> fn. */
export function symbolIdentifier(symbolName: string): string {
  const bare = symbolName
    .replace(/^(?:def|class|function|fn|func|async)\s+/, '')
    .replace(/\(.*$/, '')
    .replace(/<[^<>]*>/g, '')
    .trim();
  return lastComponent(bare).name;
}
