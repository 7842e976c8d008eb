// What the timeline comparison shows beside its lanes: the core profile comparison (kernel diff per OP Type,
// decode-step gap distributions on shared buckets) of the two captures, reduced to the page's protocol shape.
// Plain Node: no editor API here, so tests call it directly.
import * as path from 'node:path';
import type { Locale } from '../../core/i18n/locale';
import { BoundaryError } from '../../core/profiling/gapAnalysis';
import { compareProfiles, type ProfileComparison } from '../../core/profiling/profileComparison';
import { analyzeProfile } from '../../core/profiling/profileReport';
import { problemText } from '../../core/profiling/profilingMessages';
import { findProfilingOutputs } from '../../core/profiling/profilingOutputs';
import { FileProfilingSource } from '../../core/profiling/profilingSource';
import { MAX_KERNEL_ROWS, type CompareTables, type GapDistribution } from '../../shared/timelineCompareProtocol';
import type { GapBoundary, TraceIdentity } from '../../shared/timelineProtocol';

/** Folder whose profiling outputs a timeline identity stands for: its run root, else the first trace's folder. */
export function profilingFolderOf(identity: TraceIdentity): string {
  return identity.runRoot ?? path.dirname(identity.files[0]);
}

const distribution = (g: ProfileComparison['gaps']['baseline']): GapDistribution => ({
  pairs: g.pair_count,
  minUs: g.gap_min_us,
  medianUs: g.gap_median_us,
  meanUs: g.gap_mean_us,
  p90Us: g.gap_p90_us,
  maxUs: g.gap_max_us,
});

/** The comparison as the page draws it: kernel rows keep the core's |delta| order; problems are given already localized. */
export function compareTablesOf(c: ProfileComparison, problems: readonly string[] = []): CompareTables {
  const k = c.kernel_diff;
  const rows = k.rows.slice(0, MAX_KERNEL_ROWS).map((r) => ({
    opType: r.op_type,
    baseline: r.baseline ? { count: r.baseline.count, totalUs: r.baseline.total_us } : null,
    current: r.current ? { count: r.current.count, totalUs: r.current.total_us } : null,
    deltaUs: r.delta_total_us,
  }));
  return {
    boundary: { previous: c.boundary.previous, next: c.boundary.next },
    kernel: {
      baselineSource: k.baseline_source,
      currentSource: k.current_source,
      baselineTotalUs: k.baseline_total_us,
      currentTotalUs: k.current_total_us,
      rows,
      omitted: k.rows.length - rows.length,
    },
    gaps: {
      baseline: distribution(c.gaps.baseline),
      current: distribution(c.gaps.current),
      histogram: { edgesUs: c.gaps.histogram.edges_us, baseline: c.gaps.histogram.baseline, current: c.gaps.histogram.current },
    },
    problems,
  };
}

export interface ComparedPair {
  readonly baseline: { readonly label: string; readonly identity: TraceIdentity };
  readonly current: { readonly label: string; readonly identity: TraceIdentity };
}

/**
 * Analyses both captures with the same boundary (the same core as "Compare Profiling Runs..." and
 * `xwf analyze --compare`) and reduces the comparison for the page. Throws BoundaryError for a bad boundary.
 */
export async function compareTimelinePair(pair: ComparedPair, boundary: GapBoundary, locale: Locale): Promise<CompareTables> {
  // The gap analysis compiles the regexes (a bad one throws BoundaryError); an empty one would match every slice.
  for (const [side, src] of [['previous', boundary.previous], ['next', boundary.next]] as const) if (!src.trim()) throw new BoundaryError(`the ${side} boundary is empty`);
  const checked = { previous: boundary.previous, next: boundary.next };
  const analyze = async (identity: TraceIdentity) => analyzeProfile(new FileProfilingSource(await findProfilingOutputs(profilingFolderOf(identity))), { boundary: checked });
  const [b, c] = await Promise.all([analyze(pair.baseline.identity), analyze(pair.current.identity)]);
  const comparison = compareProfiles(b, c, { baseline: pair.baseline.label, current: pair.current.label });
  const problems = [...b.problems.map((p) => `${pair.baseline.label}: ${problemText(locale, p)}`), ...c.problems.map((p) => `${pair.current.label}: ${problemText(locale, p)}`)];
  return compareTablesOf(comparison, problems);
}
