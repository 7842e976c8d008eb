// The slice in the other trace that corresponds to a selected one: the same name in the same decode step,
// on the lane of the same name, and the same occurrence there (the 3rd MatMul of step 5 on Stream 2 matches
// the 3rd MatMul of step 5 on Stream 2); else the same-named slice of that step closest in offset.
import { firstEndingAfter } from '../timeline/lodLevels';
import { trackOfSlice, type RenderModel } from '../timeline/timelineModel';
import { stepAt } from './stepAlignment';

type Model = Pick<RenderModel, 'slices' | 'tracks' | 'lanes' | 'names' | 'minNs' | 'maxNs'>;

/** Slices of a lane (every depth) named nameId that start inside [t0, t1), by start. */
export function laneSlicesIn(m: Model, lane: number, nameId: number, t0: number, t1: number): number[] {
  const { start, dur, name } = m.slices;
  const out: number[] = [];
  for (const tid of m.lanes[lane]?.tracks ?? []) {
    const track = m.tracks[tid];
    if (!track) continue;
    const end = track.offset + track.count;
    for (let i = firstEndingAfter(start, dur, track, t0); i < end && start[i] < t1; i++) if (name[i] === nameId && start[i] >= t0) out.push(i);
  }
  return out.sort((a, b) => start[a] - start[b] || a - b);
}

/** [start, end) of a step (0: before the first step) in a trace. */
export function windowOfStep(m: Pick<Model, 'minNs' | 'maxNs'>, starts: Float64Array, step: number): { start: number; end: number } {
  const start = step <= 0 ? Math.min(m.minNs, starts[0] ?? m.minNs) : starts[step - 1];
  const end = step < starts.length ? starts[step] : Math.max(m.maxNs, start) + 1;
  return { start, end };
}

export interface SliceMatch {
  /** Slice in the other trace, -1 when that step has no slice of this name. */
  readonly slice: number;
  /** Step (1-based; 0 = before the first step) both slices are in. */
  readonly step: number;
  /** True when found on the lane of the same name at the same occurrence. */
  readonly exact: boolean;
}

/**
 * The counterpart of `slice` of `from` in `to`. fromSteps/toSteps are the step starts of each trace on the
 * aligned group; laneMap maps a lane id of `from` to the lane of the same name in `to` (-1 when none).
 */
export function matchSlice(from: Model, fromSteps: Float64Array, slice: number, to: Model, toSteps: Float64Array, laneMap: Int32Array): SliceMatch {
  const t = from.slices.start[slice];
  const step = Math.min(stepAt(fromSteps, t), toSteps.length);
  const name = from.names[from.slices.name[slice]];
  const toName = to.names.indexOf(name);
  if (toName < 0 || name === undefined) return { slice: -1, step, exact: false };
  const fw = windowOfStep(from, fromSteps, step);
  const tw = windowOfStep(to, toSteps, step);
  const lane = from.tracks[trackOfSlice(from, slice)].lane;
  const mine = laneSlicesIn(from, lane, from.slices.name[slice], fw.start, fw.end);
  const occurrence = mine.indexOf(slice);
  const toLane = laneMap[lane] ?? -1;
  if (toLane >= 0 && occurrence >= 0) {
    const theirs = laneSlicesIn(to, toLane, toName, tw.start, tw.end);
    if (occurrence < theirs.length) return { slice: theirs[occurrence], step, exact: true };
  }
  // Fallback: any lane, the same name, closest offset from the step start.
  const offset = t - fw.start;
  let best = -1;
  let bestDist = Infinity;
  for (let l = 0; l < to.lanes.length; l++) {
    for (const i of laneSlicesIn(to, l, toName, tw.start, tw.end)) {
      const d = Math.abs(to.slices.start[i] - tw.start - offset);
      if (d < bestDist) {
        best = i;
        bestDist = d;
      }
    }
  }
  return { slice: best, step, exact: false };
}
