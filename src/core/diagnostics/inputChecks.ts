// XWF001-XWF004: input that is not readable text (too large, binary, not UTF-8, GBK) gets one clear diagnostic instead of a parse.
import type { Locale } from '../i18n/locale';
import { LineIndex } from '../text/lineIndex';
import { decodeText, DEFAULT_MAX_BYTES } from '../text/textDecoding';
import { makeDiagnostic, type Diagnostic } from './diagnostic';
import { dm } from './diagnosticMessages';

/** Longest text (UTF-16 code units) any checker parses. */
export const MAX_TEXT_CHARS = DEFAULT_MAX_BYTES;

const AT_START = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export type TextCheck = { readonly ok: true; readonly warnings: Diagnostic[] } | { readonly ok: false; readonly diagnostics: Diagnostic[] };

/** Checks text already decoded (an editor buffer): size, NUL characters, replacement characters. */
export function checkText(text: string, locale: Locale, lines?: LineIndex): TextCheck {
  if (text.length > MAX_TEXT_CHARS) {
    return { ok: false, diagnostics: [makeDiagnostic('XWF001', 'error', AT_START, dm(locale, 'XWF001', text.length, MAX_TEXT_CHARS))] };
  }
  const nul = text.indexOf('\0');
  const index = lines ?? new LineIndex(text);
  if (nul >= 0) {
    const at = index.range(nul, nul + 1);
    return { ok: false, diagnostics: [makeDiagnostic('XWF002', 'error', at, dm(locale, 'XWF002', at.start.line + 1))] };
  }
  const bad = text.indexOf('\uFFFD');
  if (bad >= 0) return { ok: true, warnings: [makeDiagnostic('XWF003', 'warning', index.range(bad, bad + 1), dm(locale, 'XWF003.text'))] };
  return { ok: true, warnings: [] };
}

export type BytesCheck = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly diagnostics: Diagnostic[] };

/** Decodes a file's bytes, or explains in one diagnostic why it cannot be read as text. */
export function checkBytes(bytes: Uint8Array, locale: Locale, maxBytes = DEFAULT_MAX_BYTES): BytesCheck {
  const r = decodeText(bytes, { maxBytes });
  if (r.ok) return { ok: true, text: r.text };
  const line = 'line' in r ? r.line : 0;
  const at = { start: { line, character: 0 }, end: { line, character: 0 } };
  switch (r.reason) {
    case 'tooLarge':
      return { ok: false, diagnostics: [makeDiagnostic('XWF001', 'error', AT_START, dm(locale, 'XWF001', r.size, r.limit))] };
    case 'binary':
      return { ok: false, diagnostics: [makeDiagnostic('XWF002', 'error', at, dm(locale, 'XWF002', line + 1))] };
    case 'gbk':
      return { ok: false, diagnostics: [makeDiagnostic('XWF004', 'error', at, dm(locale, 'XWF004', line + 1))] };
    case 'invalidUtf8':
      return { ok: false, diagnostics: [makeDiagnostic('XWF003', 'error', at, dm(locale, 'XWF003.bytes', r.offset, line + 1))] };
  }
}

/** XWF001 for a file whose size alone rules it out (checked before reading it). */
export function tooLargeDiagnostic(size: number, limit: number, locale: Locale): Diagnostic {
  return makeDiagnostic('XWF001', 'error', AT_START, dm(locale, 'XWF001', size, limit));
}
