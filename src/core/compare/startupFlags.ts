// A service startup command as a set of `--flag value` pairs, so two commands compare regardless of flag order.
import { parse as shellParse } from 'shell-quote';

export interface StartupFlag {
  /** Comparison key: dashes stripped, '-' read as '_', lower-case (`--Block-Size` -> `block_size`). */
  readonly key: string;
  /** The flag as first written, e.g. `--block_size`. */
  readonly flag: string;
  /** The value; `true` for a bare switch; repeated flags join their values with a space in order. */
  readonly value: string;
}

export interface StartupCommand {
  /** The program that was started (`xllm`, `python3`), or null for an empty command. */
  readonly program: string | null;
  /** `NAME=value` assignments before the program. */
  readonly env: Readonly<Record<string, string>>;
  readonly flags: ReadonlyMap<string, StartupFlag>;
  /** Arguments that belong to no flag (a script path, `serve`, a model path). */
  readonly positionals: readonly string[];
}

const ENV_ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;
const LOOKS_NUMERIC = /^-\.?\d/;

export function flagKey(flag: string): string {
  return flag.replace(/^-+/, '').replace(/-/g, '_').toLowerCase();
}

/** A value in a canonical form for equality: numbers by value (0.90 = 0.9), booleans lower-case. */
export function canonicalValue(value: string): string {
  const v = value.trim();
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(v)) return String(Number(v));
  const lower = v.toLowerCase();
  if (lower === 'true' || lower === 'false') return lower;
  return v;
}

type Token = string | { op: string } | { comment: string } | { pattern: string };

function words(command: string): Token[][] {
  // Variables stay as written ($HOME), never expanded with this process's environment.
  const tokens = shellParse(command, (name: string) => `$${name}`) as Token[];
  const segments: Token[][] = [[]];
  for (const t of tokens) {
    if (typeof t === 'object' && 'comment' in t) break;
    if (typeof t === 'object' && 'op' in t && t.op !== 'glob') segments.push([]);
    else segments[segments.length - 1].push(t);
  }
  return segments.filter((s) => s.length);
}

function text(t: Token): string {
  if (typeof t === 'string') return t;
  if ('pattern' in t) return t.pattern;
  if ('op' in t) return t.op;
  return '';
}

function parseSegment(segment: readonly Token[]): StartupCommand {
  const items = segment.map(text);
  const env: Record<string, string> = {};
  let i = 0;
  while (i < items.length && ENV_ASSIGNMENT.test(items[i])) {
    const eq = items[i].indexOf('=');
    env[items[i].slice(0, eq)] = items[i].slice(eq + 1);
    i++;
  }
  // `export X=1` lines of a script carry environment, not a program.
  if (items[i] === 'export') {
    for (const item of items.slice(i + 1)) if (ENV_ASSIGNMENT.test(item)) env[item.slice(0, item.indexOf('='))] = item.slice(item.indexOf('=') + 1);
    return { program: null, env, flags: new Map(), positionals: [] };
  }
  const program = i < items.length ? items[i++] : null;
  const flags = new Map<string, StartupFlag>();
  const positionals: string[] = [];
  const add = (flag: string, value: string) => {
    const key = flagKey(flag);
    const prev = flags.get(key);
    flags.set(key, prev ? { ...prev, value: `${prev.value} ${value}` } : { key, flag, value });
  };
  for (; i < items.length; i++) {
    const item = items[i];
    if (item.startsWith('-') && item !== '-' && item !== '--' && !LOOKS_NUMERIC.test(item)) {
      const eq = item.indexOf('=');
      if (eq > 0) {
        add(item.slice(0, eq), item.slice(eq + 1));
        continue;
      }
      const next = items[i + 1];
      if (next !== undefined && (!next.startsWith('-') || LOOKS_NUMERIC.test(next))) {
        add(item, next);
        i++;
      } else add(item, 'true');
    } else positionals.push(item);
  }
  return { program, env, flags, positionals };
}

/**
 * Parses a startup command line (or a short script). Of several commands joined by `;`, `&&` or new
 * lines, the one with the most flags is the service; environment assignments of every command are kept.
 */
export function parseStartupCommand(command: string): StartupCommand {
  const parsed = command
    .replace(/\\\r?\n/g, ' ')
    .split(/\r?\n/)
    .filter((line) => !/^\s*(#|set\s+-)/.test(line))
    .flatMap((line) => words(line).map(parseSegment));
  if (!parsed.length) return { program: null, env: {}, flags: new Map(), positionals: [] };
  const env = Object.assign({}, ...parsed.map((p) => p.env)) as Record<string, string>;
  const main = parsed.filter((p) => p.program !== null).reduce<StartupCommand | null>((best, p) => (!best || p.flags.size > best.flags.size ? p : best), null);
  return main ? { ...main, env } : { program: null, env, flags: new Map(), positionals: [] };
}
