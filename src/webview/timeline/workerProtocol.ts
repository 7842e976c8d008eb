// Messages between the page and its parser worker (both sides are this bundle; still checked on arrival).
import type { Locale } from '../../core/i18n/locale';
import type { GapBoundary } from '../../shared/timelineProtocol';
import type { AnalysesView, GapView } from './analysesView';
import type { SliceFacts } from './flowLinks';
import type { RenderModel } from './timelineModel';

export type ToWorker =
  /** bytes: total size of the files when known (sizes the columns once instead of regrowing them). */
  | { readonly type: 'open'; readonly files: readonly string[]; readonly locale: Locale; readonly bytes?: number }
  /** bytes is transferred, not copied; only its first `length` bytes (default all) are file content. */
  | { readonly type: 'chunk'; readonly source: number; readonly bytes: ArrayBuffer; readonly length?: number }
  /** error: the file could not be read to its end (network or HTTP failure). */
  | { readonly type: 'end'; readonly source: number; readonly error?: string }
  | { readonly type: 'finish'; readonly boundary: GapBoundary }
  | { readonly type: 'facts'; readonly requestId: number; readonly slice: number }
  | { readonly type: 'gaps'; readonly requestId: number; readonly boundary: GapBoundary };

export type FromWorker =
  /** After each chunk: bytes consumed so far (all files) and rows parsed; buffer: that chunk's buffer, handed back for reuse. */
  | { readonly type: 'progress'; readonly bytes: number; readonly events: number; readonly buffer?: ArrayBuffer }
  /** parseMs: wall time from open to the end of the last file; pushMs: of it, time spent inside the parser. */
  | { readonly type: 'model'; readonly model: RenderModel; readonly parseMs: number; readonly pushMs: number; readonly finishMs: number; readonly buildMs: number }
  | { readonly type: 'analyses'; readonly analyses: AnalysesView }
  | { readonly type: 'facts'; readonly requestId: number; readonly facts: SliceFacts | null }
  /** requestId 0: the analysis with the initial boundary, sent after the model. */
  | { readonly type: 'gaps'; readonly requestId: number; readonly gaps: GapView }
  | { readonly type: 'failed'; readonly message: string };

const TO_WORKER = new Set(['open', 'chunk', 'end', 'finish', 'facts', 'gaps']);
const FROM_WORKER = new Set(['progress', 'model', 'analyses', 'facts', 'gaps', 'failed']);

export function isToWorker(v: unknown): v is ToWorker {
  return typeof v === 'object' && v !== null && TO_WORKER.has((v as { type?: unknown }).type as string);
}

export function isFromWorker(v: unknown): v is FromWorker {
  return typeof v === 'object' && v !== null && FROM_WORKER.has((v as { type?: unknown }).type as string);
}
