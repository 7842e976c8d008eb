// Streams each trace file from its URL into the worker in transferred chunks, never holding a file (or
// more than a few chunks of it) in the page: backpressure waits for the worker's progress reports.
// Bytes are read straight into fixed-size chunk buffers (a BYOB reader where the browser has one) and the
// worker hands each buffer back after parsing it, so a load allocates a handful of buffers, not one per
// network read: garbage buffers waiting for a GC were most of the page's peak memory.
import type { TimelineSource } from '../../shared/timelineProtocol';
import { releaseBuffers } from '../../core/trace/bufferRelease';
import type { ToWorker } from './workerProtocol';

export const CHUNK_BYTES = 2 << 20;
/** Bytes posted to the worker and not yet parsed: enough to keep it busy while the network fills the next chunk. */
const MAX_IN_FLIGHT = 6 << 20;

/** Chunk buffers the worker has handed back, ready for reuse. */
export class ChunkPool {
  private readonly free: ArrayBuffer[] = [];
  /** Buffers made so far (the rest of the chunks reused them). */
  allocated = 0;
  /** False once the load has drained the pool: buffers handed back late are freed, not kept. */
  private keep = true;

  constructor(readonly size = CHUNK_BYTES) {}

  take(): ArrayBuffer {
    this.keep = true;
    const b = this.free.pop();
    if (b) return b;
    this.allocated++;
    return new ArrayBuffer(this.size);
  }

  /** A buffer back from the worker (a detached or odd-sized one is dropped). */
  release(b: ArrayBuffer | undefined): void {
    if (b && this.keep && b.byteLength === this.size && this.free.length < 8) this.free.push(b);
    else releaseBuffers(b);
  }

  /** After a load: frees the idle buffers now (and those still on their way back), not at some later GC. */
  drain(): void {
    this.keep = false;
    releaseBuffers(...this.free);
    this.free.length = 0;
  }

  get available(): number {
    return this.free.length;
  }
}

export interface LoaderLink {
  post(m: ToWorker, transfer?: Transferable[]): void;
  /** Resolves once the worker has consumed at least `bytes` bytes. */
  consumed(bytes: number): Promise<void>;
  /** Where the worker's returned chunk buffers go (from its `progress` messages); without it each chunk is a new buffer. */
  pool?: ChunkPool;
  /** The first source's response, requested early (while the worker starts; see requestEarly). */
  firstResponse?: Promise<Response>;
}

/** Requests a source before the worker exists, so the first bytes are on their way while it starts. */
export function requestEarly(url: string): Promise<Response> {
  const p = fetch(url);
  p.catch(() => undefined); // reported when streamSources awaits it
  return p;
}

export interface LoadProgress {
  readonly source: number;
  /** Bytes read from all sources so far. */
  readonly bytes: number;
}

/**
 * One read of a body into `into` from `at` (BYOB when the body is a byte stream): the buffer to keep using
 * (a BYOB read moves it), the new fill, and whether the body ended. A BYOB read that fails loses the
 * buffer it was given, so the bytes of that chunk are lost with the connection (the file is then reported
 * as truncated at its last complete chunk).
 */
type ChunkReader = (into: ArrayBuffer, at: number) => Promise<{ buffer: ArrayBuffer; fill: number; done: boolean }>;

function chunkReader(body: ReadableStream<Uint8Array>): ChunkReader {
  let byob: ReadableStreamBYOBReader | null = null;
  try {
    byob = body.getReader({ mode: 'byob' });
  } catch {
    byob = null; // not a byte stream here: copy from the default reader
  }
  if (byob) {
    const reader = byob;
    return async (into, at) => {
      const { done, value } = await reader.read(new Uint8Array(into, at));
      // The read transfers the buffer: keep using the one it hands back.
      return value ? { buffer: value.buffer as ArrayBuffer, fill: at + value.byteLength, done } : { buffer: new ArrayBuffer(into.byteLength), fill: 0, done };
    };
  }
  const reader = body.getReader();
  let rest: Uint8Array | null = null;
  /** Whether rest's chunk is alone in its buffer (then the buffer can be freed once copied). */
  let whole = false;
  return async (into, at) => {
    if (!rest || !rest.length) {
      const { done, value } = await reader.read();
      if (done) return { buffer: into, fill: at, done: true };
      rest = value;
      whole = value.byteOffset === 0 && value.byteLength === value.buffer.byteLength;
    }
    const n = Math.min(rest.length, into.byteLength - at);
    new Uint8Array(into).set(rest.subarray(0, n), at);
    rest = rest.subarray(n);
    // The body's chunk is ours and fully copied: free it now rather than leave it to a GC.
    if (!rest.length && whole) releaseBuffers(rest.buffer);
    return { buffer: into, fill: at + n, done: false };
  };
}

/** Reads every source in order; a source that fails mid-way is ended with its error (the worker keeps what it got). Returns those errors. */
export async function streamSources(sources: readonly TimelineSource[], link: LoaderLink, onProgress: (p: LoadProgress) => void): Promise<{ source: number; message: string }[]> {
  const pool = link.pool ?? new ChunkPool();
  let posted = 0;
  const errors: { source: number; message: string }[] = [];
  for (let source = 0; source < sources.length; source++) {
    let buf = pool.take();
    let fill = 0;
    const flush = async (): Promise<void> => {
      if (buf.byteLength === 0) {
        // Detached by a read that failed: its bytes are lost with it (the worker reports the file as truncated).
        buf = pool.take();
        fill = 0;
      }
      if (!fill) return;
      // A short last chunk is sent as is: the worker reads `length` bytes of it.
      link.post({ type: 'chunk', source, bytes: buf, length: fill }, [buf]);
      posted += fill;
      buf = pool.take();
      fill = 0;
      if (posted > MAX_IN_FLIGHT) await link.consumed(posted - MAX_IN_FLIGHT);
    };
    try {
      const res = await (source === 0 && link.firstResponse ? link.firstResponse : fetch(sources[source].url));
      if (!res.ok) throw new Error(`HTTP ${res.status} ${res.statusText}`.trim());
      if (!res.body) throw new Error('no response body');
      const read = chunkReader(res.body);
      for (;;) {
        const r = await read(buf, fill);
        buf = r.buffer;
        fill = r.fill;
        if (fill === buf.byteLength || r.done) await flush();
        onProgress({ source, bytes: posted + fill });
        if (r.done) break;
      }
      link.post({ type: 'end', source });
    } catch (e) {
      await flush();
      const message = e instanceof Error ? e.message : String(e);
      errors.push({ source, message });
      link.post({ type: 'end', source, error: message });
    }
    pool.release(buf); // the empty buffer taken after the last chunk
    onProgress({ source, bytes: posted });
  }
  pool.drain();
  return errors;
}
