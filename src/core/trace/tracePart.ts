// A part of one trace file parsed on its own (another thread, from an event boundary to the end) and merged
// into the builder that parsed the part before it. The merge gives the same columns, ids and lanes a single
// pass gives: strings and lanes are re-interned in the part's first-seen order, which is the order a single
// pass would have met them in after the first part's.
import type { ColumnStore } from './traceColumns';
import type { StringTable } from './stringTable';
import { TraceBuilder, type TraceParserState, type TraceSourceParser } from './traceParser';

/** Everything a part's builder collected, as plain data and typed arrays (transferable between threads). */
export interface TracePart {
  readonly baseUs: number;
  readonly count: number;
  readonly startNs: Float64Array;
  readonly durNs: ColumnStore['durNs'];
  readonly lane: ColumnStore['lane'];
  readonly name: ColumnStore['name'];
  readonly cat: ColumnStore['cat'];
  readonly phase: Uint8Array;
  readonly flow: Int32Array;
  readonly source: ColumnStore['source'];
  readonly argsOffset: ColumnStore['argsOffset'];
  readonly argsLength: ColumnStore['argsLength'];
  readonly counterEvent: Uint32Array;
  readonly counterKey: Uint32Array;
  readonly counterValue: Float64Array;
  /** The part's string and flow-id tables as UTF-8 bytes (id i is bytes[starts[i], starts[i + 1])). */
  readonly strings: { bytes: Uint8Array; starts: Uint32Array };
  readonly flowIds: { bytes: Uint8Array; starts: Uint32Array };
  readonly laneKeys: { pid: number; tid: number; source: number }[];
  readonly textIds: string[];
  readonly phaseMask: Uint8Array;
  readonly metadata: { kind: string; pid: number; tid: number; args: Record<string, unknown>; source: number }[];
  readonly phaseCount: Float64Array;
  readonly skipped: Record<string, number>;
  readonly parser: TraceParserState;
}

/** What a part parser needs: the file, its byte range [start, end), and the base of the part before it. */
export interface TracePartJob {
  readonly file: string;
  readonly start: number;
  readonly end: number;
  /** The first part's base (NaN when it had no timed event yet: the part then picks its own). */
  readonly baseUs: number;
}

/** A fresh builder and parser for a part that starts at an event boundary. */
export function partBuilder(job: TracePartJob): { builder: TraceBuilder; parser: TraceSourceParser } {
  const builder = new TraceBuilder({ expectedBytes: job.end - job.start, recordMetadata: true, ...(Number.isNaN(job.baseUs) ? {} : { baseUs: job.baseUs }) });
  const parser = builder.addSource(job.file);
  parser.resumeInArray(job.start);
  return { builder, parser };
}

/** The part's data once its parser has ended (rows are copied out to exact-size arrays). */
export function exportTracePart(builder: TraceBuilder, parser: TraceSourceParser): TracePart {
  const s = builder.store;
  const n = s.count;
  const c = s.counterCount;
  const { keys, textIds } = builder.lanes.exportKeys();
  return {
    baseUs: builder.baseUs,
    count: n,
    startNs: s.startNs.slice(0, n),
    durNs: s.durNs.slice(0, n),
    lane: s.lane.slice(0, n),
    name: s.name.slice(0, n),
    cat: s.cat.slice(0, n),
    phase: s.phase.slice(0, n),
    flow: s.flow.slice(0, n),
    source: s.source.slice(0, n),
    argsOffset: s.argsOffset.slice(0, n),
    argsLength: s.argsLength.slice(0, n),
    counterEvent: s.counterEvent.slice(0, c),
    counterKey: s.counterKey.slice(0, c),
    counterValue: s.counterValue.slice(0, c),
    strings: builder.strings.exportBytes(),
    flowIds: builder.flowTable.exportBytes(),
    laneKeys: keys,
    textIds,
    phaseMask: builder.lanes.phaseMask.slice(0, keys.length),
    metadata: builder.lanes.metadataLog ?? [],
    phaseCount: builder.phaseCount.slice(),
    skipped: { ...builder.skipped },
    parser: parser.partState(),
  };
}

