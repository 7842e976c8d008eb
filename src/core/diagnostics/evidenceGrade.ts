// Whether a run is formal evidence or a debug result, and why (formats.md section 2, rules 1-3 and 8).
import type { Locale } from '../i18n/locale';
import { findEntry, isFilled, valueOf, type ManifestDocument } from '../manifest/manifestModel';
import type { RunKind } from '../runs/runKinds';
import { phrase } from './diagnosticMessages';
import { isUnreadable } from './structureRules';
import type { ValidationContext } from './validationContext';

export type EvidenceReason =
  | 'malformed'
  | 'commit'
  | 'startupCommand'
  | 'workload'
  | 'warmup'
  | 'rawArtifacts'
  | 'dirtyWorktree'
  | 'profilingCapture'
  | 'smokeLevel';

/** The rule-1 parts a formal result must record. */
export const FORMAL_PARTS = ['commit', 'startupCommand', 'workload', 'warmup', 'rawArtifacts'] as const;
export type FormalPart = (typeof FORMAL_PARTS)[number];

export interface EvidenceGrade {
  readonly grade: 'formal' | 'debug';
  /** Why it is not formal; empty for formal evidence. */
  readonly reasons: EvidenceReason[];
  /** The manifest keys behind a reason, e.g. workload -> ['dataset']. */
  readonly keys: Partial<Record<EvidenceReason, string[]>>;
}

const WORKLOAD_SIZE_KEYS = ['number', 'parallel', 'input_tokens', 'output_tokens', 'max_tokens'];
const RAW_KEYS = ['perf_artifact_dir', 'accuracy_artifact_dir', 'profiling_artifact_dir'];

/** Whether the kind measures steady-state serving, which needs request warmup (rule 3). */
export function needsWarmup(kind: RunKind | undefined): boolean {
  return kind === undefined || kind === 'perf' || kind === 'eval' || kind === 'profiling' || kind === 'other';
}

function rawArtifactKeys(kind: RunKind | undefined): { keys: string[]; all: boolean } {
  switch (kind) {
    case 'perf':
      return { keys: ['perf_artifact_dir'], all: true };
    case 'accuracy':
      return { keys: ['accuracy_artifact_dir'], all: true };
    case 'profiling':
      return { keys: ['profiling_artifact_dir'], all: true };
    case 'eval':
      return { keys: ['perf_artifact_dir', 'accuracy_artifact_dir'], all: true };
    case 'capacity':
    case 'compute':
      return { keys: [], all: true };
    default:
      return { keys: RAW_KEYS, all: false };
  }
}

/** Rule 1: which of commit, startup command, workload, warmup and raw artifact paths are missing, with their keys. */
export function missingFormalParts(doc: ManifestDocument, kind: RunKind | undefined): { part: FormalPart; keys: string[] }[] {
  const out: { part: FormalPart; keys: string[] }[] = [];
  if (!findEntry(doc, 'commit')?.parsed?.ok) out.push({ part: 'commit', keys: ['commit'] });
  if (kind !== 'compute' && !isFilled(doc, 'startup_command') && !isFilled(doc, 'startup_script')) {
    out.push({ part: 'startupCommand', keys: ['startup_command'] });
  }
  if (kind !== 'capacity' && kind !== 'compute') {
    const keys: string[] = [];
    if (!isFilled(doc, 'dataset')) keys.push('dataset');
    if (!WORKLOAD_SIZE_KEYS.some((k) => isFilled(doc, k))) keys.push(kind === 'accuracy' ? 'number/max_tokens' : 'parallel/number');
    if (keys.length) out.push({ part: 'workload', keys });
  }
  if (needsWarmup(kind)) {
    const w = valueOf(doc, 'warmup_num');
    if (typeof w !== 'number' || w < 1) out.push({ part: 'warmup', keys: ['warmup_num'] });
  }
  const raw = rawArtifactKeys(kind);
  const missingRaw = raw.keys.filter((k) => !isFilled(doc, k));
  if (raw.keys.length && (raw.all ? missingRaw.length > 0 : missingRaw.length === raw.keys.length)) {
    out.push({ part: 'rawArtifacts', keys: raw.all ? missingRaw : raw.keys });
  }
  return out;
}

/** Rule 2: a non-empty git_status_short needs a *.diff or *.patch in the run root; undefined when the root is not known. */
export function dirtyWithoutDiff(doc: ManifestDocument, context: ValidationContext): boolean | undefined {
  if (!isFilled(doc, 'git_status_short')) return false;
  if (!context.entries) return undefined;
  return !context.entries.some((e) => /\.(diff|patch)$/i.test(e));
}

const CAPTURE = [/(^|\/)PROF_[^/]*\/mindstudio_profiler_output(\/|$)/, /(^|\/)[^/]*_ascend_pt\/ASCEND_PROFILER_OUTPUT(\/|$)/, /(^|\/)ASCEND_PROFILER_OUTPUT(\/|$)/];

/** Rule 8: a profiling run root needs an exported capture; undefined when the root is not known. */
export function profilingCaptureMissing(context: ValidationContext): boolean | undefined {
  if (!context.entries) return undefined;
  return !context.entries.some((e) => CAPTURE.some((re) => re.test(e)));
}

/** Formal or debug, and why. Reasons that need the run root are only given when `context.entries` is known. */
export function evidenceGrade(doc: ManifestDocument, context: ValidationContext & { kind?: RunKind } = {}): EvidenceGrade {
  const kind = context.kind ?? context.runKind;
  if (isUnreadable(doc)) return { grade: 'debug', reasons: ['malformed'], keys: {} };
  const reasons: EvidenceReason[] = [];
  const keys: Partial<Record<EvidenceReason, string[]>> = {};
  for (const m of missingFormalParts(doc, kind)) {
    reasons.push(m.part);
    keys[m.part] = m.keys;
  }
  if (dirtyWithoutDiff(doc, context)) {
    reasons.push('dirtyWorktree');
    keys.dirtyWorktree = ['git_status_short'];
  }
  if (kind === 'profiling' && profilingCaptureMissing(context)) {
    reasons.push('profilingCapture');
    keys.profilingCapture = ['profiling_artifact_dir'];
  }
  if (valueOf(doc, 'level') === 'smoke') {
    reasons.push('smokeLevel');
    keys.smokeLevel = ['level'];
  }
  return { grade: reasons.length ? 'debug' : 'formal', reasons, keys };
}

/** One localized phrase per reason, e.g. "workload (dataset)". */
export function describeReasons(grade: EvidenceGrade, locale: Locale): string[] {
  return grade.reasons.map((r) => reasonText(r, grade.keys[r] ?? [], locale));
}

export function reasonText(reason: EvidenceReason, keys: readonly string[], locale: Locale): string {
  return phrase(locale, `reason.${reason}`, keys.join(phrase(locale, 'list.sep')));
}
