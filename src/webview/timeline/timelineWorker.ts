// The parser worker: receives file chunks, feeds the core's streaming parser, builds the render model
// and computes the analyses, then answers detail and gap requests from the columns it keeps.
import type { Locale } from '../../core/i18n/locale';
import { TraceBuilder, type TraceSourceParser } from '../../core/trace/traceParser';
import type { TraceColumns } from '../../core/trace/traceColumns';
import { analysesOfTrace, gapsOfTrace } from './analysesView';
import { FlowIndex } from './flowLinks';
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

  private dispatch(m: ToWorker): void {
    switch (m.type) {
      case 'open': {
        this.builder = new TraceBuilder();
        this.parsers = m.files.map((f) => this.builder!.addSource(f));
        this.cols = null;
        this.flows = null;
        this.bytes = 0;
        this.pushMs = 0;
        this.locale = m.locale;
        this.started = Date.now();
        return;
      }
      case 'chunk': {
        const p = this.parsers[m.source];
        if (!p || !this.builder) throw new Error(`chunk for unknown source ${m.source}`);
        const t0 = performance.now();
        p.push(new Uint8Array(m.bytes));
        this.pushMs += performance.now() - t0;
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
        const parseMs = Date.now() - this.started;
        const f0 = Date.now();
        const cols = this.builder.finish();
        const finishMs = Date.now() - f0;
        const t0 = Date.now();
        const { model } = buildRenderModel(cols);
        this.cols = cols;
        // The page gets the model's buffers moved, not copied; flows need only a few columns, kept here.
        const { start, dur, track, row } = model.slices;
        this.flows = new FlowIndex(cols, {
          slices: { start: start.slice(), dur: dur.slice(), track: track.slice(), row: row.slice() },
          tracks: model.tracks.map((t) => ({ ...t, levels: [] })),
          lanes: model.lanes,
        });
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

/** Every buffer of the model, once each (a transfer list must not repeat one). */
export function modelBuffers(m: RenderModel): ArrayBuffer[] {
  const set = new Set<ArrayBuffer>();
  const add = (a: ArrayBufferView): void => {
    set.add(a.buffer as ArrayBuffer);
  };
  for (const a of [m.slices.start, m.slices.dur, m.slices.name, m.slices.row, m.slices.track, m.samples.start, m.samples.dur, m.samples.value]) add(a);
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
