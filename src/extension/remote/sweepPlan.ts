// A sweep as concrete runs: one manifest over concurrency values and/or hosts, each point its own run id and manifest
// copy (kept under .xwf/sweeps/ so Reattach can read it again), hosts in parallel, points of one host in order.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { writeFileAtomic } from '../../core/fs/atomicWrite';
import { RUN_ID } from '../../core/remote/perfPlan';
import { fillManifest } from '../../core/remote/manifestFill';
import { localRunRelative, type RemoteRunKind } from '../../core/remote/remoteLayout';

export interface SweepPoint {
  readonly hostName: string;
  /** null: the manifest's own parallel. */
  readonly concurrency: number | null;
  readonly runId: string;
  /** Where the point's manifest copy is written. */
  readonly manifestPath: string;
}

/** Concurrency values typed as "1,8,32": positive integers, duplicates dropped, order kept. */
export function parseConcurrencyList(text: string): number[] | undefined {
  const parts = text.split(/[,\s]+/).filter(Boolean);
  if (!parts.length || parts.some((p) => !/^\d{1,6}$/.test(p) || Number(p) < 1)) return undefined;
  return [...new Set(parts.map(Number))];
}

/** A host name as part of a run id: only the characters a run id allows. */
function idPart(s: string): string {
  return s.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'host';
}

export function planSweep(workspaceDir: string, baseRunId: string, manifestFile: string, hosts: readonly string[], concurrency: readonly number[], now = new Date()): SweepPoint[] {
  if (!hosts.length) throw new Error('a sweep needs at least one host');
  const folder = path.join(workspaceDir, '.xwf', 'sweeps', `${baseRunId}-${now.toISOString().replace(/[:.]/g, '-')}`);
  const ext = /\.ya?ml$/i.test(manifestFile) ? path.extname(manifestFile) : '.md';
  const values: (number | null)[] = concurrency.length ? [...concurrency] : [null];
  const points: SweepPoint[] = [];
  for (const host of hosts) {
    for (const c of values) {
      const runId = [baseRunId, hosts.length > 1 ? idPart(host) : '', c !== null ? `c${c}` : ''].filter(Boolean).join('-');
      if (!RUN_ID.test(runId)) throw new Error(`run id '${runId}' of the sweep is not a valid folder name (letters, digits, '.', '_', '-'; at most 128)`);
      points.push({ hostName: host, concurrency: c, runId, manifestPath: path.join(folder, `${runId}.manifest${ext}`) });
    }
  }
  const ids = new Set(points.map((p) => p.runId));
  if (ids.size !== points.length) throw new Error('two points of the sweep would get the same run id');
  return points;
}

/** Run roots a sweep would fill that already hold something: the engine refuses those, so the sweep refuses first. */
export async function existingRoots(workspaceDir: string, points: readonly SweepPoint[], kind: RemoteRunKind): Promise<string[]> {
  const out: string[] = [];
  for (const p of points) {
    const root = path.join(workspaceDir, localRunRelative(kind, p.runId));
    const names = await fs.readdir(root).catch(() => null);
    if (names && names.length) out.push(root);
  }
  return out;
}

/** Writes each point's manifest: the base text with its run_id and parallel set, nothing else changed. */
export async function writeSweepManifests(baseText: string, baseName: string, points: readonly SweepPoint[]): Promise<void> {
  for (const p of points) {
    const text = fillManifest(baseText, baseName, { run_id: p.runId, parallel: p.concurrency ?? undefined });
    await fs.mkdir(path.dirname(p.manifestPath), { recursive: true });
    await writeFileAtomic(p.manifestPath, text);
  }
}
