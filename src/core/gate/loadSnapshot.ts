// Parser of `uptime`: the three load averages (and the uptime text), for telling whether load moved during a run.
import { splitLines, type SnapshotProblem } from './snapshotText';

export interface LoadSnapshot {
  readonly load1: number | null;
  readonly load5: number | null;
  readonly load15: number | null;
  /** `12 days,  3:04` as printed, or null. */
  readonly up: string | null;
  readonly users: number | null;
  readonly problems: readonly SnapshotProblem[];
}

/** Load averages may use comma decimals (`1,23, 1,10, 0,98`) and macOS says `load averages: 1.2 1.1 1.0`. */
function loadValues(tail: string): number[] {
  const tokens = tail.trim().split(/,\s+|\s+/).filter(Boolean);
  return tokens.map((t) => (/^\d+(?:[.,]\d+)?$/.test(t) ? Number(t.replace(',', '.')) : NaN));
}

export function parseUptime(text: string): LoadSnapshot {
  const problems: SnapshotProblem[] = [];
  const lines = splitLines(text);
  for (let i = 0; i < lines.length; i++) {
    const at = lines[i].search(/load averages?:/i);
    if (at < 0) continue;
    const line = lines[i];
    const tail = line.slice(line.indexOf(':', at) + 1);
    const values = loadValues(tail);
    const ok = values.length >= 3 && values.slice(0, 3).every((v) => Number.isFinite(v));
    if (!ok) problems.push({ line: i + 1, message: `load averages not readable: ${tail.trim().slice(0, 60)}` });
    const up = /\bup\s+(.*?),\s+\d+\s+users?/.exec(line)?.[1]?.trim() ?? null;
    const users = /(\d+)\s+users?/.exec(line);
    return {
      load1: ok ? values[0] : null,
      load5: ok ? values[1] : null,
      load15: ok ? values[2] : null,
      up,
      users: users ? Number(users[1]) : null,
      problems,
    };
  }
  problems.push({ line: 0, message: 'no "load average" line found' });
  return { load1: null, load5: null, load15: null, up: null, users: null, problems };
}
