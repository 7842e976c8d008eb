// Answers the PR checklist of formats.md section 4 from the compared runs' manifests, metrics and files:
// setup, commands, warm-up and device state, profiling use, accuracy, patch, risks and artifacts.
import * as path from 'node:path';
import { benchmarkCommands } from './benchmarkCommand';
import type { Comparison } from './comparisonSchema';
import { diffFiles, isProfilingRun, perfArtifactDir, profilingSignals } from './evidenceChecks';
import { quantizationOf } from './fairnessTable';
import type { EvidenceCommand, EvidenceHygiene, EvidenceSetup, PrEvidence } from './prEvidenceSchema';
import { manifestValue, runFiles, type RunEvidence } from './runEvidence';
import { parseStartupCommand } from './startupFlags';

export interface PrEvidenceOptions {
  readonly baseline: RunEvidence;
  readonly current: RunEvidence;
  /** Accuracy runs of the patch: their level, score and bad cases are reported. */
  readonly accuracy?: readonly RunEvidence[];
  /** Profiling runs used to explain the change (diagnosis only). */
  readonly profiling?: readonly RunEvidence[];
  /** Absolute folder the report's links are relative to (where the report is written); default the current run root. */
  readonly linkBase?: string;
  readonly locale?: 'en' | 'zh-cn';
}

export type PrAnswers = Omit<PrEvidence, 'markdown'>;

/** A relative, '/'-separated Markdown link target; spaces and parentheses escaped so the link stays one token. */
export function relativeLink(linkBase: string, runRoot: string, rel: string): string {
  const target = path.relative(linkBase, path.join(runRoot, rel)) || '.';
  const posix = target.split(path.sep).join('/') + (rel.endsWith('/') && !target.endsWith('/') ? '/' : '');
  return posix.replace(/ /g, '%20').replace(/\(/g, '%28').replace(/\)/g, '%29');
}

function orNull(s: string): string | null {
  return s ? s : null;
}

function deviceIds(run: RunEvidence): string[] | null {
  for (const key of ['physical_device_ids', 'ASCEND_RT_VISIBLE_DEVICES']) {
    const v = manifestValue(run, 'Environment', key);
    if (/^\s*\d+(\s*,\s*\d+)*\s*$/.test(v)) return v.split(',').map((d) => d.trim());
  }
  return null;
}

export function setupOf(run: RunEvidence): EvidenceSetup {
  const ids = deviceIds(run);
  const tp = Number(manifestValue(run, 'Model', 'tensor_parallel')) || null;
  const pp = Number(manifestValue(run, 'Model', 'pipeline_parallel')) || 1;
  const dtype = manifestValue(run, 'Model', 'dtype');
  return {
    run_id: run.runId,
    model_name: orNull(manifestValue(run, 'Model', 'model_name')) ?? run.metrics?.model ?? null,
    model_path: orNull(manifestValue(run, 'Model', 'model_path')),
    tokenizer_path: orNull(manifestValue(run, 'Model', 'tokenizer_path')),
    dtype: orNull(dtype),
    quantization: orNull(quantizationOf(dtype, parseStartupCommand(manifestValue(run, 'Service', 'startup_command')))),
    npu_model: orNull(manifestValue(run, 'Environment', 'NPU model')),
    device_count: ids ? ids.length : tp ? tp * pp : null,
    devices: ids ? ids.join(',') : null,
    framework: orNull(manifestValue(run, 'Code', 'framework')) ?? run.metrics?.framework ?? null,
    commit: orNull(manifestValue(run, 'Code', 'commit')) ?? run.metrics?.commit ?? null,
    branch: orNull(manifestValue(run, 'Code', 'branch')),
  };
}

export function launchCommand(run: RunEvidence): EvidenceCommand | null {
  const startup = manifestValue(run, 'Service', 'startup_command');
  if (startup) return { text: startup, source: 'manifest startup_command', reconstructed: false };
  if (run.launchScript) return { text: run.launchScript.text.trim(), source: run.launchScript.file, reconstructed: false };
  return null;
}

function hygieneOf(c: Comparison['baseline']): EvidenceHygiene {
  return {
    warmup_num: c.warmup_num,
    gate_present: c.gate.present,
    gate_verdict: c.gate.verdict,
    clean: c.gate.verdict === 'pass' ? true : c.gate.verdict === 'fail' ? false : null,
  };
}

const LEVEL_ORDER = ['L1', 'L2', 'L3', 'L4', 'L5'];

