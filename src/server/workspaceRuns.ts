// The server's view of the workspace's run roots: indexes per folder plus values other runs use.
import { promises as fs } from 'node:fs';
import { parseManifestFile } from '../core/manifest/manifestFields';
import { RunIndex } from '../core/runs/runIndex';

/** Keys whose values are worth offering from other runs. */
const SHARED_KEYS = ['model_name', 'model_path', 'tokenizer_path', 'host', 'container', 'NPU model', 'dataset', 'CANN version', 'HDK driver version', 'torch_npu version'];

export class WorkspaceRuns {
  private readonly indexes: RunIndex[] = [];
  private values: Record<string, string[]> = {};
  private valuesStale = true;

  addFolder(folder: string, runRootGlobs: readonly string[]): void {
    this.indexes.push(new RunIndex(folder, { roots: runRootGlobs }));
  }

  async index(onError: (message: string) => void): Promise<void> {
    await Promise.all(this.indexes.map((i) => i.rescan().catch((e: Error) => onError(`indexing ${i.folder}: ${e.message}`))));
    this.valuesStale = true;
  }

  async update(file: string): Promise<void> {
    for (const index of this.indexes) if (file.startsWith(index.folder)) await index.update(file);
    this.valuesStale = true;
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

  /** Values of SHARED_KEYS across manifests, refreshed lazily after changes (read on demand, not on every keystroke). */
  valuesByKey(): Record<string, string[]> {
    if (this.valuesStale) {
      this.valuesStale = false;
      void this.collectValues();
    }
    return this.values;
  }

  private async collectValues(): Promise<void> {
    const found: Record<string, Set<string>> = {};
    for (const run of this.runs()) {
      if (!run.manifestPath) continue;
      try {
        const doc = parseManifestFile(await fs.readFile(run.manifestPath, 'utf8'), run.manifestPath);
        for (const e of doc.entries) if (e.filled && SHARED_KEYS.includes(e.key)) (found[e.key] ??= new Set()).add(e.text);
      } catch {
        // An unreadable manifest is reported by validation, not here.
      }
    }
    this.values = Object.fromEntries(Object.entries(found).map(([k, v]) => [k, [...v].sort()]));
  }
}
