// The diagnostic every checker returns: a stable code, a severity, an exact range, a localized message and quick-fix data.
import type { ConclusionStatus, SectionName } from '../manifest/manifestSpec';
import type { Range } from '../text/lineIndex';

export type Severity = 'error' | 'warning' | 'information' | 'hint';

/** LSP DiagnosticSeverity numbers, for faces that speak the protocol. */
export const LSP_SEVERITY: Record<Severity, 1 | 2 | 3 | 4> = { error: 1, warning: 2, information: 3, hint: 4 };

/**
 * Every code, with what it is about. Codes are stable: tools and quick fixes key on them, and
 * docs/diagnostics.md has one anchor per code.
 */
export const DIAGNOSTIC_CODES = {
  XWF001: 'file too large',
  XWF002: 'binary file',
  XWF003: 'not valid UTF-8',
  XWF004: 'GBK-encoded text',
  XWF005: 'YAML syntax error',
  XWF006: 'nesting too deep or alias bomb',
  XWF101: 'unknown section',
  XWF102: 'unknown key',
  XWF103: 'duplicate key',
  XWF104: 'key in the wrong section',
  XWF105: 'not a key: value line',
  XWF106: 'missing sections or keys',
  XWF107: 'duplicate section',
  XWF201: 'invalid enum value',
  XWF202: 'not an integer',
  XWF203: 'not a number',
  XWF204: 'not a boolean',
  XWF205: 'not a commit hash',
  XWF206: 'not an http(s) URL',
  XWF207: 'not a device id list',
  XWF208: 'not a date',
  XWF209: 'value out of range',
  XWF210: 'device lists disagree',
  XWF301: 'not formal evidence',
  XWF302: 'dirty worktree without a saved diff',
  XWF303: 'missing or zero warmup',
  XWF304: 'profiling run offered as a performance result',
  XWF305: 'speculative run without server counters',
  XWF306: 'sampling without top_p/top_k/seed',
  XWF307: 'profiling run without a capture',
  XWF308: 'L1/L2 accuracy in a full-level run',
  XWF401: 'artifact path does not exist',
  XWF402: 'unknown baseline run',
  XWF403: 'metrics.json disagrees with the manifest',
  XWF404: 'baseline differs in a controlled parameter',
  XWF405: 'baseline_commit disagrees with the baseline run',
  XWF501: 'credential in a shared artifact',
  XWF502: 'local home path in a shared artifact',
  XWF601: 'JSON syntax error',
  XWF602: 'JSON schema violation',
} as const;
export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;

/** Where each code is explained, relative to the extension root. */
export const DIAGNOSTICS_DOC = 'docs/diagnostics.md';

export function docsAnchor(code: DiagnosticCode): string {
  return `${DIAGNOSTICS_DOC}#${code.toLowerCase()}`;
}

/** What a quick fix needs; fixes are chosen from this, never from the message text. */
export type FixData =
  /** Insert these keys (each into its spec section, adding the section when absent). */
  | { readonly fix: 'addKeys'; readonly keys: readonly string[] }
  /** Replace the diagnostic's range with `value`. */
  | { readonly fix: 'replaceValue'; readonly value: string }
  /** Set conclusion_status to `value` (wherever it is). */
  | { readonly fix: 'setStatus'; readonly value: ConclusionStatus }
  /** Save `git diff` of the checkout into the run root. */
  | { readonly fix: 'saveDiff' }
  /** Rename the key at the diagnostic's range. */
  | { readonly fix: 'renameKey'; readonly value: string }
  /** Rename the section at the diagnostic's range. */
  | { readonly fix: 'renameSection'; readonly value: string }
  /** Move the entry at the diagnostic's range into `section`. */
  | { readonly fix: 'moveKey'; readonly section: SectionName }
  /** Delete the entry (a duplicate) at the diagnostic's range. */
  | { readonly fix: 'deleteEntry' }
  /** Replace the secret at the diagnostic's range with a placeholder. */
  | { readonly fix: 'redact'; readonly value: string };

export interface Diagnostic {
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  /** 0-based, UTF-16 code units (LSP). */
  readonly range: Range;
  readonly message: string;
  readonly source: 'xwf';
  readonly codeDescription: { readonly href: string };
  readonly data?: FixData;
}

export function makeDiagnostic(code: DiagnosticCode, severity: Severity, range: Range, message: string, data?: FixData): Diagnostic {
  // Plain positions only: a SourceRange's offsets are an internal detail.
  const r: Range = { start: { line: range.start.line, character: range.start.character }, end: { line: range.end.line, character: range.end.character } };
  const d: Diagnostic = { code, severity, range: r, message, source: 'xwf', codeDescription: { href: docsAnchor(code) } };
  return data ? { ...d, data } : d;
}

const SEVERITY_ORDER: Record<Severity, number> = { error: 0, warning: 1, information: 2, hint: 3 };

/** Document order, then severity, then code: stable output for the CLI and tests. */
export function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  return list.sort(
    (a, b) =>
      a.range.start.line - b.range.start.line ||
      a.range.start.character - b.range.start.character ||
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      a.code.localeCompare(b.code),
  );
}
