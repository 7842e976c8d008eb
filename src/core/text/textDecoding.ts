// Bytes of a user file to text: UTF-8 (with or without BOM) or BOM-marked UTF-16; anything else is refused with where and why.

/** Files larger than this are not parsed: a manifest or artifact JSON is kilobytes, never megabytes. */
export const DEFAULT_MAX_BYTES = 1024 * 1024;

export type DecodeFailure =
  | { readonly ok: false; readonly reason: 'tooLarge'; readonly size: number; readonly limit: number }
  | { readonly ok: false; readonly reason: 'binary'; readonly offset: number; readonly line: number }
  | { readonly ok: false; readonly reason: 'invalidUtf8'; readonly offset: number; readonly line: number }
  /** Valid GBK/GB18030 but not UTF-8: common for files saved by Chinese Windows editors. */
  | { readonly ok: false; readonly reason: 'gbk'; readonly offset: number; readonly line: number };

export type DecodeResult = { readonly ok: true; readonly text: string; readonly bom: 'utf8' | 'utf16le' | 'utf16be' | null } | DecodeFailure;

/** How far binary detection looks, as git does. */
const SNIFF_BYTES = 8000;

/** Offset of the first byte that is not part of a well-formed UTF-8 sequence, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array, from = 0): number {
  let i = from;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else {
      return i;
    }
    if (i + need >= n) return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/** Whether every non-ASCII byte pairs up as a GBK double-byte character (and there is at least one). */
function looksLikeGbk(bytes: Uint8Array): boolean {
  let pairs = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b < 0x80) continue;
    if (b === 0x80 || b === 0xff) return false;
    const t = bytes[i + 1];
    if (t === undefined || t < 0x40 || t === 0x7f || t === 0xff) return false;
    pairs++;
    i++;
  }
  if (pairs === 0) return false;
  try {
    new TextDecoder('gbk', { fatal: true }).decode(bytes);
    return true;
  } catch (e) {
    // A runtime without the GBK decoder (small ICU) still gets the byte-pattern verdict.
    return e instanceof RangeError;
  }
}

function lineOf(bytes: Uint8Array, offset: number): number {
  let line = 0;
  for (let i = 0; i < offset && i < bytes.length; i++) {
    if (bytes[i] === 10 || (bytes[i] === 13 && bytes[i + 1] !== 10)) line++;
  }
  return line;
}

export function decodeText(bytes: Uint8Array, options: { maxBytes?: number } = {}): DecodeResult {
  const limit = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (bytes.length > limit) return { ok: false, reason: 'tooLarge', size: bytes.length, limit };
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return decodeUtf16(bytes, 'utf-16le');
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return decodeUtf16(bytes, 'utf-16be');
  const nul = bytes.subarray(0, SNIFF_BYTES).indexOf(0);
  if (nul >= 0) return { ok: false, reason: 'binary', offset: nul, line: lineOf(bytes, nul) };
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const bad = firstInvalidUtf8(bytes, bom ? 3 : 0);
  if (bad >= 0) {
    const reason = looksLikeGbk(bytes) ? 'gbk' : 'invalidUtf8';
    return { ok: false, reason, offset: bad, line: lineOf(bytes, bad) };
  }
  const text = new TextDecoder('utf-8').decode(bom ? bytes.subarray(3) : bytes);
  return { ok: true, text, bom: bom ? 'utf8' : null };
}

function decodeUtf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): DecodeResult {
  try {
    const text = new TextDecoder(encoding, { fatal: true }).decode(bytes.subarray(2));
    return { ok: true, text, bom: encoding === 'utf-16le' ? 'utf16le' : 'utf16be' };
  } catch {
    return { ok: false, reason: 'invalidUtf8', offset: 2, line: 0 };
  }
}
