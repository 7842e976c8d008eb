// Reads evalscope benchmark_args.json: the client settings of one run (concurrency, warmup, workload, version).
import type { Workload } from './benchmarkRecord';
import { countValue, finiteNumber } from './metricUnits';

export interface ArgsReading {
  readonly concurrency: number | null;
  readonly requestRate: number | null;
  readonly version: string | null;
  readonly workload: Workload;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);
const bool = (v: unknown): boolean | null => (typeof v === 'boolean' ? v : null);
/** A single number; sweep runs may keep a list in the top-level args, which says nothing about one run. */
const single = (v: unknown): number | null => (Array.isArray(v) ? (v.length === 1 ? finiteNumber(v[0]) : null) : finiteNumber(v));

/** `--warmup-num` is a count when >= 1 and a share of `--number` when below 1 (evalscope >= 1.7.1). */
function warmupCount(raw: unknown, number: number | null): number | null {
  const w = finiteNumber(raw);
  if (w === null || w < 0) return null;
  if (w === 0) return 0;
  if (w >= 1) return Math.floor(w);
  return number === null ? null : Math.max(1, Math.floor(w * number));
}

/** Never throws; a non-object gives an all-unknown reading. */
export function readEvalscopeArgs(json: unknown): ArgsReading {
  const a = json && typeof json === 'object' && !Array.isArray(json) ? (json as Record<string, unknown>) : {};
  const number = countValue(single(a.number));
  const parallel = single(a.parallel);
  const rate = single(a.rate);
  const minTokens = countValue(a.min_tokens);
  const maxTokens = countValue(a.max_tokens);
  const minPrompt = countValue(a.min_prompt_length);
  const maxPrompt = countValue(a.max_prompt_length);
  const workload: Workload = {
    model: str(a.model) ?? str(a.name),
    number,
    warmup: warmupCount(a.warmup_num, number),
    stream: bool(a.stream),
    // Fixed lengths only: a range says nothing exact about one request.
    input_tokens: minPrompt !== null && minPrompt === maxPrompt ? maxPrompt : null,
    output_tokens: minTokens !== null && minTokens === maxTokens ? maxTokens : null,
    temperature: finiteNumber(a.temperature),
    top_p: finiteNumber(a.top_p),
    top_k: countValue(a.top_k),
  };
  return {
    concurrency: parallel !== null && Number.isSafeInteger(parallel) && parallel > 0 ? parallel : null,
    requestRate: rate !== null && rate > 0 ? rate : null,
    version: str(a.evalscope_version) ?? str(a.version),
    workload,
  };
}
