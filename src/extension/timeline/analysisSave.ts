// "Save Analysis to Run": analyses the capture with the core (CSV exports preferred, like `xwf analyze`) and
// writes the run-root artifacts with the core writers, asking before replacing existing files.
import * as path from 'node:path';
import { promises as fs } from 'node:fs';
import { ArtifactExistsError, writeAnalysisArtifacts, type RunMeta } from '../../core/profiling/analysisArtifacts';
import { parseBoundary, BoundaryError } from '../../core/profiling/gapAnalysis';
import { analyzeProfile } from '../../core/profiling/profileReport';
import { findProfilingOutputs, type ProfilingOutput } from '../../core/profiling/profilingOutputs';
import { FileProfilingSource } from '../../core/profiling/profilingSource';
import { parseMarkdownManifest } from '../../core/manifest/markdownManifest';
import { parseYamlManifest } from '../../core/manifest/yamlManifest';
import { textOf, type ManifestDocument } from '../../core/manifest/manifestModel';
import type { GapBoundary, TraceIdentity } from '../../shared/timelineProtocol';

export type SaveOutcome = { readonly status: 'saved'; readonly files: string[] } | { readonly status: 'cancelled' } | { readonly status: 'failed'; readonly message: string };

/** Outputs of the identity's files, one per folder (slices and ranks share their folder's CSV tables). */
export async function outputsOf(identity: TraceIdentity): Promise<ProfilingOutput[]> {
  const byDir = new Map<string, ProfilingOutput>();
  for (const file of identity.files) {
    for (const o of await findProfilingOutputs(file)) {
      const known = byDir.get(o.dir);
      byDir.set(o.dir, known ? { ...known, traceFiles: [...known.traceFiles, ...o.traceFiles] } : o);
    }
  }
  return [...byDir.values()];
}

async function readManifest(runRoot: string): Promise<ManifestDocument | undefined> {
  for (const name of ['manifest.md', 'manifest.yaml', 'manifest.yml']) {
    const text = await fs.readFile(path.join(runRoot, name), 'utf8').catch(() => undefined);
    if (text === undefined) continue;
    return name.endsWith('.md') ? parseMarkdownManifest(text) : parseYamlManifest(text);
  }
  return undefined;
}

/** run_id, framework and workload for the artifacts, from the run root's manifest when it has them. */
export async function runMetaOf(runRoot: string): Promise<RunMeta> {
  const doc = await readManifest(runRoot);
  const text = (key: string): string | null => {
    const v = doc ? textOf(doc, key)?.trim() : undefined;
    return v ? v : null;
  };
  return { run_id: text('run_id') ?? path.basename(runRoot), framework: text('framework'), workload: text('dataset') };
}

/**
 * Analyses and writes. confirmOverwrite is asked with the existing files when any would be replaced;
 * answering false leaves everything as it was.
 */
export async function saveAnalysis(identity: TraceIdentity, boundary: GapBoundary, confirmOverwrite: (files: string[]) => Promise<boolean>): Promise<SaveOutcome> {
  const runRoot = identity.runRoot;
  if (!runRoot) return { status: 'failed', message: 'no run root is known for this trace' };
  let b;
  try {
    b = parseBoundary(`${boundary.previous}->${boundary.next}`);
  } catch (e) {
    if (e instanceof BoundaryError) return { status: 'failed', message: e.message };
    throw e;
  }
  const relativeTo = (f: string): string => path.relative(runRoot, f).split(path.sep).join('/') || path.basename(f);
  const result = await analyzeProfile(new FileProfilingSource(await outputsOf(identity)), { boundary: b, relativeTo });
  const meta = await runMetaOf(runRoot);
  let written: string[];
  try {
    written = await writeAnalysisArtifacts(runRoot, result, meta);
  } catch (e) {
    if (!(e instanceof ArtifactExistsError)) return { status: 'failed', message: (e as Error).message };
    if (!(await confirmOverwrite(e.files.map((f) => path.basename(f))))) return { status: 'cancelled' };
    written = await writeAnalysisArtifacts(runRoot, result, meta, { overwrite: true });
  }
  return { status: 'saved', files: written.map(relativeTo) };
}
