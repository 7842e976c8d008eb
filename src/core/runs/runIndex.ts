// The run roots of one folder, kept current from file events one path at a time (no rescans on change).
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { classifyRunRoot, discoverRuns, makeMatchers, readEntries, type DiscoveryOptions, type DiscoveryProblem } from './runDiscovery';
import type { RunRoot } from './runRoot';

export class RunIndex {
  private readonly byRoot = new Map<string, RunRoot>();
  private problemList: DiscoveryProblem[] = [];
  private readonly matchers;
  readonly folder: string;

  constructor(folder: string, private readonly options: DiscoveryOptions = {}) {
    this.folder = path.resolve(folder);
    this.matchers = makeMatchers(options);
  }

  async rescan(signal?: AbortSignal): Promise<void> {
    const result = await discoverRuns(this.folder, { ...this.options, signal });
    this.byRoot.clear();
    for (const run of result.runs) this.byRoot.set(run.root, run);
    this.problemList = result.problems;
  }

  runs(): RunRoot[] {
    return [...this.byRoot.values()].sort((a, b) => a.kind.localeCompare(b.kind) || a.runId.localeCompare(b.runId));
  }

  problems(): readonly DiscoveryProblem[] {
    return this.problemList;
  }

  get(root: string): RunRoot | undefined {
    return this.byRoot.get(path.resolve(root));
  }

  /** The run root that contains `file`, if any. */
  runContaining(file: string): RunRoot | undefined {
    let dir = path.resolve(file);
    while (dir.startsWith(this.folder)) {
      const run = this.byRoot.get(dir);
      if (run) return run;
      const parent = path.dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
    return undefined;
  }

  /**
   * Applies one created, changed or deleted path. Returns true when the set of runs or an
   * inventory changed. Cost is bounded by the path's depth, not by the number of runs.
   */
  async update(changed: string): Promise<boolean> {
    const target = path.resolve(changed);
    if (!target.startsWith(this.folder)) return false;
    const rel = path.relative(this.folder, target).split(path.sep).join('/');
    if (rel && this.matchers.isExcluded(rel)) return false;

    const owner = this.runContaining(target);
    if (owner) {
      // Any change inside a run may change what the views show (metrics, status): re-read it as a new object.
      await this.refreshRoot(owner.root);
      return true;
    }

    let changedAny = false;
    // A deleted folder may have held several run roots.
    if (!(await exists(target))) {
      for (const root of [...this.byRoot.keys()]) {
        if (root.startsWith(target + path.sep)) {
          this.byRoot.delete(root);
          changedAny = true;
        }
      }
      return changedAny;
    }
    // A new path may be inside a new run root: test the path and its ancestors up to the folder.
    for (let dir = (await isDir(target)) ? target : path.dirname(target); dir.startsWith(this.folder); dir = path.dirname(dir)) {
      if (await this.refreshRoot(dir)) return true;
      if (dir === this.folder) break;
    }
    return changedAny;
  }

  private async refreshRoot(dir: string): Promise<boolean> {
    const before = this.byRoot.get(dir);
    let entries: string[];
    try {
      entries = await readEntries(dir);
    } catch {
      if (before) this.byRoot.delete(dir);
      return !!before;
    }
    const run = classifyRunRoot(this.folder, dir, entries, this.matchers.isGlobRoot);
    if (!run) {
      if (before) this.byRoot.delete(dir);
      return !!before;
    }
    this.byRoot.set(dir, run);
    return !before || JSON.stringify(before.inventory) !== JSON.stringify(run.inventory) || before.manifestPath !== run.manifestPath;
  }
}

async function exists(p: string): Promise<boolean> {
  return fs.stat(p).then(() => true, () => false);
}

async function isDir(p: string): Promise<boolean> {
  return fs.stat(p).then((s) => s.isDirectory(), () => false);
}
