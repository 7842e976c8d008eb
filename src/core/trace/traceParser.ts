// Chunked byte parser for Chrome/msprof trace JSON straight into typed-array columns. No whole-file
// JSON.parse (files pass V8's 512 MiB string limit) and no Node API, so a web worker can run it too.
import { releaseBuffers } from './bufferRelease';
import { ColumnStore, narrowSmallIds, PH, type SourceStatus, type TraceColumns } from './traceColumns';
import { cacheSlot, LaneTable } from './laneTable';
import { StringTable } from './stringTable';

export type TraceErrorCode = 'empty' | 'not-json' | 'truncated' | 'corrupt' | 'no-events-array';

export interface TraceParseError {
  readonly code: TraceErrorCode;
  /** 0-based byte offset in the file where parsing stopped. */
  readonly offset: number;
  /** 1-based line of that byte. */
  readonly line: number;
  /** Short technical detail (e.g. `expected ',' or '}'`). */
  readonly detail: string;
}

const INCOMPLETE = -1;
const BAD = -2;

const Q = 0x22; // "
const BS = 0x5c; // \
const decoder = new TextDecoder('utf-8', { fatal: false });

const enum Mode {
  Start,
  RootObject,
  Array,
  Done,
  Failed,
}
const enum Expect {
  FirstValue,
  Value,
  CommaOrEnd,
}

// Top-level keys of an event, recognised from their bytes without decoding.
const enum Key {
  Other,
  Name,
  Ph,
  Pid,
  Tid,
  Ts,
  Dur,
  Cat,
  Id,
  Args,
  Id2,
}

function keyOf(b: Uint8Array, s: number, len: number): Key {
  const c0 = b[s];
  if (len === 2) {
    const c1 = b[s + 1];
    if (c0 === 0x70 && c1 === 0x68) return Key.Ph;
    if (c0 === 0x74 && c1 === 0x73) return Key.Ts;
    if (c0 === 0x69 && c1 === 0x64) return Key.Id;
    return Key.Other;
  }
  if (len === 3) {
    const c1 = b[s + 1];
    const c2 = b[s + 2];
    if (c1 === 0x69 && c2 === 0x64) return c0 === 0x70 ? Key.Pid : c0 === 0x74 ? Key.Tid : Key.Other; // pid tid
    if (c0 === 0x64 && c1 === 0x75 && c2 === 0x72) return Key.Dur;
    if (c0 === 0x63 && c1 === 0x61 && c2 === 0x74) return Key.Cat;
    if (c0 === 0x69 && c1 === 0x64 && c2 === 0x32) return Key.Id2;
    return Key.Other;
  }
  if (len === 4) {
    if (c0 === 0x6e && b[s + 1] === 0x61 && b[s + 2] === 0x6d && b[s + 3] === 0x65) return Key.Name;
    if (c0 === 0x61 && b[s + 1] === 0x72 && b[s + 2] === 0x67 && b[s + 3] === 0x73) return Key.Args;
  }
  return Key.Other;
}

const isWs = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

// Scan side results kept in module variables so the hot loops allocate nothing:
/** Newlines passed so far (set from and saved to the running parser around each chunk). */
let NL = 0;
/** Whether the last string scanned by stringEnd contained a backslash. */
let ESC = false;

function skipWs(b: Uint8Array, i: number, n: number): number {
  while (i < n) {
    const c = b[i];
    if (c === 0x20 || c === 0x09 || c === 0x0d) i++;
    else if (c === 0x0a) {
      NL++;
      i++;
    } else break;
  }
  return i;
}

/** Index of the closing quote of a string whose content starts at i, or -1 if the buffer ends first. */
function stringEnd(b: Uint8Array, i: number, n: number): number {
  ESC = false;
  // Short strings (keys, names) are faster byte by byte than through indexOf calls.
  const lim = i + 256 < n ? i + 256 : n;
  let j = i;
  for (; j < lim; j++) {
    const x = b[j];
    if (x === Q) return j;
    if (x === BS) {
      ESC = true;
      j++;
    }
  }
  if (j >= n) return INCOMPLETE;
  const from = j;
  for (;;) {
    const q = b.indexOf(Q, j);
    if (q < 0 || q >= n) return INCOMPLETE;
    let k = q - 1;
    while (k >= from && b[k] === BS) k--;
    if ((q - 1 - k) % 2 === 0) {
      if (!ESC) {
        const bs = b.indexOf(BS, from);
        ESC = bs >= 0 && bs < q;
      }
      return q;
    }
    j = q + 1;
  }
}

/** Byte classes inside an object or array: 0 plain, 1 quote, 2 opening, 3 closing bracket, 4 newline. */
const SKIP_CLASS = new Uint8Array(256);
SKIP_CLASS[Q] = 1;
SKIP_CLASS[0x7b] = SKIP_CLASS[0x5b] = 2;
SKIP_CLASS[0x7d] = SKIP_CLASS[0x5d] = 3;
SKIP_CLASS[0x0a] = 4;

