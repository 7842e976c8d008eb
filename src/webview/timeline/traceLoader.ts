// Streams each trace file from its URL into the worker in transferred chunks, never holding a file (or
// more than a few chunks of it) in the page: backpressure waits for the worker's progress reports.
import type { TimelineSource } from '../../shared/timelineProtocol';
import type { ToWorker } from './workerProtocol';

const CHUNK_BYTES = 4 << 20;
const MAX_IN_FLIGHT = 32 << 20;

export interface LoaderLink {
  post(m: ToWorker, transfer?: Transferable[]): void;
  /** Resolves once the worker has consumed at least `bytes` bytes. */
  consumed(bytes: number): Promise<void>;
}

export interface LoadProgress {
  readonly source: number;
  /** Bytes read from all sources so far. */
  readonly bytes: number;
}

/** Reads every source in order; a source that fails mid-way is ended with its error (the worker keeps what it got). Returns those errors. */
export async function streamSources(sources: readonly TimelineSource[], link: LoaderLink, onProgress: (p: LoadProgress) => void): Promise<{ source: number; message: string }[]> {
  let posted = 0;
  const errors: { source: number; message: string }[] = [];
  for (let source = 0; source < sources.length; source++) {
    let buf = new Uint8Array(CHUNK_BYTES);
    let fill = 0;
    const flush = async (): Promise<void> => {
      if (!fill) return;
      const bytes = fill === buf.length ? buf.buffer : buf.slice(0, fill).buffer;
      link.post({ type: 'chunk', source, bytes }, [bytes]);
      posted += fill;
      buf = new Uint8Array(CHUNK_BYTES);
      fill = 0;
      if (posted > MAX_IN_FLIGHT) await link.consumed(posted - MAX_IN_FLIGHT);
    };
    try {
      const res = await fetch(sources[source].url);
      if (!res.ok) throw new Error(`HTTP ${res.status} ${res.statusText}`.trim());
      if (!res.body) throw new Error('no response body');
      const reader = res.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        let at = 0;
        while (at < value.length) {
          const n = Math.min(value.length - at, buf.length - fill);
          buf.set(value.subarray(at, at + n), fill);
          fill += n;
          at += n;
          if (fill === buf.length) await flush();
        }
        onProgress({ source, bytes: posted + fill });
      }
      await flush();
      link.post({ type: 'end', source });
    } catch (e) {
      await flush();
      const message = e instanceof Error ? e.message : String(e);
      errors.push({ source, message });
      link.post({ type: 'end', source, error: message });
    }
    onProgress({ source, bytes: posted });
  }
  return errors;
}
