// One trace of the comparison: its own parser worker (the timeline's worker, unchanged), streamed from the
// host's resource URLs with progress, resolved into the render model; then answers detail requests.
import type { Locale } from '../../core/i18n/locale';
import type { CompareSideInit } from '../../shared/timelineCompareProtocol';
import type { GapBoundary } from '../../shared/timelineProtocol';
import { FactsRequests } from '../timeline/factsRequests';
import type { SliceFacts } from '../timeline/flowLinks';
import type { RenderModel } from '../timeline/timelineModel';
import { ChunkPool, streamSources } from '../timeline/traceLoader';
import { isFromWorker, type FromWorker, type ToWorker } from '../timeline/workerProtocol';
import { createParserWorker } from '../timeline/pageBoot';

export interface SideProgress {
  readonly bytes: number;
  readonly total: number;
  readonly events: number;
}

export interface SideLoad {
  readonly model: RenderModel;
  /** Problems of the sources (truncated files, fetch errors), one line each, in English for the log. */
  readonly problems: readonly string[];
}

export class CompareSideLoader {
  private worker: Worker | null = null;
  private workerBytes = 0;
  private events = 0;
  private waiters: { bytes: number; resolve: () => void }[] = [];
  private readonly factsRequests = new FactsRequests((m) => this.post(m));
  private modelReady: ((m: RenderModel) => void) | null = null;
  private modelFailed: ((e: Error) => void) | null = null;
  /** Chunk buffers the worker hands back, reused for the next chunks (as the single timeline page does). */
  private readonly chunkPool = new ChunkPool();

  constructor(
    private readonly init: CompareSideInit,
    private readonly scriptUrl: string,
    private readonly locale: Locale,
  ) {}

  /** Streams every source into a fresh worker and resolves with the drawn model; rejects when nothing could be built. */
  async load(boundary: GapBoundary, onProgress: (p: SideProgress) => void): Promise<SideLoad> {
    const sources = this.init.sources;
    const total = sources.reduce((s, x) => s + Math.max(0, x.bytes), 0);
    const known = sources.every((s) => s.bytes >= 0);
    const worker = await createParserWorker(this.scriptUrl, `xllm-compare-${this.init.label}`);
    this.worker = worker;
    const model = new Promise<RenderModel>((resolve, reject) => {
      this.modelReady = resolve;
      this.modelFailed = reject;
    });
    worker.addEventListener('message', (e) => {
      if (isFromWorker(e.data)) this.onWorker(e.data);
    });
    worker.addEventListener('error', (e) => this.modelFailed?.(new Error(e.message || 'worker error')));
    // The total size presizes the worker's columns once instead of regrowing (and copying) them.
    this.post({ type: 'open', files: sources.map((s) => s.label), locale: this.locale, ...(known ? { bytes: total } : {}) });
    let last = 0;
    const fetchErrors = await streamSources(
      sources,
      {
        post: (m, transfer) => this.post(m, transfer),
        pool: this.chunkPool,
        consumed: (bytes) => (this.workerBytes >= bytes ? Promise.resolve() : new Promise((resolve) => this.waiters.push({ bytes, resolve }))),
      },
      (p) => {
        const now = performance.now();
        if (now - last < 100) return;
        last = now;
        onProgress({ bytes: p.bytes, total, events: this.events });
      },
    );
    this.post({ type: 'finish', boundary });
    const m = await model;
    const problems = [
      ...m.sources.filter((s) => s.error).map((s) => `${sources[s.index]?.label ?? s.file}: ${s.error!.message} at byte ${s.error!.offset} (line ${s.error!.line})`),
      ...fetchErrors.map((f) => `${sources[f.source]?.label ?? f.source}: ${f.message}`),
    ];
    return { model: m, problems };
  }

  facts(slice: number): Promise<SliceFacts | null> {
    return this.factsRequests.ask(slice);
  }

  private post(m: ToWorker, transfer: Transferable[] = []): void {
    this.worker?.postMessage(m, transfer);
  }

  private onWorker(m: FromWorker): void {
    switch (m.type) {
      case 'progress':
        this.chunkPool.release(m.buffer);
        this.workerBytes = m.bytes;
        this.events = m.events;
        this.waiters = this.waiters.filter((w) => (w.bytes <= m.bytes ? (w.resolve(), false) : true));
        return;
      case 'model':
        this.modelReady?.(m.model);
        this.modelReady = null;
        this.modelFailed = null;
        return;
      case 'facts': {
        this.factsRequests.settle(m.requestId, m.facts);
        return;
      }
      case 'failed':
        // Before the model: loading failed. After it: the worker's own analyses failed, which this page does not show.
        this.modelFailed?.(new Error(m.message));
        return;
      case 'analyses':
      case 'gaps':
        // The comparison tables come from the host's core comparison of both captures.
        return;
    }
  }
}
