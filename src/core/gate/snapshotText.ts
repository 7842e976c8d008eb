// Reading values out of captured tool output: numbers that may be NA or '-', used/total pairs, problems by line.

/** Something a parser could not read, by 1-based line number; parsers report instead of throwing. */
export interface SnapshotProblem {
  readonly line: number;
  readonly message: string;
}

export interface UsedTotal {
  readonly used: number;
  readonly total: number;
}

/** Lines of a tool's output; CRLF from Windows-side copies and a trailing newline are tolerated. */
export function splitLines(text: string): string[] {
  const lines = text.split(/\r?\n|\r/);
  if (lines.length && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Placeholders tools print when a value does not apply (310P power, A3 second-chip power). */
const ABSENT = new Set(['', '-', '--', 'NA', 'N/A', 'na', 'n/a', 'None']);

/** A finite number, or null for a placeholder or anything else that is not a plain number. */
export function parseMaybeNumber(text: string): number | null {
  const t = text.trim();
  if (ABSENT.has(t)) return null;
  if (!/^[-+]?\d+(\.\d+)?$/.test(t)) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : null;
}

/** Whether a value is a documented placeholder rather than garbage. */
export function isPlaceholder(text: string): boolean {
  return ABSENT.has(text.trim());
}

/** Integer id (NPU, chip, PID), or null. */
export function parseId(text: string): number | null {
  const t = text.trim();
  if (!/^\d{1,10}$/.test(t)) return null;
  return Number(t);
}

const PAIR = /^(\d+(?:\.\d+)?)\/(\d+(?:\.\d+)?)$/;

/** `10568/65536` (already glued) as a pair, or null. */
export function parsePair(text: string): UsedTotal | null {
  const m = PAIR.exec(text.trim());
  return m ? { used: Number(m[1]), total: Number(m[2]) } : null;
}

/** Joins `10568/ 65536` and `0    / 0` into one token so whitespace splitting keeps pairs whole. */
export function gluePairs(text: string): string {
  return text.replace(/(\d+(?:\.\d+)?)[ \t]*\/[ \t]*(\d+(?:\.\d+)?)/g, '$1/$2');
}

/** Shortens a line for a problem message. */
export function excerpt(line: string, max = 80): string {
  const t = line.trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}
