// Messages between the "Compare Profiling Timelines" webview and its host, each declared once with its
// direction. Both sides check every incoming message with the guards below before acting on it.
import { isGapBoundary, isTraceIdentity, MAX_ARGS_BYTES, type ArgsMessage, type GapBoundary, type TimelineSource, type TraceIdentity } from './timelineProtocol';

/** View type of the comparison panel (and of its serializer). */
export const TIMELINE_COMPARE_VIEW_TYPE = 'xllm.timelineCompare';

export type CompareSide = 'baseline' | 'current';
export const COMPARE_SIDES: readonly CompareSide[] = ['baseline', 'current'];

/** At most this many kernel diff rows travel to the page (the table is sorted by |delta|, so the tail is noise). */
export const MAX_KERNEL_ROWS = 400;

/** One trace of the pair as the page sees it. */
export interface CompareSideInit {
  /** Run id (or file name) shown in the lane header. */
  readonly label: string;
  readonly identity: TraceIdentity;
  readonly sources: readonly TimelineSource[];
}

/** Count and device time of one OP Type on one side. */
export interface KernelSideTotals {
  readonly count: number;
  readonly totalUs: number;
}

export interface KernelDiffRow {
  readonly opType: string;
  /** null: the op type did not run there (or was under the display threshold). */
  readonly baseline: KernelSideTotals | null;
  readonly current: KernelSideTotals | null;
  /** current - baseline total time in µs (a missing side counts as 0). */
  readonly deltaUs: number;
}

/** min/median/mean/p90/max of the decode-step gaps of one side, in µs (null without pairs). */
export interface GapDistribution {
  readonly pairs: number;
  readonly minUs: number | null;
  readonly medianUs: number | null;
  readonly meanUs: number | null;
  readonly p90Us: number | null;
  readonly maxUs: number | null;
}

/** The core comparison reduced to what the page draws beside the lanes. */
export interface CompareTables {
  readonly boundary: GapBoundary;
  readonly kernel: {
    readonly baselineSource: string;
    readonly currentSource: string;
    readonly baselineTotalUs: number;
    readonly currentTotalUs: number;
    /** Sorted by |deltaUs|, largest first. */
    readonly rows: readonly KernelDiffRow[];
    /** Rows left out past MAX_KERNEL_ROWS. */
    readonly omitted: number;
  };
  readonly gaps: {
    readonly baseline: GapDistribution;
    readonly current: GapDistribution;
    /** Shared bucket edges (µs, ascending, buckets + 1 values) and the counts of each side per bucket. */
    readonly histogram: { readonly edgesUs: readonly number[]; readonly baseline: readonly number[]; readonly current: readonly number[] };
  };
  /** Problems of either analysis, already in the user's language. */
  readonly problems: readonly string[];
}

// ---- host -> webview ----

/** host -> webview: the two traces to load; sent after every `ready`. */
export interface CompareInitMessage {
  readonly type: 'init';
  readonly baseline: CompareSideInit;
  readonly current: CompareSideInit;
  readonly locale: 'en' | 'zh-cn';
  readonly boundary: GapBoundary;
}

/** host -> webview: the kernel diff and gap distributions for a boundary, or why they could not be computed. */
export interface CompareTablesMessage {
  readonly type: 'tables';
  readonly requestId: number;
  readonly tables?: CompareTables;
  readonly error?: string;
}

/** host -> webview: the raw `args` JSON text of one event, or why it could not be read (as for one timeline). */
export type CompareArgsMessage = ArgsMessage;

export type HostToCompareTimelines = CompareInitMessage | CompareTablesMessage | CompareArgsMessage;

// ---- webview -> host ----

export type CompareTimelinesToHost =
  /** The page script runs and listens; the host answers with `init`. */
  | { readonly type: 'ready' }
  /** Read `length` bytes at `offset` of source file `source` of one side (an event's args). */
  | { readonly type: 'readArgs'; readonly requestId: number; readonly side: CompareSide; readonly source: number; readonly offset: number; readonly length: number }
  /** Compute the kernel diff and gap distributions with this boundary. */
  | { readonly type: 'compare'; readonly requestId: number; readonly boundary: GapBoundary }
  /** One side is drawn (for the log and for tests). */
  | { readonly type: 'loaded'; readonly side: CompareSide; readonly events: number; readonly slices: number; readonly problems: readonly string[] };