/** End (exclusive) of any JSON value starting at i; -1 incomplete, -2 not a value. */
function skipValue(b: Uint8Array, i: number, n: number): number {
  const c = b[i];
  if (c === Q) {
    const e = stringEnd(b, i + 1, n);
    return e < 0 ? e : e + 1;
  }
  if (c === 0x7b || c === 0x5b) {
    let depth = 0;
    for (let j = i; j < n; j++) {
      // One table load per byte: most bytes of an args object are plain text.
      const k = SKIP_CLASS[b[j]];
      if (k === 0) continue;
      if (k === 1) {
        // Inline string skip: args hold many short strings, a call per string costs more than the bytes.
        j++;
        let x: number;
        while (j < n && (x = b[j]) !== Q) j += x === BS ? 2 : 1;
        if (j >= n) return INCOMPLETE;
      } else if (k === 2) depth++;
      else if (k === 3) {
        if (--depth === 0) return j + 1;
      } else NL++;
    }
    return INCOMPLETE;
  }
  if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
    let j = i + 1;
    while (j < n) {
      const x = b[j];
      if ((x >= 0x30 && x <= 0x39) || x === 0x2e || x === 0x65 || x === 0x45 || x === 0x2b || x === 0x2d) j++;
      else return j;
    }
    return INCOMPLETE;
  }
  const lit = c === 0x74 || c === 0x6e ? 4 : c === 0x66 ? 5 : 0; // true null false
  if (!lit) return BAD;
  return i + lit <= n ? i + lit : INCOMPLETE;
}

function countNewlines(b: Uint8Array, s: number, e: number): number {
  let count = 0;
  for (let i = b.indexOf(0x0a, s); i >= 0 && i < e; i = b.indexOf(0x0a, i + 1)) count++;
  return count;
}

function concatBytes(a: Uint8Array, aLen: number, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(aLen + b.length);
  out.set(a.subarray(0, aLen));
  out.set(b, aLen);
  return out;
}

/** Decodes a JSON string literal's content (with escapes). */
function decodeEscaped(b: Uint8Array, s: number, e: number): string {
  const raw = decoder.decode(b.subarray(s, e));
  try {
    return JSON.parse(`"${raw}"`) as string;
  } catch {
    return raw;
  }
}

/** Shared state of one trace made of one or more files (ranks, slices). */
export class TraceBuilder {
  readonly store: ColumnStore;
  readonly strings = new StringTable();
  readonly flowTable = new StringTable();
  readonly lanes = new LaneTable();
  baseUs = NaN;
  readonly phaseCount = new Float64Array(256);
  readonly skipped: Record<string, number> = {};
  private readonly parsers: TraceSourceParser[] = [];

  /**
   * expectedBytes (total of the files, when known) presizes the columns: fewer regrowths of big arrays.
   * baseUs: the integer µs base to use (a part of a file parsed on its own uses the whole file's, so its
   * offsets are the ones a single pass gives); recordMetadata: keep `M` events for replay (trace parts).
   */
  constructor(o: { expectedBytes?: number; baseUs?: number; recordMetadata?: boolean } = {}) {
    // Real events take 150-400 bytes; guessing from the low end rarely needs a regrowth.
    this.store = new ColumnStore(o.expectedBytes ? Math.ceil(o.expectedBytes / 180) : 0);
    if (o.baseUs !== undefined) this.baseUs = o.baseUs;
    if (o.recordMetadata) this.lanes.metadataLog = [];
  }

  /** A parser for the next source file; feed it with push() and close it with end(). */
  addSource(file: string): TraceSourceParser {
    if (this.parsers.length >= 65535) throw new Error('too many trace files in one trace');
    const p = new TraceSourceParser(this, this.parsers.length, file);
    this.parsers.push(p);
    return p;
  }

  skip(reason: string): void {
    this.skipped[reason] = (this.skipped[reason] ?? 0) + 1;
  }

  /** Pairs B/E slices, resolves lanes and returns the columns (views sized to the row count). */
  finish(): TraceColumns {
    // Once: finishing narrows and frees the store's wide columns.
    if (this.finished) return this.finished;
    this.finished = this.build();
    return this.finished;
  }

  private finished: TraceColumns | null = null;

  private build(): TraceColumns {
    const s = this.store;
    const n = s.count;
    this.pairBeginEnd();
    const phaseCounts: Record<string, number> = {};
    for (let c = 0; c < 256; c++) if (this.phaseCount[c]) phaseCounts[String.fromCharCode(c)] = this.phaseCount[c];
    // The store's columns are already as narrow as their values allow; lanes and categories go to 8 bits
    // when they can, each 16-bit one freed as soon as it is copied.
    const narrow = <T extends ArrayBufferView>(wide: ArrayBufferView, narrowed: T): T => {
      if (narrowed.buffer !== wide.buffer) releaseBuffers(wide);
      return narrowed;
    };
    const lane = narrow(s.lane, narrowSmallIds(s.lane, n));
    const cat = narrow(s.cat, narrowSmallIds(s.cat, n));
    const strings = this.strings.toArray();
    // Nothing is interned after this: the tables' byte pools and hash slots go now, not at a later GC.
    this.strings.dispose();
    // Flow ids are read only to show a selected slice's flows: decoded on first use, not for every flow.
    const flowTable = this.flowTable;
    flowTable.freeze();
    let flowIds: string[] | undefined;
    return {
      baseUs: Number.isNaN(this.baseUs) ? 0 : this.baseUs,
      count: n,
      startNs: s.startNs.subarray(0, n),
      durNs: s.durNs.subarray(0, n),
      lane,
      name: s.name.subarray(0, n),
      cat,
      phase: s.phase.subarray(0, n),
      flow: s.flow.subarray(0, n),
      source: s.source.subarray(0, n),
      argsOffset: s.argsOffset.subarray(0, n),
      argsLength: s.argsLength.subarray(0, n),
      strings,
      get flowIds(): string[] {
        return (flowIds ??= flowTable.toArray());
      },
      lanes: this.lanes.finish(),
      counters: {
        count: s.counterCount,
        event: s.counterEvent.subarray(0, s.counterCount),
        key: s.counterKey.subarray(0, s.counterCount),
        value: s.counterValue.subarray(0, s.counterCount),
      },
      phaseCounts,
      skipped: { ...this.skipped },
      sources: this.parsers.map((p) => p.status()),
    };
  }

