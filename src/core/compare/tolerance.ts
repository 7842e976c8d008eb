// Baseline tolerances (formats.md section 4): throughput >= 0.95 x baseline, latency <= 1.05 x baseline,
// accuracy >= baseline - 0.02. Bounds are inclusive.
import type { Tolerances } from './comparisonSchema';

export type { Tolerances } from './comparisonSchema';
export type ToleranceKind = keyof Tolerances;

export const DEFAULT_TOLERANCES: Tolerances = { throughput: 0.95, latency: 1.05, accuracy: 0.02 };

/** The bound the current value is held to: a floor for throughput and accuracy, a ceiling for latency. */
export function toleranceLimit(kind: ToleranceKind, baseline: number, tolerances: Tolerances): number {
  switch (kind) {
    case 'throughput':
      return baseline * tolerances.throughput;
    case 'latency':
      return baseline * tolerances.latency;
    case 'accuracy':
      return baseline - tolerances.accuracy;
  }
}

/** Whether the current value is within tolerance; a value exactly on the bound passes despite float noise. */
export function withinTolerance(kind: ToleranceKind, baseline: number, current: number, tolerances: Tolerances): boolean {
  const limit = toleranceLimit(kind, baseline, tolerances);
  const slack = 1e-9 * Math.max(1, Math.abs(baseline), Math.abs(current));
  return kind === 'latency' ? current <= limit + slack : current >= limit - slack;
}

/** Checks user-given tolerances; returns a message for the first bad one, or null. */
export function toleranceProblem(t: Partial<Tolerances>): string | null {
  if (t.throughput !== undefined && !(Number.isFinite(t.throughput) && t.throughput > 0)) return `throughput tolerance must be a positive number (got ${t.throughput})`;
  if (t.latency !== undefined && !(Number.isFinite(t.latency) && t.latency > 0)) return `latency tolerance must be a positive number (got ${t.latency})`;
  if (t.accuracy !== undefined && !(Number.isFinite(t.accuracy) && t.accuracy >= 0 && t.accuracy <= 1)) return `accuracy tolerance must be between 0 and 1 (got ${t.accuracy})`;
  return null;
}

export function resolveTolerances(t: Partial<Tolerances> = {}): Tolerances {
  return {
    throughput: t.throughput ?? DEFAULT_TOLERANCES.throughput,
    latency: t.latency ?? DEFAULT_TOLERANCES.latency,
    accuracy: t.accuracy ?? DEFAULT_TOLERANCES.accuracy,
  };
}
