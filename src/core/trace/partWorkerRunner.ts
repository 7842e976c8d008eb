// Runs a trace part on a Node worker thread (the CLI's second core): the worker script calls readTracePart
// and posts the part back with its buffers moved, not copied.
import { Worker } from 'node:worker_threads';
import type { TracePart } from './tracePart';
import type { TracePartRunner } from './traceFiles';

/** A runner that starts `script` (an ES module running runTracePartWorker) for each part. */
export function workerPartRunner(script: URL): TracePartRunner {
  return (job, signal) =>
    new Promise<TracePart>((resolve, reject) => {
      const w = new Worker(script, { workerData: job });
      const stop = (): void => void w.terminate();
      signal.addEventListener('abort', stop, { once: true });
      w.once('message', (m: TracePart) => {
        signal.removeEventListener('abort', stop);
        resolve(m);
        void w.terminate();
      });
      w.once('error', reject);
      // After a message this rejection is ignored; without one, the part did not arrive.
      w.once('exit', (code) => reject(new Error(`the trace part worker stopped (exit code ${code})`)));
    });
}
