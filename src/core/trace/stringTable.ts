// Interns strings straight from UTF-8 bytes: a repeated kernel name costs a hash and a byte compare, and a
// new one a byte copy; JS strings are only decoded once, when the table is read (decoding every name of a
// million events, and hashing them into a Map, is the slow part of a naive parser).

const decoder = new TextDecoder('utf-8', { fatal: false });
const encoder = new TextEncoder();
const EMPTY = new Uint8Array(0);

/** FNV-1a over the length, the first 24 and the last 24 bytes: long kernel names cost no more than short ones. */
function hashBytes(buf: Uint8Array, start: number, end: number): number {
  let h = Math.imul(0x811c9dc5 ^ (end - start), 0x01000193);
  const headEnd = end - start > 48 ? start + 24 : end;
  for (let i = start; i < headEnd; i++) h = Math.imul(h ^ buf[i], 0x01000193);
  if (headEnd < end) for (let i = end - 24; i < end; i++) h = Math.imul(h ^ buf[i], 0x01000193);
  return h >>> 0;
}

export class StringTable {
  // Id 0 is always the empty string.
  private bytesOf: Uint8Array[] = [EMPTY];
  private hashes: number[] = [hashBytes(EMPTY, 0, 0)];
  private decoded: (string | undefined)[] = [''];
  // Open addressing over byte content: slot -> id + 1 (0 = empty).
  private slots = new Int32Array(1 << 12);

  constructor() {
    this.insertSlot(0, this.hashes[0]);
  }

  get size(): number {
    return this.bytesOf.length;
  }

  /** Id of a string given as plain (unescaped) UTF-8 bytes buf[start, end). */
  internBytes(buf: Uint8Array, start: number, end: number): number {
    const len = end - start;
    const h = hashBytes(buf, start, end);
    const mask = this.slots.length - 1;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const v = this.slots[slot];
      if (v === 0) break;
      const id = v - 1;
      if (this.hashes[id] !== h) continue;
      const b = this.bytesOf[id];
      if (b.length !== len) continue;
      let i = 0;
      while (i < len && b[i] === buf[start + i]) i++;
      if (i === len) return id;
    }
    const id = this.bytesOf.length;
    this.bytesOf.push(buf.slice(start, end));
    this.hashes.push(h);
    this.decoded.push(undefined);
    if (this.bytesOf.length * 2 > this.slots.length) this.grow();
    else this.insertSlot(id, h);
    return id;
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
    if (s === undefined) this.decoded[id] = s = decoder.decode(this.bytesOf[id]);
    return s;
  }

  /** Every string, index = id (decodes the ones not read yet). */
  toArray(): string[] {
    const out = new Array<string>(this.bytesOf.length);
    for (let id = 0; id < out.length; id++) out[id] = this.get(id);
    return out;
  }

  private insertSlot(id: number, h: number): void {
    const mask = this.slots.length - 1;
    let slot = h & mask;
    while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
    this.slots[slot] = id + 1;
  }

  private grow(): void {
    this.slots = new Int32Array(this.slots.length * 2);
    for (let id = 0; id < this.bytesOf.length; id++) this.insertSlot(id, this.hashes[id]);
  }
}
