// Compares a baseline and a current run: fairness table, metrics against tolerance, evidence rules and
// the overall verdict. Pure: RunEvidence in, a Comparison (comparisonSchema) out.
import type { Comparison, MetricId, MetricRow, RunRole, RunSummary, Stat } from './comparisonSchema';
import { decideVerdict, gainWithheldMessage, renderReason } from './comparisonVerdict';
import { checkRunEvidence, isProfilingRun, profilingSignals, runLevel, warmupOf, type ReasonDraft } from './evidenceChecks';
import { declaredExperiment, fairnessTable } from './fairnessTable';
import { compareAccuracy, compareMetrics, DEFAULT_GATING, type MetricComparison } from './metricComparison';
import { formatValue, metricLabel } from './metricFormat';
import { manifestValue, type RunEvidence } from './runEvidence';
import { resolveTolerances, type Tolerances } from './tolerance';

export interface CompareOptions {
  /** The one parameter allowed to differ; overrides what fairness_notes names. */
  readonly experiment?: string | null;
  readonly tolerances?: Partial<Tolerances>;
  /** Statistics that decide PASS/FAIL, per metric (default: averages of TTFT/TPOT/ITL and throughput). */
  readonly gating?: Readonly<Partial<Record<MetricId, readonly Stat[]>>>;
  /** How each run root is shown in the output (e.g. the path as typed); default its absolute path. */
  readonly displayPaths?: Partial<Record<RunRole, string>>;
}

const PERF_LIKE = new Set(['perf', 'eval', 'other']);

export function runSummary(run: RunEvidence, display?: string): RunSummary {
  const gate = run.gate ?? { present: run.entries.includes('env/'), verdict: null, reasons: [] };
  return {
    run_id: run.runId,
    kind: run.kind,
    root: display ?? run.runRoot,
    manifest: run.manifestFile ?? null,
    level: runLevel(run),
    framework: manifestValue(run, 'Code', 'framework') || run.metrics?.framework || null,
    commit: manifestValue(run, 'Code', 'commit') || run.metrics?.commit || null,
    model: manifestValue(run, 'Model', 'model_name') || run.metrics?.model || null,
    warmup_num: warmupOf(run),
    gate: { present: gate.present, verdict: gate.verdict, reasons: [...gate.reasons] },
    profiling: isProfilingRun(run) || profilingSignals(run).length > 0,
  };
}

function pairReasons(baseline: RunEvidence, current: RunEvidence): ReasonDraft[] {
  const same = baseline.kind === current.kind || (PERF_LIKE.has(baseline.kind) && PERF_LIKE.has(current.kind));
  return same ? [] : [{ code: 'kind_mismatch', effect: 'INCONCLUSIVE', run: null, args: [baseline.kind, current.kind] }];
}

function fairnessReasons(table: ReturnType<typeof fairnessTable>, experimentDeclared: boolean): ReasonDraft[] {
  const out: ReasonDraft[] = [];
  if (table.differences.length === 1 && !experimentDeclared) out.push({ code: 'experiment_not_declared', effect: 'INCONCLUSIVE', run: null, args: [table.differences[0]] });
  else if (table.differences.length) out.push({ code: 'fairness_difference', effect: 'INCONCLUSIVE', run: null, args: [table.differences.join(', ')] });
  if (table.unknown.length) out.push({ code: 'fairness_unknown', effect: 'INCONCLUSIVE', run: null, args: [table.unknown.join(', ')] });
  return out;
}