  private pairBeginEnd(): void {
    const s = this.store;
    if (!this.phaseCount[PH.begin] && !this.phaseCount[PH.end]) return;
    const stacks = new Map<number, number[]>();
    for (let i = 0; i < s.count; i++) {
      const ph = s.phase[i];
      if (ph === PH.begin) {
        let st = stacks.get(s.lane[i]);
        if (!st) stacks.set(s.lane[i], (st = []));
        st.push(i);
      } else if (ph === PH.end) {
        const b = stacks.get(s.lane[i])?.pop();
        if (b === undefined) this.skip('E without B');
        else s.setDur(b, Math.max(0, s.startNs[i] - s.startNs[b]));
      }
    }
    for (const st of stacks.values()) for (let k = 0; k < st.length; k++) this.skip('B without E');
  }
}

/** A source parser's position and outcome, as plain data (passed between threads). */
export interface TraceParserState {
  readonly mode: 'array' | 'done' | 'failed';
  readonly events: number;
  readonly offset: number;
  readonly lines: number;
  readonly ended: boolean;
  readonly error?: TraceParseError;
}

/** The byte state machine of one file. */
export class TraceSourceParser {
  private mode = Mode.Start;
  private expect = Expect.FirstValue;
  /** Absolute offset of the next byte push() will receive. */
  private offset = 0;
  /** Lines (newlines seen) before the current chunk. */
  private lines = 0;
  private events = 0;
  private error: TraceParseError | undefined;
  private ended = false;
  // A value split across chunks: its bytes so far and the scan state at their end.
  private carry: Uint8Array | null = null;
  private carryLen = 0;
  private carryStart = 0;
  private carryLine = 0;
  private depth = 0;
  private inStr = false;
  private esc = false;
  // Scratch fields of the event being parsed (reused: no allocation per event).
  private nameS = -1;
  private nameE = -1;
  private nameEsc = false;
  private catS = -1;
  private catE = -1;
  private catEsc = false;
  private ph = 0;
  private pid = 0;
  private tid = 0;
  private hasPid = false;
  private hasTid = false;
  private tsInt = 0;
  private tsFrac = 0;
  private hasTs = false;
  private durNs = 0;
  private hasDur = false;
  private idS = -1;
  private idE = -1;
  private idEsc = false;
  private idText: string | null = null;
  private argsS = -1;
  private argsE = -1;
  private numInt = 0;
  private numFrac = 0;
  private errAt = 0;
  private errDetail = '';

  constructor(
    private readonly b: TraceBuilder,
    readonly index: number,
    readonly file: string,
  ) {}

  /** Feeds the next bytes of the file. The chunk may be reused by the caller afterwards. */
  push(chunk: Uint8Array): void {
    if (this.ended) throw new Error('push() after end()');
    const abs = this.offset;
    this.offset += chunk.length;
    if (this.mode === Mode.Done || this.mode === Mode.Failed) return;
    NL = this.lines;
    try {
      this.consume(chunk, abs);
    } finally {
      this.lines = NL;
    }
  }

  /** Declares the end of the file and returns its status. */
  end(): SourceStatus {
    if (!this.ended) {
      this.ended = true;
      if (this.mode === Mode.Start) this.fail('empty', this.offset, this.lines + 1, 'no JSON value in the file');
      else if (this.mode === Mode.RootObject) {
        const at = this.carryStart;
        this.fail('no-events-array', at, this.carryLine + 1, 'root object has no "traceEvents" array');
      } else if (this.mode === Mode.Array) {
        const at = this.carry ? this.carryStart : this.offset;
        const line = this.carry ? this.carryLine + 1 : this.lines + 1;
        this.fail('truncated', at, line, this.carry ? 'file ends inside an event' : "file ends before the closing ']'");
      }
      this.carry = null;
    }
    return this.status();
  }

  status(): SourceStatus {
    return {
      file: this.file,
      index: this.index,
      bytes: this.offset,
      events: this.events,
      complete: this.ended && this.mode === Mode.Done,
      ...(this.error ? { error: { code: this.error.code, offset: this.error.offset, line: this.error.line, message: this.error.detail } } : {}),
    };
  }

  /** The structured error, if parsing stopped early. */
  get parseError(): TraceParseError | undefined {
    return this.error;
  }

  /**
   * For a parser that reads a file from the middle: the next pushed byte is at `offset`, inside the events
   * array, where an event object (after its comma) starts. Only before the first push.
   */
  resumeInArray(offset: number): void {
    if (this.offset !== 0 || this.mode !== Mode.Start) throw new Error('resumeInArray() after push()');
    this.mode = Mode.Array;
    this.expect = Expect.Value;
    this.offset = offset;
  }

