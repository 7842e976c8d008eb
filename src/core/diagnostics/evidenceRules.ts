// XWF3xx: the workflow's evidence rules (formats.md section 2, rules 1-8) applied to one manifest.
import { findEntry, isFilled, textOf, valueOf } from '../manifest/manifestModel';
import { keySpec } from '../manifest/manifestSpec';
import type { Range } from '../text/lineIndex';
import { makeDiagnostic, type Diagnostic } from './diagnostic';
import { dm, phrase } from './diagnosticMessages';
import { dirtyWithoutDiff, missingFormalParts, needsWarmup, profilingCaptureMissing, reasonText } from './evidenceGrade';
import { levelSeverity } from './levelSeverity';
import { documentAnchor } from './structureRules';
import type { RuleInput } from './validationContext';

/** Server counters an MTP/speculative run must record (rule 6). */
export const SPECULATIVE_COUNTERS = ['speculative_num_accepted_tokens_delta', 'speculative_num_draft_tokens_delta', 'server_accept_rate'] as const;

const PROFILER_ATTACHED = /\bmsprof\b|PROFILING_MODE\s*=\s*['"]?(dynamic|on|true|1)\b|torch_npu\.profiler/i;

/** Where a finding about a key is shown: its value, else its section heading, else the document anchor. */
function anchorOf(input: RuleInput, key: string): Range {
  const e = findEntry(input.doc, key);
  if (e) return e.valueRange;
  const home = keySpec(key)?.section;
  const section = input.doc.sections.find((s) => s.known !== null && s.known === home);
  return section?.nameRange ?? documentAnchor(input.doc);
}

/** Whether the run is a profiling capture (rule 4): a profiling run root, or a profiler in the startup command. */
export function isProfilingRun(input: RuleInput): boolean {
  return input.kind === 'profiling' || PROFILER_ATTACHED.test(textOf(input.doc, 'startup_command') ?? '');
}

export function evidenceRules(input: RuleInput): Diagnostic[] {
  const { doc, locale, context, kind } = input;
  const out: Diagnostic[] = [];
  const status = valueOf(doc, 'conclusion_status');
  const concluded = status === 'pass' || status === 'fail';

  // Rule 1: commit, startup command, workload, warmup, raw artifact paths.
  const missing = missingFormalParts(doc, kind);
  if (missing.length) {
    const list = missing.map((m) => reasonText(m.part, m.keys, locale)).join(phrase(locale, 'list.sep'));
    const severity = levelSeverity(doc, true);
    if (concluded) {
      out.push(makeDiagnostic('XWF301', severity, anchorOf(input, 'conclusion_status'), dm(locale, 'XWF301.status', list, String(status)), { fix: 'setStatus', value: 'inconclusive' }));
    } else {
      const absent = missing.flatMap((m) => m.keys).filter((k) => !findEntry(doc, k) && !k.includes('/'));
      out.push(makeDiagnostic('XWF301', severity, anchorOf(input, 'level'), dm(locale, 'XWF301', list), absent.length ? { fix: 'addKeys', keys: absent } : undefined));
    }
  }

  // Rule 2: a dirty worktree needs its diff saved in the run root.
  if (dirtyWithoutDiff(doc, context)) {
    out.push(makeDiagnostic('XWF302', levelSeverity(doc, true), anchorOf(input, 'git_status_short'), dm(locale, 'XWF302'), { fix: 'saveDiff' }));
  }

  // Rule 3: steady-state performance needs request-level warmup.
  if (needsWarmup(kind)) {
    const entry = findEntry(doc, 'warmup_num');
    const severity = levelSeverity(doc, true);
    if (!entry || !entry.filled) {
      out.push(makeDiagnostic('XWF303', severity, anchorOf(input, 'warmup_num'), dm(locale, 'XWF303.missing'), entry ? { fix: 'replaceValue', value: '1' } : { fix: 'addKeys', keys: ['warmup_num'] }));
    } else if (entry.parsed?.ok && typeof entry.parsed.value === 'number' && entry.parsed.value < 1) {
      out.push(makeDiagnostic('XWF303', severity, entry.valueRange, dm(locale, 'XWF303.zero', entry.text), { fix: 'replaceValue', value: '1' }));
    }
  }

  // Rule 4: a profiling capture is never the performance number.
  if (isProfilingRun(input)) {
    const offered = ['delta', 'current_metrics', 'metrics_json', ...(kind === 'profiling' ? [] : ['perf_artifact_dir'])].find((k) => isFilled(doc, k));
    if (offered) out.push(makeDiagnostic('XWF304', levelSeverity(doc, true), anchorOf(input, offered), dm(locale, 'XWF304')));
  }

  // Rule 6: speculative runs record the server's /vars counters.
  const spec = valueOf(doc, 'speculative_tokens');
  if (typeof spec === 'number' && spec > 0 && context.metrics !== undefined && (kind === undefined || kind === 'perf' || kind === 'eval' || kind === 'other')) {
    const metrics = context.metrics;
    const absent = SPECULATIVE_COUNTERS.filter((k) => typeof metrics?.[k] !== 'number');
    if (absent.length) out.push(makeDiagnostic('XWF305', levelSeverity(doc, false), anchorOf(input, 'speculative_tokens'), dm(locale, 'XWF305', spec, absent.join(', '))));
  }

  // Rule 7: sampling needs top_p, top_k and seed recorded.
  const temperature = valueOf(doc, 'temperature');
  if (typeof temperature === 'number' && temperature > 0) {
    const unrecorded = ['top_p', 'top_k', 'seed'].filter((k) => !isFilled(doc, k));
    if (unrecorded.length) {
      const absent = unrecorded.filter((k) => !findEntry(doc, k));
      out.push(
        makeDiagnostic('XWF306', levelSeverity(doc, false), anchorOf(input, 'temperature'), dm(locale, 'XWF306', findEntry(doc, 'temperature')!.text, unrecorded.join(', ')), absent.length ? { fix: 'addKeys', keys: absent } : undefined),
      );
    }
  }

  // Rule 8: profiling without an exported capture is INCONCLUSIVE.
  if (kind === 'profiling' && profilingCaptureMissing(context)) {
    const severity = status === 'inconclusive' ? 'information' : levelSeverity(doc, true);
    out.push(makeDiagnostic('XWF307', severity, anchorOf(input, 'profiling_artifact_dir'), dm(locale, 'XWF307'), status === 'inconclusive' ? undefined : { fix: 'setStatus', value: 'inconclusive' }));
  }

  // Rule 7 (levels): L1/L2 accuracy never becomes a full conclusion.
  const scoreLevel = context.score?.level;
  if (valueOf(doc, 'level') === 'full' && (scoreLevel === 'L1' || scoreLevel === 'L2')) {
    out.push(makeDiagnostic('XWF308', 'warning', anchorOf(input, 'level'), dm(locale, 'XWF308', scoreLevel), { fix: 'replaceValue', value: 'quick' }));
  }
  return out;
}
