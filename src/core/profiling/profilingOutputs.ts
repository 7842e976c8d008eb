// Finds what a profiling capture exported: trace JSON files (msprof, slices, torch_npu trace_view) and the
// CSV tables, for every rank of a multi-rank folder, so they load as one trace and one set of tables.
import { readdir, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { tableKindOfFile, type TableKind } from './profilingTables';

export interface ProfilingOutput {
  /** Folder holding the exports (mindstudio_profiler_output/, ASCEND_PROFILER_OUTPUT/, or the given folder). */
  readonly dir: string;
  /** Rank from torch_npu's profiler_info_<rank>.json beside the output folder, else null. */
  readonly rank: number | null;
  readonly traceFiles: string[];
  readonly tables: Partial<Record<TableKind, string[]>>;
}

export class ProfilingPathError extends Error {}

const TRACE_FILE = /^(msprof(_slice_\d+)?(_\d+)*\.json|trace_view\.json)$/i;
// Raw msprof data (device_<n>/, host/) and tool folders hold no exports.
const SKIP_DIRS = /^(node_modules|\.git|device_\d+|host|log|sqlite|FRAMEWORK)$/;
const MAX_DEPTH = 8;

/** Natural order so msprof_slice_2 sorts before msprof_slice_10. */
const natural = (a: string, b: string): number => a.localeCompare(b, 'en', { numeric: true });

async function listDir(dir: string): Promise<{ name: string; isDir: boolean }[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries.map((e) => ({ name: e.name, isDir: e.isDirectory() })).sort((a, b) => natural(a.name, b.name));
}

async function rankOf(dir: string): Promise<number | null> {
  // torch_npu: <x>_ascend_pt/profiler_info_<rank>.json next to ASCEND_PROFILER_OUTPUT/
  try {
    for (const e of await listDir(path.dirname(dir))) {
      const m = /^profiler_info_(\d+)\.json$/.exec(e.name);
      if (m) return Number(m[1]);
    }
  } catch {
    /* no parent listing: no rank */
  }
  return null;
}

async function outputOf(dir: string, files: string[]): Promise<ProfilingOutput | null> {
  const traceFiles = files.filter((f) => TRACE_FILE.test(f)).map((f) => path.join(dir, f));
  const tables: Partial<Record<TableKind, string[]>> = {};
  for (const f of files) {
    const kind = tableKindOfFile(f);
    if (kind) (tables[kind] ??= []).push(path.join(dir, f));
  }
  if (!traceFiles.length && !Object.keys(tables).length) return null;
  return { dir, rank: await rankOf(dir), traceFiles, tables };
}

/**
 * Profiling outputs under a folder, or for one trace file (with the CSV tables beside it).
 * Throws ProfilingPathError when the path does not exist.
 */
export async function findProfilingOutputs(target: string): Promise<ProfilingOutput[]> {
  let st;
  try {
    st = await stat(target);
  } catch {
    throw new ProfilingPathError(`${target}: no such file or folder`);
  }
  if (st.isFile()) {
    const dir = path.dirname(target);
    const siblings = (await listDir(dir)).filter((e) => !e.isDir).map((e) => e.name);
    const out = await outputOf(dir, siblings.filter((f) => tableKindOfFile(f)));
    // A CSV export given alone: analyse the tables beside it, there is no trace.
    const traceFiles = tableKindOfFile(path.basename(target)) ? [] : [target];
    return [{ dir, rank: out?.rank ?? (await rankOf(dir)), traceFiles, tables: out?.tables ?? {} }];
  }
  const found: ProfilingOutput[] = [];
  const walk = async (dir: string, depth: number): Promise<void> => {
    let entries;
    try {
      entries = await listDir(dir);
    } catch {
      return;
    }
    const files = entries.filter((e) => !e.isDir).map((e) => e.name);
    const out = await outputOf(dir, files);
    if (out) found.push(out);
    if (depth >= MAX_DEPTH) return;
    // A torch_npu rank folder exports ASCEND_PROFILER_OUTPUT/; its inner PROF_* holds the same data again.
    const hasTorchOutput = entries.some((e) => e.isDir && e.name === 'ASCEND_PROFILER_OUTPUT');
    for (const e of entries) {
      if (!e.isDir || SKIP_DIRS.test(e.name) || e.name.startsWith('.')) continue;
      if (hasTorchOutput && e.name.startsWith('PROF_')) continue;
      await walk(path.join(dir, e.name), depth + 1);
    }
  };
  await walk(target, 0);
  return found;
}
