// New Run leaves runs/<kind>/<run_id>/ holding only manifest.md and empty folders; the engine needs that run root
// empty to fill it. Such a prepared root is moved aside (renamed, nothing deleted) and its manifest used from there.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { textOf } from '../../core/manifest/manifestModel';
import { parseManifestFile } from '../../core/manifest/manifestFields';
import { localRunRelative, type RemoteRunKind } from '../../core/remote/remoteLayout';

export interface ManifestTarget {
  readonly runId: string | undefined;
  /** The manifest the engine should read. */
  readonly manifestPath: string;
  /** Set when a prepared run root was moved aside; `restore()` puts it back if the run never started. */
  readonly staged?: { readonly from: string; readonly to: string };
}

/** run_id of a manifest file, or undefined when it has none (the engine then reports the problem). */
export async function manifestRunId(manifestPath: string): Promise<string | undefined> {
  const text = await fs.readFile(manifestPath, 'utf8');
  return textOf(parseManifestFile(text, manifestPath), 'run_id');
}

/** Files (not folders) anywhere under `dir`, relative; stops early once more than `limit` are seen. */
async function filesUnder(dir: string, limit = 8): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string): Promise<void> => {
    for (const e of await fs.readdir(d, { withFileTypes: true })) {
      if (out.length > limit) return;
      if (e.isDirectory()) await walk(path.join(d, e.name));
      else out.push(path.relative(dir, path.join(d, e.name)));
    }
  };
  await walk(dir);
  return out;
}

export function stagingFolder(workspaceDir: string, runId: string, now = new Date()): string {
  return path.join(workspaceDir, '.xwf', 'staged', `${runId}-${now.toISOString().replace(/[:.]/g, '-')}`);
}

/** The run kind a manifest's place implies: runs/accuracy/ and profiling/ hold those kinds, anything else is perf. */
export function kindOfManifest(workspaceDir: string, manifestPath: string): RemoteRunKind {
  const rel = path.relative(workspaceDir, manifestPath).split(path.sep).join('/');
  if (rel.startsWith('runs/accuracy/')) return 'accuracy';
  if (rel.startsWith('profiling/')) return 'profiling';
  return 'perf';
}

/** Decides where the engine reads the manifest from, moving a prepared run root aside when that is what blocks it. */
export async function prepareManifest(workspaceDir: string, manifestPath: string, kind: RemoteRunKind = 'perf'): Promise<ManifestTarget> {
  const runId = await manifestRunId(manifestPath);
  if (!runId || !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(runId)) return { runId, manifestPath };
  const root = path.join(workspaceDir, localRunRelative(kind, runId));
  const inRoot = path.relative(root, manifestPath);
  if (inRoot.startsWith('..') || path.isAbsolute(inRoot) || inRoot.includes(path.sep)) return { runId, manifestPath };
  const files = await filesUnder(root).catch(() => null);
  // Only the manifest itself (and empty skeleton folders): anything else is evidence and stays where it is.
  if (!files || files.length !== 1 || files[0] !== inRoot) return { runId, manifestPath };
  const to = stagingFolder(workspaceDir, runId);
  await fs.mkdir(path.dirname(to), { recursive: true });
  await fs.rename(root, to);
  return { runId, manifestPath: path.join(to, inRoot), staged: { from: root, to } };
}

/** Puts a staged run root back when the run did not create its own (it failed before starting). */
export async function restoreStaged(target: ManifestTarget): Promise<boolean> {
  if (!target.staged) return false;
  const names = await fs.readdir(target.staged.from).catch(() => null);
  if (names && names.length) return false;
  if (names) await fs.rmdir(target.staged.from).catch(() => undefined);
  await fs.rename(target.staged.to, target.staged.from);
  return true;
}
