// Run kinds and what each kind's run root is expected to hold (formats.md section 1).

export const RUN_KINDS = ['perf', 'accuracy', 'profiling', 'eval', 'capacity', 'compute'] as const;
export type ConventionalKind = (typeof RUN_KINDS)[number];
/** `other`: a folder matched by a configured glob whose kind could not be told from its path or content. */
export type RunKind = ConventionalKind | 'other';

export function isRunKind(name: string): name is ConventionalKind {
  return (RUN_KINDS as readonly string[]).includes(name);
}

/**
 * One expected artifact. `pattern` is a single path segment or a short relative path; `*` matches
 * within one segment. `dir` says the artifact is a folder.
 */
export interface ArtifactRule {
  readonly id: string;
  readonly pattern: string;
  readonly dir?: boolean;
  readonly required: boolean;
  /** Alternatives that satisfy the same rule (e.g. manifest.yaml for manifest.md). */
  readonly anyOf?: readonly string[];
}

const manifest: ArtifactRule = { id: 'manifest', pattern: 'manifest.md', anyOf: ['manifest.md', 'manifest.yaml', 'manifest.yml'], required: true };
const report: ArtifactRule = { id: 'report', pattern: 'report.md', required: true };

export const ARTIFACT_RULES: Record<RunKind, readonly ArtifactRule[]> = {
  perf: [
    manifest,
    { id: 'env', pattern: 'env', dir: true, required: true },
    { id: 'service', pattern: 'service', dir: true, required: true },
    { id: 'evalscope', pattern: 'evalscope', dir: true, required: true },
    { id: 'metrics', pattern: 'metrics.json', required: true },
    report,
  ],
  accuracy: [
    manifest,
    { id: 'request_config', pattern: 'request_config.json', required: true },
    { id: 'dataset_config', pattern: 'dataset_config.json', required: false },
    { id: 'raw_predictions', pattern: 'raw_predictions.jsonl', required: true },
    { id: 'failed_cases', pattern: 'failed_cases.jsonl', required: true },
    { id: 'score', pattern: 'score.json', required: true },
    report,
    { id: 'service_log_excerpt', pattern: 'service_log_excerpt.txt', required: false },
  ],
  profiling: [
    manifest,
    { id: 'capture', pattern: 'PROF_*', anyOf: ['PROF_*', '*_ascend_pt', 'ASCEND_PROFILER_OUTPUT'], dir: true, required: true },
    { id: 'capture_log', pattern: 'capture.log', required: false },
    { id: 'workload_log', pattern: 'workload.log', required: false },
    { id: 'analysis', pattern: 'analysis.json', required: false },
    { id: 'five_tables', pattern: 'five_tables.md', required: false },
    { id: 'timeline_notes', pattern: 'timeline_notes.md', required: false },
    { id: 'bubble_table', pattern: 'bubble-table.csv', required: false },
  ],
  eval: [
    manifest,
    { id: 'env', pattern: 'env', dir: true, required: true },
    { id: 'service', pattern: 'service', dir: true, required: true },
    { id: 'perf', pattern: 'perf', dir: true, required: true },
    { id: 'accuracy', pattern: 'accuracy', dir: true, required: true },
    report,
  ],
  capacity: [
    manifest,
    { id: 'startup_log', pattern: 'startup-log-excerpt.txt', required: true },
    { id: 'capacity', pattern: 'capacity.json', required: true },
    report,
  ],
  compute: [
    manifest,
    { id: 'compute_estimate', pattern: 'compute-estimate.json', required: true },
    { id: 'mfu_table', pattern: 'mfu-table.md', required: true },
    { id: 'what_if', pattern: 'what-if.md', required: true },
  ],
  other: [manifest],
};

export const MANIFEST_FILE_NAMES = ['manifest.md', 'manifest.yaml', 'manifest.yml'] as const;
