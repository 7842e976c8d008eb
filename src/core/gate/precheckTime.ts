// Parser of `precheck.time` (`date -Is` when the precheck started).
import { excerpt, splitLines, type SnapshotProblem } from './snapshotText';

export interface PrecheckTime {
  /** The first non-empty line as written. */
  readonly text: string | null;
  /** Milliseconds since the epoch, or null when the text is not an ISO time. */
  readonly epochMs: number | null;
  readonly problems: readonly SnapshotProblem[];
}

const ISO = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}([.,]\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

export function parsePrecheckTime(text: string): PrecheckTime {
  const lines = splitLines(text);
  const index = lines.findIndex((l) => l.trim() !== '');
  if (index < 0) return { text: null, epochMs: null, problems: [{ line: 0, message: 'empty' }] };
  const first = lines[index].trim();
  if (!ISO.test(first)) return { text: first, epochMs: null, problems: [{ line: index + 1, message: `not an ISO date-time (date -Is): ${excerpt(first, 40)}` }] };
  // `+0800` is not accepted by Date.parse everywhere: normalise to `+08:00`.
  const ms = Date.parse(first.replace(',', '.').replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
  return Number.isFinite(ms)
    ? { text: first, epochMs: ms, problems: [] }
    : { text: first, epochMs: null, problems: [{ line: index + 1, message: `not a valid date-time: ${excerpt(first, 40)}` }] };
}