  /** Whether the bytes so far end between events, right after a comma: where a part read on its own can start. */
  get atEventBoundary(): boolean {
    return this.mode === Mode.Array && this.carry === null && this.expect === Expect.Value;
  }

  /** Where this parser stands (line numbers counted from its first byte). */
  partState(): TraceParserState {
    const mode = this.mode === Mode.Done ? 'done' : this.mode === Mode.Failed ? 'failed' : 'array';
    return { mode, events: this.events, offset: this.offset, lines: this.lines, ended: this.ended, ...(this.error ? { error: { ...this.error } } : {}) };
  }

  /** Continues with the state a parser of the rest of the file ended in (its lines follow this one's). */
  adopt(rest: TraceParserState): void {
    const lines = this.lines;
    this.events += rest.events;
    this.offset = rest.offset;
    this.lines = lines + rest.lines;
    this.ended = rest.ended;
    this.mode = rest.mode === 'done' ? Mode.Done : rest.mode === 'failed' ? Mode.Failed : Mode.Array;
    this.error = rest.error ? { ...rest.error, line: rest.error.line + lines } : undefined;
  }

  private fail(code: TraceErrorCode, offset: number, line: number, detail: string): void {
    this.mode = Mode.Failed;
    this.error = { code, offset, line, detail };
  }

  /** Fails at buf[pos]; NL holds the newlines counted up to that point. */
  private failAt(code: TraceErrorCode, abs: number, pos: number, detail: string): void {
    this.fail(code, abs + pos, NL + 1, detail);
  }

  private consume(chunk: Uint8Array, abs: number): void {
    let from = 0;
    if (this.carry) {
      if (this.mode === Mode.RootObject) {
        const joined = concatBytes(this.carry, this.carryLen, chunk);
        this.carry = null;
        NL = this.carryLine;
        this.startRoot(joined, this.carryStart);
        return;
      }
      const endAt = this.scanBytes(chunk);
      if (endAt < 0) {
        this.appendCarry(chunk);
        return;
      }
      const joined = concatBytes(this.carry, this.carryLen, chunk.subarray(0, endAt));
      const start = this.carryStart;
      this.carry = null;
      NL = this.carryLine;
      const r = this.parseEvent(joined, 0, joined.length, start);
      if (r !== joined.length) {
        this.failAt('corrupt', start, r === BAD ? this.errAt : 0, r === BAD ? this.errDetail : 'unbalanced event');
        return;
      }
      this.afterEvent();
      from = endAt;
    }
    if (this.mode === Mode.Start) {
      if (abs === 0 && chunk.length >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) from = 3;
      from = skipWs(chunk, from, chunk.length);
      if (from >= chunk.length) return;
      const c = chunk[from];
      if (c === 0x5b) {
        this.mode = Mode.Array;
        this.expect = Expect.FirstValue;
        from++;
      } else if (c === 0x7b) {
        this.mode = Mode.RootObject;
        this.startRoot(chunk.subarray(from), abs + from);
        return;
      } else {
        this.failAt('not-json', abs, from, `expected '[' or '{', found byte 0x${c.toString(16)}`);
        return;
      }
    }
    if (this.mode === Mode.Array) this.consumeArray(chunk, from, abs);
  }

  /** `{"traceEvents": [...], ...}`: collects bytes until the array opens, then parses it as events. */
  private startRoot(buf: Uint8Array, abs: number): void {
    const line = NL;
    let i = 1;
    const n = buf.length;
    for (;;) {
      while (i < n && (isWs(buf[i]) || buf[i] === 0x2c)) i++;
      if (i >= n) break;
      if (buf[i] === 0x7d) {
        NL = line + countNewlines(buf, 0, i);
        this.failAt('no-events-array', abs, i, 'root object has no "traceEvents" array');
        return;
      }
      if (buf[i] !== Q) {
        NL = line + countNewlines(buf, 0, i);
        this.failAt('corrupt', abs, i, 'expected a key in the root object');
        return;
      }
      const ke = stringEnd(buf, i + 1, n);
      if (ke < 0) break;
      const isEvents = decoder.decode(buf.subarray(i + 1, ke)) === 'traceEvents';
      let j = ke + 1;
      while (j < n && isWs(buf[j])) j++;
      if (j >= n) break;
      if (buf[j] !== 0x3a) {
        NL = line + countNewlines(buf, 0, j);
        this.failAt('corrupt', abs, j, "expected ':'");
        return;
      }
      j++;
      while (j < n && isWs(buf[j])) j++;
      if (j >= n) break;
      if (isEvents && buf[j] === 0x5b) {
        this.mode = Mode.Array;
        this.expect = Expect.FirstValue;
        NL = line + countNewlines(buf, 0, j + 1);
        this.consumeArray(buf, j + 1, abs);
        return;
      }
      const e = skipValue(buf, j, n);
      if (e === BAD) {
        NL = line + countNewlines(buf, 0, j);
        this.failAt('corrupt', abs, j, 'unreadable value in the root object');
        return;
      }
      if (e < 0) break;
      i = e;
    }
    // Not enough bytes yet: keep them all (the prefix before traceEvents is small in practice).
    this.carry = buf.slice();
    this.carryLen = buf.length;
    this.carryStart = abs;
    this.carryLine = line;
    NL = line;
  }