function artifactItems(run: RunEvidence, base: string, role: 'baseline' | 'current' | 'accuracy' | 'profiling') {
  const files = new Set(runFiles(run));
  const items: { label: string; link: string }[] = [];
  const add = (rel: string, label = rel) => items.push({ label, link: relativeLink(base, run.runRoot, rel) });
  if (run.manifestFile) add(run.manifestFile);
  const wanted =
    role === 'accuracy'
      ? ['score.json', 'failed_cases.jsonl', 'raw_predictions.jsonl', 'request_config.json', 'report.md']
      : role === 'profiling'
        ? ['analysis.json', 'five_tables.md', 'timeline_notes.md', 'capture.log', 'report.md']
        : ['metrics.json', 'report.md'];
  for (const f of wanted) if (files.has(f)) add(f);
  if (role === 'baseline' || role === 'current') {
    if (run.entries.includes('env/')) add('env/');
    if (run.entries.includes('service/')) add('service/');
    const perf = perfArtifactDir(run);
    if (perf && perf !== '.' && run.entries.includes(`${perf.split('/')[0]}/`)) add(`${perf}/`);
    for (const d of diffFiles(run)) add(d);
  }
  if (role === 'profiling') for (const e of run.entries.filter((x) => /^PROF_/.test(x))) add(e);
  return items;
}

/** The checklist answers, without the Markdown. */
export function prAnswers(cmp: Comparison, options: PrEvidenceOptions): PrAnswers {
  const { baseline, current } = options;
  const base = options.linkBase ?? current.runRoot;
  const accuracyRuns = (options.accuracy ?? []).map((run) => ({
    run_id: run.runId,
    level: run.accuracy?.level ?? null,
    dataset: run.accuracy?.dataset ?? (orNull(manifestValue(run, 'Workload', 'dataset')) || null),
    score: run.accuracy?.score ?? null,
    num_correct: run.accuracy?.numCorrect ?? null,
    num_total: run.accuracy?.numTotal ?? null,
    failed_case_count: run.accuracy?.failedCaseCount ?? null,
    status: run.accuracy?.status ?? null,
    failed_cases: run.accuracy?.failedCasesFile ? relativeLink(base, run.runRoot, run.accuracy.failedCasesFile) : null,
  }));
  const levels = accuracyRuns.map((a) => a.level).filter((l): l is string => !!l && LEVEL_ORDER.includes(l));
  const highest = levels.sort((a, b) => LEVEL_ORDER.indexOf(b) - LEVEL_ORDER.indexOf(a))[0] ?? null;
  const profiled = [baseline, current].filter((r) => isProfilingRun(r) || profilingSignals(r).length > 0).map((r) => r.runId);
  const risks = [manifestValue(current, 'Notes', 'known_risks'), manifestValue(current, 'Notes', 'deviations'), manifestValue(baseline, 'Notes', 'known_risks')].filter(Boolean);
  return {
    schema: 'xllm-pr-evidence/v1',
    baseline_run_id: baseline.runId,
    current_run_id: current.runId,
    verdict: cmp.verdict,
    gain_allowed: cmp.gain.allowed,
    gain_withheld_message: options.locale === 'zh-cn' ? cmp.gain.message_zh : cmp.gain.message_en,
    setup: { baseline: setupOf(baseline), current: setupOf(current) },
    commands: {
      launch: { baseline: launchCommand(baseline), current: launchCommand(current) },
      benchmark: { baseline: benchmarkCommands(baseline), current: benchmarkCommands(current) },
    },
    warmup_clean: { baseline: hygieneOf(cmp.baseline), current: hygieneOf(cmp.current) },
    profiling: {
      compared_runs_profiled: profiled,
      diagnosis_runs: (options.profiling ?? []).map((p) => ({ run_id: p.runId, link: relativeLink(base, p.runRoot, p.manifestFile ?? '.') })),
      diagnosis_only: profiled.length === 0,
    },
    accuracy: { runs: accuracyRuns, highest_level: highest },
    patch: {
      baseline_commit: setupOf(baseline).commit,
      current_commit: setupOf(current).commit,
      base_commit: orNull(manifestValue(current, 'Code', 'base_commit')),
      branch: orNull(manifestValue(current, 'Code', 'branch')),
      purpose: orNull(manifestValue(current, 'Identity', 'purpose')),
      git_status_short: orNull(manifestValue(current, 'Code', 'git_status_short')),
      diff_files: diffFiles(current).map((d) => ({ label: d, link: relativeLink(base, current.runRoot, d) })),
    },
    risks,
    artifacts: [
      { run_id: baseline.runId, role: 'baseline', items: artifactItems(baseline, base, 'baseline') },
      { run_id: current.runId, role: 'current', items: artifactItems(current, base, 'current') },
      ...(options.accuracy ?? []).map((r) => ({ run_id: r.runId, role: 'accuracy' as const, items: artifactItems(r, base, 'accuracy') })),
      ...(options.profiling ?? []).map((r) => ({ run_id: r.runId, role: 'profiling' as const, items: artifactItems(r, base, 'profiling') })),
    ],
  };
}

