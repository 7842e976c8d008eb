// Reads one evalscope benchmark_summary.json object (any version) into normalized fields.
import { SUMMARY_FIELDS, WHOLE_KEY_NAMES, type FieldSpec, type SummaryField } from './evalscopeKeys';
import { countValue, finiteNumber, msPerUnit, splitKey, toMs } from './metricUnits';
import type { ProblemSink } from './metricsProblems';

/** Summary values by field; times already in milliseconds (duration in seconds). */
export type SummaryValues = Partial<Record<SummaryField, number>>;

export interface SummaryReading {
  readonly values: SummaryValues;
  /** Every key of the object, for version inference. */
  readonly keys: ReadonlySet<string>;
}

function fieldOf(key: string): { spec: FieldSpec; unit: string | null } | null {
  const whole = key.trim().toLowerCase().replace(/\s+/g, ' ');
  if (WHOLE_KEY_NAMES.has(whole)) return { spec: SUMMARY_FIELDS.get(whole)!, unit: null };
  const { base, unit } = splitKey(key);
  const spec = SUMMARY_FIELDS.get(base);
  return spec ? { spec, unit } : null;
}

/** Never throws: anything that is not an object of recognizable keys yields empty values and a problem. */
export function readEvalscopeSummary(json: unknown, problems: ProblemSink): SummaryReading {
  const values: SummaryValues = {};
  if (!json || typeof json !== 'object' || Array.isArray(json)) {
    problems.error('not_object', Array.isArray(json) ? 'an array' : json === null ? 'null' : typeof json);
    return { values, keys: new Set() };
  }
  const obj = json as Record<string, unknown>;
  const keys = new Set(Object.keys(obj));
  for (const key of keys) {
    const hit = fieldOf(key);
    if (!hit) continue;
    const { spec, unit } = hit;
    const raw = obj[key];
    if (raw === null || raw === undefined) continue;
    if (spec.kind === 'count') {
      const n = countValue(raw);
      if (n !== null) values[spec.field] = n;
      continue;
    }
    const n = finiteNumber(raw);
    if (n === null) continue;
    if (spec.field === 'request_rate') {
      values.request_rate = n; // -1 is evalscope's "no rate limit"; the run reader makes it null
      continue;
    }
    if (n < 0) {
      problems.warn('negative_value', key, n); // evalscope writes -1 when no request succeeded
      continue;
    }
    if (spec.kind === 'time') {
      const factor = msPerUnit(unit);
      if (factor === null) {
        if (unit === null) problems.warn('unit_missing', key);
        else problems.warn('unit_unknown', key, unit);
        continue;
      }
      // Duration stays in seconds; every latency becomes milliseconds.
      const converted = spec.field === 'duration' ? (factor === 1000 ? n : toMs(n, factor) / 1000) : toMs(n, factor);
      // A value so large that converting it overflows is as unknown as NaN.
      if (!Number.isFinite(converted)) {
        problems.nonFinite([key]);
        continue;
      }
      values[spec.field] = converted;
      continue;
    }
    values[spec.field] = n;
  }
  return { values, keys };
}
