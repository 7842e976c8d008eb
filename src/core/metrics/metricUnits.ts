// Units of benchmark keys: decided by the key's own suffix (`TTFT (s)`, `TTFT (ms)`), never by the tool version.

export interface SplitKey {
  /** Lower-case name without the unit, single-spaced: `ttft`, `average time to first token`. */
  readonly base: string;
  /** Lower-case unit inside the trailing parentheses, or null when there is none. */
  readonly unit: string | null;
}

const SUFFIX = /^(.*?)\s*\(([^()]*)\)\s*$/;

export function splitKey(key: string): SplitKey {
  const m = SUFFIX.exec(key);
  const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');
  return m ? { base: norm(m[1]), unit: norm(m[2]) } : { base: norm(key), unit: null };
}

/** Milliseconds per unit of a time suffix; `senconds` is evalscope 0.7's spelling. */
const TIME_UNITS: Record<string, number> = {
  s: 1000,
  sec: 1000,
  secs: 1000,
  second: 1000,
  seconds: 1000,
  senconds: 1000,
  ms: 1,
  msec: 1,
  milliseconds: 1,
  us: 0.001,
  µs: 0.001,
  microseconds: 0.001,
};

/** Milliseconds per unit, or null when the suffix is not a time unit. */
export function msPerUnit(unit: string | null): number | null {
  return unit !== null && unit in TIME_UNITS ? TIME_UNITS[unit] : null;
}

/** Converts to milliseconds and drops float noise from the multiplication (4.0021 s -> 4002.1 ms). */
export function toMs(value: number, factor: number): number {
  if (factor === 1) return value;
  const ms = value * factor;
  // Rounding away float noise matters only at everyday magnitudes; there `ms * 1e6` also stays finite.
  return Math.abs(ms) < 1e12 ? Math.round(ms * 1e6) / 1e6 : ms;
}

/** A finite number from a JSON value: numbers as they are, numeric strings parsed; anything else null. */
export function finiteNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && /^\s*[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?\s*$/.test(value)) {
    const n = Number(value);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

/** A non-negative integer count, or null. */
export function countValue(value: unknown): number | null {
  const n = finiteNumber(value);
  return n !== null && n >= 0 && Number.isSafeInteger(n) ? n : null;
}
