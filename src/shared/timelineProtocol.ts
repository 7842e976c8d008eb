// Messages between the timeline webview and its host, each declared once with its direction. Both sides
// check every incoming message with the guards below before acting on it.

/** View type of the timeline panel (and of its serializer). */
export const TIMELINE_VIEW_TYPE = 'xllm.timeline';
/** View type of the "xLLM Timeline" custom editor for trace files. */
export const TIMELINE_EDITOR_VIEW_TYPE = 'xllm.timelineEditor';

/** The most args bytes the page may ask for in one request. */
export const MAX_ARGS_BYTES = 1 << 20;

/** What a timeline shows: the trace files (absolute paths) and, when known, the run root they belong to. */
export interface TraceIdentity {
  readonly files: readonly string[];
  readonly runRoot?: string;
}

/** One trace file as the page sees it. */
export interface TimelineSource {
  /** Short name shown in the page (relative to the run root when possible). */
  readonly label: string;
  /** URL the page fetches the file from (a webview resource URL). */
  readonly url: string;
  /** File size in bytes (progress), -1 when unknown. */
  readonly bytes: number;
}

/** Regexes that find the decode-step boundary events (end of `previous` to start of `next`). */
export interface GapBoundary {
  readonly previous: string;
  readonly next: string;
}

// ---- host -> webview ----

/** host -> webview: what to load; sent after `ready` (and again after every `ready`). */
export interface InitMessage {
  readonly type: 'init';
  readonly identity: TraceIdentity;
  readonly title: string;
  readonly sources: readonly TimelineSource[];
  readonly locale: 'en' | 'zh-cn';
  /** True when a run root is known and "Save Analysis to Run" can write there. */
  readonly canSave: boolean;
  readonly boundary: GapBoundary;
}

/** host -> webview: the raw `args` JSON text of one event, or why it could not be read. */
export interface ArgsMessage {
  readonly type: 'args';
  readonly requestId: number;
  readonly text?: string;
  readonly error?: string;
}

/** host -> webview: outcome of a `saveAnalysis` request. */
export interface SaveResultMessage {
  readonly type: 'saveResult';
  readonly requestId: number;
  readonly status: 'saved' | 'cancelled' | 'failed';
  /** Files written, relative to the run root. */
  readonly files: readonly string[];
  readonly message?: string;
}

export type HostToWebview = InitMessage | ArgsMessage | SaveResultMessage;

// ---- webview -> host ----

/** webview -> host: the page script runs and listens; the host answers with `init`. */
export interface ReadyMessage {
  readonly type: 'ready';
}

/** webview -> host: read `length` bytes at `offset` of source file `source` (an event's args). */
export interface ReadArgsMessage {
  readonly type: 'readArgs';
  readonly requestId: number;
  readonly source: number;
  readonly offset: number;
  readonly length: number;
}

/** webview -> host: write the analysis artifacts of this trace into its run root. */
export interface SaveAnalysisMessage {
  readonly type: 'saveAnalysis';
  readonly requestId: number;
  readonly boundary: GapBoundary;
}

/** webview -> host: open a trace file in a text editor at a 1-based line (where parsing stopped). */
export interface OpenSourceMessage {
  readonly type: 'openSource';
  readonly source: number;
  readonly line: number;
}

/** webview -> host: the trace is drawn (for the log and for tests). */
export interface LoadedMessage {
  readonly type: 'loaded';
  readonly events: number;
  readonly slices: number;
  readonly ms: number;
  /** One line per truncated or unreadable source. */
  readonly problems: readonly string[];
}

export type WebviewToHost = ReadyMessage | ReadArgsMessage | SaveAnalysisMessage | OpenSourceMessage | LoadedMessage;

// ---- guards ----

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown): v is string => typeof v === 'string';
const isNat = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const isStrArray = (v: unknown): v is string[] => Array.isArray(v) && v.every(isStr);

export function isTraceIdentity(v: unknown): v is TraceIdentity {
  return isObj(v) && Array.isArray(v.files) && v.files.length > 0 && v.files.length <= 4096 && v.files.every((f) => isStr(f) && f.length > 0) && (v.runRoot === undefined || isStr(v.runRoot));
}

export function isGapBoundary(v: unknown): v is GapBoundary {
  return isObj(v) && isStr(v.previous) && isStr(v.next) && v.previous.length <= 1000 && v.next.length <= 1000;
}

function isSource(v: unknown): v is TimelineSource {
  return isObj(v) && isStr(v.label) && isStr(v.url) && typeof v.bytes === 'number' && Number.isInteger(v.bytes) && v.bytes >= -1;
}

export function isHostToWebview(v: unknown): v is HostToWebview {
  if (!isObj(v)) return false;
  switch (v.type) {
    case 'init':
      return isTraceIdentity(v.identity) && isStr(v.title) && Array.isArray(v.sources) && v.sources.every(isSource) && (v.locale === 'en' || v.locale === 'zh-cn') && typeof v.canSave === 'boolean' && isGapBoundary(v.boundary);
    case 'args':
      return isNat(v.requestId) && (v.text === undefined || isStr(v.text)) && (v.error === undefined || isStr(v.error)) && (v.text !== undefined) !== (v.error !== undefined);
    case 'saveResult':
      return isNat(v.requestId) && (v.status === 'saved' || v.status === 'cancelled' || v.status === 'failed') && isStrArray(v.files) && (v.message === undefined || isStr(v.message));
    default:
      return false;
  }
}

export function isWebviewToHost(v: unknown): v is WebviewToHost {
  if (!isObj(v)) return false;
  switch (v.type) {
    case 'ready':
      return true;
    case 'readArgs':
      return isNat(v.requestId) && isNat(v.source) && isNat(v.offset) && isNat(v.length) && v.length <= MAX_ARGS_BYTES;
    case 'saveAnalysis':
      return isNat(v.requestId) && isGapBoundary(v.boundary);
    case 'openSource':
      return isNat(v.source) && isNat(v.line) && v.line >= 1;
    case 'loaded':
      return isNat(v.events) && isNat(v.slices) && typeof v.ms === 'number' && v.ms >= 0 && isStrArray(v.problems);
    default:
      return false;
  }
}

/** The state the page keeps with `setState` (restored by the serializer after a reload): the identity only. */
export interface TimelineViewState {
  readonly identity: TraceIdentity;
}

export function isTimelineViewState(v: unknown): v is TimelineViewState {
  return isObj(v) && isTraceIdentity(v.identity);
}
