// What a caller knows around a manifest (its run root, metrics.json, other runs), filled by the face that has a file system.
import type { Locale } from '../i18n/locale';
import type { ManifestDocument } from '../manifest/manifestModel';
import { matchConventionalLayout } from '../runs/runLayout';
import type { RunKind } from '../runs/runKinds';
import type { RunRecord } from '../runs/runRecord';

export interface ValidationContext {
  /** Kind of the run root; when absent it is told from the file name's folders (runs/perf/<id>/...). */
  readonly runKind?: RunKind;
  /** Folder name of the run root. */
  readonly runId?: string;
  /**
   * Paths under the run root, '/'-separated, folders ending in '/', as deep as the caller listed
   * (PROF_x/mindstudio_profiler_output/ needs two levels). Undefined: the run root is unknown.
   */
  readonly entries?: readonly string[];
  /** Whether a path relative to the run root exists; falls back to `entries`. */
  readonly exists?: (relativePath: string) => boolean;
  /** Parsed metrics.json of the run: null when the file is absent, undefined when not looked at. */
  readonly metrics?: Readonly<Record<string, unknown>> | null;
  /** Parsed score.json of an accuracy run, same convention. */
  readonly score?: Readonly<Record<string, unknown>> | null;
  /**
   * The other runs of the workspace by run_id, as compact records (src/core/runs/runRecords.ts) or parsed
   * manifests; undefined when not looked at.
   */
  readonly runs?: ReadonlyMap<string, RunRecord | ManifestDocument>;
}

/** Everything a rule reads. */
export interface RuleInput {
  readonly doc: ManifestDocument;
  readonly locale: Locale;
  readonly context: ValidationContext;
  /** The run's kind, from the context or the file's path; undefined when neither says. */
  readonly kind: RunKind | undefined;
}

/** The run kind a manifest's path shows (`runs/accuracy/<id>/manifest.md` -> accuracy). */
export function kindFromFileName(fileName: string): RunKind | undefined {
  const segments = fileName.split(/[\\/]+/).filter(Boolean);
  const match = matchConventionalLayout(segments.slice(0, -1));
  return match?.kind;
}

/** Whether a relative path exists in the run root, by `exists` or by `entries`; undefined when unknown. */
export function pathExists(context: ValidationContext, relativePath: string): boolean | undefined {
  const p = relativePath.replace(/\\/g, '/').replace(/^\.\//, '').replace(/\/+$/, '');
  if (p === '' || p === '.') return true;
  if (context.exists) return context.exists(p);
  if (!context.entries) return undefined;
  return context.entries.some((e) => e === p || e === `${p}/` || e.startsWith(`${p}/`));
}
