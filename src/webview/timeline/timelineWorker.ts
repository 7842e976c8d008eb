// The parser worker: receives file chunks, feeds the core's streaming parser, builds the render model
// and computes the analyses, then answers detail and gap requests from the columns it keeps.
import type { Locale } from '../../core/i18n/locale';
import { TraceBuilder, type TraceSourceParser } from '../../core/trace/traceParser';
import type { TraceColumns } from '../../core/trace/traceColumns';
import { analysesOfTrace, gapsOfTrace } from './analysesView';
import { FlowIndex, type FlowModel } from './flowLinks';
import { buildRenderModel, type RenderModel } from './timelineModel';
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
  private flowSlices: { row: Uint32Array; tracks: FlowModel['tracks']; lanes: FlowModel['lanes'] } | null = null;
  private locale: Locale = 'en';
  private bytes = 0;
  private started = 0;
  private pushMs = 0;

  constructor(private readonly post: (m: FromWorker, transfer?: Transferable[]) => void) {}

  handle(m: ToWorker): void {
    try {
      this.dispatch(m);
    } catch (e) {
      this.post({ type: 'failed', message: e instanceof Error ? e.message : String(e) });
    }
  }

  /** The flow index, built on the first details request (it reads slices through their rows: nothing per slice is copied). */
  private flowIndex(): FlowIndex | null {
    if (this.flows || !this.cols || !this.flowSlices) return this.flows;
    const { row, tracks, lanes } = this.flowSlices;
    this.flows = new FlowIndex(this.cols, { slices: { row }, tracks, lanes });
    return this.flows;
  }


  private dispatch(m: ToWorker): void {
    switch (m.type) {
      case 'open': {
        this.builder = new TraceBuilder({ expectedBytes: m.bytes });
        this.parsers = m.files.map((f) => this.builder!.addSource(f));
        this.cols = null;
        this.flows = null;
        this.flowSlices = null;
        this.bytes = 0;
        this.pushMs = 0;
        this.locale = m.locale;
        this.started = Date.now();
        return;
      }
      case 'chunk': {
        const p = this.parsers[m.source];
        if (!p || !this.builder) throw new Error(`chunk for unknown source ${m.source}`);
        const length = m.length ?? m.bytes.byteLength;
        const t0 = performance.now();
        p.push(new Uint8Array(m.bytes, 0, length));
        this.pushMs += performance.now() - t0;
        this.bytes += length;
        // The buffer goes back to the page for the next chunk (the parser keeps no view of it).
        this.post({ type: 'progress', bytes: this.bytes, events: this.builder.store.count, buffer: m.bytes }, [m.bytes]);
        return;
      }
      case 'end': {
        this.parsers[m.source]?.end();
        return;
      }
      case 'finish': {
        if (!this.builder) throw new Error('finish before open');
        const parseMs = Date.now() - this.started;
        const f0 = Date.now();
        const cols = this.builder.finish();
        const finishMs = Date.now() - f0;
        const t0 = Date.now();
        const { model, row } = buildRenderModel(cols);
        this.cols = cols;
        // The page gets the model's buffers moved, not copied. Flows need the slices' rows (never sent: the
        // page does not draw from them) and the tracks' ranges, kept here; each slice's start, duration and
        // track are gathered when a slice is first asked about.
        this.flowSlices = {
          row,
          tracks: model.tracks.map((t) => ({ ...t, levels: [] })),
          lanes: model.lanes,
        };
        this.builder = null;
        this.parsers = [];
        this.post({ type: 'model', model, parseMs, pushMs: Math.round(this.pushMs), finishMs, buildMs: Date.now() - t0 }, modelBuffers(model));
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
        this.post({ type: 'facts', requestId: m.requestId, facts: this.flowIndex()?.facts(m.slice) ?? null });
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

/** Every buffer of the model, once each (a transfer list must not repeat one). */
export function modelBuffers(m: RenderModel): ArrayBuffer[] {
  const set = new Set<ArrayBuffer>();
  const add = (a: ArrayBufferView): void => {
    set.add(a.buffer as ArrayBuffer);
  };
  for (const a of [m.slices.start, m.slices.dur, m.slices.name, m.samples.start, m.samples.dur, m.samples.value]) add(a);
  for (const t of [...m.tracks, ...m.counters]) {
    for (const l of t.levels) {
      add(l.first);
      add(l.best);
      if (l.busy) add(l.busy);
    }
  }
  return [...set];
}

/** Entry point when this bundle runs as the worker. */
export function runTimelineWorker(scope: WorkerScope): void {
  const worker = new TimelineWorker((m, transfer) => scope.postMessage(m, transfer));
  scope.addEventListener('message', (e) => {
    if (isToWorker(e.data)) worker.handle(e.data);
  });
}
