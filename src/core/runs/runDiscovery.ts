// Finds the run roots under a folder: conventional layouts plus configured globs, without following loops.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import picomatch from 'picomatch';
import { inventoryFromEntries } from './artifactInventory';
import { inferKind, looksLikeProfilingRun, matchConventionalLayout } from './runLayout';
import { MANIFEST_FILE_NAMES, type RunKind } from './runKinds';
import type { RunRoot } from './runRoot';

export interface DiscoveryOptions {
  /** Globs (relative to the folder) of extra run-root folders, e.g. `experiments/*`. */
  readonly roots?: readonly string[];
  /** Globs of folders never entered. */
  readonly exclude?: readonly string[];
  /** How deep below the folder to look for run roots. */
  readonly maxDepth?: number;
  readonly signal?: AbortSignal;
}

export interface DiscoveryProblem {
  readonly path: string;
  readonly message: string;
}

export interface DiscoveryResult {
  readonly folder: string;
  readonly runs: RunRoot[];
  readonly problems: DiscoveryProblem[];
}

export const DEFAULT_EXCLUDE = ['**/node_modules/**', '**/.git/**'];
const DEFAULT_MAX_DEPTH = 8;
const CONCURRENCY = 32;

export class FolderNotFoundError extends Error {
  constructor(readonly folder: string, reason: string) {
    super(`${folder}: ${reason}`);
  }
}

function toPosix(p: string): string {
  return p.split(path.sep).join('/');
}

/** Top-level entries of a folder, folders marked with a trailing '/'; symlinks resolved. */
export async function readEntries(dir: string): Promise<string[]> {
  return (await readFolder(dir)).entries;
}

/** A folder's entries as readEntries gives them, plus the names of folders that are symbolic links. */
async function readFolder(dir: string): Promise<{ entries: string[]; linkedFolders: Set<string> | undefined }> {
  const dirents = await fs.readdir(dir, { withFileTypes: true });
  let linkedFolders: Set<string> | undefined;
  const entries = await Promise.all(
    dirents.map(async (d) => {
      if (!d.isSymbolicLink()) return d.isDirectory() ? `${d.name}/` : d.name;
      const isDir = await fs.stat(path.join(dir, d.name)).then((s) => s.isDirectory(), () => false);
      if (!isDir) return d.name;
      (linkedFolders ??= new Set()).add(d.name);
      return `${d.name}/`;
    }),
  );
  return { entries, linkedFolders };
}

/** Builds the RunRoot of a folder already known to be one; `relative` is its path from `folder` when the caller has it. */
export function runRootFromEntries(folder: string, dir: string, kind: RunKind, entries: readonly string[], matchedBy: RunRoot['matchedBy'], relative?: string): RunRoot {
  const manifestName = MANIFEST_FILE_NAMES.find((n) => entries.includes(n));
  return {
    kind,
    runId: path.basename(dir),
    root: dir,
    relativePath: (relative ?? toPosix(path.relative(folder, dir))) || '.',
    manifestPath: manifestName ? path.join(dir, manifestName) : null,
    matchedBy,
    inventory: inventoryFromEntries(kind, entries),
  };
}

/** Where a walked folder is, as the walk carries it down (no path arithmetic per folder). */
export interface WalkPosition {
  /** '/'-separated path from the scanned folder; '' for the folder itself. */
  readonly relative: string;
  /** The last (up to three) segments of the absolute path: all the conventional layout looks at. */
  readonly tail: readonly string[];
}

/** Decides whether `dir` is a run root, given its entries; null when it is not. */
export function classifyRunRoot(
  folder: string,
  dir: string,
  entries: readonly string[],
  isGlobRoot: (relative: string) => boolean,
  position?: WalkPosition,
): RunRoot | null {
  const segments = position?.tail ?? toPosix(path.resolve(dir)).split('/').filter(Boolean);
  const layout = matchConventionalLayout(segments);
  const relative = position?.relative ?? toPosix(path.relative(folder, dir));
  if (layout && (layout.certain || looksLikeProfilingRun(entries.map((e) => e.replace(/\/$/, ''))))) {
    return runRootFromEntries(folder, dir, layout.kind, entries, 'conventional', relative);
  }
  if (relative && isGlobRoot(relative)) {
    const kind = inferKind(relative.split('/'), entries.map((e) => e.replace(/\/$/, '')));
    return runRootFromEntries(folder, dir, kind, entries, 'glob', relative);
  }
  return null;
}

