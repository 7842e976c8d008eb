// The parsed trace as typed-array columns (about 30 bytes per event instead of ~500 for JS objects).
import { releaseBuffers } from './bufferRelease';
import type { Lane } from './laneTable';

/** Phase bytes as they appear in `ph`. */
export const PH = {
  complete: 0x58, // X
  begin: 0x42, // B
  end: 0x45, // E
  instant: 0x69, // i
  instantLegacy: 0x49, // I
  counter: 0x43, // C
  metadata: 0x4d, // M
  flowStart: 0x73, // s
  flowStep: 0x74, // t
  flowEnd: 0x66, // f
} as const;

export interface CounterSamples {
  readonly count: number;
  /** Event row of each sample. */
  readonly event: Uint32Array;
  /** String id of the args key (`MHz`, `KB`, `value`, ...). */
  readonly key: Uint32Array;
  readonly value: Float64Array;
}

/** Where one source file stopped and why. */
export interface SourceStatus {
  readonly file: string;
  readonly index: number;
  readonly bytes: number;
  readonly events: number;
  readonly complete: boolean;
  /** Set when the file is truncated or corrupt: parsing stopped at this byte (0-based) and line (1-based). */
  readonly error?: {
    readonly code: 'empty' | 'not-json' | 'truncated' | 'corrupt' | 'no-events-array';
    readonly offset: number;
    readonly line: number;
    /** Technical detail, e.g. `expected ',' or '}' in an event`. */
    readonly message: string;
  };
}

export interface TraceColumns {
  /** Integer µs all start offsets are relative to (the first timestamp seen). */
  readonly baseUs: number;
  /** Rows (every event except `M` metadata). */
  readonly count: number;
  /** Start, ns after baseUs: exact integers for µs timestamps with up to 3 decimals. */
  readonly startNs: Float64Array;
  /** Duration in ns (X, and B after pairing with its E); 0 for other phases. 32-bit when every value fits exactly. */
  readonly durNs: Float64Array | Uint32Array;
  /** lane, name, cat: 16-bit (lane and cat 8-bit) when every id fits. */
  readonly lane: Uint32Array | Uint16Array | Uint8Array;
  readonly name: Uint32Array | Uint16Array | Uint8Array;
  readonly cat: Uint32Array | Uint16Array | Uint8Array;
  /** The `ph` byte (see PH). */
  readonly phase: Uint8Array;
  /** Index into flowIds, -1 when the event has no id. */
  readonly flow: Int32Array;
  /** 8-bit when there are fewer than 256 source files. */
  readonly source: Uint16Array | Uint8Array;
  /** Byte offset of the `args` object in its source file, -1 when absent. 32-bit when every offset fits. */
  readonly argsOffset: Float64Array | Int32Array;
  /** 16-bit when every args object is shorter than 64 KiB. */
  readonly argsLength: Uint32Array | Uint16Array;
  /** String table of names and categories (id 0 = ''). */
  readonly strings: readonly string[];
  /** Flow / async ids exactly as written (numbers keep all digits). */
  readonly flowIds: readonly string[];
  readonly lanes: readonly Lane[];
  readonly counters: CounterSamples;
  /** Events per `ph` value, metadata included. */
  readonly phaseCounts: Readonly<Record<string, number>>;
  /** Events dropped for a missing or unreadable field, by reason. */
  readonly skipped: Readonly<Record<string, number>>;
  readonly sources: readonly SourceStatus[];
}

/** Growable storage behind TraceColumns. */
export class ColumnStore {
  count = 0;
  startNs: Float64Array;
  // Narrow until a value does not fit exactly, then widened once (a copy): a load peaks at the narrow size
  // (about 30 bytes per event) instead of writing every column wide and narrowing at the end (47).
  durNs: Uint32Array | Float64Array;
  lane: Uint16Array | Uint32Array;
  name: Uint16Array | Uint32Array;
  cat: Uint16Array | Uint32Array;
  phase: Uint8Array;
  flow: Int32Array;
  source: Uint8Array | Uint16Array;
  argsOffset: Int32Array | Float64Array;
  argsLength: Uint16Array | Uint32Array;
  counterCount = 0;
  counterEvent = new Uint32Array(1 << 10);
  counterKey = new Uint32Array(1 << 10);
  counterValue = new Float64Array(1 << 10);

