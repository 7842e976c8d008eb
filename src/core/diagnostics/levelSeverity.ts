// How loud an evidence finding is: it follows the run's level, and becomes an error once a pass/fail conclusion rests on it.
import { valueOf, type ManifestDocument } from '../manifest/manifestModel';
import type { Severity } from './diagnostic';

/**
 * information for smoke runs, warning for quick/full (or an unknown level); error when the
 * finding undermines the evidence (`affectsConclusion`) and conclusion_status is already pass or fail.
 */
export function levelSeverity(doc: ManifestDocument, affectsConclusion: boolean): Severity {
  const status = valueOf(doc, 'conclusion_status');
  if (affectsConclusion && (status === 'pass' || status === 'fail')) return 'error';
  return valueOf(doc, 'level') === 'smoke' ? 'information' : 'warning';
}
