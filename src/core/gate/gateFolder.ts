// Reads an env/ folder (or a run root holding one) into the snapshot texts the gate evaluates.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { GateInput } from './gateVerdict';
import { NPU_FILE, SNAPSHOT_COMMANDS } from './snapshotCommands';

/** Snapshots are a few KB; anything this large is not one and is reported instead of read. */
const MAX_SNAPSHOT_BYTES = 16 * 1024 * 1024;

export class GateFolderError extends Error {
  constructor(readonly folder: string, reason: string) {
    super(`${folder}: ${reason}`);
  }
}

const KNOWN = new Set(SNAPSHOT_COMMANDS.filter((c) => !c.file.includes('{npu}')).map((c) => c.file));

function isSnapshotName(name: string): boolean {
  return KNOWN.has(name) || NPU_FILE.test(name);
}

/** The env folder of a path: `<run root>/env` when it exists, else the path itself. */
export async function resolveEnvDir(target: string): Promise<string> {
  const stat = await fs.stat(target).catch(() => null);
  if (!stat) throw new GateFolderError(target, 'no such folder');
  if (!stat.isDirectory()) throw new GateFolderError(target, 'not a folder');
  const env = path.join(target, 'env');
  const envStat = await fs.stat(env).catch(() => null);
  return envStat?.isDirectory() ? env : target;
}

/** Reads every snapshot file the gate knows from `envDir`; unreadable ones are reported, not thrown. */
export async function readGateFolder(envDir: string): Promise<GateInput> {
  let names: string[];
  try {
    names = await fs.readdir(envDir);
  } catch (e) {
    throw new GateFolderError(envDir, (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such folder' : (e as Error).message);
  }
  const files: Record<string, string> = {};
  const unreadable: Record<string, string> = {};
  await Promise.all(
    names.filter(isSnapshotName).map(async (name) => {
      const file = path.join(envDir, name);
      try {
        const stat = await fs.stat(file);
        if (!stat.isFile()) unreadable[name] = 'not a regular file';
        else if (stat.size > MAX_SNAPSHOT_BYTES) unreadable[name] = `too large for a snapshot (${stat.size} bytes)`;
        else files[name] = await fs.readFile(file, 'utf8');
      } catch (e) {
        unreadable[name] = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
      }
    }),
  );
  return { files, unreadable, folder: envDir };
}
