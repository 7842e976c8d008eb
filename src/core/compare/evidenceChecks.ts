// The evidence rules one run must meet before its numbers may stand in a before/after comparison
// (formats.md section 2 rules 1-4 and 6, section 4): each broken rule becomes a verdict reason.
import { missingFormalParts } from '../diagnostics/evidenceGrade';
import type { ReasonCode, ReasonEffect, RunRole } from './comparisonSchema';
import { hasEntry, manifestValue, runFiles, type RunEvidence } from './runEvidence';
import { parseStartupCommand } from './startupFlags';

export interface ReasonDraft {
  readonly code: ReasonCode;
  readonly effect: ReasonEffect;
  readonly run: RunRole | null;
  readonly args: readonly (string | number)[];
}

const draft = (code: ReasonCode, effect: ReasonEffect, run: RunRole | null, ...args: (string | number)[]): ReasonDraft => ({ code, effect, run, args });

/** smoke / quick / full from the manifest, else metrics.json. */
export function runLevel(run: RunEvidence): string | null {
  return manifestValue(run, 'Identity', 'level').toLowerCase() || run.metrics?.level || null;
}

function intOf(text: string): number | null {
  return /^\s*[+-]?\d+(\.0*)?\s*$/.test(text) ? Number(text) : null;
}

/** warmup_num from the manifest, else metrics.json, else the benchmark client's recorded settings. */
export function warmupOf(run: RunEvidence): number | null {
  const fromManifest = intOf(manifestValue(run, 'Workload', 'warmup_num'));
  if (fromManifest !== null) return fromManifest;
  if (typeof run.metrics?.warmup_num === 'number') return run.metrics.warmup_num;
  const fromClient = run.metrics?.benchmarks?.map((b) => b.workload?.warmup).find((w) => typeof w === 'number');
  return fromClient ?? null;
}

/** Signs that a profiler was attached while this run measured, each as a short phrase. */
export function profilingSignals(run: RunEvidence): string[] {
  const signals: string[] = [];
  const prof = run.entries.filter((e) => /^(PROF_[^/]*|[^/]*_ascend_pt|ASCEND_PROFILER_OUTPUT)\/$/.test(e));
  if (prof.length) signals.push(prof.map((e) => e.replace(/\/$/, '')).join(', '));
  if (hasEntry(run, 'capture.log')) signals.push('capture.log');
  if (manifestValue(run, 'Artifacts', 'profiling_artifact_dir')) signals.push('profiling_artifact_dir');
  const startup = manifestValue(run, 'Service', 'startup_command');
  const env = parseStartupCommand(startup).env;
  if (env.PROFILING_MODE) signals.push(`PROFILING_MODE=${env.PROFILING_MODE}`);
  if (/\bmsprof\b/.test(startup)) signals.push('msprof in startup_command');
  return signals;
}

export function isProfilingRun(run: RunEvidence): boolean {
  return run.kind === 'profiling';
}

