// Node side of trace loading: reads files in fixed-size chunks into one TraceBuilder (ranks and slices
// become one trace) and looks up an event's args by byte offset on demand. A large file can be read as two
// parts at once (the second on another thread), merged into the same columns a single pass gives.
import { open, stat, type FileHandle } from 'node:fs/promises';
import { TraceBuilder, type TraceSourceParser } from './traceParser';
import type { TraceColumns } from './traceColumns';
import { absorbTracePart, exportTracePart, partBuilder, type TracePart, type TracePartJob } from './tracePart';

/** Parses the part of a file a job names, wherever it runs (a worker thread in the CLI); signal ends it early. */
export type TracePartRunner = (job: TracePartJob, signal: AbortSignal) => Promise<TracePart>;

export interface TraceLoadOptions {
  /** Bytes per read (default 8 MiB). */
  chunkSize?: number;
  /** Called after each chunk with the bytes read so far over all files. */
  onProgress?: (bytesRead: number) => void;
  /** Runs the second half of a large file while this thread reads the first (default: setDefaultPartRunner's). */
  runPart?: TracePartRunner;
  /** Files from this size on are read as two parts when there is a runner (default 48 MiB). */
  splitBytes?: number;
  /** Where in the file the second part starts (default 0.62: this thread starts first and reads the larger share). */
  splitFraction?: number;
}

let defaultRunner: { run: TracePartRunner; splitBytes?: number } | undefined;

/** The runner (and threshold) every load uses unless told otherwise: set once by a process that has threads to spare. */
export function setDefaultPartRunner(run: TracePartRunner | undefined, splitBytes?: number): void {
  defaultRunner = run ? { run, splitBytes } : undefined;
}

const DEFAULT_SPLIT_BYTES = 48 << 20;
// The worker starts after this thread's first chunk and warms its compiler up from cold, so an even split
// leaves this thread waiting: on a 1 M-event trace on 2 cores, 62/38 took 0.92 s where 50/50 took 1.0 s.
const SPLIT_FRACTION = 0.62;

/** Loads the given files (in order) as one trace. Truncated or corrupt files load up to the damage. */
export async function loadTraceFiles(files: readonly string[], o: TraceLoadOptions = {}): Promise<TraceColumns> {
  const sizes: number[] = [];
  for (const f of files) sizes.push(await stat(f).then((s) => s.size, () => 0));
  const builder = new TraceBuilder({ expectedBytes: sizes.reduce((a, b) => a + b, 0) });
  const size = o.chunkSize ?? 8 << 20;
  const runPart = o.runPart ?? defaultRunner?.run;
  const splitBytes = o.splitBytes ?? (o.runPart ? undefined : defaultRunner?.splitBytes) ?? DEFAULT_SPLIT_BYTES;
  // Two buffers: the next chunk is read (on the libuv pool) while the parser works on this one, instead
  // of the parser waiting for every read (about a fifth of a 1 M-event load).
  const buffers = [new Uint8Array(size), new Uint8Array(size)];
  let total = 0;
  for (const [i, file] of files.entries()) {
    const parser = builder.addSource(file);
    const fh = await open(file, 'r');
    try {
      const split = runPart && sizes[i] >= splitBytes ? await findSplitOffset(fh, sizes[i], o.splitFraction ?? SPLIT_FRACTION) : -1;
      let part: { promise: Promise<TracePart | null>; abort: AbortController } | undefined;
      const startPart = (): void => {
        const abort = new AbortController();
        const job = { file, start: split, end: sizes[i], baseUs: builder.baseUs };
        // A failed part is not an error: the rest is then read here.
        part = { promise: (runPart as TracePartRunner)(job, abort.signal).catch(() => null), abort };
      };
      const feed = (chunk: Uint8Array): void => {
        parser.push(chunk);
        total += chunk.length;
        o.onProgress?.(total);
      };
      const read = await readRange(fh, 0, split >= 0 ? split : Infinity, buffers, (chunk) => {
        feed(chunk);
        // The part starts once this one knows the trace's time base (the first chunk, in practice).
        if (split >= 0 && !part && !Number.isNaN(builder.baseUs)) startPart();
      });
      if (split >= 0) {
        if (!part) startPart();
        const p = part as NonNullable<typeof part>;
        const rest = parser.atEventBoundary ? await p.promise : null;
        if (rest) {
          absorbTracePart(builder, parser, rest);
          total += sizes[i] - split;
          o.onProgress?.(total);
        } else {
          // The split point was not between two events (or the part failed): read on here, as a single pass does.
          p.abort.abort();
          await readRange(fh, read, Infinity, buffers, feed);
        }
      }
    } finally {
      await fh.close();
    }
    parser.end();
  }
  return builder.finish();
}

