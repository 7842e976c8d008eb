// What a timeline opens: the trace files of a profiling run, a PROF_* / ASCEND_PROFILER_OUTPUT folder or a
// picked file (with the other slices of a sliced export), and the run root the analysis is saved into.
// Plain Node: no editor API here, so tests call it directly.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { findProfilingOutputs, ProfilingPathError } from '../../core/profiling/profilingOutputs';
import type { TraceIdentity } from '../../shared/timelineProtocol';

export class TraceTargetError extends Error {}

/** File names the timeline opens (msprof exports, their slices, torch_npu's trace_view.json). */
export const TRACE_FILE_NAME = /^(msprof(_slice_\d+)?(_\d+)*\.json|trace_view\.json)$/i;

const MANIFESTS = ['manifest.md', 'manifest.yaml', 'manifest.yml'];

async function isFile(p: string): Promise<boolean> {
  return fs.stat(p).then(
    (s) => s.isFile(),
    () => false,
  );
}

/**
 * The run root holding a trace: the nearest ancestor with a manifest, or a `profiling/<run_id>` folder.
 * Undefined when the trace is not inside a run root.
 */
export async function findRunRoot(file: string, maxUp = 10): Promise<string | undefined> {
  let dir = path.dirname(path.resolve(file));
  for (let i = 0; i < maxUp; i++) {
    for (const m of MANIFESTS) if (await isFile(path.join(dir, m))) return dir;
    if (path.basename(path.dirname(dir)) === 'profiling') return dir;
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return undefined;
}

/** A sliced export (`msprof_slice_<n>_<stamp>.json`) loads with every slice of the same stamp, in order. */
export async function withSiblingSlices(file: string): Promise<string[]> {
  const m = /^msprof_slice_\d+((?:_\d+)*)\.json$/i.exec(path.basename(file));
  if (!m) return [file];
  const dir = path.dirname(file);
  const same = new RegExp(`^msprof_slice_(\\d+)${m[1]}\\.json$`, 'i');
  const names = (await fs.readdir(dir)).filter((n) => same.test(n));
  names.sort((a, b) => Number(same.exec(a)![1]) - Number(same.exec(b)![1]));
  return names.length ? names.map((n) => path.join(dir, n)) : [file];
}

/** Resolves a run root, capture folder or trace file into the files to load; throws TraceTargetError when there are none. */
export async function resolveTraceIdentity(target: string): Promise<TraceIdentity> {
  const abs = path.resolve(target);
  let stat;
  try {
    stat = await fs.stat(abs);
  } catch {
    throw new TraceTargetError(`${abs}: no such file or folder`);
  }
  let files: string[];
  if (stat.isFile()) {
    files = await withSiblingSlices(abs);
  } else {
    let outputs;
    try {
      outputs = await findProfilingOutputs(abs);
    } catch (e) {
      if (e instanceof ProfilingPathError) throw new TraceTargetError(e.message);
      throw e;
    }
    files = [...new Set(outputs.flatMap((o) => o.traceFiles))];
  }
  if (!files.length) throw new TraceTargetError(`no trace file (msprof_*.json or trace_view.json) under ${abs}`);
  const runRoot = stat.isDirectory() && (await isRunRoot(abs)) ? abs : await findRunRoot(files[0]);
  return runRoot ? { files, runRoot } : { files };
}

async function isRunRoot(dir: string): Promise<boolean> {
  for (const m of MANIFESTS) if (await isFile(path.join(dir, m))) return true;
  return path.basename(path.dirname(dir)) === 'profiling';
}

/** Short name of a file for the page: relative to the run root when inside it, else its base name. */
export function traceLabel(file: string, identity: TraceIdentity): string {
  if (identity.runRoot) {
    const rel = path.relative(identity.runRoot, file);
    if (rel && !rel.startsWith('..') && !path.isAbsolute(rel)) return rel.split(path.sep).join('/');
  }
  return path.basename(file);
}

/** Panel title: the run id (run root name) or the file name, plus how many files. */
export function timelineTitle(identity: TraceIdentity): string {
  const base = identity.runRoot ? path.basename(identity.runRoot) : path.basename(identity.files[0]);
  return identity.files.length > 1 ? `${base} (${identity.files.length})` : base;
}

/** Same files (in any order): the same timeline. */
export function sameIdentity(a: TraceIdentity, b: TraceIdentity): boolean {
  if (a.files.length !== b.files.length) return false;
  const set = new Set(a.files.map((f) => path.resolve(f)));
  return b.files.every((f) => set.has(path.resolve(f)));
}

/** Reads an event's args bytes, checking the request against the file (never past its end). */
export async function readArgsText(file: string, offset: number, length: number, maxBytes: number): Promise<string> {
  if (length > maxBytes) throw new TraceTargetError(`args of ${length} bytes exceed the ${maxBytes}-byte limit`);
  const fh = await fs.open(file, 'r');
  try {
    const { size } = await fh.stat();
    if (offset + length > size) throw new TraceTargetError(`bytes ${offset}-${offset + length} are past the end of ${path.basename(file)} (${size} bytes)`);
    const buf = Buffer.alloc(length);
    const { bytesRead } = await fh.read(buf, 0, length, offset);
    return buf.subarray(0, bytesRead).toString('utf8');
  } finally {
    await fh.close();
  }
}
