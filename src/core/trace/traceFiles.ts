// Node side of trace loading: reads files in fixed-size chunks into one TraceBuilder (ranks and slices
// become one trace) and looks up an event's args by byte offset on demand.
import { open, stat } from 'node:fs/promises';
import { TraceBuilder } from './traceParser';
import type { TraceColumns } from './traceColumns';

export interface TraceLoadOptions {
  /** Bytes per read (default 8 MiB). */
  chunkSize?: number;
  /** Called after each chunk with the bytes read so far over all files. */
  onProgress?: (bytesRead: number) => void;
}

/** Loads the given files (in order) as one trace. Truncated or corrupt files load up to the damage. */
export async function loadTraceFiles(files: readonly string[], o: TraceLoadOptions = {}): Promise<TraceColumns> {
  let expectedBytes = 0;
  for (const f of files) expectedBytes += await stat(f).then((s) => s.size, () => 0);
  const builder = new TraceBuilder({ expectedBytes });
  const size = o.chunkSize ?? 8 << 20;
  // Two buffers: the next chunk is read (on the libuv pool) while the parser works on this one, instead
  // of the parser waiting for every read (about a fifth of a 1 M-event load).
  const buffers = [new Uint8Array(size), new Uint8Array(size)];
  let total = 0;
  for (const file of files) {
    const parser = builder.addSource(file);
    const fh = await open(file, 'r');
    let pending: ReturnType<typeof fh.read> | undefined;
    try {
      let k = 0;
      pending = fh.read(buffers[k], 0, size, null);
      for (;;) {
        const { bytesRead } = await pending;
        if (bytesRead === 0) break;
        const chunk = buffers[k];
        k ^= 1;
        pending = fh.read(buffers[k], 0, size, null);
        parser.push(chunk.subarray(0, bytesRead));
        total += bytesRead;
        o.onProgress?.(total);
      }
    } finally {
      await pending?.catch(() => undefined); // a read still in flight must end before its file closes
      await fh.close();
    }
    parser.end();
  }
  return builder.finish();
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