  constructor(capacity = 0) {
    const n = Math.max(1 << 14, Math.min(capacity, 1 << 28));
    this.startNs = new Float64Array(n);
    this.durNs = new Uint32Array(n);
    this.lane = new Uint16Array(n);
    this.name = new Uint16Array(n);
    this.cat = new Uint16Array(n);
    this.phase = new Uint8Array(n);
    this.flow = new Int32Array(n);
    this.source = new Uint8Array(n);
    this.argsOffset = new Int32Array(n);
    this.argsLength = new Uint16Array(n);
  }

  setDur(row: number, v: number): void {
    if ((v >>> 0) !== v && !(this.durNs instanceof Float64Array)) this.durNs = widened(Float64Array, this.durNs);
    this.durNs[row] = v;
  }

  setArgsOffset(row: number, v: number): void {
    if ((v | 0) !== v && !(this.argsOffset instanceof Float64Array)) this.argsOffset = widened(Float64Array, this.argsOffset);
    this.argsOffset[row] = v;
  }

  setLane(row: number, v: number): void {
    if (v > 0xffff && this.lane instanceof Uint16Array) this.lane = widened(Uint32Array, this.lane);
    this.lane[row] = v;
  }

  setName(row: number, v: number): void {
    if (v > 0xffff && this.name instanceof Uint16Array) this.name = widened(Uint32Array, this.name);
    this.name[row] = v;
  }

  /** Written only when not 0: the pages of an all-zero column are never touched. */
  setCat(row: number, v: number): void {
    if (v === 0) return;
    if (v > 0xffff && this.cat instanceof Uint16Array) this.cat = widened(Uint32Array, this.cat);
    this.cat[row] = v;
  }

  setArgsLength(row: number, v: number): void {
    if (v > 0xffff && this.argsLength instanceof Uint16Array) this.argsLength = widened(Uint32Array, this.argsLength);
    this.argsLength[row] = v;
  }

  /** Written only when not 0 (one-file traces leave the column untouched). */
  setSource(row: number, v: number): void {
    if (v === 0) return;
    if (v > 0xff && this.source instanceof Uint8Array) this.source = widened(Uint16Array, this.source);
    this.source[row] = v;
  }

  /** Widens each column narrower than its counterpart in `other`, so other's values can be copied in as they are. */
  fitTo(other: Pick<ColumnStore, 'durNs' | 'lane' | 'name' | 'cat' | 'source' | 'argsOffset' | 'argsLength'>): void {
    if (other.durNs.BYTES_PER_ELEMENT > this.durNs.BYTES_PER_ELEMENT) this.durNs = widened(Float64Array, this.durNs);
    if (other.argsOffset.BYTES_PER_ELEMENT > this.argsOffset.BYTES_PER_ELEMENT) this.argsOffset = widened(Float64Array, this.argsOffset);
    if (other.lane.BYTES_PER_ELEMENT > this.lane.BYTES_PER_ELEMENT) this.lane = widened(Uint32Array, this.lane);
    if (other.name.BYTES_PER_ELEMENT > this.name.BYTES_PER_ELEMENT) this.name = widened(Uint32Array, this.name);
    if (other.cat.BYTES_PER_ELEMENT > this.cat.BYTES_PER_ELEMENT) this.cat = widened(Uint32Array, this.cat);
    if (other.source.BYTES_PER_ELEMENT > this.source.BYTES_PER_ELEMENT) this.source = widened(Uint16Array, this.source);
    if (other.argsLength.BYTES_PER_ELEMENT > this.argsLength.BYTES_PER_ELEMENT) this.argsLength = widened(Uint32Array, this.argsLength);
  }

  /** Makes room for n more rows and returns the index of the first (rows are counted as added). */
  addMany(n: number): number {
    if (this.count + n > this.startNs.length) this.grow(Math.max(this.count + n, Math.ceil(this.count * 1.5)));
    const first = this.count;
    this.count += n;
    return first;
  }

  /** Makes room for one more row and returns its index. */
  add(): number {
    if (this.count === this.startNs.length) this.grow(Math.ceil(this.count * 1.5));
    return this.count++;
  }

