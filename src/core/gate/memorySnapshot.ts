// Parser of `free -h` (or plain `free`, in KiB): the Mem and Swap rows, in bytes, by column name.
import { excerpt, splitLines, type SnapshotProblem } from './snapshotText';

export interface MemoryRow {
  /** Bytes by lower-cased column name (`total`, `used`, `free`, `shared`, `buff/cache`, `available`). */
  readonly bytes: Readonly<Record<string, number>>;
  readonly line: number;
}

export interface MemorySnapshot {
  readonly mem: MemoryRow | null;
  readonly swap: MemoryRow | null;
  readonly problems: readonly SnapshotProblem[];
}

const UNIT_POWER: Record<string, number> = { B: 0, K: 1, M: 2, G: 3, T: 4, P: 5, E: 6 };

/** `1.5Gi`, `96G`, `0B`, `1,2Gi` (comma decimals) in bytes; a bare number is KiB as plain `free` prints. */
export function parseMemoryAmount(text: string): number | null {
  const m = /^(\d+(?:[.,]\d+)?)([BKMGTPE])?(i|iB|B)?$/i.exec(text.trim());
  if (!m) return null;
  const value = Number(m[1].replace(',', '.'));
  if (!Number.isFinite(value)) return null;
  if (!m[2]) return value * 1024;
  return value * 1024 ** UNIT_POWER[m[2].toUpperCase()];
}

const ROW_NAMES: Record<string, 'mem' | 'swap'> = { 'mem:': 'mem', 'swap:': 'swap', '内存：': 'mem', '交换：': 'swap', '内存:': 'mem', '交换:': 'swap' };

export function parseFreeOutput(text: string): MemorySnapshot {
  const problems: SnapshotProblem[] = [];
  let columns: string[] | null = null;
  const rows: { mem: MemoryRow | null; swap: MemoryRow | null } = { mem: null, swap: null };
  splitLines(text).forEach((raw, index) => {
    const lineNo = index + 1;
    const words = raw.trim().split(/\s+/).filter(Boolean);
    if (!words.length) return;
    const kind = ROW_NAMES[words[0].toLowerCase()];
    if (!kind) {
      if (columns === null && words.some((w) => w.toLowerCase() === 'total')) columns = words.map((w) => w.toLowerCase());
      else if (!/^(low|high|total):$|^-\/\+$/i.test(words[0])) problems.push({ line: lineNo, message: `unexpected line: ${excerpt(raw)}` });
      return;
    }
    const names = columns ?? ['total', 'used', 'free', 'shared', 'buff/cache', 'available'];
    const bytes = new Map<string, number>();
    words.slice(1).forEach((w, i) => {
      const n = parseMemoryAmount(w);
      if (n === null) problems.push({ line: lineNo, message: `not an amount: ${excerpt(w, 30)}` });
      else if (i < names.length) bytes.set(names[i], n);
    });
    rows[kind] = { bytes: Object.fromEntries(bytes), line: lineNo };
  });
  if (!rows.mem && !rows.swap) problems.push({ line: 0, message: 'no Mem or Swap row found' });
  return { ...rows, problems };
}

export const MIB = 1024 * 1024;
