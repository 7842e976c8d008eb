// Parser of the `import torch, torch_npu` probe: its output followed by `exit=<status>`; 124 is timeout's "it hung".
import { splitLines } from './snapshotText';

export interface TorchNpuImport {
  readonly exitCode: number | null;
  readonly hung: boolean;
  readonly ok: boolean;
  /** The last non-empty output line before the exit status (the error, or the versions printed). */
  readonly lastLine: string | null;
}

export function parseTorchNpuImport(text: string): TorchNpuImport {
  const lines = splitLines(text).map((l) => l.trim()).filter(Boolean);
  let exitCode: number | null = null;
  let exitAt = -1;
  lines.forEach((l, i) => {
    const m = /^exit=(\d+)$/.exec(l);
    if (m) {
      exitCode = Number(m[1]);
      exitAt = i;
    }
  });
  const before = exitAt >= 0 ? lines.slice(0, exitAt) : lines;
  const code = exitCode as number | null;
  return { exitCode: code, hung: code === 124, ok: code === 0, lastLine: before.length ? before[before.length - 1].slice(0, 200) : null };
}
