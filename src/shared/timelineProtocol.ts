// Messages between the timeline webview and its host, each declared once with its direction. Both sides
// check every incoming message with the guards below before acting on it.
import type { PatchSymbol, PatchSymbolKind } from '../core/profiling/patchSymbols';

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

/** The most patch symbols one `patch` message carries (a patch touching more is not read symbol by symbol). */
export const MAX_PATCH_SYMBOLS = 50_000;

/**
 * host -> webview: the patch of the xLLM checkout against its base, as the symbols it touches (the page
 * matches them against its event names). Sent after `init` and whenever the patch changes.
 * state `none`: no checkout found; `error`: git failed (message says why).
 */
export interface PatchMessage {
  readonly type: 'patch';
  readonly state: 'ready' | 'none' | 'error';
  /** The checkout's folder name and the base it is diffed against (`main @ 1a2b3c4d`), for the page's header. */
  readonly repo?: string;
  readonly base?: string;
  /** Files in the diff. */
  readonly files: number;
  readonly symbols: readonly PatchSymbol[];
  readonly message?: string;
}

/** The function or class around the cursor of the active text editor. */
export interface CursorSymbol {
  readonly name: string;
  readonly kind: 'function' | 'class';
  /** Path relative to the checkout when inside it, else the file name. */
  readonly file: string;
  /** 1-based line of the definition. */
  readonly line: number;
  readonly scope?: string;
}

/** host -> webview: the cursor moved into (or out of, symbol null) a function of a text editor. */
export interface CursorMessage {
  readonly type: 'cursor';
  readonly symbol: CursorSymbol | null;
}

/** host -> webview: outcome of an `openSymbol` request. */
export interface OpenSymbolResultMessage {
  readonly type: 'openSymbolResult';
  readonly requestId: number;
  readonly status: 'opened' | 'none' | 'cancelled' | 'failed';
  /** What was opened: `ops/npu_ops.js:12`. */
  readonly target?: string;
  readonly message?: string;
}

export type HostToWebview = InitMessage | ArgsMessage | SaveResultMessage | PatchMessage | CursorMessage | OpenSymbolResultMessage;

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

/** Where the patch touches an event name (from the page's match), so the host can prefer that definition. */
export interface SymbolHint {
  readonly symbol: string;
  readonly file: string;
  readonly line: number;
}

/** webview -> host: find the source of an event name with the workspace symbol search and open it beside the timeline. */
export interface OpenSymbolMessage {
  readonly type: 'openSymbol';
  readonly requestId: number;
  readonly name: string;
  /** Patch matches of the name, strongest first (may be empty). */
  readonly hints: readonly SymbolHint[];
}

export type WebviewToHost = ReadyMessage | ReadArgsMessage | SaveAnalysisMessage | OpenSourceMessage | LoadedMessage | OpenSymbolMessage;

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

const PATCH_KINDS: ReadonlySet<string> = new Set<PatchSymbolKind>(['function', 'class', 'aclnn', 'op-registration', 'op-type', 'call']);
/** Identifiers, paths and event names: long enough for any real one, short enough to bound a message. */
const MAX_NAME = 4096;
const isName = (v: unknown): v is string => isStr(v) && v.length > 0 && v.length <= MAX_NAME;
const isLine = (v: unknown): v is number => isNat(v) && v >= 1;

export function isPatchSymbol(v: unknown): v is PatchSymbol {
  return (
    isObj(v) &&
    isName(v.name) &&
    isStr(v.kind) &&
    PATCH_KINDS.has(v.kind) &&
    isName(v.file) &&
    isNat(v.line) &&
    (v.origin === 'hunk-header' || v.origin === 'added' || v.origin === 'removed') &&
    (v.scope === undefined || isName(v.scope))
  );
}

export function isCursorSymbol(v: unknown): v is CursorSymbol {
  return isObj(v) && isName(v.name) && (v.kind === 'function' || v.kind === 'class') && isName(v.file) && isLine(v.line) && (v.scope === undefined || isName(v.scope));
}

function isSymbolHint(v: unknown): v is SymbolHint {
  return isObj(v) && isName(v.symbol) && isName(v.file) && isNat(v.line);
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
    case 'patch':
      return (
        (v.state === 'ready' || v.state === 'none' || v.state === 'error') &&
        (v.repo === undefined || isStr(v.repo)) &&
        (v.base === undefined || isStr(v.base)) &&
        isNat(v.files) &&
        Array.isArray(v.symbols) &&
        v.symbols.length <= MAX_PATCH_SYMBOLS &&
        v.symbols.every(isPatchSymbol) &&
        (v.message === undefined || isStr(v.message))
      );
    case 'cursor':
      return v.symbol === null || isCursorSymbol(v.symbol);
    case 'openSymbolResult':
      return isNat(v.requestId) && (v.status === 'opened' || v.status === 'none' || v.status === 'cancelled' || v.status === 'failed') && (v.target === undefined || isStr(v.target)) && (v.message === undefined || isStr(v.message));
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
    case 'openSymbol':
      return isNat(v.requestId) && isName(v.name) && Array.isArray(v.hints) && v.hints.length <= 64 && v.hints.every(isSymbolHint);
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
