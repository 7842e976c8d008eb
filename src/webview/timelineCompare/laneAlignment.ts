// Lanes of two traces matched by name (device, process name, thread name; pids differ between runs) and laid
// out identically: both models get the union of lanes in one order, with empty stand-ins for lanes one trace
// lacks and empty depths/counters padded so every row has the same height on both sides.
import type { CounterSeries, LaneInfo, RenderModel, SliceTrack } from '../timeline/timelineModel';
import { processKey } from '../timeline/trackLayout';

/** Natural order of names with numbers (`Stream 2` before `Stream 10`), as the layout sorts them. */
const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

interface KeyedLane {
  readonly lane: LaneInfo;
  /** Same process in both traces: device, process name and the rank among same-named processes. */
  readonly processKey: string;
  /** Same lane in both traces: the process key, thread name and the rank among same-named threads. */
  readonly laneKey: string;
}

/** Lanes the timeline draws (with slices or counters), keyed by name. */
export function keyLanes(m: RenderModel): KeyedLane[] {
  const shown = m.lanes.filter((l) => l.tracks.length > 0 || l.counters.length > 0);
  // Processes: one per (device, pid), ranked among processes of the same name on the same device.
  const byPid = new Map<string, LaneInfo[]>();
  for (const l of shown) {
    const k = `${l.device}\u0000${l.pid}`;
    const list = byPid.get(k);
    if (list) list.push(l);
    else byPid.set(k, [l]);
  }
  const procs = [...byPid.values()].sort((a, b) => a[0].device - b[0].device || a[0].processSortIndex - b[0].processSortIndex || collator.compare(a[0].pid, b[0].pid));
  const seenProcess = new Map<string, number>();
  const out: KeyedLane[] = [];
  for (const list of procs) {
    const base = `${list[0].device}\u0000${list[0].processName}`;
    const rank = seenProcess.get(base) ?? 0;
    seenProcess.set(base, rank + 1);
    const pKey = `${base}\u0000${rank}`;
    const seenThread = new Map<string, number>();
    const lanes = [...list].sort((a, b) => a.threadSortIndex - b.threadSortIndex || collator.compare(a.tid, b.tid) || a.id - b.id);
    for (const lane of lanes) {
      const t = seenThread.get(lane.threadName) ?? 0;
      seenThread.set(lane.threadName, t + 1);
      out.push({ lane, processKey: pKey, laneKey: `${pKey}\u0000${lane.threadName}\u0000${t}` });
    }
  }
  return out;
}

export interface AlignedLanes {
  readonly baseline: RenderModel;
  readonly current: RenderModel;
  /** Lane id in the baseline model -> lane id of the same name in the current model (-1: not drawn). */
  readonly toCurrent: Int32Array;
  readonly toBaseline: Int32Array;
  /** The timeline's collapse key of a group on one side -> the key of the same group on the other side. */
  mapCollapsed(keys: Iterable<string>, from: 'baseline' | 'current'): string[];
}

interface Slot {
  readonly processKey: string;
  readonly laneKey: string;
  base?: LaneInfo;
  cur?: LaneInfo;
}

/**
 * Both models with the same lanes in the same order and the same row heights. Lane ids of real lanes stay
 * (slices keep pointing at them); stand-ins get new ids at the end. absentSuffix marks a stand-in's name.
 */