  addCounter(event: number, key: number, value: number): void {
    if (this.counterCount === this.counterEvent.length) {
      const n = this.counterCount * 2;
      this.counterEvent = copyInto(new Uint32Array(n), this.counterEvent);
      this.counterKey = copyInto(new Uint32Array(n), this.counterKey);
      this.counterValue = copyInto(new Float64Array(n), this.counterValue);
    }
    this.counterEvent[this.counterCount] = event;
    this.counterKey[this.counterCount] = key;
    this.counterValue[this.counterCount++] = value;
  }

  private grow(n: number): void {
    this.startNs = grownTo(this.startNs, n);
    this.durNs = grownTo(this.durNs, n);
    this.lane = grownTo(this.lane, n);
    this.name = grownTo(this.name, n);
    this.cat = grownTo(this.cat, n);
    this.phase = grownTo(this.phase, n);
    this.flow = grownTo(this.flow, n);
    this.source = grownTo(this.source, n);
    this.argsOffset = grownTo(this.argsOffset, n);
    this.argsLength = grownTo(this.argsLength, n);
  }

}

function copyInto<T extends Float64Array | Uint32Array | Int32Array | Uint16Array | Uint8Array>(to: T, from: T): T {
  to.set(from as never);
  return to;
}

type Column = Float64Array | Uint32Array | Int32Array | Uint16Array | Uint8Array;

/** A copy of col with room for n items (same type); col's memory is returned at once. */
function grownTo<T extends Column>(col: T, n: number): T {
  const out = copyInto(new (col.constructor as new (n: number) => T)(n), col);
  releaseBuffers(col);
  return out;
}

/** col's values in a wider array type of the same length; col's memory is returned at once. */
function widened<T extends Column>(Wide: new (n: number) => T, col: Column): T {
  const out = new Wide(col.length);
  out.set(col as never);
  releaseBuffers(col);
  return out;
}

/**
 * The first n values of a column in the narrowest array that holds each of them exactly (the column's
 * own view when none does): the parser stores 64-bit times and offsets and 32-bit ids while it cannot
 * know their range, and most traces need half that once loaded.
 */
export function narrowFloat(col: Float64Array, n: number, offsetsFrom: -1 | 0): Float64Array | Uint32Array | Int32Array {
  const max = offsetsFrom === 0 ? 0xffffffff : 0x7fffffff;
  for (let i = 0; i < n; i++) {
    const v = col[i];
    if (!(v >= offsetsFrom && v <= max && Math.floor(v) === v)) return col.subarray(0, n);
  }
  const out = offsetsFrom === 0 ? new Uint32Array(n) : new Int32Array(n);
  out.set(col.subarray(0, n));
  return out;
}

export function narrowIds(col: Uint32Array, n: number): Uint32Array | Uint16Array {
  for (let i = 0; i < n; i++) if (col[i] > 0xffff) return col.subarray(0, n);
  return copyNonZero(new Uint16Array(n), col, n);
}

/** Lane and category ids: 8-bit when fewer than 256 are used (lanes almost always are), else as narrowIds. */
export function narrowSmallIds(col: Uint32Array | Uint16Array, n: number): Uint32Array | Uint16Array | Uint8Array {
  let max = 0;
  for (let i = 0; i < n; i++) if (col[i] > max) max = col[i];
  return max <= 0xff ? copyNonZero(new Uint8Array(n), col, n) : col instanceof Uint16Array ? col.subarray(0, n) : narrowIds(col, n);
}

/**
 * Copies the first n values, writing only the non-zero ones: a fresh array's pages are zero and cost no
 * memory until written, so a column that is mostly 0 (categories, the source of a one-file trace) stays small.
 */
function copyNonZero<T extends Uint8Array | Uint16Array>(to: T, from: Uint32Array | Uint16Array, n: number): T {
  for (let i = 0; i < n; i++) {
    const v = from[i];
    if (v !== 0) to[i] = v;
  }
  return to;
}

export function narrowSources(col: Uint16Array, n: number): Uint16Array | Uint8Array {
  for (let i = 0; i < n; i++) if (col[i] > 0xff) return col.subarray(0, n);
  return copyNonZero(new Uint8Array(n), col, n);
}
