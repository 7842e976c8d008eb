// The parser worker: receives file chunks, feeds the core's streaming parser, builds the render model
// and computes the analyses, then answers detail and gap requests from the columns it keeps.
import type { Locale } from '../../core/i18n/locale';
import { TraceBuilder, type TraceSourceParser } from '../../core/trace/traceParser';
import type { TraceColumns } from '../../core/trace/traceColumns';
import { analysesOfTrace, gapsOfTrace } from './analysesView';
import { FlowIndex } from './flowLinks';
import { buildRenderModel } from './timelineModel';
import { isToWorker, type FromWorker, type ToWorker } from './workerProtocol';

/** The parts of a dedicated worker's global scope this code uses. */
export interface WorkerScope {
  postMessage(message: FromWorker, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (e: MessageEvent) => void): void;
}

export class TimelineWorker {
  private builder: TraceBuilder | null = null;
  private parsers: TraceSourceParser[] = [];
  private cols: TraceColumns | null = null;
  private flows: FlowIndex | null = null;
  private locale: Locale = 'en';
  private bytes = 0;
  private started = 0;

  constructor(private readonly post: (m: FromWorker) => void) {}

  handle(m: ToWorker): void {
    try {
      this.dispatch(m);
    } catch (e) {
      this.post({ type: 'failed', message: e instanceof Error ? e.message : String(e) });
    }
  }

  private dispatch(m: ToWorker): void {
    switch (m.type) {
      case 'open': {
        this.builder = new TraceBuilder();
        this.parsers = m.files.map((f) => this.builder!.addSource(f));
        this.cols = null;
        this.flows = null;
        this.bytes = 0;
        this.locale = m.locale;
        this.started = Date.now();
        return;
      }
      case 'chunk': {
        const p = this.parsers[m.source];
        if (!p || !this.builder) throw new Error(`chunk for unknown source ${m.source}`);
        p.push(new Uint8Array(m.bytes));
        this.bytes += m.bytes.byteLength;
        this.post({ type: 'progress', bytes: this.bytes, events: this.builder.store.count });
        return;
      }
      case 'end': {
        this.parsers[m.source]?.end();
        return;
      }
      case 'finish': {
        if (!this.builder) throw new Error('finish before open');
        const cols = this.builder.finish();
        const parseMs = Date.now() - this.started;
        const t0 = Date.now();
        const build = buildRenderModel(cols);
        this.cols = cols;
        this.flows = new FlowIndex(cols, build.model);
        this.builder = null;
        this.parsers = [];
        this.post({ type: 'model', model: build.model, parseMs, buildMs: Date.now() - t0 });
        void analysesOfTrace(cols, m.boundary, this.locale).then(
          ({ analyses, gaps }) => {
            this.post({ type: 'analyses', analyses });
            this.post({ type: 'gaps', requestId: 0, gaps });
          },
          (e: unknown) => this.post({ type: 'failed', message: e instanceof Error ? e.message : String(e) }),
        );
        return;
      }
      case 'facts': {
        this.post({ type: 'facts', requestId: m.requestId, facts: this.flows?.facts(m.slice) ?? null });
        return;
      }
      case 'gaps': {
        if (!this.cols) throw new Error('gap analysis before the trace is loaded');
        this.post({ type: 'gaps', requestId: m.requestId, gaps: gapsOfTrace(this.cols, m.boundary, this.locale) });
        return;
      }
    }
  }
}

/** Entry point when this bundle runs as the worker. */
export function runTimelineWorker(scope: WorkerScope): void {
  const worker = new TimelineWorker((m) => scope.postMessage(m));
  scope.addEventListener('message', (e) => {
    if (isToWorker(e.data)) worker.handle(e.data);
  });
}