  private consumeArray(buf: Uint8Array, from: number, abs: number): void {
    const n = buf.length;
    let p = from;
    while (p < n) {
      const c = buf[p];
      if (c === 0x20 || c === 0x0d || c === 0x09) {
        p++;
        continue;
      }
      if (c === 0x0a) {
        NL++;
        p++;
        continue;
      }
      if (c === 0x7b && this.expect !== Expect.CommaOrEnd) {
        const nl0 = NL;
        const r = this.parseEvent(buf, p, n, abs);
        if (r >= 0) {
          p = r;
          this.afterEvent();
          continue;
        }
        if (r === INCOMPLETE) {
          // The event continues in the next chunk: its newlines are counted when it is parsed whole.
          NL = nl0;
          this.startCarry(buf, p, abs);
          return;
        }
        this.failAt('corrupt', abs, this.errAt, this.errDetail);
        return;
      }
      if (c === 0x2c && this.expect === Expect.CommaOrEnd) {
        this.expect = Expect.Value;
        p++;
        continue;
      }
      if (c === 0x5d) {
        // Also after a trailing comma, which some exporters leave before ']'.
        this.mode = Mode.Done;
        return;
      }
      const what = this.expect === Expect.CommaOrEnd ? "',' or ']'" : 'an event object';
      this.failAt('corrupt', abs, p, `expected ${what}, found byte 0x${c.toString(16)}`);
      return;
    }
  }

  private afterEvent(): void {
    this.events++;
    this.expect = Expect.CommaOrEnd;
  }

  private startCarry(buf: Uint8Array, p: number, abs: number): void {
    const part = buf.subarray(p);
    this.carry = new Uint8Array(Math.max(4096, part.length * 2));
    this.carry.set(part);
    this.carryLen = part.length;
    this.carryStart = abs + p;
    this.carryLine = NL;
    this.depth = 0;
    this.inStr = false;
    this.esc = false;
    // Establish the scan state at the end of the partial value; it cannot close inside it.
    if (this.scanBytes(part) >= 0) this.failAt('corrupt', abs, p, 'unreadable event');
  }

  private appendCarry(chunk: Uint8Array): void {
    const carry = this.carry as Uint8Array;
    if (this.carryLen + chunk.length > carry.length) {
      const grown = new Uint8Array(Math.max(carry.length * 2, this.carryLen + chunk.length));
      grown.set(carry.subarray(0, this.carryLen));
      this.carry = grown;
    }
    (this.carry as Uint8Array).set(chunk, this.carryLen);
    this.carryLen += chunk.length;
  }

  /** Continues the depth scan of the carried value into b; returns the index after its end, or -1. */
  private scanBytes(b: Uint8Array): number {
    let { depth, inStr, esc } = this;
    for (let i = 0; i < b.length; i++) {
      const x = b[i];
      if (inStr) {
        if (esc) esc = false;
        else if (x === BS) esc = true;
        else if (x === Q) inStr = false;
      } else if (x === Q) inStr = true;
      else if (x === 0x7b || x === 0x5b) depth++;
      else if (x === 0x7d || x === 0x5d) {
        if (--depth === 0) {
          this.depth = 0;
          return i + 1;
        }
      }
    }
    this.depth = depth;
    this.inStr = inStr;
    this.esc = esc;
    return INCOMPLETE;
  }

  /** Number (or quoted number) of µs into numInt (integer µs) + numFrac (ns). */
  private parseMicros(b: Uint8Array, i: number, n: number): number {
    const start = i;
    let quoted = false;
    if (b[i] === Q) {
      quoted = true;
      i++;
    }
    let neg = false;
    if (i < n && b[i] === 0x2d) {
      neg = true;
      i++;
    }
    let ip = 0;
    let digits = 0;
    let d: number;
    while (i < n && (d = b[i] - 0x30) >= 0 && d <= 9) {
      ip = ip * 10 + d;
      i++;
      digits++;
    }
    if (i >= n) return INCOMPLETE;
    let frac = 0;
    if (b[i] === 0x2e) {
      i++;
      let scale = 100;
      // The first three decimals are whole ns (exact); later ones are fractions of a ns.
      while (i < n && (d = b[i] - 0x30) >= 0 && d <= 9) {
        frac += d * scale;
        scale /= 10;
        i++;
        digits++;
      }
      if (i >= n) return INCOMPLETE;
    }
    if (b[i] === 0x65 || b[i] === 0x45) {
      // Exponent form: rare, parsed as a double.
      let j = i + 1;
      while (j < n && ((b[j] >= 0x30 && b[j] <= 0x39) || b[j] === 0x2b || b[j] === 0x2d)) j++;
      if (j >= n) return INCOMPLETE;
      const v = Number(decoder.decode(b.subarray(quoted ? start + 1 : start, j)));
      if (!Number.isFinite(v)) return BAD;
      ip = Math.trunc(Math.abs(v));
      frac = (Math.abs(v) - ip) * 1000;
      i = j;
      digits = 1;
    }
    if (quoted) {
      if (b[i] !== Q) return BAD;
      i++;
    }
    if (!digits) return BAD;
    this.numInt = neg ? -ip : ip;
    this.numFrac = neg ? -frac : frac;
    return i;
  }