// ---- guards ----

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStr = (v: unknown): v is string => typeof v === 'string';
const isNat = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isNumOrNull = (v: unknown): boolean => v === null || isNum(v);
const isSide = (v: unknown): v is CompareSide => v === 'baseline' || v === 'current';
const isStrArray = (v: unknown, max = 1000): v is string[] => Array.isArray(v) && v.length <= max && v.every(isStr);

function isSource(v: unknown): v is TimelineSource {
  return isObj(v) && isStr(v.label) && isStr(v.url) && typeof v.bytes === 'number' && Number.isInteger(v.bytes) && v.bytes >= -1;
}

function isSideInit(v: unknown): v is CompareSideInit {
  return isObj(v) && isStr(v.label) && isTraceIdentity(v.identity) && Array.isArray(v.sources) && v.sources.length === v.identity.files.length && v.sources.every(isSource);
}

function isTotals(v: unknown): boolean {
  return v === null || (isObj(v) && isNat(v.count) && isNum(v.totalUs));
}

function isKernelRow(v: unknown): v is KernelDiffRow {
  return isObj(v) && isStr(v.opType) && isTotals(v.baseline) && isTotals(v.current) && isNum(v.deltaUs) && (v.baseline !== null || v.current !== null);
}

function isDistribution(v: unknown): v is GapDistribution {
  return isObj(v) && isNat(v.pairs) && isNumOrNull(v.minUs) && isNumOrNull(v.medianUs) && isNumOrNull(v.meanUs) && isNumOrNull(v.p90Us) && isNumOrNull(v.maxUs);
}

function isCountArray(v: unknown, n: number): boolean {
  return Array.isArray(v) && v.length === n && v.every(isNat);
}

export function isCompareTables(v: unknown): v is CompareTables {
  if (!isObj(v) || !isGapBoundary(v.boundary) || !isObj(v.kernel) || !isObj(v.gaps) || !isStrArray(v.problems)) return false;
  const k = v.kernel;
  if (!isStr(k.baselineSource) || !isStr(k.currentSource) || !isNum(k.baselineTotalUs) || !isNum(k.currentTotalUs) || !isNat(k.omitted)) return false;
  if (!Array.isArray(k.rows) || k.rows.length > MAX_KERNEL_ROWS || !k.rows.every(isKernelRow)) return false;
  const g = v.gaps;
  if (!isDistribution(g.baseline) || !isDistribution(g.current) || !isObj(g.histogram)) return false;
  const h = g.histogram;
  if (!Array.isArray(h.edgesUs) || h.edgesUs.length > 1001 || !h.edgesUs.every(isNum)) return false;
  const buckets = Math.max(0, h.edgesUs.length - 1);
  for (let i = 1; i < h.edgesUs.length; i++) if ((h.edgesUs[i] as number) < (h.edgesUs[i - 1] as number)) return false;
  return isCountArray(h.baseline, buckets) && isCountArray(h.current, buckets);
}

export function isHostToCompareTimelines(v: unknown): v is HostToCompareTimelines {
  if (!isObj(v)) return false;
  switch (v.type) {
    case 'init':
      return isSideInit(v.baseline) && isSideInit(v.current) && (v.locale === 'en' || v.locale === 'zh-cn') && isGapBoundary(v.boundary);
    case 'tables':
      return isNat(v.requestId) && (v.tables === undefined ? isStr(v.error) : v.error === undefined && isCompareTables(v.tables));
    case 'args':
      return isNat(v.requestId) && (v.text === undefined || isStr(v.text)) && (v.error === undefined || isStr(v.error)) && (v.text !== undefined) !== (v.error !== undefined);
    default:
      return false;
  }
}

export function isCompareTimelinesToHost(v: unknown): v is CompareTimelinesToHost {
  if (!isObj(v)) return false;
  switch (v.type) {
    case 'ready':
      return true;
    case 'readArgs':
      return isNat(v.requestId) && isSide(v.side) && isNat(v.source) && isNat(v.offset) && isNat(v.length) && v.length <= MAX_ARGS_BYTES;
    case 'compare':
      return isNat(v.requestId) && isGapBoundary(v.boundary);
    case 'loaded':
      return isSide(v.side) && isNat(v.events) && isNat(v.slices) && isStrArray(v.problems);
    default:
      return false;
  }
}

/** The state the page keeps with `setState` (restored by the serializer after a reload): the two identities only. */
export interface CompareTimelinesViewState {
  readonly baseline: TraceIdentity;
  readonly current: TraceIdentity;
}

export function isCompareTimelinesViewState(v: unknown): v is CompareTimelinesViewState {
  return isObj(v) && isTraceIdentity(v.baseline) && isTraceIdentity(v.current);
}
