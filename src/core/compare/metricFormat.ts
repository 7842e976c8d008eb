// How comparison numbers are written in every face: values with units, deltas, and metric/stat labels.
import { METRIC_INFO } from './benchmarkLevels';
import type { MetricId, MetricRow, Stat } from './comparisonSchema';

/** A number with at most `digits` decimals and no trailing zeros; '—' when unknown. */
export function formatNumber(v: number | null | undefined, digits = 2): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return '—';
  const abs = Math.abs(v);
  // Small values keep more decimals so 1.575 req/s does not read as 1.57.
  const d = abs !== 0 && abs < 1 ? Math.max(digits, 4) : abs < 10 ? Math.max(digits, 3) : digits;
  return String(Number(v.toFixed(d)));
}

export function formatValue(v: number | null | undefined, unit: string): string {
  return v === null || v === undefined ? '—' : unit === 'score' ? formatNumber(v, 4) : `${formatNumber(v)} ${unit}`;
}

export function metricLabel(metric: MetricId): string {
  return METRIC_INFO[metric].label;
}

export function statLabel(stat: Stat): string {
  return stat;
}

/**
 * The delta of a row as text: `-3.2 ms (-8.3%)`. A row whose delta was withheld (not a formal
 * comparison) has none to print, so no face can show a gain the evidence does not support.
 */
export function formatDelta(row: Pick<MetricRow, 'delta' | 'delta_pct' | 'unit'>): string {
  if (row.delta === null) return '—';
  const sign = row.delta > 0 ? '+' : '';
  const abs = row.unit === 'score' ? `${sign}${formatNumber(row.delta, 4)}` : `${sign}${formatNumber(row.delta)} ${row.unit}`;
  if (row.delta_pct === null) return abs;
  const pctSign = row.delta_pct > 0 ? '+' : '';
  const pct = Math.abs(row.delta_pct) < 1 ? row.delta_pct.toFixed(2) : row.delta_pct.toFixed(1);
  return `${abs} (${pctSign}${pct}%)`;
}

/** Whether the change went the good way for this metric. */
export function improved(row: Pick<MetricRow, 'delta' | 'better'>): boolean | null {
  if (row.delta === null || row.delta === 0) return null;
  return row.better === 'lower' ? row.delta < 0 : row.delta > 0;
}