/** A run-root-relative folder named by a manifest path value: relative as written, or absolute inside the run root. */
export function relativeArtifactDir(runRoot: string, value: string): string | null {
  if (!value) return null;
  const posix = value.replace(/\\/g, '/').replace(/\/+$/, '');
  if (!posix.startsWith('/') && !/^[A-Za-z]:/.test(posix)) return posix.replace(/^\.\//, '') || '.';
  const root = runRoot.replace(/\\/g, '/').replace(/\/+$/, '');
  if (posix === root) return '.';
  if (posix.startsWith(root + '/')) return posix.slice(root.length + 1);
  return posix.slice(posix.lastIndexOf('/') + 1);
}

/** Files under a run-root-relative folder ('.' = the whole run root). */
function filesUnder(run: RunEvidence, dir: string): readonly string[] {
  const files = runFiles(run);
  if (dir === '.') return files;
  return files.filter((f) => f.startsWith(dir + '/'));
}

function folderPresent(run: RunEvidence, dir: string): boolean {
  if (dir === '.') return true;
  if (run.files) return filesUnder(run, dir).length > 0;
  return hasEntry(run, `${dir.split('/')[0]}/`);
}

/** The raw benchmark output folder: perf_artifact_dir, else evalscope/ or perf/ when present. */
export function perfArtifactDir(run: RunEvidence): string | null {
  const declared = relativeArtifactDir(run.runRoot, manifestValue(run, 'Artifacts', 'perf_artifact_dir'));
  if (declared) return declared;
  for (const d of ['evalscope', 'perf', 'vllm', 'sglang', 'bench']) if (hasEntry(run, `${d}/`)) return d;
  return null;
}

/** Diff or patch files saved in the run root for a dirty worktree. */
export function diffFiles(run: RunEvidence): string[] {
  return runFiles(run).filter((f) => /\.(diff|patch)$/i.test(f) && f.split('/').length <= 2);
}

/** Raw artifacts a perf run must keep so its numbers can be traced: benchmark output and service logs. */
function missingRawArtifacts(run: RunEvidence): string[] {
  const missing: string[] = [];
  const perfDir = perfArtifactDir(run);
  if (!perfDir || !folderPresent(run, perfDir)) missing.push(perfDir ? `${perfDir}/` : 'raw benchmark output (perf_artifact_dir)');
  const logDir = relativeArtifactDir(run.runRoot, manifestValue(run, 'Artifacts', 'service_artifact_dir')) ?? relativeArtifactDir(run.runRoot, manifestValue(run, 'Service', 'log_dir')) ?? 'service';
  const logs = run.files ? filesUnder(run, logDir).filter((f) => /\.(log|txt)$/i.test(f) || /node_\d+/.test(f)) : hasEntry(run, `${logDir.split('/')[0]}/`) ? [logDir] : [];
  if (!logs.length) missing.push(`service logs (${logDir}/)`);
  return missing;
}

/**
 * Rule 1: what a formal result records; absent ones make it a debug result. Warmup is its own reason
 * (SMOKE_ONLY), so it is left out here. The parsed manifest decides when there is one, as in the diagnostics.
 */
function missingFormalFields(run: RunEvidence): string[] {
  if (run.document) {
    return missingFormalParts(run.document, run.kind)
      .filter((m) => m.part !== 'warmup')
      .map((m) => (m.part === 'workload' ? `workload (${m.keys.join(', ')})` : m.keys.join('/')));
  }
  const missing: string[] = [];
  if (!manifestValue(run, 'Code', 'commit') && !run.metrics?.commit) missing.push('commit');
  if (!manifestValue(run, 'Service', 'startup_command') && !run.launchScript) missing.push('startup_command');
  const workload = ['dataset', 'parallel', 'number'].filter((k) => !manifestValue(run, 'Workload', k));
  const metricsWorkload = run.metrics && run.metrics.parallel !== null && run.metrics.number !== null;
  if (workload.length && !(workload.every((k) => k !== 'dataset') && metricsWorkload)) missing.push(`workload (${workload.join(', ')})`);
  if (!manifestValue(run, 'Artifacts', 'perf_artifact_dir') && !manifestValue(run, 'Artifacts', 'metrics_json')) missing.push('raw artifact paths (perf_artifact_dir, metrics_json)');
  return missing;
}

function checkManifest(run: RunEvidence, role: RunRole, out: ReasonDraft[]): boolean {
  if (run.manifestFile === null || (run.manifestFile === undefined && !Object.keys(run.manifest).length)) {
    out.push(draft('manifest_missing', 'INCONCLUSIVE', role));
    return false;
  }
  if (!Object.keys(run.manifest).length && run.manifestProblems?.length) {
    out.push(draft('manifest_unreadable', 'INCONCLUSIVE', role, run.manifestProblems[0]));
    return false;
  }
  return true;
}

function checkProfiling(run: RunEvidence, role: RunRole, out: ReasonDraft[]): void {
  if (isProfilingRun(run)) out.push(draft('profiling_run', 'INCONCLUSIVE', role));
  else {
    const signals = profilingSignals(run);
    if (signals.length) out.push(draft('profiling_attached', 'INCONCLUSIVE', role, signals.join('; ')));
  }
}

function checkWorktree(run: RunEvidence, role: RunRole, out: ReasonDraft[]): void {
  const status = manifestValue(run, 'Code', 'git_status_short');
  if (status && !diffFiles(run).length) out.push(draft('dirty_without_diff', 'INCONCLUSIVE', role, status.length > 60 ? status.slice(0, 57) + '...' : status));
}

/** Rules for a performance run (perf, or the perf leg of an eval run). */
function checkPerfRun(run: RunEvidence, role: RunRole, out: ReasonDraft[]): void {
  const hasManifest = checkManifest(run, role, out);
  checkProfiling(run, role, out);
  if (runLevel(run) === 'smoke') out.push(draft('smoke_level', 'SMOKE_ONLY', role));
  const warmup = warmupOf(run);
  if (warmup === null || warmup < 1) out.push(draft('warmup_missing', 'SMOKE_ONLY', role, warmup === null ? 'not recorded' : warmup));
  const gate = run.gate ?? { present: hasEntry(run, 'env/'), files: [], verdict: null, reasons: [] };
  if (!gate.present) out.push(draft('gate_missing', 'INCONCLUSIVE', role));
  else if (gate.verdict === 'fail') out.push(draft('gate_failed', 'SMOKE_ONLY', role, gate.reasons.slice(0, 3).join('; ') || 'see env/'));
  else if (gate.verdict === 'incomplete') out.push(draft('gate_incomplete', 'INCONCLUSIVE', role, gate.reasons.slice(0, 3).join('; ') || 'see env/'));
  if (run.metricsProblem) out.push(draft('metrics_invalid', 'INCONCLUSIVE', role, run.metricsProblem));
  else if (!run.metrics) out.push(draft('metrics_missing', 'INCONCLUSIVE', role));
  const raw = missingRawArtifacts(run);
  if (raw.length) out.push(draft('raw_logs_missing', 'INCONCLUSIVE', role, raw.join(', ')));
  checkWorktree(run, role, out);
  if (hasManifest) {
    const formal = missingFormalFields(run);
    if (formal.length) out.push(draft('not_formal', 'INCONCLUSIVE', role, formal.join(', ')));
  }
  const m = run.metrics;
  if (m && m.total !== null && m.success !== null && m.success < m.total) out.push(draft('requests_failed', 'INCONCLUSIVE', role, m.total - m.success, m.total));
  const spec = intOf(manifestValue(run, 'Model', 'speculative_tokens'));
  if (spec !== null && spec > 0 && (m?.speculative_num_accepted_tokens_delta == null || m?.speculative_num_draft_tokens_delta == null)) {
    out.push(draft('speculative_counters_missing', 'note', role));
  }
}

/** Rules for an accuracy run: a manifest, a score and the raw predictions. */
function checkAccuracyRun(run: RunEvidence, role: RunRole, out: ReasonDraft[]): void {
  checkManifest(run, role, out);
  checkProfiling(run, role, out);
  if (!run.accuracy || run.accuracy.score === null) out.push(draft('score_missing', 'INCONCLUSIVE', role));
  if (!runFiles(run).includes('raw_predictions.jsonl')) out.push(draft('raw_logs_missing', 'INCONCLUSIVE', role, 'raw_predictions.jsonl'));
  checkWorktree(run, role, out);
}

/** Every reason one run gives against its use as comparison evidence. */
export function checkRunEvidence(run: RunEvidence, role: RunRole): ReasonDraft[] {
  const out: ReasonDraft[] = [];
  if (run.kind === 'accuracy') checkAccuracyRun(run, role, out);
  else if (run.kind === 'perf' || run.kind === 'eval' || run.kind === 'other') checkPerfRun(run, role, out);
  else {
    checkManifest(run, role, out);
    if (run.kind === 'profiling') out.push(draft('profiling_run', 'INCONCLUSIVE', role));
    else out.push(draft('kind_unsupported', 'INCONCLUSIVE', role, run.kind));
  }
  return out;
}