  /** pid/tid: numbers, numeric strings, or other strings (mapped to a negative key). */
  private parseId(b: Uint8Array, i: number, n: number): number {
    if (b[i] === Q) {
      const e = stringEnd(b, i + 1, n);
      if (e < 0) return INCOMPLETE;
      let v = 0;
      let ok = e > i + 1;
      for (let j = i + 1; j < e; j++) {
        const d = b[j] - 0x30;
        if (d < 0 || d > 9) {
          ok = false;
          break;
        }
        v = v * 10 + d;
      }
      this.numInt = ok ? v : this.b.lanes.textKey(decodeEscaped(b, i + 1, e));
      return e + 1;
    }
    let v = 0;
    let j = i;
    let d: number;
    while (j < n && (d = b[j] - 0x30) >= 0 && d <= 9) {
      v = v * 10 + d;
      j++;
    }
    if (j >= n) return INCOMPLETE;
    if (j === i) {
      const e = skipValue(b, i, n);
      if (e < 0) return e;
      this.numInt = this.b.lanes.textKey(decoder.decode(b.subarray(i, e)));
      return e;
    }
    // Negative or fractional ids are unusual; keep them distinct through their text.
    if (b[j] === 0x2e || b[j] === 0x65 || b[j] === 0x45) {
      const e = skipValue(b, i, n);
      if (e < 0) return e;
      this.numInt = this.b.lanes.textKey(decoder.decode(b.subarray(i, e)));
      return e;
    }
    this.numInt = v;
    return j;
  }

  /** Parses the event object at b[p] === '{'. Returns the index after '}', INCOMPLETE or BAD. */
  private parseEvent(b: Uint8Array, p: number, n: number, abs: number): number {
    this.nameS = this.catS = this.idS = this.argsS = -1;
    this.idText = null;
    this.ph = 0;
    this.hasPid = this.hasTid = this.hasTs = this.hasDur = false;
    let i = skipWs(b, p + 1, n);
    if (i >= n) return INCOMPLETE;
    if (b[i] === 0x7d) {
      this.b.skip('empty event object');
      return i + 1;
    }
    for (;;) {
      if (b[i] !== Q) return this.bad(i, 'expected a key string');
      const ks = i + 1;
      // Keys are short and plain: scan them here; an escape (or the chunk's end) takes the general path.
      let ke = ks;
      let x = 0;
      while (ke < n && (x = b[ke]) !== Q && x !== BS) ke++;
      if (ke >= n || x === BS) {
        ke = stringEnd(b, ks, n);
        if (ke < 0) return INCOMPLETE;
      }
      const key = keyOf(b, ks, ke - ks);
      // The usual `": ` costs two byte checks; anything else goes through skipWs.
      i = ke + 1;
      if (i < n && b[i] !== 0x3a) i = skipWs(b, i, n);
      if (i >= n) return INCOMPLETE;
      if (b[i] !== 0x3a) return this.bad(i, "expected ':' after a key");
      i++;
      if (i < n && b[i] === 0x20) i++;
      if (i < n && (b[i] <= 0x20)) i = skipWs(b, i, n);
      if (i >= n) return INCOMPLETE;
      const c = b[i];
      let e: number;
      switch (key) {
        case Key.Name:
        case Key.Cat:
        case Key.Ph:
          if (c !== Q) {
            e = skipValue(b, i, n);
            break;
          }
          e = stringEnd(b, i + 1, n);
          if (e < 0) return INCOMPLETE;
          if (key === Key.Name) {
            this.nameS = i + 1;
            this.nameE = e;
            this.nameEsc = ESC;
          } else if (key === Key.Cat) {
            this.catS = i + 1;
            this.catE = e;
            this.catEsc = ESC;
          } else this.ph = e > i + 1 ? b[i + 1] : 0;
          e++;
          break;
        case Key.Pid:
        case Key.Tid:
          e = this.parseId(b, i, n);
          if (e >= 0) {
            if (key === Key.Pid) {
              this.pid = this.numInt;
              this.hasPid = true;
            } else {
              this.tid = this.numInt;
              this.hasTid = true;
            }
          }
          break;
        case Key.Ts:
        case Key.Dur:
          e = this.parseMicros(b, i, n);
          if (e === BAD) {
            e = skipValue(b, i, n);
            if (e >= 0) this.b.skip(key === Key.Ts ? 'unreadable ts' : 'unreadable dur');
          } else if (e >= 0) {
            if (key === Key.Ts) {
              this.tsInt = this.numInt;
              this.tsFrac = this.numFrac;
              this.hasTs = true;
            } else {
              this.durNs = this.numInt * 1000 + this.numFrac;
              this.hasDur = true;
            }
          }
          break;
        case Key.Id:
          if (c === Q) {
            e = stringEnd(b, i + 1, n);
            if (e < 0) return INCOMPLETE;
            this.idS = i + 1;
            this.idE = e;
            this.idEsc = ESC;
            e++;
          } else {
            e = skipValue(b, i, n);
            if (e >= 0) {
              this.idS = i;
              this.idE = e;
              this.idEsc = false;
            }
          }
          break;
        case Key.Id2:
          e = skipValue(b, i, n);
          if (e >= 0 && c === 0x7b) {
            // {"local": "0x1"} or {"global": ...}: keep the whole object text as the id.
            this.idS = -1;
            this.idText = decoder.decode(b.subarray(i, e)).replace(/\s+/g, '');
          }
          break;
        case Key.Args:
          e = skipValue(b, i, n);
          if (e >= 0 && c === 0x7b) {
            this.argsS = i;
            this.argsE = e;
          }
          break;
        default:
          e = skipValue(b, i, n);
      }
      if (e === INCOMPLETE) return INCOMPLETE;
      if (e === BAD) return this.bad(i, 'unreadable value');
      i = e < n && b[e] > 0x20 ? e : skipWs(b, e, n);
      if (i >= n) return INCOMPLETE;
      if (b[i] === 0x2c) {
        i++;
        if (i < n && b[i] === 0x20) i++;
        if (i < n && b[i] <= 0x20) i = skipWs(b, i, n);
        if (i >= n) return INCOMPLETE;
        continue;
      }
      if (b[i] === 0x7d) {
        this.commit(b, abs);
        return i + 1;
      }
      return this.bad(i, "expected ',' or '}' in an event");
    }
  }

