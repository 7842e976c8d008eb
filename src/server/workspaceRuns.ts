// The server's view of the workspace's run roots: indexes per folder plus values other runs use.
import type { RunRecord } from '../core/runs/runRecord';
import { RunRecords } from '../core/runs/runRecords';
import { RunIndex } from '../core/runs/runIndex';

export class WorkspaceRuns {
  private readonly indexes: RunIndex[] = [];
  private readonly records = new RunRecords();
  /** Record reads and updates, one after another so a later event never lands before an earlier one. */
  private recordsQueue: Promise<unknown> = Promise.resolve();

  addFolder(folder: string, runRootGlobs: readonly string[]): void {
    this.indexes.push(new RunIndex(folder, { roots: runRootGlobs }));
  }

  /** Discovers the run roots; the records of their manifests are read after it, in the background. */
  async index(onError: (message: string) => void): Promise<void> {
    await Promise.all(this.indexes.map((i) => i.rescan().catch((e: Error) => onError(`indexing ${i.folder}: ${e.message}`))));
    this.syncRecords();
  }

  /** Applies one watched change to the index, then re-reads the record of the run it touched (if any). */
  async update(file: string): Promise<void> {
    for (const index of this.indexes) if (file.startsWith(index.folder)) await index.update(file);
    this.syncRecords(file);
  }

  private syncRecords(changed?: string): void {
    this.recordsQueue = this.recordsQueue.then(() => this.records.sync(this.runs(), changed)).catch(() => undefined);
  }

  /** Other runs by run_id for the cross-file rules, once pending reads are done. */
  async runRecords(): Promise<ReadonlyMap<string, RunRecord>> {
    await this.recordsQueue;
    return this.records.byRunId();
  }
  runCount(): number {
    return this.indexes.reduce((n, i) => n + i.runs().length, 0);
  }

  runs() {
    return this.indexes.flatMap((i) => i.runs());
  }

  runContaining(file: string) {
    for (const index of this.indexes) {
      const run = index.runContaining(file);
      if (run) return run;
    }
    return undefined;
  }

  /** Top-level entries of the run root holding `file`, for path completions. */
  entriesOfRunContaining(file: string): string[] {
    for (const index of this.indexes) {
      const run = index.runContaining(file);
      if (run) return [...run.inventory.entries];
    }
    return [];
  }

  /** Values of COMPLETION_KEYS across the runs' records (what is read so far: completion never waits). */
  valuesByKey(): Record<string, string[]> {
    return this.records.completionValues();
  }
}
