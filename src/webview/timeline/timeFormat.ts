// Time text for the timeline: exact absolute timestamps (integer µs base + integer ns, never a rounded
// double: 1.7e15 µs in ns is past 2^53) and short relative labels for the ruler.

const pad3 = (n: number): string => (n < 10 ? '00' : n < 100 ? '0' : '') + n;

/**
 * Absolute timestamp in µs with nanosecond decimals, exactly as msprof writes `ts`
 * (e.g. `1736408883704643.212`). Falls back to a rounded value when startNs is not an integer.
 */
export function formatAbsoluteUs(baseUs: number, startNs: number): string {
  if (!Number.isSafeInteger(baseUs) || !Number.isFinite(startNs)) return String(baseUs + startNs / 1000);
  if (!Number.isInteger(startNs)) {
    // Sub-ns offsets only come from files with more than 3 decimals; show them, marked as rounded.
    const whole = Math.floor(startNs);
    return `${formatAbsoluteUs(baseUs, whole)}${String((startNs - whole).toFixed(3)).slice(1)}`;
  }
  const total = BigInt(baseUs) * 1000n + BigInt(startNs);
  const negative = total < 0n;
  const abs = negative ? -total : total;
  return `${negative ? '-' : ''}${abs / 1000n}.${pad3(Number(abs % 1000n))}`;
}

/** Integer ns as exact µs text (`12.345 µs`); larger values keep every digit. */
export function formatExactDuration(ns: number): string {
  if (!Number.isFinite(ns)) return '—';
  if (!Number.isInteger(ns)) return `${(ns / 1000).toFixed(6)} µs`;
  const negative = ns < 0;
  const a = Math.abs(ns);
  return `${negative ? '-' : ''}${Math.floor(a / 1000)}.${pad3(a % 1000)} µs`;
}

/** A compact human duration (`812 ns`, `56.8 µs`, `1.23 ms`, `2.50 s`) for tables and tooltips. */
export function formatDuration(ns: number): string {
  if (!Number.isFinite(ns)) return '—';
  const a = Math.abs(ns);
  if (a < 1_000) return `${trim(ns, 0)} ns`;
  if (a < 1_000_000) return `${trim(ns / 1_000, a < 10_000 ? 3 : a < 100_000 ? 2 : 1)} µs`;
  if (a < 1_000_000_000) return `${trim(ns / 1_000_000, a < 10_000_000 ? 3 : a < 100_000_000 ? 2 : 1)} ms`;
  return `${trim(ns / 1_000_000_000, 3)} s`;
}

function trim(v: number, digits: number): string {
  return v.toFixed(digits);
}

export interface RulerTick {
  /** ns relative to the trace base. */
  readonly t: number;
  readonly x: number;
  readonly label: string;
  /** Major ticks carry a label; minor ones are short lines. */
  readonly major: boolean;
}

/** The 1-2-5 step at least minStepNs long. */
export function niceStep(minStepNs: number): number {
  if (!(minStepNs > 0) || !Number.isFinite(minStepNs)) return 1;
  const p = Math.pow(10, Math.floor(Math.log10(minStepNs)));
  for (const m of [1, 2, 5, 10]) if (m * p >= minStepNs) return Math.max(1, m * p);
  return Math.max(1, 10 * p);
}

/** Label of a ruler tick at t, with as many decimals as the step needs. */
export function formatTickLabel(t: number, step: number): string {
  const units: [number, string][] = [
    [1_000_000_000, 's'],
    [1_000_000, 'ms'],
    [1_000, 'µs'],
    [1, 'ns'],
  ];
  const a = Math.max(Math.abs(t), step);
  const [div, unit] = units.find(([d]) => a >= d) ?? [1, 'ns'];
  const decimals = Math.max(0, Math.min(6, Math.ceil(Math.log10(div / step) - 1e-9)));
  const v = t / div;
  return `${(Object.is(v, -0) ? 0 : v).toFixed(decimals)} ${unit}`;
}

/** Ticks for [startNs, startNs + widthPx * nsPerPx], one labelled tick at least minSpacingPx apart. */
export function rulerTicks(startNs: number, nsPerPx: number, widthPx: number, minSpacingPx = 90): RulerTick[] {
  if (!(nsPerPx > 0) || !(widthPx > 0)) return [];
  const step = niceStep(nsPerPx * minSpacingPx);
  const minor = step / 5;
  const first = Math.ceil(startNs / minor) * minor;
  const end = startNs + widthPx * nsPerPx;
  const ticks: RulerTick[] = [];
  for (let k = 0; ; k++) {
    const t = first + k * minor;
    if (t > end || ticks.length > 2000) break;
    const major = Math.abs(Math.round(t / step) * step - t) < minor / 2;
    ticks.push({ t, x: (t - startNs) / nsPerPx, label: major ? formatTickLabel(Math.round(t / step) * step, step) : '', major });
  }
  return ticks;
}
