// Flow arrows (`s`/`t`/`f` events sharing an id) bound to slices, and the per-slice facts the details
// pane asks for. Runs in the worker, which keeps the parser's columns.
import { PH, type TraceColumns } from '../../core/trace/traceColumns';
import { trackOfSlice, type RenderModel, type SliceTrack } from './timelineModel';

export interface FlowEnd {
  readonly lane: number;
  /** ns of the flow event (relative to the trace base). */
  readonly t: number;
  /** Slice the event binds to (the deepest one covering t on its lane), -1 when none. */
  readonly slice: number;
}

export interface FlowArrow {
  readonly from: FlowEnd;
  readonly to: FlowEnd;
  /** Flow id exactly as written (64-bit ids keep every digit). */
  readonly id: string;
  readonly cat: string;
  readonly name: string;
}

export interface SliceFacts {
  readonly slice: number;
  readonly row: number;
  readonly cat: string;
  readonly phase: string;
  readonly source: number;
  readonly argsOffset: number;
  readonly argsLength: number;
  /** The event's own id (async/flow-style events), else ''. */
  readonly id: string;
  readonly arrows: readonly FlowArrow[];
}

const isFlowPhase = (ph: number): boolean => ph === PH.flowStart || ph === PH.flowStep || ph === PH.flowEnd;

/**
 * What flows need of the render model (the worker keeps these after handing the model over): each slice's
 * row in the parser's columns (ModelBuild.row), whose start and duration are read through it, and the
 * tracks' ranges.
 */
export type FlowModel = {
  readonly slices: { readonly row: Uint32Array };
  readonly tracks: RenderModel['tracks'];
  readonly lanes: RenderModel['lanes'];
};

export class FlowIndex {
  /** Flow event rows grouped by id and category (ascending time inside a group): ids repeat across categories. */
  private byId: Map<string, number[]> | undefined;
  /** Flow event rows per lane, ascending time. */
  private byLane: Map<number, Uint32Array> | undefined;

  constructor(
    private readonly cols: TraceColumns,
    private readonly model: FlowModel,
  ) {}

  private build(): void {
    const c = this.cols;
    const byId = new Map<string, number[]>();
    const lanes = new Map<number, number[]>();
    for (let r = 0; r < c.count; r++) {
      if (!isFlowPhase(c.phase[r]) || c.flow[r] < 0) continue;
      const id = `${c.flow[r]}:${c.cat[r]}`;
      const g = byId.get(id);
      if (g) g.push(r);
      else byId.set(id, [r]);
      const l = lanes.get(c.lane[r]);
      if (l) l.push(r);
      else lanes.set(c.lane[r], [r]);
    }
    const byTime = (a: number, b: number): number => c.startNs[a] - c.startNs[b];
    for (const g of byId.values()) g.sort(byTime);
    this.byId = byId;
    this.byLane = new Map([...lanes].map(([lane, rows]) => [lane, Uint32Array.from(rows).sort(byTime)]));
  }

  /** The deepest slice on lane covering t, -1 when none. */
  sliceAt(lane: number, t: number): number {
    const info = this.model.lanes[lane];
    if (!info) return -1;
    for (let d = info.tracks.length - 1; d >= 0; d--) {
      const i = this.covering(this.model.tracks[info.tracks[d]], t);
      if (i >= 0) return i;
    }
    return -1;
  }

  private startOf(slice: number): number {
    return this.cols.startNs[this.model.slices.row[slice]];
  }

  private endOf(slice: number): number {
    const r = this.model.slices.row[slice];
    return this.cols.startNs[r] + Math.max(0, this.cols.durNs[r]);
  }

  /** The slice of a track covering t, -1 when none: a track's slices do not overlap, so their ends ascend too. */
  private covering(track: SliceTrack, t: number): number {
    let lo = track.offset;
    const end = track.offset + track.count;
    let hi = end;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.endOf(mid) < t) lo = mid + 1;
      else hi = mid;
    }
    return lo < end && this.startOf(lo) <= t ? lo : -1;
  }

  /** Arrows from and to the flow events that bind to slice. */
  arrowsFor(slice: number): FlowArrow[] {
    if (!this.byLane) this.build();
    const m = this.model;
    const c = this.cols;
    const track = m.tracks[trackOfSlice(m, slice)];
    if (!track) return [];
    const s = this.startOf(slice);
    const e = this.endOf(slice);
    const rows = this.byLane!.get(track.lane);
    if (!rows) return [];
    let lo = 0;
    let hi = rows.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (c.startNs[rows[mid]] < s) lo = mid + 1;
      else hi = mid;
    }
    const arrows: FlowArrow[] = [];
    const seen = new Set<string>();
    for (let k = lo; k < rows.length && c.startNs[rows[k]] <= e && arrows.length < 500; k++) {
      const r = rows[k];
      if (this.sliceAt(track.lane, c.startNs[r]) !== slice) continue;
      const group = this.byId!.get(`${c.flow[r]}:${c.cat[r]}`) ?? [];
      const here: FlowEnd = { lane: track.lane, t: c.startNs[r], slice };
      for (const other of group) {
        if (other === r) continue;
        const there: FlowEnd = { lane: c.lane[other], t: c.startNs[other], slice: this.sliceAt(c.lane[other], c.startNs[other]) };
        const outgoing = c.startNs[r] < c.startNs[other] || (c.startNs[r] === c.startNs[other] && c.phase[r] === PH.flowStart);
        const key = `${Math.min(r, other)}:${Math.max(r, other)}`;
        if (seen.has(key)) continue;
        seen.add(key);
        arrows.push({
          from: outgoing ? here : there,
          to: outgoing ? there : here,
          id: c.flowIds[c.flow[r]] ?? '',
          cat: c.strings[c.cat[r]] ?? '',
          name: c.strings[c.name[r]] ?? '',
        });
      }
    }
    return arrows;
  }

  facts(slice: number): SliceFacts | undefined {
    const m = this.model;
    if (!(slice >= 0 && slice < m.slices.row.length)) return undefined;
    const c = this.cols;
    const r = m.slices.row[slice];
    return {
      slice,
      row: r,
      cat: c.strings[c.cat[r]] ?? '',
      phase: String.fromCharCode(c.phase[r]),
      source: c.source[r],
      argsOffset: c.argsOffset[r],
      argsLength: c.argsLength[r],
      id: c.flow[r] >= 0 ? (c.flowIds[c.flow[r]] ?? '') : '',
      arrows: this.arrowsFor(slice),
    };
  }
}
