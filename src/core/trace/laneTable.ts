// Lanes (one per pid/tid) named and classified from `M` metadata, which may come before or after the events.

export type LaneKind =
  /** `Ascend Hardware` / `Stream n`: device tasks. */
  | 'hardware'
  /** `CANN` / `Thread n`: host API calls. */
  | 'cann'
  /** `HCCL`: `Group ... Communication` and `Plane n`. */
  | 'hccl'
  /** `Overlap Analysis`: Computing, Communication, Communication(Not Overlapped), Free. */
  | 'overlap'
  /** Counter tracks (`AI Core Freq`, `NPU MEM`, `HBM`, ...). */
  | 'counter'
  /** Other NPU-labelled processes. */
  | 'npu'
  /** Host processes (`Python`, CPU-labelled, or without metadata). */
  | 'host';

export interface Lane {
  readonly id: number;
  /** Numeric pid, or the text of a non-numeric pid. */
  readonly pid: number | string;
  readonly tid: number | string;
  /** Source file index where the lane was first seen. */
  readonly source: number;
  readonly processName: string;
  readonly threadName: string;
  readonly labels: string;
  readonly processSortIndex: number;
  readonly threadSortIndex: number;
  readonly kind: LaneKind;
  /** Host lanes form one group in the analyses. */
  readonly host: boolean;
  /** `pid & 31` for device lanes, -1 for host lanes. */
  readonly device: number;
  /** `n` of `Stream n` on hardware lanes, -1 otherwise. */
  readonly stream: number;
}

const COUNTER_PROCESSES = new Set(['AI Core Freq', 'NPU MEM', 'HBM', 'LLC', 'DDR', 'QoS', 'Acc PMU', 'Stars Soc Info', 'NIC', 'RoCE', 'PCIe', 'HCCS', 'Sio', 'Ai Core Utilization']);

interface ProcessMeta {
  name?: string;
  labels?: string;
  sort?: number;
}
interface ThreadMeta {
  name?: string;
  sort?: number;
}

/** The parser's cache slot of a pid/tid pair (LaneTable.cachePid): the top bits of a multiplicative hash (pids differ in high bits). */
export const cacheSlot = (pid: number, tid: number): number => (Math.imul(pid | 0, 0x9e3779b1) ^ Math.imul(tid | 0, 0x85ebca6b)) >>> 26;

export class LaneTable {
  private readonly byPid = new Map<number, Map<number, number>>();
  private readonly keys: { pid: number; tid: number; source: number }[] = [];
  private readonly processes = new Map<number, ProcessMeta>();
  private readonly threads = new Map<number, Map<number, ThreadMeta>>();
  /** Per lane: 1 = has counter events, 2 = has other events. */
  phaseMask = new Uint8Array(64);
  private lastPid = NaN;
  private lastTid = NaN;
  private lastLane = -1;
  /**
   * A direct-mapped cache of recent lookups the parser reads inline (slot = cacheSlot(pid, tid)): events of
   * a few lanes interleave, and a call with a pid above 2^31 boxes the number on every event.
   */
  readonly cachePid = new Float64Array(64).fill(NaN);
  readonly cacheTid = new Float64Array(64).fill(NaN);
  readonly cacheLane = new Int32Array(64);
  /** Non-numeric pid/tid values, encoded as -1 - index. */
  private readonly textIds: string[] = [];
  private readonly textIndex = new Map<string, number>();

  get size(): number {
    return this.keys.length;
  }

  /** When set, every applied `M` event is also kept here (a trace part replays them into the whole trace). */
  metadataLog: { kind: string; pid: number; tid: number; args: Record<string, unknown>; source: number }[] | null = null;

  /** Lanes in creation order and the text of non-numeric pids/tids (for merging a part into another table). */
  exportKeys(): { keys: { pid: number; tid: number; source: number }[]; textIds: string[] } {
    return { keys: this.keys.map((k) => ({ ...k })), textIds: [...this.textIds] };
  }

  /** Numeric stand-in for a non-numeric pid or tid. */
  textKey(text: string): number {
    let i = this.textIndex.get(text);
    if (i === undefined) {
      i = this.textIds.length;
      this.textIds.push(text);
      this.textIndex.set(text, i);
    }
    return -1 - i;
  }

