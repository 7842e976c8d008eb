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
  const dirents = await fs.readdir(dir, { withFileTypes: true });
  return Promise.all(
    dirents.map(async (d) => {
      let isDir = d.isDirectory();
      if (d.isSymbolicLink()) isDir = await fs.stat(path.join(dir, d.name)).then((s) => s.isDirectory(), () => false);
      return isDir ? `${d.name}/` : d.name;
    }),
  );
}

/** Builds the RunRoot of a folder already known to be one. */
export function runRootFromEntries(folder: string, dir: string, kind: RunKind, entries: readonly string[], matchedBy: RunRoot['matchedBy']): RunRoot {
  const manifestName = MANIFEST_FILE_NAMES.find((n) => entries.includes(n));
  return {
    kind,
    runId: path.basename(dir),
    root: dir,
    relativePath: toPosix(path.relative(folder, dir)) || '.',
    manifestPath: manifestName ? path.join(dir, manifestName) : null,
    matchedBy,
    inventory: inventoryFromEntries(kind, entries),
  };
}

/** Decides whether `dir` is a run root, given its entries; null when it is not. */
export function classifyRunRoot(
  folder: string,
  dir: string,
  entries: readonly string[],
  isGlobRoot: (relative: string) => boolean,
): RunRoot | null {
  const segments = toPosix(path.resolve(dir)).split('/').filter(Boolean);
  const layout = matchConventionalLayout(segments);
  if (layout && (layout.certain || looksLikeProfilingRun(entries.map((e) => e.replace(/\/$/, ''))))) {
    return runRootFromEntries(folder, dir, layout.kind, entries, 'conventional');
  }
  const relative = toPosix(path.relative(folder, dir));
  if (relative && isGlobRoot(relative)) {
    const kind = inferKind(relative.split('/'), entries.map((e) => e.replace(/\/$/, '')));
    return runRootFromEntries(folder, dir, kind, entries, 'glob');
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
  const seen = new Set<string>();
  let queue: { dir: string; depth: number }[] = [{ dir: base, depth: 0 }];

  const visit = async ({ dir, depth }: { dir: string; depth: number }, next: typeof queue) => {
    let real: string;
    try {
      real = await fs.realpath(dir);
    } catch (e) {
      problems.push({ path: dir, message: (e as Error).message });
      return;
    }
    if (seen.has(real)) return; // symlink loop or a second link to the same folder
    seen.add(real);
    let entries: string[];
    try {
      entries = await readEntries(dir);
    } catch (e) {
      problems.push({ path: dir, message: (e as NodeJS.ErrnoException).code ?? (e as Error).message });
      return;
    }
    const run = classifyRunRoot(base, dir, entries, isGlobRoot);
    if (run) {
      runs.push(run);
      return; // a run root's folders are its artifacts, not further runs
    }
    if (depth >= maxDepth) return;
    for (const entry of entries) {
      if (!entry.endsWith('/')) continue;
      const name = entry.slice(0, -1);
      const child = path.join(dir, name);
      const rel = toPosix(path.relative(base, child));
      if (isExcluded(rel)) continue;
      next.push({ dir: child, depth: depth + 1 });
    }
  };

  while (queue.length) {
    if (options.signal?.aborted) throw new Error('discovery cancelled');
    const next: typeof queue = [];
    for (let i = 0; i < queue.length; i += CONCURRENCY) {
      await Promise.all(queue.slice(i, i + CONCURRENCY).map((item) => visit(item, next)));
    }
    queue = next;
  }
  runs.sort((a, b) => a.kind.localeCompare(b.kind) || a.runId.localeCompare(b.runId) || a.root.localeCompare(b.root));
  return { folder: base, runs, problems };
}
