// Parser of the process snapshots: `pgrep -af <pattern>` lines (`<pid> <command line>`), or `ps` output with a PID column.
import { excerpt, parseId, splitLines, type SnapshotProblem } from './snapshotText';

export interface ListedProcess {
  readonly pid: number;
  readonly command: string;
  readonly line: number;
}

export interface ProcessList {
  readonly processes: readonly ListedProcess[];
  readonly problems: readonly SnapshotProblem[];
}

export function parseProcessList(text: string): ProcessList {
  const processes: ListedProcess[] = [];
  const problems: SnapshotProblem[] = [];
  // Index of the PID column when the capture is `ps` output with a header; pgrep has none.
  let pidColumn: number | null = null;
  let commandColumn: number | null = null;
  splitLines(text).forEach((raw, index) => {
    const lineNo = index + 1;
    const line = raw.trim();
    if (line === '') return;
    const words = line.split(/\s+/);
    if (pidColumn === null && !processes.length) {
      const header = words.findIndex((w) => w.toUpperCase() === 'PID');
      if (header >= 0) {
        pidColumn = header;
        const cmd = words.findIndex((w) => /^(CMD|COMMAND|ARGS)$/i.test(w));
        commandColumn = cmd > header ? cmd : null;
        return;
      }
    }
    const at = pidColumn ?? 0;
    const pid = parseId(words[at] ?? '');
    if (pid === null) {
      problems.push({ line: lineNo, message: `no PID at the start of: ${excerpt(line)}` });
      return;
    }
    processes.push({ pid, command: words.slice(commandColumn ?? at + 1).join(' '), line: lineNo });
  });
  return { processes, problems };
}

/** PIDs the snapshot saw, for telling live NPU processes from stale contexts. */
export function visiblePids(list: ProcessList): ReadonlySet<number> {
  return new Set(list.processes.map((p) => p.pid));
}
