// Slice-facts requests to the parser worker and their answers, matched by request id (the timeline page and
// each side of the comparison page ask their own worker).
import type { SliceFacts } from './flowLinks';
import type { ToWorker } from './workerProtocol';

export class FactsRequests {
  private readonly waiters = new Map<number, (f: SliceFacts | null) => void>();
  private nextId = 1;

  constructor(private readonly post: (m: ToWorker) => void) {}

  /** The facts of a slice, when the worker answers. */
  ask(slice: number): Promise<SliceFacts | null> {
    const requestId = this.nextId++;
    return new Promise((resolve) => {
      this.waiters.set(requestId, resolve);
      this.post({ type: 'facts', requestId, slice });
    });
  }

  /** Hands a worker's `facts` answer to the request that asked for it. */
  settle(requestId: number, facts: SliceFacts | null): void {
    const w = this.waiters.get(requestId);
    this.waiters.delete(requestId);
    w?.(facts);
  }
}