export function alignLanes(baseline: RenderModel, current: RenderModel, absentSuffix: string): AlignedLanes {
  const slots = new Map<string, Slot>();
  const processOrder = new Map<string, { device: number; sort: number; name: string; rank: number }>();
  const add = (keyed: KeyedLane[], side: 'base' | 'cur'): void => {
    for (const k of keyed) {
      let s = slots.get(k.laneKey);
      if (!s) slots.set(k.laneKey, (s = { processKey: k.processKey, laneKey: k.laneKey }));
      s[side] = k.lane;
      const p = processOrder.get(k.processKey);
      const rank = Number(k.processKey.slice(k.processKey.lastIndexOf('\u0000') + 1));
      if (!p) processOrder.set(k.processKey, { device: k.lane.device, sort: k.lane.processSortIndex, name: k.lane.processName, rank });
      else if (k.lane.processSortIndex < p.sort) processOrder.set(k.processKey, { ...p, sort: k.lane.processSortIndex });
    }
  };
  add(keyLanes(baseline), 'base');
  add(keyLanes(current), 'cur');

  // One order for both sides: processes by device, sort index, name; lanes by thread sort index and name.
  const processes = [...processOrder.entries()].sort(([, a], [, b]) => a.device - b.device || a.sort - b.sort || collator.compare(a.name, b.name) || a.rank - b.rank).map(([k]) => k);
  const processRank = new Map(processes.map((k, i) => [k, i]));
  const threadSort = (s: Slot): number => Math.min(s.base?.threadSortIndex ?? Infinity, s.cur?.threadSortIndex ?? Infinity);
  const threadName = (s: Slot): string => (s.base ?? s.cur)!.threadName;
  const ordered = [...slots.values()].sort((a, b) => processRank.get(a.processKey)! - processRank.get(b.processKey)! || threadSort(a) - threadSort(b) || collator.compare(threadName(a), threadName(b)) || collator.compare(a.laneKey, b.laneKey));
  const threadRank = new Map<string, number>();
  {
    const perProcess = new Map<string, number>();
    for (const s of ordered) {
      const r = perProcess.get(s.processKey) ?? 0;
      perProcess.set(s.processKey, r + 1);
      threadRank.set(s.laneKey, r);
    }
  }

  const build = (m: RenderModel, own: 'base' | 'cur'): { model: RenderModel; laneOfSlot: Map<string, number>; pidOfProcess: Map<string, string> } => {
    const other = own === 'base' ? 'cur' : 'base';
    const lanes: LaneInfo[] = [...m.lanes];
    const tracks: SliceTrack[] = [...m.tracks];
    const counters: CounterSeries[] = [...m.counters];
    const laneOfSlot = new Map<string, number>();
    // Pids of this side's processes; a process only the other side has borrows its pid unless taken here.
    const pidOfProcess = new Map<string, string>();
    const usedPids = new Set(m.lanes.map((l) => `${l.device}\u0000${l.pid}`));
    for (const s of ordered) if (s[own]) pidOfProcess.set(s.processKey, s[own]!.pid);
    for (const s of ordered) {
      if (pidOfProcess.has(s.processKey)) continue;
      const o = s[other]!;
      let pid = o.pid;
      while (usedPids.has(`${o.device}\u0000${pid}`)) pid = `${pid}~`;
      usedPids.add(`${o.device}\u0000${pid}`);
      pidOfProcess.set(s.processKey, pid);
    }
    for (const s of ordered) {
      const mine = s[own];
      const theirs = s[other];
      const id = mine ? mine.id : lanes.length;
      const ref = (mine ?? theirs)!;
      // Depths: as many as the deeper side, the extra ones empty.
      const depth = Math.max(mine?.tracks.length ?? 0, theirs?.tracks.length ?? 0);
      const laneTracks = [...(mine?.tracks ?? [])];
      for (let d = laneTracks.length; d < depth; d++) {
        laneTracks.push(tracks.length);
        tracks.push({ lane: id, depth: d, offset: 0, count: 0, levels: [] });
      }
      // Counters: the union of series names (this side's order first), missing ones empty.
      const names = [...(mine?.counters ?? []).map((c) => m.counters[c].name)];
      const theirModel = own === 'base' ? current : baseline;
      for (const c of theirs?.counters ?? []) if (!names.includes(theirModel.counters[c].name)) names.push(theirModel.counters[c].name);
      const laneCounters = names.map((name) => {
        const found = (mine?.counters ?? []).find((c) => m.counters[c].name === name);
        if (found !== undefined) return found;
        counters.push({ lane: id, name, offset: 0, count: 0, min: 0, max: 0, levels: [] });
        return counters.length - 1;
      });
      const lane: LaneInfo = {
        ...ref,
        id,
        pid: pidOfProcess.get(s.processKey)!,
        threadName: mine ? ref.threadName : `${ref.threadName} ${absentSuffix}`,
        processSortIndex: processRank.get(s.processKey)!,
        threadSortIndex: threadRank.get(s.laneKey)!,
        tracks: laneTracks,
        counters: laneCounters,
        sliceCount: mine?.sliceCount ?? 0,
      };
      if (mine) lanes[id] = lane;
      else lanes.push(lane);
      laneOfSlot.set(s.laneKey, id);
    }
    return { model: { ...m, lanes, tracks, counters }, laneOfSlot, pidOfProcess };
  };

  const b = build(baseline, 'base');
  const c = build(current, 'cur');
  const toCurrent = new Int32Array(b.model.lanes.length).fill(-1);
  const toBaseline = new Int32Array(c.model.lanes.length).fill(-1);
  for (const s of ordered) {
    const bi = b.laneOfSlot.get(s.laneKey)!;
    const ci = c.laneOfSlot.get(s.laneKey)!;
    toCurrent[bi] = ci;
    toBaseline[ci] = bi;
  }
  const keyMap = (from: typeof b, to: typeof c): Map<string, string> => {
    const m = new Map<string, string>();
    for (const [pk, pid] of from.pidOfProcess) {
      const device = processOrder.get(pk)!.device;
      m.set(processKey(device, pid), processKey(device, to.pidOfProcess.get(pk)!));
    }
    return m;
  };
  const bToC = keyMap(b, c);
  const cToB = keyMap(c, b);
  return {
    baseline: b.model,
    current: c.model,
    toCurrent,
    toBaseline,
    mapCollapsed(keys, from) {
      const map = from === 'baseline' ? bToC : cToB;
      // Device keys (`d:<n>`) are the same on both sides.
      return [...keys].map((k) => map.get(k) ?? k);
    },
  };
}