function metricReasons(cmp: MetricComparison, bothHaveNumbers: boolean): ReasonDraft[] {
  const out: ReasonDraft[] = [];
  if (!cmp.common.length) {
    if (bothHaveNumbers) out.push({ code: 'no_common_level', effect: 'INCONCLUSIVE', run: null, args: [] });
    return out;
  }
  for (const key of cmp.common) {
    const level = cmp.levels.find((l) => l.key === key)!;
    const gating = cmp.rows.filter((r) => r.level === key && r.gating);
    const missing = gating.filter((r) => r.status === 'missing');
    if (missing.length) {
      const effect = missing.length === gating.length ? 'INCONCLUSIVE' : 'note';
      out.push({ code: 'metric_missing', effect, run: null, args: [missing.map((r) => `${metricLabel(r.metric)} ${r.stat}`).join(', '), level.label_en] });
    }
    if (!gating.length) out.push({ code: 'metric_missing', effect: 'INCONCLUSIVE', run: null, args: ['TTFT/TPOT/ITL avg, throughput', level.label_en] });
    for (const r of gating.filter((g) => g.status === 'fail')) {
      out.push({ code: 'out_of_tolerance', effect: 'FAIL', run: null, args: [metricLabel(r.metric), r.stat, level.label_en, formatValue(r.current, r.unit), formatValue(r.baseline, r.unit), formatValue(r.limit, r.unit)] });
    }
  }
  return out;
}

/** Removes what a non-formal comparison may not show: deltas and per-row judgements. */
function withholdGain(rows: readonly MetricRow[]): MetricRow[] {
  return rows.map((r) => ({ ...r, delta: null, delta_pct: null, status: r.status === 'missing' ? 'missing' : 'withheld' }));
}

export function compareRuns(baseline: RunEvidence, current: RunEvidence, options: CompareOptions = {}): Comparison {
  const tolerances = resolveTolerances(options.tolerances);
  const experiment = declaredExperiment(baseline, current, options.experiment);
  const fairness = fairnessTable(baseline, current, experiment.field);
  const accuracyPair = baseline.kind === 'accuracy' && current.kind === 'accuracy';
  const metrics = accuracyPair ? compareAccuracy(baseline.accuracy, current.accuracy, tolerances) : compareMetrics(baseline.metrics, current.metrics, tolerances, options.gating ?? DEFAULT_GATING);
  const bothHaveNumbers = accuracyPair ? baseline.accuracy?.score != null && current.accuracy?.score != null : !!baseline.metrics && !!current.metrics;

  const drafts = [
    ...pairReasons(baseline, current),
    ...checkRunEvidence(baseline, 'baseline'),
    ...checkRunEvidence(current, 'current'),
    ...fairnessReasons(fairness, experiment.field !== null),
    ...metricReasons(metrics, bothHaveNumbers),
  ];
  const runIds = { baseline: baseline.runId, current: current.runId };
  let reasons = drafts.map((d) => renderReason(d, runIds));
  const decision = decideVerdict(reasons);
  // A tolerance judgement on evidence that is not formal would be a claim the evidence cannot carry.
  if (!decision.gainAllowed) reasons = reasons.filter((r) => r.effect !== 'FAIL');

  return {
    schema: 'xllm-compare/v1',
    baseline: runSummary(baseline, options.displayPaths?.baseline),
    current: runSummary(current, options.displayPaths?.current),
    experiment,
    tolerances,
    fairness: { fair: fairness.fair, rows: [...fairness.rows], differences: [...fairness.differences], unknown: [...fairness.unknown] },
    levels: metrics.levels,
    metrics: decision.gainAllowed ? metrics.rows : withholdGain(metrics.rows),
    verdict: decision.verdict,
    reasons,
    gain: {
      allowed: decision.gainAllowed,
      withheld_because: [...decision.withheldBecause],
      message_en: decision.gainAllowed ? null : gainWithheldMessage('en', reasons),
      message_zh: decision.gainAllowed ? null : gainWithheldMessage('zh-cn', reasons),
    },
  };
}

/** The verdict line of a comparison in a locale, e.g. `PASS` or `INCONCLUSIVE: 2 reason(s)`. */
export function verdictHeadline(cmp: Comparison, locale: 'en' | 'zh-cn' = 'en'): string {
  const blocking = cmp.reasons.filter((r) => r.effect !== 'note').length;
  if (!blocking) return cmp.verdict;
  return locale === 'zh-cn' ? `${cmp.verdict}：${blocking} 条原因` : `${cmp.verdict}: ${blocking} reason(s)`;
}

