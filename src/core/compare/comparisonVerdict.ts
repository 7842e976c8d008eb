// The overall verdict from the reasons: SMOKE_ONLY over INCONCLUSIVE over FAIL over PASS, and whether a
// percentage gain may be shown at all (only for a formal PASS or FAIL).
import type { Locale } from '../i18n/locale';
import { compareMessage } from './compareMessages';
import type { ReasonCode, RunRole, Verdict, VerdictReason } from './comparisonSchema';
import type { ReasonDraft } from './evidenceChecks';

const ROLE = { en: { baseline: 'baseline', current: 'current' }, zh: { baseline: '基线', current: '当前' } } as const;

/** `baseline (run-id)` in the locale; the first argument of a per-run message. */
export function runLabel(locale: Locale, role: RunRole, runId: string): string {
  return `${(locale === 'zh-cn' ? ROLE.zh : ROLE.en)[role]} ${runId}`;
}

function render(locale: Locale, d: ReasonDraft, runIds: Record<RunRole, string>): string {
  const args = d.run ? [runLabel(locale, d.run, runIds[d.run]), ...d.args] : d.args;
  return compareMessage(locale, d.code, ...args);
}

export function renderReason(d: ReasonDraft, runIds: Record<RunRole, string>): VerdictReason {
  return { code: d.code, effect: d.effect, run: d.run, args: [...d.args], message_en: render('en', d, runIds), message_zh: render('zh-cn', d, runIds) };
}

export interface VerdictResult {
  readonly verdict: Verdict;
  readonly gainAllowed: boolean;
  /** Codes of the reasons that withhold a gain, in order, without repeats. */
  readonly withheldBecause: readonly ReasonCode[];
}

export function decideVerdict(reasons: readonly Pick<VerdictReason, 'code' | 'effect'>[]): VerdictResult {
  const has = (effect: VerdictReason['effect']) => reasons.some((r) => r.effect === effect);
  const verdict: Verdict = has('SMOKE_ONLY') ? 'SMOKE_ONLY' : has('INCONCLUSIVE') ? 'INCONCLUSIVE' : has('FAIL') ? 'FAIL' : 'PASS';
  const gainAllowed = verdict === 'PASS' || verdict === 'FAIL';
  const withheldBecause = gainAllowed ? [] : [...new Set(reasons.filter((r) => r.effect === 'SMOKE_ONLY' || r.effect === 'INCONCLUSIVE').map((r) => r.code))];
  return { verdict, gainAllowed, withheldBecause };
}

/** The sentence that explains a withheld gain, listing the blocking reasons' messages. */
export function gainWithheldMessage(locale: Locale, reasons: readonly VerdictReason[]): string {
  const blocking = reasons.filter((r) => r.effect === 'SMOKE_ONLY' || r.effect === 'INCONCLUSIVE');
  const sep = locale === 'zh-cn' ? '；' : '; ';
  return compareMessage(locale, 'gain_withheld', blocking.map((r) => (locale === 'zh-cn' ? r.message_zh : r.message_en)).join(sep));
}
