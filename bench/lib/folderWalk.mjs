// The floor for run discovery: readdir (with file types) of every folder down to run-root depth, nothing else.
import { promises as fs } from 'node:fs';
import { join } from 'node:path';

const SKIP = new Set(['node_modules', '.git']);

/** Lists every folder of `folder` down to `maxDepth` (runs/<kind>/<id> is depth 3), `concurrency` at a time; returns the folder count. */
export async function walkFolders(folder, { maxDepth = 3, concurrency = 32 } = {}) {
  let level = [folder];
  let count = 0;
  for (let depth = 0; depth <= maxDepth && level.length; depth++) {
    const next = [];
    for (let i = 0; i < level.length; i += concurrency) {
      await Promise.all(
        level.slice(i, i + concurrency).map(async (dir) => {
          const dirents = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
          count++;
          for (const d of dirents) if (d.isDirectory() && !SKIP.has(d.name)) next.push(join(dir, d.name));
        }),
      );
    }
    level = next;
  }
  return count;
}
