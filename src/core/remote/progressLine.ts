// Output of a remote job as lines, and the progress percent a tqdm bar (evalscope) prints in them.

/** Splits a text stream into lines at \n, \r\n and bare \r (tqdm redraws a bar with \r). */
export class LineSplitter {
  private rest = '';
  private skipLf = false;

  push(chunk: string): string[] {
    let text = this.rest + chunk;
    // A chunk that ended in \r may have been the first half of \r\n.
    if (this.skipLf && text.startsWith('\n')) text = text.slice(1);
    this.skipLf = text.endsWith('\r');
    const parts = text.split(/\r\n|\n|\r/);
    this.rest = parts.pop() ?? '';
    return parts;
  }

  flush(): string[] {
    const last = this.rest;
    this.rest = '';
    return last ? [last] : [];
  }
}

export interface ProgressReading {
  readonly percent: number;
  readonly done: number | null;
  readonly total: number | null;
}

const TQDM = /(\d{1,3})%\|[^|]*\|\s*(\d+)\/(\d+)/;
const PERCENT_ONLY = /(?:^|\s)(\d{1,3}(?:\.\d+)?)%(?:\s|$)/;

/** The progress a line reports, or null; `12/40` counts win over the printed percent when both are there. */
export function parseProgress(line: string): ProgressReading | null {
  const m = TQDM.exec(line);
  if (m) {
    const done = Number(m[2]);
    const total = Number(m[3]);
    const percent = total > 0 ? Math.min(100, (done / total) * 100) : Number(m[1]);
    return { percent: Math.round(percent * 10) / 10, done, total };
  }
  const p = /Processing|progress/i.test(line) ? PERCENT_ONLY.exec(line) : null;
  if (p) {
    const percent = Number(p[1]);
    if (percent >= 0 && percent <= 100) return { percent, done: null, total: null };
  }
  return null;
}