  laneFor(pid: number, tid: number, source: number): number {
    if (pid === this.lastPid && tid === this.lastTid) return this.lastLane;
    let tids = this.byPid.get(pid);
    if (!tids) {
      tids = new Map();
      this.byPid.set(pid, tids);
    }
    let lane = tids.get(tid);
    if (lane === undefined) {
      lane = this.keys.length;
      this.keys.push({ pid, tid, source });
      tids.set(tid, lane);
      if (lane >= this.phaseMask.length) {
        const m = new Uint8Array(this.phaseMask.length * 2);
        m.set(this.phaseMask);
        this.phaseMask = m;
      }
    }
    this.lastPid = pid;
    this.lastTid = tid;
    this.lastLane = lane;
    return lane;
  }

  /** Applies one `M` event (process_name, process_labels, process_sort_index, thread_name, thread_sort_index). */
  applyMetadata(kind: string, pid: number, tid: number, args: Record<string, unknown>, source: number): void {
    this.metadataLog?.push({ kind, pid, tid, args, source });
    if (kind.startsWith('process_')) {
      const p = this.processes.get(pid) ?? {};
      if (kind === 'process_name' && typeof args.name === 'string') p.name = args.name;
      else if (kind === 'process_labels' && typeof args.labels === 'string') p.labels = args.labels;
      else if (kind === 'process_sort_index' && typeof args.sort_index === 'number') p.sort = args.sort_index;
      this.processes.set(pid, p);
      return;
    }
    if (kind.startsWith('thread_')) {
      let m = this.threads.get(pid);
      if (!m) {
        m = new Map();
        this.threads.set(pid, m);
      }
      const t = m.get(tid) ?? {};
      if (kind === 'thread_name' && typeof args.name === 'string') t.name = args.name;
      else if (kind === 'thread_sort_index' && typeof args.sort_index === 'number') t.sort = args.sort_index;
      m.set(tid, t);
      // A named thread is a lane even before (or without) events.
      if (kind === 'thread_name') this.laneFor(pid, tid, source);
    }
  }

  /** Resolves names and kinds once every metadata event has been seen. */
  finish(): Lane[] {
    return this.keys.map(({ pid, tid, source }, id) => {
      const p = this.processes.get(pid) ?? {};
      const t = this.threads.get(pid)?.get(tid) ?? {};
      const pidValue = pid < 0 ? this.textIds[-1 - pid] : pid;
      const tidValue = tid < 0 ? this.textIds[-1 - tid] : tid;
      const processName = p.name ?? `Process ${pidValue}`;
      const threadName = t.name ?? `Thread ${tidValue}`;
      const labels = p.labels ?? '';
      const counterOnly = this.phaseMask[id] === 1;
      const kind = classify(processName, labels, counterOnly);
      const host = kind === 'host' || kind === 'cann';
      const stream = kind === 'hardware' ? streamNumber(threadName, tid) : -1;
      return {
        id,
        pid: pidValue,
        tid: tidValue,
        source,
        processName,
        threadName,
        labels,
        processSortIndex: p.sort ?? 0,
        threadSortIndex: t.sort ?? (typeof tidValue === 'number' ? tidValue : 0),
        kind,
        host,
        device: host || typeof pidValue !== 'number' ? -1 : pidValue % 32,
        stream,
      };
    });
  }
}

function classify(processName: string, labels: string, counterOnly: boolean): LaneKind {
  if (processName === 'Ascend Hardware') return 'hardware';
  if (processName === 'CANN') return 'cann';
  if (processName === 'HCCL') return 'hccl';
  if (processName === 'Overlap Analysis') return 'overlap';
  if (COUNTER_PROCESSES.has(processName)) return 'counter';
  if (/\bNPU\b/i.test(labels)) return counterOnly ? 'counter' : 'npu';
  return 'host';
}

function streamNumber(threadName: string, tid: number): number {
  const m = /^Stream\s+(\d+)/.exec(threadName);
  if (m) return Number(m[1]);
  return tid >= 0 ? tid : -1;
}
