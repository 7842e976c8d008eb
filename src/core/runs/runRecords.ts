// The records of a workspace's runs by run_id: read in one bounded pass, then kept current one run at a time.
import * as path from 'node:path';
import { readManifest } from '../diagnostics/runContext';
import { mapBounded } from '../fs/mapBounded';
import { COMPLETION_KEYS, runRecordOf, type RunRecord } from './runRecord';
import type { RunRoot } from './runRoot';

/** Manifest reads in flight at once: enough to keep the file system busy, few enough not to flood its thread pool. */
export const RECORD_READS_IN_FLIGHT = 32;

/** The record of one run's manifest; undefined when it has none or it cannot be read as text. */
export async function readRunRecord(run: RunRoot): Promise<RunRecord | undefined> {
  if (!run.manifestPath) return undefined;
  const doc = await readManifest(run.manifestPath);
  return doc ? runRecordOf(doc, run.manifestPath, run.runId) : undefined;
}

/** Records by run_id (the manifest's own, else the folder name), in `runs` order: the first of two equal ids wins. */
function byRunId(runs: readonly RunRoot[], recordOf: (run: RunRoot) => RunRecord | undefined): Map<string, RunRecord> {
  const map = new Map<string, RunRecord>();
  for (const run of runs) {
    const record = recordOf(run);
    if (!record) continue;
    if (!map.has(record.runId)) map.set(record.runId, record);
    if (!map.has(run.runId)) map.set(run.runId, record);
  }
  return map;
}

/** The records of runs by run_id, read `RECORD_READS_IN_FLIGHT` at a time (same ids as loadRunManifests). */
export async function loadRunRecords(runs: readonly RunRoot[]): Promise<Map<string, RunRecord>> {
  const records = await mapBounded(runs, RECORD_READS_IN_FLIGHT, readRunRecord);
  const byRoot = new Map(runs.map((run, i) => [run.root, records[i]]));
  return byRunId(runs, (run) => byRoot.get(run.root));
}

interface Held {
  readonly manifestPath: string | null;
  readonly record: RunRecord | undefined;
}

/** Records of an index's runs, re-read only for runs whose manifest changed. */
export class RunRecords {
  private readonly byRoot = new Map<string, Held>();
  private order: readonly RunRoot[] = [];
  private ids: Map<string, RunRecord> | undefined;
  private values: Record<string, string[]> | undefined;

  /**
   * Brings the records in line with `runs` (the index after a rescan or an update): drops runs that are gone,
   * reads new runs, runs whose manifest path changed, and the run whose manifest or root is `changed`.
   * Returns whether any record changed.
   */
  async sync(runs: readonly RunRoot[], changed?: string): Promise<boolean> {
    const target = changed === undefined ? undefined : path.resolve(changed);
    const present = new Set(runs.map((r) => r.root));
    let any = false;
    for (const root of [...this.byRoot.keys()]) {
      if (!present.has(root)) {
        this.byRoot.delete(root);
        any = true;
      }
    }
    const stale = runs.filter((r) => {
      const held = this.byRoot.get(r.root);
      return !held || held.manifestPath !== r.manifestPath || (target !== undefined && (target === r.manifestPath || target === r.root));
    });
    const records = await mapBounded(stale, RECORD_READS_IN_FLIGHT, readRunRecord);
    stale.forEach((run, i) => this.byRoot.set(run.root, { manifestPath: run.manifestPath, record: records[i] }));
    if (stale.length) any = true;
    if (any || this.order.length !== runs.length) {
      this.ids = undefined;
      this.values = undefined;
    }
    this.order = runs;
    return any;
  }

  /** Records by run_id, for ValidationContext.runs. */
  byRunId(): ReadonlyMap<string, RunRecord> {
    this.ids ??= byRunId(this.order, (run) => this.byRoot.get(run.root)?.record);
    return this.ids;
  }

  /** Sorted distinct filled values of COMPLETION_KEYS across the records, for completion. */
  completionValues(): Record<string, string[]> {
    if (!this.values) {
      const found: Record<string, Set<string>> = {};
      for (const run of this.order) {
        const record = this.byRoot.get(run.root)?.record;
        if (!record) continue;
        for (const key of COMPLETION_KEYS) {
          const v = record.values[key];
          if (v) (found[key] ??= new Set()).add(v.text);
        }
      }
      this.values = Object.fromEntries(Object.entries(found).map(([k, v]) => [k, [...v].sort()]));
    }
    return this.values;
  }
}
