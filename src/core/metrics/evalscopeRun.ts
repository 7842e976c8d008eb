// One evalscope run folder (summary, percentiles, args, folder name) normalized into a BenchmarkRecord.
import { blankRecord, completeCounts, hasMetrics, type BenchmarkRecord } from './benchmarkRecord';
import { readEvalscopeArgs } from './evalscopeArgs';
import { inferEvalscopeVersion } from './evalscopeKeys';
import { readEvalscopePercentiles } from './evalscopePercentiles';
import { readEvalscopeSummary } from './evalscopeSummary';
import { parseJsonText } from './lenientJson';
import type { ProblemSink } from './metricsProblems';

export const EVALSCOPE_SUMMARY = 'benchmark_summary.json';
export const EVALSCOPE_PERCENTILE = 'benchmark_percentile.json';
export const EVALSCOPE_ARGS = 'benchmark_args.json';

export interface EvalscopeRunTexts {
  /** Folder of the run relative to the collected folder, '/'-separated ('' for the folder itself). */
  readonly relDir: string;
  readonly summary: string;
  /** null when the file is absent. */
  readonly percentile: string | null;
  /** The percentile file exists but could not be read (already reported): not "missing". */
  readonly percentileUnreadable?: boolean;
  readonly args: string | null;
}

/** `parallel_8_number_100` / `rate_2.5_number_100` (>= 1.5 layouts); older flat runs have no such folder. */
export function runFolderSettings(folderName: string): { concurrency: number | null; requestRate: number | null; number: number | null } {
  const m = /^(parallel|rate)_([\d.]+)_number_(\d+)$/.exec(folderName);
  if (!m) return { concurrency: null, requestRate: null, number: null };
  const v = Number(m[2]);
  const n = Number(m[3]);
  return {
    concurrency: m[1] === 'parallel' && Number.isSafeInteger(v) && v > 0 ? v : null,
    requestRate: m[1] === 'rate' && Number.isFinite(v) && v > 0 ? v : null,
    number: Number.isSafeInteger(n) ? n : null,
  };
}

const join = (dir: string, name: string) => (dir ? `${dir}/${name}` : name);

/**
 * Reads the run; `problems` is the sink of the summary file (sibling files report against their own path).
 * Returns null when the summary is unreadable or holds no benchmark metric.
 */
export function readEvalscopeRun(texts: EvalscopeRunTexts, problems: ProblemSink): BenchmarkRecord | null {
  const summaryFile = join(texts.relDir, EVALSCOPE_SUMMARY);
  const parsed = parseJsonText(texts.summary);
  if (!parsed.ok) {
    problems.jsonFailure(parsed.failure);
    return null;
  }
  problems.nonFinite(parsed.nonFinite);
  const summary = readEvalscopeSummary(parsed.value, problems);
  const record = blankRecord('evalscope', summaryFile);
  const v = summary.values;

  let percentileFacts: { labelKey: 'Percentile' | 'Percentiles' | null; labels: ReadonlySet<string> } | null = null;
  const percentileSink = problems.forFile(join(texts.relDir, EVALSCOPE_PERCENTILE));
  if (texts.percentile === null) {
    if (summary.keys.size && !texts.percentileUnreadable) percentileSink.warn('percentile_missing');
  } else {
    const p = parseJsonText(texts.percentile);
    if (p.ok) {
      percentileSink.nonFinite(p.nonFinite);
      const reading = readEvalscopePercentiles(p.value, percentileSink);
      record.percentiles = reading.percentiles;
      percentileFacts = reading;
    } else percentileSink.jsonFailure(p.failure);
  }

  let args = null;
  if (texts.args !== null) {
    const a = parseJsonText(texts.args);
    const argsSink = problems.forFile(join(texts.relDir, EVALSCOPE_ARGS));
    if (a.ok) {
      argsSink.nonFinite(a.nonFinite);
      args = readEvalscopeArgs(a.value);
    } else argsSink.jsonFailure(a.failure);
  }

  const folder = runFolderSettings(texts.relDir.slice(texts.relDir.lastIndexOf('/') + 1));
  record.concurrency = v.concurrency ?? args?.concurrency ?? folder.concurrency;
  // A rate the summary states wins; its -1 ("no limit") becomes null unless args or the folder name give a rate.
  const stated = v.request_rate === undefined ? undefined : v.request_rate > 0 ? v.request_rate : null;
  const rate = stated || (args?.requestRate ?? folder.requestRate ?? stated);
  if (rate !== undefined) record.request_rate = rate;
  record.total = v.total ?? null;
  record.success = v.success ?? null;
  record.failed = v.failed ?? null;
  completeCounts(record);
  if (v.duration !== undefined) record.duration_s = v.duration;
  record.ttft_ms = v.ttft ?? null;
  record.tpot_ms = v.tpot ?? null;
  record.itl_ms = v.itl ?? null;
  record.e2e_ms = v.e2e ?? null;
  record.output_tps = v.output_tps ?? null;
  record.total_tps = v.total_tps ?? null;
  record.request_throughput = v.request_throughput ?? null;
  if (v.avg_input_tokens !== undefined) record.avg_input_tokens = v.avg_input_tokens;
  if (v.avg_output_tokens !== undefined) record.avg_output_tokens = v.avg_output_tokens;
  if (v.decoded_tok_per_iter !== undefined || v.accept_rate !== undefined) {
    record.speculative = { decoded_tok_per_iter: v.decoded_tok_per_iter ?? null, accept_rate: v.accept_rate ?? null };
  }
  if (args) {
    record.workload = { ...args.workload, number: args.workload.number ?? folder.number };
  } else if (folder.number !== null) {
    record.workload = { number: folder.number };
  }

  if (args?.version) {
    record.source.version = args.version;
    record.source.version_source = 'args';
  } else {
    record.source.version = inferEvalscopeVersion({
      keys: summary.keys,
      percentileLabelKey: percentileFacts?.labelKey ?? null,
      percentileLabels: percentileFacts?.labels,
    });
    record.source.version_source = record.source.version ? 'keys' : null;
  }

  if (!hasMetrics(record)) {
    if (!problems.drafts.some((d) => d.file === problems.file && d.code === 'not_object')) problems.error('no_metrics');
    return null;
  }
  return record;
}
