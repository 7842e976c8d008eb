// Builds a run's metrics.json: the stable names of formats.md section 3 (unknown -> null) plus the benchmark records.
import { FRAMEWORKS, keySpec, LEVELS } from '../manifest/manifestSpec';
import { parseValue } from '../manifest/valueTypes';
import { STABLE_METRICS_KEYS, type Metrics, type StableMetricsKey } from '../schemas/metricsSchema';
import type { BenchmarkRecord } from './benchmarkRecord';
import { finiteNumber } from './metricUnits';

/**
 * Values known about the run, by manifest key (`run_id`, `framework`, `model_name`, `commit`, `parallel`, ...)
 * plus the server counters a manifest does not hold (`speculative_num_accepted_tokens_delta`,
 * `speculative_num_draft_tokens_delta`, `server_accept_rate`). Text values are read as the key's type.
 */
export type ManifestValues = Readonly<Record<string, unknown>>;

export const COLLECTOR_TOOL = 'xwf collect';

/** metrics.json name -> manifest key it comes from, when the names differ. */
const MANIFEST_KEY: Partial<Record<StableMetricsKey, string>> = { model: 'model_name' };

type Kind = 'text' | 'int' | 'number' | 'bool';
const KIND: Partial<Record<StableMetricsKey, Kind>> = {
  input_tokens: 'int',
  output_tokens: 'int',
  parallel: 'int',
  number: 'int',
  warmup_num: 'int',
  top_k: 'int',
  speculative_num_accepted_tokens_delta: 'int',
  speculative_num_draft_tokens_delta: 'int',
  temperature: 'number',
  top_p: 'number',
  server_accept_rate: 'number',
  stream: 'bool',
};

/** A manifest value in the type metrics.json wants, or null when absent or not of that type. */
function coerce(key: StableMetricsKey, manifestKey: string, raw: unknown): unknown {
  if (raw === undefined || raw === null) return null;
  let value: unknown = raw;
  if (typeof raw === 'string') {
    if (!raw.trim()) return null;
    const spec = keySpec(manifestKey);
    if (spec) {
      const parsed = parseValue(spec, raw);
      if (!parsed.ok) return null;
      value = parsed.value;
    }
  }
  switch (KIND[key] ?? 'text') {
    case 'int': {
      const n = finiteNumber(value);
      return n !== null && Number.isSafeInteger(n) ? n : null;
    }
    case 'number':
      return finiteNumber(value);
    case 'bool':
      if (typeof value === 'boolean') return value;
      if (value === 'true' || value === 'false') return value === 'true';
      return null;
    case 'text':
      if (key === 'framework') return (FRAMEWORKS as readonly unknown[]).includes(value) ? value : null;
      if (key === 'level') return (LEVELS as readonly unknown[]).includes(value) ? value : null;
      return typeof value === 'string' || typeof value === 'number' ? String(value) : null;
  }
}

/**
 * The record whose numbers become the top-level values: the one at the manifest's `parallel` when there
 * is one, else the only one, else the best-ranked (records are expected ranked, best first).
 */
export function pickHeadline(records: readonly BenchmarkRecord[], parallel: unknown): { record: BenchmarkRecord; reason: string } | null {
  if (!records.length) return null;
  const p = finiteNumber(typeof parallel === 'string' ? parallel.trim() : parallel);
  if (p !== null) {
    const match = records.find((r) => r.concurrency === p);
    if (match) return { record: match, reason: `concurrency ${p} = manifest parallel` };
  }
  if (records.length === 1) return { record: records[0], reason: 'the only benchmark' };
  return { record: records[0], reason: `best ranked of ${records.length} benchmarks` };
}

/**
 * A short fingerprint of a value the collector wrote. The stamp keeps fingerprints, not values, so a
 * find-and-replace over the file that changes a value cannot also make it look like the collector's.
 */
export function valueFingerprint(value: unknown): string {
  const text = JSON.stringify(value ?? null);
  let h = 0x811c9dc5; // FNV-1a, 32 bits: plenty to tell one value from another of the same key
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/** Builds metrics.json for one run; `records` ranked best first (as collectMetrics returns them). */
export function buildMetricsJson(records: readonly BenchmarkRecord[], manifestValues: ManifestValues = {}): Metrics {
  const fromManifest = {} as Record<StableMetricsKey, unknown>;
  for (const key of STABLE_METRICS_KEYS) {
    const manifestKey = MANIFEST_KEY[key] ?? key;
    fromManifest[key] = coerce(key, manifestKey, manifestValues[manifestKey]);
  }
  const headline = pickHeadline(records, manifestValues.parallel);
  const h = headline?.record;
  const w = h?.workload ?? {};
  const spec = h?.source.tool === 'evalscope' ? h.speculative : undefined;
  const or = <T>(manifest: unknown, fallback: T | null | undefined) => (manifest !== null ? manifest : (fallback ?? null));

  const metrics = {
    run_id: fromManifest.run_id,
    framework: fromManifest.framework,
    model: or(fromManifest.model, w.model),
    commit: fromManifest.commit,
    level: fromManifest.level,
    input_tokens: or(fromManifest.input_tokens, w.input_tokens),
    output_tokens: or(fromManifest.output_tokens, w.output_tokens),
    parallel: or(fromManifest.parallel, h?.concurrency),
    number: or(fromManifest.number, w.number ?? h?.total),
    warmup_num: or(fromManifest.warmup_num, w.warmup),
    stream: or(fromManifest.stream, w.stream),
    temperature: or(fromManifest.temperature, w.temperature),
    top_p: or(fromManifest.top_p, w.top_p),
    top_k: or(fromManifest.top_k, w.top_k),
    // Measured values always come from the benchmark, never from text in the manifest.
    ttft_ms: h?.ttft_ms ?? null,
    tpot_ms: h?.tpot_ms ?? null,
    itl_ms: h?.itl_ms ?? null,
    output_tps: h?.output_tps ?? null,
    request_throughput: h?.request_throughput ?? null,
    success: h?.success ?? null,
    total: h?.total ?? null,
    speculative_num_accepted_tokens_delta: fromManifest.speculative_num_accepted_tokens_delta,
    speculative_num_draft_tokens_delta: fromManifest.speculative_num_draft_tokens_delta,
    server_accept_rate: fromManifest.server_accept_rate,
    evalscope_decoded_tok_per_iter: spec?.decoded_tok_per_iter ?? null,
    evalscope_spec_accept_rate: spec?.accept_rate ?? null,
  } as Record<StableMetricsKey, unknown>;

  return {
    ...(metrics as Metrics),
    headline: headline
      ? { file: headline.record.source.file, ...(headline.record.source.index !== undefined ? { index: headline.record.source.index } : {}), reason: headline.reason }
      : null,
    benchmarks: [...records],
    collector: { tool: COLLECTOR_TOOL, written: Object.fromEntries(Object.entries(metrics).map(([k, v]) => [k, valueFingerprint(v)])) },
  };
}
