// Which files `xwf validate <paths...>` checks and with what run context: manifests and JSON artifacts of
// the run roots under folders, or files named directly; baselines looked up among the runs around them.
// The CLI and the agent tools both call this.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { artifactKindOf, validateArtifactJsonBytes, type ArtifactKind } from './artifactJson';
import type { Diagnostic } from './diagnostic';
import { toDiagnosticRows, type DiagnosticRow } from './diagnosticReport';
import { tooLargeDiagnostic } from './inputChecks';
import { loadRunContext } from './runContext';
import { validateManifestBytes } from './validateManifest';
import type { Locale } from '../i18n/locale';
import { discoverRuns, readEntries } from '../runs/runDiscovery';
import { MANIFEST_FILE_NAMES, type RunKind } from '../runs/runKinds';
import { inferKind, matchConventionalLayout } from '../runs/runLayout';
import type { RunRecord } from '../runs/runRecord';
import { loadRunRecords } from '../runs/runRecords';
import type { RunRoot } from '../runs/runRoot';
import { DEFAULT_MAX_BYTES } from '../text/textDecoding';

interface Target {
  readonly file: string;
  readonly artifact?: ArtifactKind;
  readonly root?: string;
  readonly kind?: RunKind;
}

export interface ValidatePathsResult {
  readonly rows: DiagnosticRow[];
  readonly filesChecked: number;
  /** Files named directly that are neither a manifest nor a known JSON artifact. */
  readonly skipped: string[];
}

/** A path given that does not exist. */
export class PathNotFoundError extends Error {}

const RUN_ARTIFACTS = ['metrics.json', 'score.json', 'request_config.json', 'analysis.json'];
const MANIFEST_FILE = /\.(md|ya?ml)$/i;

const isManifestName = (name: string) => (MANIFEST_FILE_NAMES as readonly string[]).includes(name);
const segmentsOf = (p: string) => path.resolve(p).split(path.sep).filter(Boolean);

/** The workspace holding a conventional run root (the folder with `runs/` or `profiling/`). */
function workspaceOf(root: string): string | undefined {
  const segments = segmentsOf(root);
  const n = segments.length;
  if (n >= 3 && segments[n - 3] === 'runs' && matchConventionalLayout(segments)?.kind === segments[n - 2]) return path.resolve(root, '../../..');
  if (n >= 2 && segments[n - 2] === 'profiling') return path.resolve(root, '../..');
  return undefined;
}

function kindOfRoot(root: string, entries: readonly string[]): RunKind {
  const segments = segmentsOf(root);
  return matchConventionalLayout(segments)?.kind ?? inferKind(segments, entries.map((e) => e.replace(/\/$/, '')));
}

function targetsOfRun(run: RunRoot): Target[] {
  const targets: Target[] = [];
  if (run.manifestPath) targets.push({ file: run.manifestPath, root: run.root, kind: run.kind });
  for (const name of RUN_ARTIFACTS) {
    if (run.inventory.entries.includes(name)) targets.push({ file: path.join(run.root, name), artifact: artifactKindOf(name), root: run.root, kind: run.kind });
  }
  return targets;
}

async function targetsOfFolder(folder: string): Promise<{ targets: Target[]; runs: RunRoot[] }> {
  const { runs } = await discoverRuns(folder);
  const targets = runs.flatMap(targetsOfRun);
  const entries = await readEntries(folder);
  if (!runs.length) {
    // A run root given directly, outside a conventional layout.
    const manifest = MANIFEST_FILE_NAMES.find((n) => entries.includes(n));
    if (manifest) {
      const kind = kindOfRoot(folder, entries);
      targets.push({ file: path.join(folder, manifest), root: folder, kind });
      for (const name of RUN_ARTIFACTS) if (entries.includes(name)) targets.push({ file: path.join(folder, name), artifact: artifactKindOf(name), root: folder, kind });
    }
  }
  for (const name of ['config.json', 'config.example.json']) if (entries.includes(name)) targets.push({ file: path.join(folder, name), artifact: 'config' });
  return { targets, runs };
}

async function targetOfFile(file: string): Promise<Target | undefined> {
  const name = path.basename(file);
  const root = path.dirname(file);
  const artifact = artifactKindOf(name);
  if (!artifact && !MANIFEST_FILE.test(name)) return undefined;
  const entries = await readEntries(root).catch(() => [] as string[]);
  const inRunRoot = entries.some(isManifestName) || !!matchConventionalLayout(segmentsOf(root));
  return { file, artifact, root: inRunRoot ? root : undefined, kind: inRunRoot ? kindOfRoot(root, entries) : undefined };
}

async function diagnosticsOf(target: Target, locale: Locale, runs: ReadonlyMap<string, RunRecord> | undefined): Promise<Diagnostic[]> {
  const stat = await fs.stat(target.file);
  // Never read a huge file into memory just to refuse it.
  if (stat.size > DEFAULT_MAX_BYTES) return [tooLargeDiagnostic(stat.size, DEFAULT_MAX_BYTES, locale)];
  const bytes = await fs.readFile(target.file);
  if (target.artifact) return validateArtifactJsonBytes(target.artifact, bytes, { locale });
  const context = target.root ? await loadRunContext(target.root, { kind: target.kind, runs }) : { runKind: target.kind, runs };
  return validateManifestBytes(bytes, { fileName: target.file, locale, context });
}

/** Paths relative to the working folder when inside it, '/'-separated. */
export function displayPath(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  return (rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file).split(path.sep).join('/');
}

/** Validates files and folders (resolved against cwd) into diagnostic rows, in file then document order. */
export async function validatePaths(paths: readonly string[], options: { cwd: string; locale: Locale }): Promise<ValidatePathsResult> {
  const targets: Target[] = [];
  const runRoots: RunRoot[] = [];
  const workspaces = new Set<string>();
  const skipped: string[] = [];
  for (const arg of paths) {
    const abs = path.resolve(options.cwd, arg);
    const stat = await fs.stat(abs).catch(() => undefined);
    if (!stat) throw new PathNotFoundError(`${arg}: no such file or folder`);
    if (stat.isDirectory()) {
      const found = await targetsOfFolder(abs);
      targets.push(...found.targets);
      runRoots.push(...found.runs);
    } else {
      const t = await targetOfFile(abs);
      if (!t) skipped.push(displayPath(abs, options.cwd));
      const ws = t?.root ? workspaceOf(t.root) : undefined;
      if (t) targets.push(t);
      if (ws) workspaces.add(ws);
    }
  }
  for (const ws of workspaces) runRoots.push(...(await discoverRuns(ws).then((r) => r.runs, () => [] as RunRoot[])));
  const seenRoots = new Set<string>();
  const uniqueRuns = runRoots.filter((r) => !seenRoots.has(r.root) && seenRoots.add(r.root));
  const runs = uniqueRuns.length ? await loadRunRecords(uniqueRuns) : undefined;
  const rows: DiagnosticRow[] = [];
  const seen = new Set<string>();
  for (const t of targets) {
    if (seen.has(t.file)) continue;
    seen.add(t.file);
    rows.push(...toDiagnosticRows(displayPath(t.file, options.cwd), await diagnosticsOf(t, options.locale, runs)));
  }
  return { rows, filesChecked: seen.size, skipped };
}
