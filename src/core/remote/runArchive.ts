// Unpacks a run folder streamed as tar into the local run root, refusing any entry that could land outside it.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { Readable } from 'node:stream';
import { x as extract, type ReadEntry } from 'tar';
import { RUN_PATHS, type RemoteRunKind } from './remoteLayout';
import { RemoteError } from './remoteMessages';
import type { SshTransport } from './sshTransport';

export interface RefusedEntry {
  readonly path: string;
  readonly reason: string;
}

export interface ExtractResult {
  readonly files: number;
  readonly bytes: number;
  readonly refused: readonly RefusedEntry[];
}

/** Why an archive entry may not be written under the root, or null when it is safe. */
export function entryProblem(entryPath: string, type: string): string | null {
  if (entryPath.includes('\0')) return 'contains a NUL byte';
  if (path.isAbsolute(entryPath) || /^[A-Za-z]:[\\/]/.test(entryPath) || entryPath.startsWith('\\')) return 'absolute path';
  const parts = entryPath.split(/[\\/]+/).filter((p) => p && p !== '.');
  if (parts.includes('..')) return "climbs out with '..'";
  // Links are how an archive redirects a later entry outside the root; run artifacts never need them.
  if (type === 'SymbolicLink' || type === 'Link') return 'is a link';
  if (type !== 'File' && type !== 'OldFile' && type !== 'Directory' && type !== 'ContiguousFile') return `unsupported entry type ${type}`;
  return null;
}

/** Extracts `archive` into `root` (created if needed); refused entries are skipped and reported, never written. */
export async function extractRunArchive(archive: Readable, root: string): Promise<ExtractResult> {
  archive.pause();
  return (await archiveExtractor(root))(archive);
}

/**
 * Prepares the root first, so the returned function attaches to the stream at once: a subprocess stream left
 * unread while the folder is being made can be ended by its owner before anyone reads it.
 */
export async function archiveExtractor(root: string): Promise<(archive: Readable) => Promise<ExtractResult>> {
  await fs.mkdir(root, { recursive: true });
  const realRoot = await fs.realpath(root);
  return (archive) => extractInto(archive, realRoot);
}

function extractInto(archive: Readable, realRoot: string): Promise<ExtractResult> {
  const refused: RefusedEntry[] = [];
  let files = 0;
  let bytes = 0;
  const unpack = extract({
    cwd: realRoot,
    // Never take owners, special modes or absolute paths from the archive, whoever runs this.
    preserveOwner: false,
    preservePaths: false,
    noMtime: false,
    strict: false,
    filter: (p: string, entry: unknown) => {
      const e = entry as ReadEntry;
      const problem = entryProblem(p, e.type);
      if (problem) {
        refused.push({ path: p, reason: problem });
        return false;
      }
      // Belt and braces: the resolved target must stay inside the root.
      const target = path.resolve(realRoot, p);
      if (target !== realRoot && !target.startsWith(realRoot + path.sep)) {
        refused.push({ path: p, reason: 'resolves outside the run root' });
        return false;
      }
      if (e.type === 'File' || e.type === 'OldFile' || e.type === 'ContiguousFile') {
        files++;
        bytes += e.size ?? 0;
      }
      return true;
    },
    onwarn: (_code: string, message: string, data: unknown) => {
      const p = (data as { path?: string } | undefined)?.path;
      if (p && !refused.some((r) => r.path === p)) refused.push({ path: p, reason: message });
    },
  });
  // An empty stream (nothing to send) is an empty archive, not a broken one.
  let received = 0;
  // Unpack signals 'close' only once every file is written; 'finish' comes earlier.
  return new Promise<ExtractResult>((resolve, reject) => {
    const fail = (e: unknown) => {
      if (received === 0 && /TAR_BAD_ARCHIVE|Unrecognized archive/.test(String((e as Error).message))) resolve({ files, bytes, refused });
      else reject(e);
    };
    unpack.on('close', () => resolve({ files, bytes, refused }));
    unpack.on('error', fail);
    archive.on('error', fail);
    archive.on('data', (chunk: Buffer) => void (received += chunk.length));
    archive.pipe(unpack);
  });
}

/** Streams the run folder (or one sub-folder) as tar. Vars: RUN_KIND, RUN_ID, SUBDIR ('' for all). */
export const PACK_RUN = `${RUN_PATHS}
cd "$RUN" || exit 4
if [ -n "$SUBDIR" ]; then [ -e "$SUBDIR" ] || exit 0; exec tar -cf - -- "$SUBDIR"; fi
exec tar -cf - .
`;

export interface FetchTarget {
  readonly kind: RemoteRunKind;
  readonly runId: string;
  /** One sub-folder of the run folder (e.g. `env`), or the whole folder when omitted. */
  readonly subdir?: string;
}

/** Fetches a remote run folder into `root` as one tar stream over the transport's connection. */
export async function fetchRunFolder(transport: SshTransport, target: FetchTarget, root: string, signal?: AbortSignal): Promise<ExtractResult> {
  let extracted: ExtractResult = { files: 0, bytes: 0, refused: [] };
  const extract = await archiveExtractor(root);
  const r = await transport.download(
    PACK_RUN,
    { step: `fetch ${target.subdir || 'run'}`, vars: { RUN_KIND: target.kind, RUN_ID: target.runId, SUBDIR: target.subdir ?? '' }, signal },
    async (stdout) => {
      extracted = await extract(stdout);
    },
  );
  // GNU tar exits 1 when a file changed while it was read (a log still being written): the archive is whole.
  if (r.exitCode !== 0 && r.exitCode !== 1) throw new RemoteError('remote_failed', ['fetch', r.exitCode, r.stderr.trim()]);
  return extracted;
}