/**
 * Reads [from, to) (to the end of the file when to is Infinity) through the two buffers, the next read in
 * flight while `each` works on the current chunk; returns the offset after the last byte read.
 */
async function readRange(fh: FileHandle, from: number, to: number, buffers: Uint8Array[], each: (chunk: Uint8Array) => void): Promise<number> {
  const size = buffers[0].length;
  let at = from;
  let k = 0;
  const next = (): ReturnType<FileHandle['read']> | undefined => {
    const want = Math.min(size, to - at);
    if (want <= 0) return undefined;
    const r = fh.read(buffers[k], 0, want, at);
    at += want;
    return r;
  };
  let pending = next();
  let end = from;
  try {
    while (pending) {
      const { bytesRead } = await pending;
      if (bytesRead === 0) break;
      const chunk = buffers[k];
      end += bytesRead;
      k ^= 1;
      pending = bytesRead < Math.min(size, to - (end - bytesRead)) ? undefined : next();
      each(chunk.subarray(0, bytesRead));
    }
  } finally {
    await pending?.catch(() => undefined); // a read still in flight must end before its file closes
  }
  return end;
}

/**
 * A byte offset from `fraction` of the file on where an event object seems to start (`}`, `,`, then `{"`, with any
 * whitespace between), or -1. Only a guess: the first part's parser confirms it stands between two events.
 */
export async function findSplitOffset(fh: FileHandle, fileSize: number, fraction: number): Promise<number> {
  const window = new Uint8Array(Math.min(1 << 20, fileSize));
  const from = Math.floor(fileSize * fraction);
  const { bytesRead } = await fh.read(window, 0, Math.min(window.length, fileSize - from), from);
  const isWs = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
  for (let i = window.indexOf(0x7b); i >= 0 && i + 1 < bytesRead; i = window.indexOf(0x7b, i + 1)) {
    if (window[i + 1] !== 0x22) continue;
    let j = i - 1;
    while (j >= 0 && isWs(window[j])) j--;
    if (j < 0 || window[j] !== 0x2c) continue;
    j--;
    while (j >= 0 && isWs(window[j])) j--;
    if (j >= 0 && window[j] === 0x7d) return from + i;
  }
  return -1;
}

/** Parses the part of a file a job names, on this thread (the body of a part runner). */
export async function readTracePart(job: TracePartJob, signal?: AbortSignal): Promise<TracePart> {
  const { builder, parser } = partBuilder(job);
  const fh = await open(job.file, 'r');
  try {
    const buffers = [new Uint8Array(8 << 20), new Uint8Array(8 << 20)];
    await readRange(fh, job.start, job.end, buffers, (chunk) => {
      if (signal?.aborted) throw new Error('trace part cancelled');
      parser.push(chunk);
    });
  } finally {
    await fh.close();
  }
  parser.end();
  return exportTracePart(builder, parser as TraceSourceParser);
}

/** The decoded `args` object of one event row, read from its file; undefined when it has none. */
export async function readEventArgs(trace: TraceColumns, row: number): Promise<Record<string, unknown> | undefined> {
  const at = trace.argsOffset[row];
  if (at < 0) return undefined;
  const file = trace.sources[trace.source[row]]?.file;
  if (!file) return undefined;
  const len = trace.argsLength[row];
  const fh = await open(file, 'r');
  try {
    const buf = new Uint8Array(len);
    await fh.read(buf, 0, len, at);
    return JSON.parse(new TextDecoder().decode(buf)) as Record<string, unknown>;
  } finally {
    await fh.close();
  }
}
