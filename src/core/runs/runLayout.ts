// Tells from a folder's path (and, when needed, its entries) whether it is a run root and of which kind.
import { isRunKind, type RunKind } from './runKinds';

/** Segments of a path relative to the scanned folder, '/'-separated. */
export type Segments = readonly string[];

export type LayoutMatch =
  | { readonly kind: RunKind; readonly certain: true }
  /** `profiling/<id>` is also a common source folder name: it is a run root only if its entries say so. */
  | { readonly kind: 'profiling'; readonly certain: false }
  | null;

export function matchConventionalLayout(segments: Segments): LayoutMatch {
  const n = segments.length;
  if (n >= 3 && segments[n - 3] === 'runs' && isRunKind(segments[n - 2])) {
    return { kind: segments[n - 2] as RunKind, certain: true };
  }
  if (n >= 2 && segments[n - 2] === 'profiling') return { kind: 'profiling', certain: false };
  return null;
}

const PROFILING_MARKERS = [/^manifest\.(md|ya?ml)$/, /^PROF_/, /_ascend_pt$/, /^ASCEND_PROFILER_OUTPUT$/, /^capture\.log$/, /^analysis\.json$/];

/** Whether the entries of a `profiling/<id>` folder show it is a profiling run root. */
export function looksLikeProfilingRun(entryNames: readonly string[]): boolean {
  return entryNames.some((name) => PROFILING_MARKERS.some((re) => re.test(name)));
}

/** Kind of a glob-matched folder: from its path first, then from what it holds. */
export function inferKind(segments: Segments, entryNames: readonly string[]): RunKind {
  for (let i = segments.length - 2; i >= 0; i--) {
    const s = segments[i];
    if (isRunKind(s)) return s;
  }
  const has = (re: RegExp) => entryNames.some((e) => re.test(e));
  if (has(/^(PROF_|.*_ascend_pt$|ASCEND_PROFILER_OUTPUT$)/)) return 'profiling';
  if (has(/^score\.json$/)) return 'accuracy';
  if (has(/^(evalscope|metrics\.json)$/)) return 'perf';
  if (has(/^capacity\.json$/)) return 'capacity';
  if (has(/^compute-estimate\.json$/)) return 'compute';
  return 'other';
}
