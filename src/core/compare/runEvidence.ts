// What a comparison knows about one run root: its manifest as text, its metrics and what files it holds.
// Pure data, so crafted evidence drives every comparison rule in tests without touching a disk.
import type { ManifestDocument } from '../manifest/manifestModel';
import type { RunKind } from '../runs/runKinds';
import type { Metrics } from '../schemas/metricsSchema';
import type { ManifestText } from './manifestText';

export type { ManifestText } from './manifestText';

/** The precheck gate of a run: whether env/ is there and, when it was evaluated, its verdict. */
export interface GateEvidence {
  readonly present: boolean;
  /** env/ file names found. */
  readonly files: readonly string[];
  /** Null when the snapshots were not evaluated. */
  readonly verdict: 'pass' | 'fail' | 'incomplete' | null;
  /** Why the gate failed or is incomplete, one line each. */
  readonly reasons: readonly string[];
}

/** score.json of an accuracy run, as far as it could be read. */
export interface AccuracyEvidence {
  readonly score: number | null;
  /** L1..L5 when recorded. */
  readonly level: string | null;
  readonly dataset: string | null;
  readonly numCorrect: number | null;
  readonly numTotal: number | null;
  readonly failedCaseCount: number | null;
  readonly status: string | null;
  /** failed_cases.jsonl relative to the run root, or null when absent. */
  readonly failedCasesFile: string | null;
}

export interface RunEvidence {
  /** Absolute path of the run root. */
  readonly runRoot: string;
  readonly kind: RunKind;
  /** The manifest's run_id when filled, else the folder name. */
  readonly runId: string;
  /** Section -> key -> raw text value ('' = not filled); empty when there is no manifest. */
  readonly manifest: ManifestText;
  readonly metrics: Metrics | null;
  /** Top-level entries of the run root; folders end with '/'. */
  readonly entries: readonly string[];
  /** manifest.md / manifest.yaml / manifest.yml, or null when absent. */
  readonly manifestFile?: string | null;
  readonly manifestProblems?: readonly string[];
  /** The parsed manifest, when read from disk; rules that need natural types (commit, warmup) use it. */
  readonly document?: ManifestDocument | null;
  /** Why metrics.json is present but unusable. */
  readonly metricsProblem?: string | null;
  /** Files below the run root ('/'-separated, relative), from a bounded walk; undefined when not listed. */
  readonly files?: readonly string[];
  readonly gate?: GateEvidence;
  readonly accuracy?: AccuracyEvidence | null;
  /** evalscope benchmark_args.json objects, with their paths relative to the run root. */
  readonly benchmarkArgs?: readonly { readonly file: string; readonly args: Record<string, unknown> }[];
  /** Saved benchmark scripts (`bench.sh`, `evalscope_perf.sh`), relative path and text. */
  readonly benchmarkScripts?: readonly { readonly file: string; readonly text: string }[];
  /** service/command.sh (or the startup_script) text when it could be read. */
  readonly launchScript?: { readonly file: string; readonly text: string } | null;
}

/** A manifest value as text; '' when the section, the key or the value is missing. */
export function manifestValue(run: Pick<RunEvidence, 'manifest'>, section: string, key: string): string {
  return run.manifest[section]?.[key] ?? '';
}

/** Whether the run root holds a top-level entry (a folder is written with a trailing '/'). */
export function hasEntry(run: Pick<RunEvidence, 'entries'>, name: string): boolean {
  return run.entries.includes(name);
}

/** Files below the run root, falling back to the top-level files when no walk was made. */
export function runFiles(run: Pick<RunEvidence, 'entries' | 'files'>): readonly string[] {
  return run.files ?? run.entries.filter((e) => !e.endsWith('/'));
}
