// XWF4xx: the manifest against its surroundings — artifact paths, metrics.json, the baseline run (rule 5).
import { findEntry, textOf, type ManifestDocument, type ManifestEntry } from '../manifest/manifestModel';
import { recordedValue, recordedValueOf, type RecordedValue, type RunRecord } from '../runs/runRecord';
import { keysOf } from '../manifest/manifestSpec';
import { closestMatch } from '../text/editDistance';
import { makeDiagnostic, type Diagnostic } from './diagnostic';
import { CONTROLLED_KEYS } from './controlledKeys';
import { dm, phrase } from './diagnosticMessages';
import { levelSeverity } from './levelSeverity';
import { pathExists, type RuleInput } from './validationContext';

export { CONTROLLED_KEYS } from './controlledKeys';

function display(v: RecordedValue | undefined, locale: RuleInput['locale']): string {
  return v ? v.text : phrase(locale, 'value.unset');
}

/** Whether fairness_notes names a key ("tensor_parallel", "tensor parallel"). */
function names(notes: string, key: string): boolean {
  const k = key.toLowerCase();
  return notes.includes(k) || notes.includes(k.replace(/_/g, ' '));
}

function isRelativePath(p: string): boolean {
  return !/^([a-z][a-z0-9+.-]*:|\/|~|\\\\)/i.test(p) && !/^[a-z]:[\\/]/i.test(p);
}

/** Commit hashes agree when one is a prefix of the other (short and full spellings). */
function sameCommit(a: string, b: string): boolean {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x.startsWith(y) || y.startsWith(x);
}

export function crossFileRules(input: RuleInput): Diagnostic[] {
  const { doc, locale, context } = input;
  const out: Diagnostic[] = [];

  // Artifact paths relative to the run root must exist.
  if (context.entries || context.exists) {
    const runId = context.runId ?? textOf(doc, 'run_id');
    for (const spec of keysOf('Artifacts')) {
      const e = findEntry(doc, spec.key);
      if (!e?.filled || !isRelativePath(e.text) || /\s/.test(e.text.trim())) continue;
      const p = e.text.trim();
      let exists = pathExists(context, p);
      // Paths are often written from the workspace root: runs/perf/<run_id>/metrics.json.
      const marker = runId ? `${runId}/` : undefined;
      if (exists === false && marker && p.includes(marker)) exists = pathExists(context, p.slice(p.lastIndexOf(marker) + marker.length));
      if (exists === false && runId && (p.endsWith(`/${runId}`) || p === runId)) exists = true;
      if (exists === false) out.push(makeDiagnostic('XWF401', levelSeverity(doc, true), e.valueRange, dm(locale, 'XWF401', spec.key, p)));
    }
  }

  // metrics.json must describe the same run.
  const metrics = context.metrics;
  if (metrics) {
    const pairs: [manifestKey: string, metricsKey: string][] = [
      ['run_id', 'run_id'],
      ['model_name', 'model'],
      ['commit', 'commit'],
      ['warmup_num', 'warmup_num'],
      ['framework', 'framework'],
    ];
    for (const [mk, jk] of pairs) {
      const e = findEntry(doc, mk);
      const v = metrics[jk];
      if (!e?.filled || v === null || v === undefined || typeof v === 'object') continue;
      const theirs = String(v);
      let same: boolean;
      if (mk === 'commit') same = sameCommit(e.text, theirs);
      else if (mk === 'warmup_num') same = Number(e.text) === Number(theirs);
      else if (mk === 'model_name') same = e.text.toLowerCase() === theirs.toLowerCase() || e.text.split('/').pop()!.toLowerCase() === theirs.split('/').pop()!.toLowerCase();
      else same = e.text === theirs;
      if (!same) out.push(makeDiagnostic('XWF403', 'warning', e.valueRange, dm(locale, 'XWF403', jk, theirs, e.text), { fix: 'replaceValue', value: theirs }));
    }
  }

  // The baseline must exist and be comparable.
  const baselineEntry = findEntry(doc, 'baseline_run_id');
  if (baselineEntry?.filled && context.runs) {
    const id = baselineEntry.text;
    const baseline = context.runs.get(id);
    if (!baseline) {
      const guess = closestMatch(id, [...context.runs.keys()]);
      out.push(
        guess
          ? makeDiagnostic('XWF402', 'warning', baselineEntry.valueRange, dm(locale, 'XWF402.suggest', id, guess), { fix: 'replaceValue', value: guess })
          : makeDiagnostic('XWF402', 'warning', baselineEntry.valueRange, dm(locale, 'XWF402', id)),
      );
    } else if (baseline !== doc) {
      out.push(...baselineRules(input, id, baseline, baselineEntry));
    }
  }
  return out;
}

function baselineRules(input: RuleInput, id: string, baseline: RunRecord | ManifestDocument, baselineEntry: ManifestEntry): Diagnostic[] {
  const { doc, locale } = input;
  const out: Diagnostic[] = [];
  const notes = (textOf(doc, 'fairness_notes') ?? '').toLowerCase();
  const severity = levelSeverity(doc, true);
  const comparable = (v: RecordedValue | undefined) => v?.comparable ?? '';
  const differing = CONTROLLED_KEYS.filter((key) => comparable(recordedValueOf(findEntry(doc, key))) !== comparable(recordedValue(baseline, key)));
  // The one parameter that is the experiment, named in fairness_notes, may differ.
  const excused = notes ? differing.find((key) => names(notes, key)) : undefined;
  for (const key of differing) {
    if (key === excused) continue;
    const mine = findEntry(doc, key);
    const args = [id, key, display(recordedValueOf(mine), locale), display(recordedValue(baseline, key), locale)];
    const range = mine?.valueRange ?? baselineEntry.valueRange;
    out.push(makeDiagnostic('XWF404', severity, range, excused ? dm(locale, 'XWF404.second', ...args, excused) : dm(locale, 'XWF404', ...args)));
  }
  const commit = findEntry(doc, 'baseline_commit');
  const theirCommit = recordedValue(baseline, 'commit');
  if (commit?.filled && theirCommit?.typed && commit.parsed?.ok && !sameCommit(commit.text, theirCommit.text)) {
    out.push(makeDiagnostic('XWF405', 'warning', commit.valueRange, dm(locale, 'XWF405', commit.text, id, theirCommit.text), { fix: 'replaceValue', value: theirCommit.text }));
  }
  return out;
}
