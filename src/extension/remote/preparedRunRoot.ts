// What a remote run needs to know about the manifest it starts from: its run_id and the kind its place implies.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { textOf } from '../../core/manifest/manifestModel';
import { parseManifestFile } from '../../core/manifest/manifestFields';
import type { RemoteRunKind } from '../../core/remote/remoteLayout';

/** run_id of a manifest file, or undefined when it has none (the engine then reports the problem). */
export async function manifestRunId(manifestPath: string): Promise<string | undefined> {
  const text = await fs.readFile(manifestPath, 'utf8');
  return textOf(parseManifestFile(text, manifestPath), 'run_id');
}

/** The run kind a manifest's place implies: runs/accuracy/ and profiling/ hold those kinds, anything else is perf. */
export function kindOfManifest(workspaceDir: string, manifestPath: string): RemoteRunKind {
  const rel = path.relative(workspaceDir, manifestPath).split(path.sep).join('/');
  if (rel.startsWith('runs/accuracy/')) return 'accuracy';
  if (rel.startsWith('profiling/')) return 'profiling';
  return 'perf';
}