/** The part's buffers, once each, for a transfer list. */
export function tracePartBuffers(p: TracePart): ArrayBuffer[] {
  const views = [p.startNs, p.durNs, p.source, p.lane, p.name, p.cat, p.phase, p.flow, p.argsOffset, p.argsLength, p.counterEvent, p.counterKey, p.counterValue, p.phaseMask, p.phaseCount];
  views.push(p.strings.bytes, p.strings.starts, p.flowIds.bytes, p.flowIds.starts);
  return [...new Set(views.map((v) => v.buffer as ArrayBuffer))];
}

/**
 * Appends a part to the builder whose `parser` read the bytes right before it (that parser must stand at an
 * event boundary), and moves the parser to where the part's parser ended.
 */
export function absorbTracePart(builder: TraceBuilder, parser: TraceSourceParser, part: TracePart): void {
  const lanes = builder.lanes;
  // Non-numeric pids/tids are numbered per table: map the part's numbers to this table's.
  const key = (k: number): number => (k < 0 ? lanes.textKey(part.textIds[-1 - k]) : k);
  const laneMap = new Uint32Array(part.laneKeys.length);
  part.laneKeys.forEach((k, i) => {
    const lane = lanes.laneFor(key(k.pid), key(k.tid), parser.index); // grows phaseMask as needed
    laneMap[i] = lane;
    lanes.phaseMask[lane] |= part.phaseMask[i];
  });
  for (const m of part.metadata) lanes.applyMetadata(m.kind, key(m.pid), key(m.tid), m.args, parser.index);
  const nameMap = internAll(builder.strings, part.strings);
  const flowMap = internAll(builder.flowTable, part.flowIds);
  if (Number.isNaN(builder.baseUs)) builder.baseUs = part.baseUs;
  // Zero when the part used this builder's base (the usual case), so starts are copied unchanged.
  const shiftNs = Number.isNaN(part.baseUs) ? 0 : (part.baseUs - builder.baseUs) * 1000;
  const s = builder.store;
  const n = part.count;
  const first = s.addMany(n);
  // Columns without ids are copied whole (widened first where the part's are wider); ids go through the maps.
  s.fitTo(part);
  s.startNs.set(part.startNs, first);
  if (shiftNs !== 0) for (let r = first; r < first + n; r++) s.startNs[r] += shiftNs;
  s.durNs.set(part.durNs, first);
  s.phase.set(part.phase, first);
  s.argsOffset.set(part.argsOffset, first);
  s.argsLength.set(part.argsLength, first);
  const flow = s.flow;
  for (let r = 0; r < n; r++) {
    const row = first + r;
    s.setLane(row, laneMap[part.lane[r]]);
    s.setName(row, nameMap[part.name[r]]);
    s.setCat(row, nameMap[part.cat[r]]);
    s.setSource(row, parser.index);
    const f = part.flow[r];
    flow[row] = f < 0 ? -1 : flowMap[f];
  }
  for (let k = 0; k < part.counterEvent.length; k++) s.addCounter(first + part.counterEvent[k], nameMap[part.counterKey[k]], part.counterValue[k]);
  for (let ph = 0; ph < 256; ph++) builder.phaseCount[ph] += part.phaseCount[ph];
  for (const [reason, n] of Object.entries(part.skipped)) builder.skipped[reason] = (builder.skipped[reason] ?? 0) + n;
  parser.adopt(part.parser);
}

/** This table's id of each string of another table's bytes, in that table's id order. */
function internAll(table: StringTable, from: { bytes: Uint8Array; starts: Uint32Array }): Uint32Array {
  const map = new Uint32Array(from.starts.length - 1);
  for (let id = 0; id < map.length; id++) map[id] = table.internBytes(from.bytes, from.starts[id], from.starts[id + 1]);
  return map;
}