  private bad(at: number, detail: string): number {
    this.errAt = at;
    this.errDetail = detail;
    return BAD;
  }

  private commit(b: Uint8Array, abs: number): void {
    const B = this.b;
    const ph = this.ph;
    if (!ph) {
      B.skip('no ph');
      return;
    }
    B.phaseCount[ph]++;
    const pid = this.hasPid ? this.pid : 0;
    const tid = this.hasTid ? this.tid : 0;
    if (ph === PH.metadata) {
      this.commitMetadata(b, pid, tid);
      return;
    }
    if (!this.hasTs) {
      B.skip('no ts');
      return;
    }
    const s = B.store;
    const row = s.add();
    if (Number.isNaN(B.baseUs)) B.baseUs = this.tsInt;
    // (int - base) is an exact small integer, so start stays exact in ns.
    s.startNs[row] = (this.tsInt - B.baseUs) * 1000 + this.tsFrac;
    s.setDur(row, this.hasDur && ph === PH.complete ? this.durNs : 0);
    const L = B.lanes;
    const slot = cacheSlot(pid, tid);
    let lane: number;
    if (L.cachePid[slot] === pid && L.cacheTid[slot] === tid) lane = L.cacheLane[slot];
    else {
      lane = L.laneFor(pid, tid, this.index);
      L.cachePid[slot] = pid;
      L.cacheTid[slot] = tid;
      L.cacheLane[slot] = lane;
    }
    s.setLane(row, lane);
    L.phaseMask[lane] |= ph === PH.counter ? 1 : 2;
    s.setName(row, this.nameS < 0 ? 0 : this.internText(B.strings, b, this.nameS, this.nameE, this.nameEsc));
    if (this.catS >= 0) s.setCat(row, this.internText(B.strings, b, this.catS, this.catE, this.catEsc));
    s.phase[row] = ph;
    s.flow[row] = this.idS >= 0 ? this.internText(B.flowTable, b, this.idS, this.idE, this.idEsc) : this.idText !== null ? B.flowTable.intern(this.idText) : -1;
    s.setSource(row, this.index);
    if (this.argsS >= 0) {
      s.setArgsOffset(row, abs + this.argsS);
      s.setArgsLength(row, this.argsE - this.argsS);
      if (ph === PH.counter) this.commitCounter(b, row);
    } else {
      s.argsOffset[row] = -1;
    }
  }

  private internText(t: StringTable, b: Uint8Array, s: number, e: number, escaped: boolean): number {
    return escaped ? t.intern(decodeEscaped(b, s, e)) : t.internBytes(b, s, e);
  }

  private commitMetadata(b: Uint8Array, pid: number, tid: number): void {
    if (this.nameS < 0 || this.argsS < 0) return;
    const kind = decodeEscaped(b, this.nameS, this.nameE);
    let args: unknown;
    try {
      args = JSON.parse(decoder.decode(b.subarray(this.argsS, this.argsE)));
    } catch {
      this.b.skip('unreadable metadata args');
      return;
    }
    if (args && typeof args === 'object') this.b.lanes.applyMetadata(kind, pid, tid, args as Record<string, unknown>, this.index);
  }

