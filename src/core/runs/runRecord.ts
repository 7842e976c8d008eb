// What other manifests and completion need of one run: its ids and a few filled values, ~2 KB instead of a ~54 KB parsed document.
import { CONTROLLED_KEYS } from '../diagnostics/controlledKeys';
import { findEntry, textOf, type ManifestDocument, type ManifestEntry } from '../manifest/manifestModel';

/** Keys whose values completion offers from other runs. */
export const COMPLETION_KEYS = ['model_name', 'model_path', 'tokenizer_path', 'host', 'container', 'NPU model', 'dataset', 'CANN version', 'HDK driver version', 'torch_npu version'] as const;

/** Every key a record keeps: what the baseline rules compare, the commit they check, and the completion keys. */
export const RECORDED_KEYS: readonly string[] = [...new Set<string>([...CONTROLLED_KEYS, 'commit', ...COMPLETION_KEYS])];

/** One filled value of a recorded key. */
export interface RecordedValue {
  /** The value as meant (ManifestEntry.text). */
  readonly text: string;
  /** The form the baseline rules compare (see comparableValue). */
  readonly comparable: string;
  /** Whether the value read as its key's natural type. */
  readonly typed: boolean;
}

export interface RunRecord {
  /** The manifest's run_id, else the folder name. */
  readonly runId: string;
  readonly manifestPath: string;
  /** Filled values of RECORDED_KEYS by key; an absent key is unset (as an unfilled entry). */
  readonly values: Readonly<Record<string, RecordedValue>>;
}

/** A comparable form of an entry's value: the natural value when well-typed, else the text; '' when not filled. */
export function comparableValue(e: ManifestEntry | undefined): string {
  if (!e || !e.filled) return '';
  if (e.parsed?.ok) return JSON.stringify(e.parsed.value);
  return e.text.replace(/\s+/g, ' ').toLowerCase();
}

/** A recorded value of an entry; undefined when the entry is absent or not filled. */
export function recordedValueOf(e: ManifestEntry | undefined): RecordedValue | undefined {
  if (!e?.filled) return undefined;
  return { text: e.text, comparable: comparableValue(e), typed: e.parsed?.ok === true };
}

/** Equal values shared between records: thousands of runs repeat the same model, devices and flags. */
const interned = new Map<string, RecordedValue>();
const MAX_INTERNED = 50_000;

function intern(v: RecordedValue): RecordedValue {
  const key = `${v.typed ? 1 : 0}\u0000${v.comparable}\u0000${v.text}`;
  const known = interned.get(key);
  if (known) return known;
  // Bounded: a workspace of unique values keeps its own copies rather than growing this table without end.
  if (interned.size < MAX_INTERNED) interned.set(key, v);
  return v;
}

/** The record of a parsed manifest; `folderRunId` stands in when the manifest has no run_id. */
export function runRecordOf(doc: ManifestDocument, manifestPath: string, folderRunId: string): RunRecord {
  const values: Record<string, RecordedValue> = {};
  for (const key of RECORDED_KEYS) {
    const v = recordedValueOf(findEntry(doc, key));
    if (v) values[key] = intern(v);
  }
  return { runId: textOf(doc, 'run_id') ?? folderRunId, manifestPath, values };
}

/** Whether a run of the context map is a full document (callers holding parsed manifests) rather than a record. */
export function isManifestDocument(run: RunRecord | ManifestDocument): run is ManifestDocument {
  return 'entries' in run;
}

/** A recorded key's value from either form. */
export function recordedValue(run: RunRecord | ManifestDocument, key: string): RecordedValue | undefined {
  return isManifestDocument(run) ? recordedValueOf(findEntry(run, key)) : run.values[key];
}