export function makeMatchers(options: DiscoveryOptions) {
  const roots = options.roots?.length ? picomatch(options.roots as string[], { dot: true }) : () => false;
  const exclude = picomatch((options.exclude ?? DEFAULT_EXCLUDE) as string[], { dot: true });
  // A folder is excluded when it or anything inside it would match (`**/node_modules/**`).
  return { isGlobRoot: (rel: string) => roots(rel), isExcluded: (rel: string) => exclude(rel) || exclude(`${rel}/x`) };
}

/** Walks `folder` breadth-first and returns its run roots sorted by kind then run id. */
export async function discoverRuns(folder: string, options: DiscoveryOptions = {}): Promise<DiscoveryResult> {
  const base = path.resolve(folder);
  const stat = await fs.stat(base).catch((e: NodeJS.ErrnoException) => {
    throw new FolderNotFoundError(base, e.code === 'ENOENT' ? 'no such folder' : e.message);
  });
  if (!stat.isDirectory()) throw new FolderNotFoundError(base, 'not a folder');

  const { isGlobRoot, isExcluded } = makeMatchers(options);
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  const runs: RunRoot[] = [];
  const problems: DiscoveryProblem[] = [];
  // Real paths of the folders entered. Only a symbolic link can make a loop or a second way into a folder, so only
  // folders reached through one are resolved; the others are the scanned folder's real path plus their relative path.
  const realBase = await fs.realpath(base).catch(() => base);
  const seen = new Set<string>();
  type Item = { dir: string; depth: number; relative: string; tail: readonly string[]; viaLink: boolean };
  let queue: Item[] = [{ dir: base, depth: 0, relative: '', tail: toPosix(base).split('/').filter(Boolean).slice(-3), viaLink: false }];

  const visit = async (item: Item, next: Item[]) => {
    const { dir, depth, relative, tail } = item;
    let real: string;
    if (item.viaLink) {
      try {
        real = await fs.realpath(dir);
      } catch (e) {
        problems.push({ path: dir, message: (e as Error).message });
        return;
      }
    } else {
      real = relative ? path.join(realBase, relative) : realBase;
    }
    if (seen.has(real)) return; // symlink loop or a second link to the same folder
    seen.add(real);
    let entries: string[];
    let linkedFolders: Set<string> | undefined;
    try {
      ({ entries, linkedFolders } = await readFolder(dir));
    } catch (e) {
      problems.push({ path: dir, message: (e as NodeJS.ErrnoException).code ?? (e as Error).message });
      return;
    }
    const run = classifyRunRoot(base, dir, entries, isGlobRoot, { relative, tail });
    if (run) {
      runs.push(run);
      return; // a run root's folders are its artifacts, not further runs
    }
    if (depth >= maxDepth) return;
    for (const entry of entries) {
      if (!entry.endsWith('/')) continue;
      const name = entry.slice(0, -1);
      const rel = relative ? `${relative}/${name}` : name;
      if (isExcluded(rel)) continue;
      next.push({
        dir: path.join(dir, name),
        depth: depth + 1,
        relative: rel,
        tail: tail.length < 3 ? [...tail, name] : [tail[1], tail[2], name],
        viaLink: item.viaLink || linkedFolders?.has(name) === true,
      });
    }
  };

  while (queue.length) {
    if (options.signal?.aborted) throw new Error('discovery cancelled');
    const next: Item[] = [];
    for (let i = 0; i < queue.length; i += CONCURRENCY) {
      await Promise.all(queue.slice(i, i + CONCURRENCY).map((item) => visit(item, next)));
    }
    queue = next;
  }
  runs.sort((a, b) => a.kind.localeCompare(b.kind) || a.runId.localeCompare(b.runId) || a.root.localeCompare(b.root));
  return { folder: base, runs, problems };
}
