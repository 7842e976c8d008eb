// Writes a file so readers see either the old or the new content, never a half-written one.
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/**
 * Writes `text` (UTF-8) to `filePath` through a temporary file in the same folder, flushed and then
 * renamed over the target (rename is atomic within one file system). Keeps the mode of an existing file.
 */
export async function writeFileAtomic(filePath: string, text: string): Promise<void> {
  const dir = path.dirname(filePath);
  const tmp = path.join(dir, `.${path.basename(filePath)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  const mode = await fs.stat(filePath).then((s) => s.mode & 0o7777, () => undefined);
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(tmp, 'wx', mode ?? 0o666);
    await handle.writeFile(text, 'utf8');
    await handle.sync();
    await handle.close();
    handle = undefined;
    if (mode !== undefined) await fs.chmod(tmp, mode); // open's mode is filtered by the umask
    await fs.rename(tmp, filePath);
  } catch (e) {
    await handle?.close().catch(() => undefined);
    await fs.unlink(tmp).catch(() => undefined);
    throw e;
  }
}
