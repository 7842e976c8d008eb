// Interns strings straight from UTF-8 bytes: a repeated kernel name costs a hash and a byte compare, and a
// new one a byte copy; JS strings are only decoded once, when the table is read (decoding every name of a
// million events, and hashing them into a Map, is the slow part of a naive parser).
// The bytes of all strings live in one growing pool with offsets in typed arrays: traces with one unique
// name or flow id per event (HostToDevice<id>) intern ~10^5 strings, and an object per string cost ~40 MB.

import { releaseBuffers } from './bufferRelease';

const decoder = new TextDecoder('utf-8', { fatal: false });
const encoder = new TextEncoder();

/**
 * FNV-1a over the length, the first 12 and the last 20 bytes: long kernel names cost no more than short
 * ones, and names of one family (`HostToDevice<id>`, `..._MatMulV2`/`V3`) differ near their end.
 */
function hashBytes(buf: Uint8Array, start: number, end: number): number {
  let h = Math.imul(0x811c9dc5 ^ (end - start), 0x01000193);
  const headEnd = end - start > 32 ? start + 12 : end;
  for (let i = start; i < headEnd; i++) h = Math.imul(h ^ buf[i], 0x01000193);
  if (headEnd < end) for (let i = end - 20; i < end; i++) h = Math.imul(h ^ buf[i], 0x01000193);
  return h | 0;
}

export class StringTable {
  private pool = new Uint8Array(1 << 14);
  private poolLen = 0;
  /** Per id: start of its bytes in pool; the end is the next id's start (starts[size] = poolLen). */
  private starts = new Uint32Array(1 << 10);
  private hashes = new Int32Array(1 << 10);
  private count = 0;
  private decoded: (string | undefined)[] = [];
  // Open addressing over byte content: slot -> id + 1 (0 = empty).
  private slots = new Int32Array(1 << 12);
  private disposed = false;

  constructor() {
    // Id 0 is always the empty string.
    this.internBytes(this.pool, 0, 0);
    this.decoded[0] = '';
  }

  get size(): number {
    return this.count;
  }

  /** Id of a string given as plain (unescaped) UTF-8 bytes buf[start, end). */
  internBytes(buf: Uint8Array, start: number, end: number): number {
    if (this.disposed) throw new Error('string table used after dispose() or freeze()');
    const len = end - start;
    const h = hashBytes(buf, start, end);
    const mask = this.slots.length - 1;
    const pool = this.pool;
    let slot = h & mask;
    for (; ; slot = (slot + 1) & mask) {
      const v = this.slots[slot];
      if (v === 0) break;
      const id = v - 1;
      if (this.hashes[id] !== h) continue;
      const s = this.starts[id];
      const e = id + 1 < this.count ? this.starts[id + 1] : this.poolLen;
      if (e - s !== len) continue;
      let i = 0;
      while (i < len && pool[s + i] === buf[start + i]) i++;
      if (i === len) return id;
    }
    const id = this.count;
    if (this.poolLen + len > this.pool.length) this.pool = grown(this.pool, this.poolLen + len);
    // A loop, not set(subarray): a view object per new string is most of what interning allocates.
    const to = this.pool;
    for (let i = 0, at = this.poolLen; i < len; i++) to[at + i] = buf[start + i];
    if (id === this.starts.length) {
      this.starts = grown(this.starts, id + 1);
      this.hashes = grown(this.hashes, id + 1);
    }
    this.starts[id] = this.poolLen;
    this.hashes[id] = h;
    this.poolLen += len;
    this.count++;
    if (this.count * 2 > this.slots.length) this.rehash();
    else this.slots[slot] = id + 1;
    return id;
  }

  /** The strings' bytes and where each starts (starts[count] = end), copied: another table interns them from these. */
  exportBytes(): { bytes: Uint8Array; starts: Uint32Array } {
    const starts = new Uint32Array(this.count + 1);
    starts.set(this.starts.subarray(0, this.count));
    starts[this.count] = this.poolLen;
    return { bytes: this.pool.slice(0, this.poolLen), starts };
  }

  /** Id of a decoded string (escaped names, metadata, args keys). */
  intern(text: string): number {
    const bytes = encoder.encode(text);
    const id = this.internBytes(bytes, 0, bytes.length);
    this.decoded[id] ??= text;
    return id;
  }

  /** The string of an id. */
  get(id: number): string {
    let s = this.decoded[id];
    if (s === undefined) {
      const e = id + 1 < this.count ? this.starts[id + 1] : this.poolLen;
      this.decoded[id] = s = decoder.decode(this.pool.subarray(this.starts[id], e));
    }
    return s;
  }

  /** Every string, index = id (decodes the ones not read yet). */
  toArray(): string[] {
    const out = new Array<string>(this.count);
    // One decode of the whole pool instead of one per string (a TextDecoder call costs ~1 µs in a
    // browser). When it yields one UTF-16 unit per byte there was no multi-byte sequence, so byte
    // offsets are string offsets and each id is a slice of it.
    const all = this.count > 64 ? decoder.decode(this.pool.subarray(0, this.poolLen)) : '';
    const sliced = all.length === this.poolLen && this.count > 64;
    for (let id = 0; id < out.length; id++) {
      let s = this.decoded[id];
      if (s === undefined) {
        if (sliced) this.decoded[id] = s = all.slice(this.starts[id], id + 1 < this.count ? this.starts[id + 1] : this.poolLen);
        else s = this.get(id);
      }
      out[id] = s;
    }
    return out;
  }

  /**
   * Frees the byte pool and the hash slots once every string has been read out (toArray): a loaded trace
   * keeps only the decoded strings, and the pool's doubling slack alone can be megabytes. Later calls decode
   * nothing: get() answers from the strings already decoded.
   */
  dispose(): void {
    for (let id = 0; id < this.count; id++) if (this.decoded[id] === undefined) this.get(id);
    releaseBuffers(this.pool, this.starts);
    this.pool = new Uint8Array(0);
    this.starts = new Uint32Array(0);
    this.poolLen = 0;
    this.freeze();
  }

  /**
   * Ends interning but keeps the bytes for reading (get, toArray): frees the hash slots, and trims the pool
   * to its length (it grows by doubling). For tables read rarely, where decoding every string up front
   * would cost more than the bytes.
   */
  freeze(): void {
    if (this.disposed) return;
    releaseBuffers(this.hashes, this.slots);
    this.hashes = new Int32Array(0);
    this.slots = new Int32Array(0);
    if (this.pool.length > this.poolLen) {
      const trimmed = this.pool.slice(0, this.poolLen);
      releaseBuffers(this.pool);
      this.pool = trimmed;
    }
    if (this.starts.length > this.count) {
      const trimmed = this.starts.slice(0, this.count);
      releaseBuffers(this.starts);
      this.starts = trimmed;
    }
    this.disposed = true;
  }

  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2);
    const mask = slots.length - 1;
    for (let id = 0; id < this.count; id++) {
      let slot = this.hashes[id] & mask;
      while (slots[slot] !== 0) slot = (slot + 1) & mask;
      slots[slot] = id + 1;
    }
    releaseBuffers(this.slots);
    this.slots = slots;
  }
}

/** A copy of a with room for need items; a's memory is returned at once (a page does not collect an idle worker). */
function grown<T extends Uint8Array | Uint32Array | Int32Array>(a: T, need: number): T {
  const b = new (a.constructor as new (n: number) => T)(Math.max(need, a.length * 2));
  b.set(a as never);
  releaseBuffers(a);
  return b;
}
