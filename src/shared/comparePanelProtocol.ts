// Messages between the comparison panel (webview) and its host, each with a type guard.
import type { Comparison } from '../core/compare/comparisonSchema';
import type { Sweep } from '../core/compare/sweepSeries';

export type PanelLocale = 'en' | 'zh-cn';

/** host -> webview */
export type HostToCompareMessage =
  | { readonly type: 'comparison'; readonly comparison: Comparison; readonly locale: PanelLocale }
  | { readonly type: 'sweep'; readonly sweep: Sweep; readonly runIds: readonly string[]; readonly locale: PanelLocale }
  | { readonly type: 'error'; readonly message: string };

/** webview -> host */
export type CompareToHostMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'openManifest'; readonly role: 'baseline' | 'current' }
  | { readonly type: 'prEvidence' };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

export function isCompareToHostMessage(v: unknown): v is CompareToHostMessage {
  if (!isObject(v)) return false;
  if (v.type === 'ready' || v.type === 'prEvidence') return true;
  return v.type === 'openManifest' && (v.role === 'baseline' || v.role === 'current');
}

export function isHostToCompareMessage(v: unknown): v is HostToCompareMessage {
  if (!isObject(v)) return false;
  if (v.type === 'comparison') return isObject(v.comparison) && Array.isArray((v.comparison as Record<string, unknown>).metrics);
  if (v.type === 'sweep') return isObject(v.sweep) && Array.isArray((v.sweep as Record<string, unknown>).series) && Array.isArray(v.runIds);
  return v.type === 'error' && typeof v.message === 'string';
}
