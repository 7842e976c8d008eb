// Reads evalscope benchmark_percentile.json: rows labelled by `Percentile` (<= 0.15) or `Percentiles` (>= 0.16).
import { setPercentile, type Percentiles } from './benchmarkRecord';
import { PERCENTILE_LABEL_KEYS, PERCENTILE_METRICS } from './evalscopeKeys';
import { finiteNumber, msPerUnit, splitKey, toMs } from './metricUnits';
import type { ProblemSink } from './metricsProblems';

export interface PercentileReading {
  readonly percentiles: Percentiles;
  readonly labelKey: 'Percentile' | 'Percentiles' | null;
  /** Normalized labels seen: `p50`, `max`, `min`. */
  readonly labels: ReadonlySet<string>;
}

/** `50%` -> `p50`, `99.9%` -> `p99.9`, `max`/`min` as they are; anything else null. */
export function percentileLabel(raw: unknown): string | null {
  if (typeof raw !== 'string' && typeof raw !== 'number') return null;
  const text = String(raw).trim().toLowerCase();
  if (text === 'max' || text === 'min') return text;
  const m = /^(\d+(?:\.\d+)?)\s*%?$/.exec(text);
  if (!m) return null;
  return `p${String(Number(m[1]))}`;
}

/** Accepts the row list evalscope writes, and the column form ({label: [...], metric: [...]}) some versions keep. */
function toRows(json: unknown): Record<string, unknown>[] | null {
  if (Array.isArray(json)) return json.filter((r): r is Record<string, unknown> => !!r && typeof r === 'object' && !Array.isArray(r));
  if (json && typeof json === 'object') {
    const cols = json as Record<string, unknown>;
    const labelKey = PERCENTILE_LABEL_KEYS.find((k) => Array.isArray(cols[k]));
    if (!labelKey) return null;
    const labels = cols[labelKey] as unknown[];
    return labels.map((label, i) => {
      const row: Record<string, unknown> = { [labelKey]: label };
      for (const [k, v] of Object.entries(cols)) if (Array.isArray(v) && k !== labelKey) row[k] = v[i];
      return row;
    });
  }
  return null;
}

/** Never throws; unknown columns are skipped, a time column without a unit suffix is reported once. */
export function readEvalscopePercentiles(json: unknown, problems: ProblemSink): PercentileReading {
  const percentiles: Percentiles = {};
  const labels = new Set<string>();
  const rows = toRows(json);
  if (!rows) {
    problems.warn('not_object', Array.isArray(json) ? 'an array' : json === null ? 'null' : typeof json);
    return { percentiles, labelKey: null, labels };
  }
  let labelKey: 'Percentile' | 'Percentiles' | null = null;
  const columns = new Map<string, { metric: string; factor: number } | null>();
  for (const row of rows) {
    const key = PERCENTILE_LABEL_KEYS.find((k) => k in row);
    if (!key) continue;
    const label = percentileLabel(row[key]);
    if (!label) continue;
    labelKey ??= key;
    labels.add(label);
    for (const [column, raw] of Object.entries(row)) {
      if (column === key) continue;
      let target = columns.get(column);
      if (target === undefined) {
        const { base, unit } = splitKey(column);
        const spec = PERCENTILE_METRICS.get(base);
        target = null;
        if (spec && spec.time) {
          const factor = msPerUnit(unit);
          if (factor !== null) target = { metric: spec.metric, factor };
          else if (unit === null) problems.warn('unit_missing', column);
          else problems.warn('unit_unknown', column, unit);
        } else if (spec) target = { metric: spec.metric, factor: 1 };
        columns.set(column, target);
      }
      const value = finiteNumber(raw);
      if (target && value !== null) {
        const ms = toMs(value, target.factor);
        // Overflowing the conversion leaves the value as unknown as NaN would.
        if (Number.isFinite(ms)) setPercentile(percentiles, target.metric, label, ms);
        else problems.nonFinite([column]);
      }
    }
  }
  if (!labelKey) problems.warn('percentile_no_rows');
  return { percentiles, labelKey, labels };
}
