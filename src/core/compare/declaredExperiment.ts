// The one parameter a comparison is allowed to vary: given as an option or named in fairness_notes.
import { flagKey } from './startupFlags';

export interface DeclaredExperiment {
  /** The parameter as given (`block_size`, `--enable_graph`, `dtype`), or null when none is declared. */
  readonly field: string | null;
  readonly source: 'option' | 'fairness_notes' | 'none';
}

/**
 * Names one parameter goes by: a manifest key and the startup flags that set it. Keys are compared
 * normalized (dashes stripped, '-' as '_', lower-case).
 */
const ALIASES: readonly (readonly string[])[] = [
  ['graph_enabled', 'enable_graph', 'graph', 'graph_mode', 'enable_acl_graph'],
  ['schedule_overlap', 'enable_schedule_overlap'],
  ['chunked_prefill', 'enable_chunked_prefill'],
  ['prefix_cache', 'enable_prefix_cache', 'enable_prefix_caching', 'prefix_caching'],
  ['block_size'],
  ['max_memory_utilization', 'gpu_memory_utilization', 'mem_fraction_static'],
  ['max_tokens_per_batch', 'max_num_batched_tokens'],
  ['max_seqs_per_batch', 'max_num_seqs'],
  ['tensor_parallel', 'tp', 'tp_size', 'tensor_parallel_size'],
  ['pipeline_parallel', 'pp', 'pp_size', 'pipeline_parallel_size'],
  ['speculative_tokens', 'num_speculative_tokens', 'speculative_num_steps', 'mtp', 'draft_model_path', 'draft_model'],
  // A quantized dtype (w8a8) and a quantization flag are one experiment.
  ['quantization', 'quant', 'quantize', 'quant_method', 'dtype'],
  ['physical_device_ids', 'ascend_rt_visible_devices', 'devices', 'device_ids'],
  ['model_path', 'model', 'model_name'],
  ['tokenizer_path', 'tokenizer'],
  ['parallel', 'concurrency', 'max_concurrency'],
];

const aliasIndex = new Map<string, readonly string[]>();
for (const group of ALIASES) for (const name of group) aliasIndex.set(name, group);

export function normalizeParameter(name: string): string {
  return flagKey(name.trim().replace(/^`|`$/g, '').replace(/^[A-Za-z]+\./, '').replace(/\s+/g, '_'));
}

/** Every normalized name the parameter goes by, itself included. */
export function parameterNames(name: string): readonly string[] {
  const n = normalizeParameter(name);
  return aliasIndex.get(n) ?? [n];
}

/** Whether a fairness field (manifest key or startup flag key) is the declared experiment. */
export function isExperimentField(fieldNames: readonly string[], experiment: string | null): boolean {
  if (!experiment) return false;
  const allowed = new Set(parameterNames(experiment));
  return fieldNames.some((f) => parameterNames(f).some((n) => allowed.has(n)));
}

// Phrases that name the experiment; the capture is one parameter name.
const NAME = '`?(-{0,2}[A-Za-z][\\w.-]*)`?';
const PATTERNS: readonly RegExp[] = [
  new RegExp(`experiment(?:al)?(?:\\s+(?:parameter|variable|knob|flag))?\\s*(?:is|=|:)\\s*${NAME}`, 'i'),
  new RegExp(`(?:only|single|sole)\\s+(?:change|difference|variable|parameter)\\s*(?:is|=|:)\\s*${NAME}`, 'i'),
  new RegExp(`${NAME}\\s+is\\s+the\\s+(?:only\\s+|one\\s+|single\\s+)?(?:experiment|change|difference|variable)`, 'i'),
  new RegExp(`(?:only|except(?:\\s+for)?|varies|varying|vary)\\s+${NAME}`, 'i'),
  new RegExp(`实验(?:变量|参数)?\\s*(?:是|为|:|：)\\s*${NAME}`),
];

/**
 * The parameter fairness_notes names as the experiment, when it names a known one. `isKnown` says
 * whether a candidate is a comparable parameter, so prose like "the patch is the only change" declares none.
 */
export function experimentFromNotes(notes: string, isKnown: (name: string) => boolean): string | null {
  for (const re of PATTERNS) {
    for (const m of notes.matchAll(new RegExp(re.source, re.flags + 'g'))) if (isKnown(m[1])) return m[1];
  }
  return null;
}
