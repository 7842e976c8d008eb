// The trace event names a patch touches, from the diff text and a capture: what `xwf patch-events` and the
// xllm_patch_events agent tool both run, so their reports cannot differ.
import { readFile, stat } from 'node:fs/promises';
import { nameCounts, touchedNames } from './patchEventMatch';
import { patchEventsReport, type PatchEventsReport } from './patchEventsReport';
import { flattenPatchSymbols, patchSymbols } from './patchSymbols';
import { findProfilingOutputs, ProfilingPathError } from './profilingOutputs';
import { FileProfilingSource } from './profilingSource';

/** Diffs larger than this are not a patch someone is writing; refuse rather than read a stray huge file. */
export const MAX_DIFF_BYTES = 64 << 20;

/** usage: the diff is not a diff; environment: a file is missing, unreadable or holds no trace. */
export class PatchEventsError extends Error {
  constructor(
    readonly kind: 'usage' | 'environment',
    message: string,
  ) {
    super(message);
  }
}

/** Reads a diff file; `label` is how the caller named it (error messages start with it). */
export async function readPatchFile(file: string, label: string): Promise<string> {
  try {
    const st = await stat(file);
    if (!st.isFile()) throw new PatchEventsError('environment', `${label}: not a file`);
    if (st.size > MAX_DIFF_BYTES) throw new PatchEventsError('environment', `${label}: ${st.size} bytes, more than a patch (limit ${MAX_DIFF_BYTES})`);
    return await readFile(file, 'utf8');
  } catch (e) {
    if (e instanceof PatchEventsError) throw e;
    throw new PatchEventsError('environment', `${label}: cannot read the patch (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

export interface PatchEventsResult {
  readonly report: PatchEventsReport;
  /** Trace files that could not be read completely, one line each (the report still covers the rest). */
  readonly traceProblems: string[];
}

/** The report for `diff` against the capture at `target`; the labels are the paths as the caller gave them. */
export async function patchEventsOfTrace(o: { diff: string; patchLabel: string; target: string; traceLabel: string }): Promise<PatchEventsResult> {
  if (Buffer.byteLength(o.diff, 'utf8') > MAX_DIFF_BYTES) throw new PatchEventsError('usage', `${o.patchLabel}: more than a patch (limit ${MAX_DIFF_BYTES} bytes)`);
  const files = patchSymbols(o.diff);
  if (!files.length && !/^(?:diff --git |@@ |\+\+\+ )/m.test(o.diff)) {
    throw new PatchEventsError('usage', `${o.patchLabel}: not a unified diff (no "diff --git", "+++" or "@@" line)`);
  }
  let outputs;
  try {
    outputs = await findProfilingOutputs(o.target);
  } catch (e) {
    if (e instanceof ProfilingPathError) throw new PatchEventsError('environment', e.message);
    throw e;
  }
  const columns = await new FileProfilingSource(outputs).trace();
  if (!columns) throw new PatchEventsError('environment', `${o.traceLabel}: no trace JSON found (patch-events needs the timeline, not only CSV tables)`);
  const touched = touchedNames(flattenPatchSymbols(files), columns);
  const distinctNames = nameCounts(columns).reduce((n, c) => n + (c > 0 ? 1 : 0), 0);
  const report = patchEventsReport({ patch: o.patchLabel, trace: o.traceLabel, events: columns.count, distinctNames, files, touched });
  const traceProblems = columns.sources.flatMap((s) => (s.error ? [`${s.file}: ${s.error.code} at line ${s.error.line}: ${s.error.message}`] : []));
  return { report, traceProblems };
}
