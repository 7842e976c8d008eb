// Vertical layout of the timeline: lanes grouped by device (host first) and by process, with collapsible
// group headers; one row per visible header or lane, with its y position.

export interface LayoutLane {
  readonly id: number;
  /** -1 for host lanes. */
  readonly device: number;
  readonly pid: string;
  readonly processName: string;
  readonly threadName: string;
  readonly processSortIndex: number;
  readonly threadSortIndex: number;
  /** Number of slice depths (0 when the lane only has counters). */
  readonly depthCount: number;
  readonly counterCount: number;
}

export const ROW = {
  deviceHeader: 26,
  processHeader: 22,
  depth: 18,
  lanePad: 4,
  counter: 34,
} as const;

export type LayoutRow =
  | { readonly kind: 'device'; readonly key: string; readonly y: number; readonly height: number; readonly device: number; readonly collapsed: boolean; readonly lanes: readonly number[] }
  | {
      readonly kind: 'process';
      readonly key: string;
      readonly y: number;
      readonly height: number;
      readonly device: number;
      readonly pid: string;
      readonly processName: string;
      readonly collapsed: boolean;
      readonly lanes: readonly number[];
    }
  | { readonly kind: 'lane'; readonly key: string; readonly y: number; readonly height: number; readonly lane: number; readonly depthCount: number; readonly counterCount: number };

export interface Layout {
  readonly rows: readonly LayoutRow[];
  readonly height: number;
  /** Row index that shows each lane: its own row, or the header of the collapsed group holding it. */
  readonly rowOfLane: Int32Array;
}

export const deviceKey = (device: number): string => `d:${device}`;
export const processKey = (device: number, pid: string): string => `p:${device}:${pid}`;

/** Natural order of names with numbers (`Stream 2` before `Stream 10`). */
const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

export function laneHeight(depthCount: number, counterCount: number): number {
  const slices = depthCount > 0 ? depthCount * ROW.depth : counterCount > 0 ? 0 : ROW.depth;
  return slices + counterCount * ROW.counter + ROW.lanePad;
}

export function layoutRows(lanes: readonly LayoutLane[], collapsed: ReadonlySet<string>, laneCount = lanes.length): Layout {
  const shown = lanes.filter((l) => l.depthCount > 0 || l.counterCount > 0);
  const devices = new Map<number, Map<string, LayoutLane[]>>();
  for (const l of shown) {
    let procs = devices.get(l.device);
    if (!procs) devices.set(l.device, (procs = new Map()));
    const list = procs.get(l.pid);
    if (list) list.push(l);
    else procs.set(l.pid, [l]);
  }
  const rows: LayoutRow[] = [];
  const rowOfLane = new Int32Array(Math.max(laneCount, ...lanes.map((l) => l.id + 1))).fill(-1);
  let y = 0;
  for (const device of [...devices.keys()].sort((a, b) => a - b)) {
    const procs = devices.get(device)!;
    const dKey = deviceKey(device);
    const dCollapsed = collapsed.has(dKey);
    const allLanes = [...procs.values()].flat().map((l) => l.id);
    const deviceRow = rows.length;
    rows.push({ kind: 'device', key: dKey, y, height: ROW.deviceHeader, device, collapsed: dCollapsed, lanes: allLanes });
    y += ROW.deviceHeader;
    if (dCollapsed) {
      for (const id of allLanes) rowOfLane[id] = deviceRow;
      continue;
    }
    const ordered = [...procs.entries()].sort(([pa, la], [pb, lb]) => la[0].processSortIndex - lb[0].processSortIndex || collator.compare(la[0].processName, lb[0].processName) || collator.compare(pa, pb));
    for (const [pid, list] of ordered) {
      const pKey = processKey(device, pid);
      const pCollapsed = collapsed.has(pKey);
      const processRow = rows.length;
      rows.push({ kind: 'process', key: pKey, y, height: ROW.processHeader, device, pid, processName: list[0].processName, collapsed: pCollapsed, lanes: list.map((l) => l.id) });
      y += ROW.processHeader;
      if (pCollapsed) {
        for (const l of list) rowOfLane[l.id] = processRow;
        continue;
      }
      list.sort((a, b) => a.threadSortIndex - b.threadSortIndex || collator.compare(a.threadName, b.threadName));
      for (const l of list) {
        const height = laneHeight(l.depthCount, l.counterCount);
        rowOfLane[l.id] = rows.length;
        rows.push({ kind: 'lane', key: `l:${l.id}`, y, height, lane: l.id, depthCount: l.depthCount, counterCount: l.counterCount });
        y += height;
      }
    }
  }
  return { rows, height: y, rowOfLane };
}

/** Index of the row containing y (content coordinates), -1 outside. */
export function rowIndexAt(rows: readonly LayoutRow[], y: number): number {
  let lo = 0;
  let hi = rows.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const r = rows[mid];
    if (y < r.y) hi = mid - 1;
    else if (y >= r.y + r.height) lo = mid + 1;
    else return mid;
  }
  return -1;
}

/** Rows overlapping [y0, y1). */
export function visibleRows(rows: readonly LayoutRow[], y0: number, y1: number): { from: number; to: number } {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (rows[mid].y + rows[mid].height <= y0) lo = mid + 1;
    else hi = mid;
  }
  let to = lo;
  while (to < rows.length && rows[to].y < y1) to++;
  return { from: lo, to };
}

/** Depth under y inside a lane row (-1 in the padding or the counter part), or the counter index. */
export function hitInLane(row: Extract<LayoutRow, { kind: 'lane' }>, y: number): { depth: number; counter: number } {
  const dy = y - row.y - ROW.lanePad / 2;
  const sliceHeight = row.depthCount * ROW.depth;
  if (dy >= 0 && dy < sliceHeight) return { depth: Math.floor(dy / ROW.depth), counter: -1 };
  const c = Math.floor((dy - sliceHeight) / ROW.counter);
  return { depth: -1, counter: c >= 0 && c < row.counterCount ? c : -1 };
}

/** Label of a device group. */
export function deviceLabel(device: number, host: string, npu: string): string {
  return device < 0 ? host : `${npu} ${device}`;
}