  private commitCounter(b: Uint8Array, row: number): void {
    if (this.commitFlatCounter(b, row)) return;
    let args: unknown;
    try {
      args = JSON.parse(decoder.decode(b.subarray(this.argsS, this.argsE)));
    } catch {
      this.b.skip('unreadable counter args');
      return;
    }
    if (!args || typeof args !== 'object') return;
    for (const [k, v] of Object.entries(args as Record<string, unknown>)) {
      const num = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
      if (Number.isFinite(num)) this.b.store.addCounter(row, this.b.strings.intern(k), num);
    }
  }
  /**
   * Counter args of the usual flat shape (`{"MHz": "1800"}`, `{"KB": 4.5}`) read in place: a JSON.parse
   * and an entries array per sample cost more than the rest of the event. Anything else (escapes, nested
   * or literal values, repeated or index-like keys, which change JSON.parse's order) returns false and
   * takes the general path, so both give the same counters.
   */
  private commitFlatCounter(b: Uint8Array, row: number): boolean {
    const end = this.argsE - 1; // the closing brace
    let i = skipSpace(b, this.argsS + 1, end);
    let n = 0;
    while (i < end) {
      if (b[i] !== Q || n === FLAT_VALUES.length) return false;
      const ks = i + 1;
      let ke = ks;
      while (ke < end && b[ke] !== Q && b[ke] !== BS && b[ke] >= 0x20) ke++;
      if (ke >= end || b[ke] !== Q || isIndexKey(b, ks, ke)) return false;
      for (let k = 0; k < n; k++) if (sameBytes(b, FLAT_KEY_START[k], FLAT_KEY_END[k], ks, ke)) return false;
      i = skipSpace(b, ke + 1, end);
      if (b[i] !== 0x3a) return false;
      i = skipSpace(b, i + 1, end);
      let value: number;
      let ve: number;
      if (b[i] === Q) {
        ve = i + 1;
        while (ve < end && b[ve] !== Q && b[ve] !== BS && b[ve] >= 0x20 && b[ve] < 0x80) ve++;
        if (ve >= end || b[ve] !== Q) return false;
        value = numberOfBytes(b, i + 1, ve);
        ve++;
      } else {
        ve = jsonNumberEnd(b, i, end);
        if (ve < 0) return false;
        value = numberOfBytes(b, i, ve);
      }
      FLAT_KEY_START[n] = ks;
      FLAT_KEY_END[n] = ke;
      FLAT_VALUES[n++] = value;
      i = skipSpace(b, ve, end);
      if (i < end) {
        if (b[i] !== 0x2c) return false;
        i = skipSpace(b, i + 1, end);
        if (i >= end) return false; // a trailing comma is not JSON
      }
    }
    for (let k = 0; k < n; k++) {
      if (Number.isFinite(FLAT_VALUES[k])) this.b.store.addCounter(row, this.b.strings.internBytes(b, FLAT_KEY_START[k], FLAT_KEY_END[k]), FLAT_VALUES[k]);
    }
    return true;
  }


}

/** Counter args read without JSON.parse: each key's byte range and its value (reused between events). */
const FLAT_KEY_START = new Uint32Array(16);
const FLAT_KEY_END = new Uint32Array(16);
const FLAT_VALUES = new Float64Array(16);

/** Like skipWs without counting lines (for bytes already scanned once). */
function skipSpace(b: Uint8Array, i: number, n: number): number {
  while (i < n && (b[i] === 0x20 || b[i] === 0x0a || b[i] === 0x09 || b[i] === 0x0d)) i++;
  return i;
}

function sameBytes(b: Uint8Array, s1: number, e1: number, s2: number, e2: number): boolean {
  if (e1 - s1 !== e2 - s2) return false;
  for (let k = 0; k < e1 - s1; k++) if (b[s1 + k] !== b[s2 + k]) return false;
  return true;
}

/** End of the JSON number at b[i] (-?int frac? exp?), or -1 when there is none. */
function jsonNumberEnd(b: Uint8Array, i: number, n: number): number {
  if (b[i] === 0x2d) i++;
  const digits = (j: number): number => {
    while (j < n && b[j] >= 0x30 && b[j] <= 0x39) j++;
    return j;
  };
  if (i >= n || b[i] < 0x30 || b[i] > 0x39) return -1;
  i = b[i] === 0x30 ? i + 1 : digits(i);
  if (b[i] === 0x2e) {
    const j = digits(i + 1);
    if (j === i + 1) return -1;
    i = j;
  }
  if (b[i] === 0x65 || b[i] === 0x45) {
    let j = i + 1;
    if (b[j] === 0x2b || b[j] === 0x2d) j++;
    const k = digits(j);
    if (k === j) return -1;
    i = k;
  }
  return i;
}

/** Whether b[s, e) is a key JSON.parse would order first (an array index: digits without a leading zero). */
function isIndexKey(b: Uint8Array, s: number, e: number): boolean {
  if (e === s || e - s > 10) return false;
  if (b[s] === 0x30) return e - s === 1;
  for (let i = s; i < e; i++) if (b[i] < 0x30 || b[i] > 0x39) return false;
  return true;
}

/** The number a JSON number or numeric string b[s, e) holds, as Number() reads it (NaN when none). */
function numberOfBytes(b: Uint8Array, s: number, e: number): number {
  // Plain integers of up to 15 digits are exact in a double: most counter values (MHz, KB, %).
  let i = s;
  const neg = b[i] === 0x2d;
  if (neg) i++;
  if (i < e && e - i <= 15) {
    let v = 0;
    let j = i;
    for (; j < e; j++) {
      const d = b[j] - 0x30;
      if (d < 0 || d > 9) break;
      v = v * 10 + d;
    }
    if (j === e) return neg ? -v : v;
  }
  const text = decoder.decode(b.subarray(s, e));
  return text.trim() === '' ? NaN : Number(text);
}

/** Parses one in-memory trace (tests, small files): the bytes are fed in chunks of chunkSize. */
export function parseTraceBytes(bytes: Uint8Array, file = 'trace.json', chunkSize = 8 << 20): TraceColumns {
  const builder = new TraceBuilder();
  const p = builder.addSource(file);
  for (let i = 0; i < bytes.length; i += chunkSize) p.push(bytes.subarray(i, Math.min(bytes.length, i + chunkSize)));
  p.end();
  return builder.finish();
}
