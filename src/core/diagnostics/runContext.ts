// Fills a ValidationContext from disk (run-root listing, metrics.json, score.json, the workspace's other manifests) for Node faces.
import { existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { ManifestDocument } from '../manifest/manifestModel';
import { textOf } from '../manifest/manifestModel';
import type { RunKind } from '../runs/runKinds';
import type { RunRoot } from '../runs/runRoot';
import { decodeText, DEFAULT_MAX_BYTES } from '../text/textDecoding';
import type { ValidationContext } from './validationContext';
import { parseManifest } from './validateManifest';

export interface ListOptions {
  /** Folder levels below the run root (PROF_x/mindstudio_profiler_output needs 2). */
  readonly maxDepth?: number;
  /** Stop listing after this many entries: a run root with a huge raw dump stays cheap. */
  readonly maxEntries?: number;
}

const SKIP = new Set(['node_modules', '.git']);

/** Paths under a run root, '/'-separated, folders ending in '/', breadth-first and bounded. */
export async function listRunRoot(root: string, options: ListOptions = {}): Promise<string[]> {
  const maxDepth = options.maxDepth ?? 3;
  const maxEntries = options.maxEntries ?? 5000;
  const out: string[] = [];
  let level: string[] = [''];
  for (let depth = 0; depth <= maxDepth && level.length && out.length < maxEntries; depth++) {
    const next: string[] = [];
    for (const rel of level) {
      let dirents;
      try {
        dirents = await fs.readdir(path.join(root, rel), { withFileTypes: true });
      } catch {
        continue;
      }
      dirents.sort((a, b) => a.name.localeCompare(b.name));
      for (const d of dirents) {
        if (out.length >= maxEntries) break;
        const child = rel ? `${rel}/${d.name}` : d.name;
        let isDir = d.isDirectory();
        if (d.isSymbolicLink()) isDir = await fs.stat(path.join(root, child)).then((s) => s.isDirectory(), () => false);
        if (isDir) {
          out.push(`${child}/`);
          if (!SKIP.has(d.name) && !d.isSymbolicLink()) next.push(child);
        } else {
          out.push(child);
        }
      }
    }
    level = next;
  }
  return out;
}

/** A JSON object file: the object, null when the file is absent, undefined when unreadable or not an object. */
export async function readJsonObject(file: string): Promise<Record<string, unknown> | null | undefined> {
  let bytes: Buffer;
  try {
    const stat = await fs.stat(file);
    if (!stat.isFile() || stat.size > DEFAULT_MAX_BYTES) return undefined;
    bytes = await fs.readFile(file);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'ENOENT' ? null : undefined;
  }
  const decoded = decodeText(bytes);
  if (!decoded.ok) return undefined;
  try {
    const v: unknown = JSON.parse(decoded.text);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** Reads and parses a manifest file; undefined when it cannot be read as text. */
export async function readManifest(file: string): Promise<ManifestDocument | undefined> {
  try {
    const stat = await fs.stat(file);
    if (stat.size > DEFAULT_MAX_BYTES) return undefined;
    const decoded = decodeText(await fs.readFile(file));
    return decoded.ok ? parseManifest(decoded.text, file) : undefined;
  } catch {
    return undefined;
  }
}

/** The manifests of runs by run_id (the manifest's own, else the folder name); the first of two equal ids wins. */
export async function loadRunManifests(runs: readonly RunRoot[]): Promise<Map<string, ManifestDocument>> {
  const map = new Map<string, ManifestDocument>();
  for (const run of runs) {
    if (!run.manifestPath) continue;
    const doc = await readManifest(run.manifestPath);
    if (!doc) continue;
    const id = textOf(doc, 'run_id') ?? run.runId;
    if (!map.has(id)) map.set(id, doc);
    if (!map.has(run.runId)) map.set(run.runId, doc);
  }
  return map;
}

/** Everything the cross-file rules need about one run root. */
export async function loadRunContext(
  root: string,
  options: { kind?: RunKind; runs?: ValidationContext['runs']; list?: ListOptions } = {},
): Promise<ValidationContext> {
  const entries = await listRunRoot(root, options.list);
  const exists = (rel: string) => entries.includes(rel) || entries.includes(`${rel}/`) || entries.some((e) => e.startsWith(`${rel}/`));
  const [metrics, score] = await Promise.all([readJsonObject(path.join(root, 'metrics.json')), readJsonObject(path.join(root, 'score.json'))]);
  return {
    runKind: options.kind,
    runId: path.basename(root),
    entries,
    // Deeper than the listing: ask the file system (synchronously known entries first).
    exists: (rel) => exists(rel) || existsSync(path.join(root, rel)),
    metrics,
    score,
    runs: options.runs,
  };
}
